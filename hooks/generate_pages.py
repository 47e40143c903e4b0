"""MkDocs hook: regenerate the pages from cases/ before each build.

Thin on purpose: it calls the same plain-Python generator as ``make build``,
so ``mkdocs serve`` live-reloads when a case changes, and the site stays
portable to MkDocs successors that read plain Markdown folders.

Under ``make serve`` (``KB_SERVE_SEARCH=1``) it also indexes each rebuilt
preview for search: ``mkdocs serve`` builds into a temporary folder that the
``make build`` step (``python -m kb.search_index site``) never sees.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from kb.cli import default_cases_dir  # noqa: E402
from kb.generate import InvalidCases, OutputOverlapsCases, generate  # noqa: E402
from kb.search_index import build_search_index  # noqa: E402


@event_priority(100)  # before any other plugin looks at the pages
def on_config(config):
    try:
        generate(cases_dir=default_cases_dir(), out_dir=Path(config.docs_dir))
    except (InvalidCases, OutputOverlapsCases) as error:
        raise Abort(str(error)) from None
    return config


def on_post_build(config):
    if os.environ.get("KB_SERVE_SEARCH") == "1":
        try:
            build_search_index(Path(config.site_dir))
        except RuntimeError as error:
            raise Abort(str(error)) from None
