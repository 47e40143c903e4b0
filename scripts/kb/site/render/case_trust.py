"""The 审核与修订 section of a case page: review state and trail, rights, 数据截至, 修订记录.

The state also shows in the page's card (:func:`review_badge`), the case list and
search (:mod:`kb.search.source`); all of them take it from :func:`kb.model.trust.review_state`.
修订记录 comes from git at build time (:mod:`kb.site.history`), handed in by the generator.
"""

from __future__ import annotations

from kb.model.case import Case
from kb.model.trust import REVIEW_STATES, SOURCE_TEXTS_NOTE, review_state, rights_line
from kb.site.history import History, Revision
from kb.site.incremental import per_case
from kb.site.render.safe_text import inline

HEADING = "审核与修订"
ANCHOR = "trust"  # the section's id (the heading's own would change with its wording)
FILTER_COLUMN = "审核"  # the case list's column of review states, which its filter reads
NO_HISTORY = "修订记录暂不可用：这份网站不是从 git 仓库构建的（例如从压缩包解压的副本），看不到案例文件的提交历史。"
NOT_COMMITTED = "这个案例文件还没有提交到仓库，暂无修订记录。"


def review_badge(case: Case) -> str:
    """The state as the card shows it: ``已核实（兴山县委组织部，2026-12-07）``."""
    state = review_state(case)
    return state.label if state.last is None else inline(f"{state.label}（{state.last.by}，{state.last.date}）")


def data_as_of(case: Case) -> str:
    """数据截至: the date of the source its figures come from (every figure of a case has the one source)."""
    if not case.results:
        return "本案例没有成效数据。"
    if not case.source.date:
        return "来源没有注明日期。"
    return f"{case.source.date}（成效数据来源的日期，数据不晚于这一天）"


@per_case
def render_case_trust(case: Case, revisions: tuple[Revision, ...] | None) -> str:
    """``revisions``: the file's commits, newest first; None when the build has no git history."""
    state = review_state(case)
    # in a block of its own: rendered with the page, not skipped as its top-level blocks are when out of
    # view (content-visibility, docs/assets/css/10-base.css); a long 修订记录 would otherwise be
    # estimated far too short, and the footer would sit over the links after it until scrolled to
    lines = [f"## {HEADING} {{ #{ANCHOR} }}", "", '<div class="kb-trust" markdown>', ""]
    if state.stale:
        lines += ['!!! warning "修改后待复核"', "", f"    {inline(state.describe())}", ""]
    lines.append(f"- 审核状态：{inline(state.describe())}")
    lines += [f"    - {inline(r.date)} {inline(r.stage)}：{inline(r.by)}（{inline('、'.join(r.checked))}）"
              for r in reversed(case.reviews)]
    rights = rights_line(case)
    lines.append(f"- 使用权利：{inline(rights) if rights else '案例文件没有写明'}。{SOURCE_TEXTS_NOTE}")
    lines.append(f"- 数据截至：{inline(data_as_of(case))}")
    lines += ["", "**修订记录**", ""]
    if revisions is None:
        lines.append(NO_HISTORY)
    elif not revisions:
        lines.append(NOT_COMMITTED)
    else:
        lines += [f"- {inline(r.date)}：{inline(r.message)}" for r in revisions]
    return "\n".join([*lines, "", "</div>"])


def case_revisions(history: History, case: Case) -> tuple[Revision, ...] | None:
    return history.of(case.path) if history.available else None


def review_filter_attributes() -> str:
    """The case list's filter by review state (docs/assets/sortable-table.js), the states in their order."""
    return f'class="kb-filterable" data-kb-filter="{FILTER_COLUMN}" data-kb-filter-order="{"|".join(REVIEW_STATES)}"'
