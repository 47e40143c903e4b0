"""Headless Chromium from Debian (``scripts/install-system-deps.sh``), as the
tests and ``make pdf`` launch it through Playwright; Playwright's own browser
download is not used."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
