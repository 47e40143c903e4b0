"""Headless Chromium from Debian (``scripts/install-system-deps.sh``), as the
tests, the benchmark and ``make pdf`` launch it through Playwright; Playwright's
own browser download is not used.

It is Debian's ``chromium-headless-shell``: the same Chromium (same version, fonts
and rendering) without the desktop browser around it, the build Playwright itself
runs for headless pages. The full ``chromium`` in headless mode starts the browser's
own WebUI renderer and compositor as well, and spent about three times the CPU on
the same browser tests (tests/test_accessibility.py: 148 against 51 CPU seconds).
Lighthouse keeps the full ``chromium`` (quality/lighthouse.py), the browser a reader has.
"""

CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
