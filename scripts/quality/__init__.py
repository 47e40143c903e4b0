"""Quality gates run on the built site: each wraps a tool the web world trusts.

    links.py       every internal link and anchor in site/ resolves (own crawler, html.parser)
    vnu.py         the Nu HTML Checker (npm vnu-jar, Java) over generated pages
    lighthouse.py  Lighthouse mobile scores; writes them into BENCHMARKS.md

axe-core is injected by the browser tests (tests/test_quality.py).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
