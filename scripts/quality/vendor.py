"""Vendored browser libraries: npm packages bundled into one file the site serves itself.

The site build needs only Python, so the bundle is committed under
``docs/assets/vendor/``; this module makes it from ``node_modules`` (the
version pinned in package-lock.json) with esbuild, also pinned. A test bundles
again and checks the committed file is byte for byte what the pinned packages
give (``tests/test_vendor.py``).

One file, a classic script that sets a global, rather than the package's ES
modules: module scripts do not load from ``file://`` pages (the offline bundle).

    python -m quality.vendor      # rewrite docs/assets/vendor/ (make vendor)
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from quality import NODE_MODULES, ROOT

VENDOR_DIR = ROOT / "docs" / "assets" / "vendor"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"


@dataclass(frozen=True)
class Vendored:
    package: str      # npm package name
    entry: str        # file in the package that the bundle starts from
    global_name: str  # what the served script defines on window
    served: str       # file name under docs/assets/vendor/


# @cfworker/json-schema interprets schemas: it never compiles them with eval or
# new Function (Cloudflare Workers forbid both), so it runs under the site's
# script-src 'self' policy, which Ajv's compiling validator does not.
JSON_SCHEMA = Vendored("@cfworker/json-schema", "dist/esm/index.js", "KbJsonSchema", "cfworker-json-schema.js")
VENDORED = (JSON_SCHEMA,)


def package_version(package: str) -> str:
    """The version installed in node_modules (npm ci installs package-lock.json's)."""
    return json.loads((NODE_MODULES / package / "package.json").read_text(encoding="utf-8"))["version"]


def banner(item: Vendored) -> str:
    return (f"/*! {item.package} {package_version(item.package)} (MIT licence, see {item.served}.LICENSE.txt);"
            f" bundled by esbuild {package_version('esbuild')} as window.{item.global_name} (python -m quality.vendor) */")


def bundle(item: Vendored, out: Path) -> Path:
    """Bundle ``item`` into ``out`` with esbuild (deterministic for fixed versions)."""
    subprocess.run([str(ESBUILD), str(NODE_MODULES / item.package / item.entry), "--bundle", "--format=iife",
                    f"--global-name={item.global_name}", "--target=es2019", "--minify", "--legal-comments=none",
                    f"--banner:js={banner(item)}", f"--outfile={out}", "--log-level=warning"],
                   check=True, cwd=ROOT)
    return out


def main() -> int:
    for item in VENDORED:
        path = bundle(item, VENDOR_DIR / item.served)
        print(f"{path.relative_to(ROOT)} ← {item.package} {package_version(item.package)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
