"""The 草稿 preview page of a draft that still has problems (``make serve`` only,
:mod:`kb.site.draft_preview`): the case page with a banner listing each problem and its line.

Problem texts quote the case (a bad URL, a category), so they are escaped like any case text.
"""

from __future__ import annotations

from kb.model.vocab import Category
from kb.site.draft_preview import DraftPreview
from kb.site.render.case_page import render_case_page
from kb.site.render.safe_text import inline


def render_banner(preview: DraftPreview) -> str:
    problems = preview.problems
    lines = [f'!!! danger kb-draft-banner "草稿预览：还有 {len(problems)} 个问题"', "",
             f"    这个页面只在 `make serve` 的预览中出现。案例文件 `{inline(preview.case.path)}` 是草稿"
             "（status: draft），下面的问题改好以前，`make build`、自动检查和发布的网站都会拒绝它。", ""]
    lines += [f"    - 第 {p.line} 行 · {inline(p.field)}：{inline(p.message)}" + (f"（{inline(p.hint)}）" if p.hint else "")
              for p in problems]
    return "\n".join(lines)


def render_draft_page(preview: DraftPreview, categories: dict[str, Category]) -> str | None:
    """The page, or None when the draft's values cannot fill a case page yet (an unknown category)."""
    try:
        page = render_case_page(preview.case, categories)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    head, title, rest = page.partition("{ .kb-case }\n")
    return head + title + "\n" + render_banner(preview) + "\n" + rest


def render_draft_list(previews: list[DraftPreview]) -> str:
    """The section added to 全部案例 in the preview, so the drafts can be found."""
    lines = ["", "## 草稿预览", "", "只在 `make serve` 的预览中显示：这些草稿还有问题，发布的网站不会收录。", ""]
    lines += [f"- [{inline(p.case.title)}]({p.case.id}.md)（{len(p.problems)} 个问题）" for p in previews]
    return "\n".join(lines) + "\n"
