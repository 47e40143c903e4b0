"""Run the Nu HTML Checker (vnu.jar from the npm package vnu-jar) on pages, and on stylesheets
in its CSS mode (the W3C CSS validator inside it)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from quality import NODE_MODULES

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A check is one short run: the JIT's optimising compiler (C2) and the parallel collector cost more
# CPU than they save there. Client compiler only and the serial collector: the same messages, byte for
# byte, on the test library's pages for 1.9 instead of 4.9 CPU seconds. C1 code takes more stack, and
# the checker's schema needs at least 512 KB of it (it says so when short): 2 MB.
JAVA_OPTIONS = ("-Xss2m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def html_errors(pages: list[Path]) -> list[dict]:
    """Every message of type ``error`` for the given files (one Java process)."""
    return _errors(pages)


def css_errors(stylesheets: list[Path]) -> list[dict]:
    """Every message of type ``error`` for the given stylesheets (one Java process). An unclosed
    block is a ``CSS: Parse Error.`` at the end of its file: the checker reads the file as the
    content of a <style> element, whose end tag then falls inside the block. No message is filtered:
    at 26.9.27 the checker knows all the modern CSS the parts use (custom properties, :is(), :has(),
    content-visibility, inset, min(), @page names); filter a message here, with its reason, only if
    a later version flags valid CSS."""
    return _errors(stylesheets, "--css")


def _errors(files: list[Path], *options: str) -> list[dict]:
    if not files:
        return []
    result = subprocess.run(["java", *JAVA_OPTIONS, "-jar", str(VNU_JAR), *options, "--errors-only", "--format", "json",
                             "--exit-zero-always", *map(str, files)], capture_output=True, text=True, check=True)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [m for m in messages if m.get("type") == "error"]
