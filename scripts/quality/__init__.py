"""Quality gates run on the built site: each wraps a tool the web world trusts.

    link_check.py  every internal link and anchor in site/ resolves (own crawler, html.parser)
    vnu.py         the Nu HTML Checker (npm vnu-jar, Java) over generated pages, and in its CSS mode over the project's CSS
    stylelint.py   stylelint (npm, config stylelint.config.mjs) over the project's CSS
    lighthouse.py  Lighthouse mobile scores; writes them into BENCHMARKS.md
    suite.py       make test's two pytest runs: Lighthouse's gate beside the rest, which yields the CPU to it

axe-core is injected by the browser tests (tests/test_quality.py).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


def project_stylesheets() -> list[Path]:
    """The CSS the project writes, which the CSS gates check: the stylesheet's parts (docs/assets/css/)
    and the handouts' handout.css; not the bundled libraries of docs/assets/vendor/. The joined
    assets/kb.css is generated into build/ and site/ (kb.site.stylesheet) and checked as its parts."""
    vendor = ROOT / "docs" / "assets" / "vendor"
    return sorted(path for folder in ("docs", "overrides") for path in (ROOT / folder).rglob("*.css")
                  if not path.is_relative_to(vendor))
