"""The preview's pages of case files that still have problems (``make serve`` only,
:mod:`kb.site.draft_preview`): a draft's case page with a 草稿 banner listing each problem
and its line, and for a case or module file that cannot be shown as its page, a page listing its problems.

Problem texts quote the case (a bad URL, a category), so they are escaped like any case text.
"""

from __future__ import annotations

import re

from kb.check.problems import Problem
from kb.model.case import ID_PATTERN
from kb.model.vocab import Category
from kb.site.draft_preview import DraftPreview, ProblemFile
from kb.site.render.case_page import render_case_page
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline

def problem_lines(problems: list[Problem]) -> list[str]:
    return [f"    - 第 {p.line} 行 · {inline(p.field)}：{inline(p.message)}" + (f"（{inline(p.hint)}）" if p.hint else "")
            for p in problems]


def render_banner(preview: DraftPreview) -> str:
    problems = preview.problems
    lines = [f'!!! danger kb-draft-banner "草稿预览：还有 {len(problems)} 个问题"', "",
             f"    这个页面只在 `make serve` 的预览中出现。案例文件 `{inline(preview.case.path)}` 是草稿"
             "（status: draft），下面的问题改好以前，`make build`、自动检查和发布的网站都会拒绝它。", ""]
    return "\n".join(lines + problem_lines(problems))


# what a file is and what its page shows, by the folder of its page
KINDS = {"cases": ("案例文件", "案例页面"), "training": ("培训专题文件", "专题页面")}


def problem_page_path(problem_file: ProblemFile, taken: set[str]) -> str:
    """The page at the file's own address (its file name) while that is free, so the page open
    in the browser shows the problems when the file is saved; else one numbered after the others."""
    folder, stem = problem_file.folder, problem_file.path.stem
    if re.fullmatch(ID_PATTERN, stem) and f"{folder}/{stem}.md" not in taken:
        return f"{folder}/{stem}.md"
    return next(path for n in range(1, len(taken) + 2)
                if (path := f"{folder}/problem-file-{n}.md") not in taken)


def render_problem_page(problem_file: ProblemFile) -> str:
    """The page of a file that cannot be shown as its page yet: its problems, by line."""
    name, problems = problem_file.path.name, problem_file.problems
    kind, page = KINDS[problem_file.folder]
    lines = [front_matter(title=f"有问题的{kind}：{name}"), "", f"# 有问题的{kind}：{inline(name)}", "",
             f'!!! danger kb-draft-banner "预览：这个{kind}有 {len(problems)} 个问题，还不能显示成{page}"', "",
             f"    这个页面只在 `make serve` 的预览中出现。改好{kind} `{inline(problems[0].path)}` 中下面的问题"
             f"并保存，预览会自动刷新，显示它的{page}。在此以前，`make build`、自动检查和发布的网站都会拒绝它。", ""]
    return "\n".join(lines + problem_lines(problems)) + "\n"


def render_draft_page(preview: DraftPreview, categories: dict[str, Category]) -> str | None:
    """The page, or None when the draft's values cannot fill a case page yet (an unknown category)."""
    try:
        page = render_case_page(preview.case, categories, False)  # no handout page is made for a draft
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    head, title, rest = page.partition("{ .kb-case }\n")
    return head + title + "\n" + render_banner(preview) + "\n" + rest


def render_draft_list(previews: list[DraftPreview], problem_pages: dict[str, ProblemFile]) -> str:
    """The section added to 全部案例 in the preview, so the drafts and the files with problems can be found."""
    lines = ["", "## 草稿预览", "", "只在 `make serve` 的预览中显示：这些文件还有问题，发布的网站不会收录。", ""]
    lines += [f"- [{inline(p.case.title)}]({p.case.id}.md)（草稿，{len(p.problems)} 个问题）" for p in previews]
    lines += [f"- [{inline(f.path.name)}]({page.removeprefix('cases/') if f.folder == 'cases' else '../' + page})"
              f"（还不能显示成{KINDS[f.folder][1]}，{len(f.problems)} 个问题）" for page, f in problem_pages.items()]
    return "\n".join(lines) + "\n"
