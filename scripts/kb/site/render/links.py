"""Relative Markdown links between generated pages.

Every index view lives one folder below the site root (``practices/index.md``,
``regions/hubei.md`` …), so links to cases from there start with ``../``;
MkDocs checks each of them in the strict build.
"""

from __future__ import annotations

from kb.model.case import Case
from kb.site.render.case_page import practice_anchor
from kb.site.render.safe_text import inline


def case_href(case: Case, practice_index: int | None = None) -> str:
    anchor = f"#{practice_anchor(practice_index)}" if practice_index is not None else ""
    return f"../cases/{case.id}.md{anchor}"


def case_link(case: Case) -> str:
    return f"[{inline(case.title)}]({case_href(case)})"


def place(case: Case) -> str:
    """``湖北省兴山县``: province and county, escaped for Markdown."""
    return inline(case.region.province + case.region.county)
