"""``/compare/``: two to four cases side by side, and the data its script reads.

The page itself is a shell (``compare/index.md``) that loads its own script,
``docs/assets/kb-compare.js``, which reads ``?cases=<id>,<id>`` and builds the table in the reader's browser. Each
case has its own small data file, ``compare/data/<id>.js``, so a comparison
loads only the cases it shows (the cost of a page does not grow with the
library). The data is a script file, not JSON, because browsers refuse
``fetch()`` of local files: loaded with a ``<script>`` element it works from
the web server and from the unzipped offline bundle (``file://``) alike. A case
id that has no file fails to load and is listed as “未找到”.

Every value in the data is plain text (shown with ``textContent``), except the
two parts of the reading packet, ``handout`` and ``questions_html``: HTML made
by the build from the case's handout (:func:`kb.site.render.handout.render_packet_parts`,
the printed handout's renderer, whose escaping is the handout page's), which the
tray's reading packet (:mod:`kb.site.render.packet`) puts together. JSON string
literals are valid JavaScript, and the file holds nothing else but one
assignment, so no case text can become code.
"""

from __future__ import annotations

import dataclasses
import json
from html import escape
from typing import Any

from kb.model.case import CASE_FIELDS, COMPARE, ID_PATTERN, STATUS_LABELS, Case
from kb.model.vocab import Category, evidence_label
from kb.site.render.handout import render_packet_parts
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import plain
from kb.site.urls import page_url

COMPARE_PAGE = "compare/index.md"
# How many cases a comparison shows at most (the tray holds as many).
MAX_CASES = 4
# The names kb-compare.js reads for two fields.
RECORD_KEYS = {"learning_objectives": "objectives", "discussion_questions": "questions"}


def compare_data_path(case_id: str) -> str:
    """The data file of one case, relative to the site root."""
    return f"compare/data/{case_id}.js"


def compare_record(case: Case, categories: dict[str, Category]) -> dict[str, Any]:
    """What the comparison and the reading packet show of one case, as plain text: every field
    declared to show there (``COMPARE`` in :data:`kb.model.case.CASE_FIELDS`), then what the
    page derives from the case."""
    fields = {RECORD_KEYS.get(spec.name, spec.name): _shown(case, spec.name, categories)
              for spec in CASE_FIELDS if COMPARE in spec.shows}
    return {**fields,
            "url": page_url(f"cases/{case.id}.md"),
            "county": plain(case.region.county),
            "status_label": STATUS_LABELS[case.status],
            **render_packet_parts(case)}


def _shown(case: Case, name: str, categories: dict[str, Category]) -> Any:
    """A field's value as the comparison shows it: region, practices, results and source in the
    shapes kb-compare.js reads, any other as :func:`plain_data`."""
    value = getattr(case, name)
    if name == "region":
        return plain(value.label)
    if name == "practices":
        return [{"name": plain(p.name), "summary": plain(p.summary), "category": p.category,
                 "category_label": categories[p.category].label} for p in value]
    if name == "results":
        return [{"indicator": plain(r.indicator), "figure": plain(r.figure), "note": plain(r.note),
                 "evidence_label": evidence_label(r.evidence)} for r in value]
    if name == "source":
        return {"title": plain(value.title), "publisher": plain(value.publisher), "date": plain(value.date)}
    return plain_data(value)


def plain_data(value: Any) -> Any:
    """Text as plain text, a list item by item, a record (a nested field's dataclass) field by field."""
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, tuple):
        return [plain_data(item) for item in value]
    if dataclasses.is_dataclass(value):
        return {item.name: plain_data(getattr(value, item.name)) for item in dataclasses.fields(value)}
    return value


def render_compare_data(case: Case, categories: dict[str, Category]) -> str:
    """``compare/data/<id>.js``: one assignment of the case's record."""
    record = json.dumps(compare_record(case, categories), ensure_ascii=False, separators=(",", ":"))
    # U+2028/2029 end a line in older JavaScript engines; escaped they are the same text.
    record = record.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.kbCaseData=window.kbCaseData||{{}};window.kbCaseData[{json.dumps(case.id)}]={record};\n"


def render_compare_page(categories: dict[str, Category]) -> str:
    """The page shell; the category order (``data-kb-categories``) lines the practices up row by row."""
    order = " ".join(categories)
    return "\n".join([
        front_matter(title="案例对照", description="把两到四个案例并排对照：地区、背景、按分类排列的做法、关键数据、启示和讨论题。",
                     hide=["navigation", "toc"]),
        "",
        "# 案例对照",
        "",
        f"把 2—{MAX_CASES} 个案例并排放在一起：同一类做法排在同一行，某个案例没有这类做法时，它的格子标明“无此类做法”。"
        "在案例页、[全部案例](../cases/index.md)列表或搜索结果中点“加入对照”选择案例，"
        "再点页面上方的“对照”打开。这个页面的网址可以复制给别人，打开后看到的是同一组案例。",
        "",
        f'<div class="kb-compare" data-kb-compare data-kb-categories="{order}" data-kb-max="{MAX_CASES}" '
        f'data-kb-id-pattern="{escape(ID_PATTERN)}">',
        '<p class="kb-compare__status" role="status">对照表需要浏览器启用 JavaScript 才能显示。</p>',
        "</div>",
        # one folder below the root, online (compare/) and offline (compare/index.html) alike
        '<script defer src="../assets/kb-compare.js"></script>',
        "",
    ])


def render_compare_files(cases: list[Case], categories: dict[str, Category]) -> dict[str, bytes]:
    files = {COMPARE_PAGE: render_compare_page(categories)}
    files.update({compare_data_path(case.id): render_compare_data(case, categories) for case in cases})
    return {path: text.encode("utf-8") for path, text in files.items()}
