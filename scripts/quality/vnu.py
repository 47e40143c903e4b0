"""Run the Nu HTML Checker (vnu.jar from the npm package vnu-jar) on pages."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from quality import NODE_MODULES

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(pages: list[Path]) -> list[dict]:
    """Every message of type ``error`` for the given files (one Java process)."""
    if not pages:
        return []
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always",
                             *map(str, pages)], capture_output=True, text=True, check=True)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [m for m in messages if m.get("type") == "error"]
