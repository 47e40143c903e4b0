"""``/glossary/``: each term of ``vocab/glossary.yml``, its definition, and the cases using it."""

from __future__ import annotations

from kb.site.crossindex import CrossIndex
from kb.model.glossary import Term
from kb.site.render.links import case_link, place
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline


def render_glossary_page(index: CrossIndex, terms: dict[str, Term]) -> str:
    lines = [front_matter(title="术语"), "",
        "# 术语", "",
        "案例中出现的有名称的机制和说法。定义根据案例原文整理；案例页上每个术语第一次出现时链接到这里。", "",
        " · ".join(f"[{inline(t.term)}](#{key})" for key, t in terms.items()), ""]
    for key, term in terms.items():
        lines += [f"## {inline(term.term)} {{ #{key} }}", "", inline(term.definition), ""]
        if term.aliases:
            lines += ["原文中的其他写法：" + "、".join(inline(a) for a in term.aliases), ""]
        users = index.cases_by_term[key]
        lines += [f"**用到它的案例**：{len(users)} 个", ""]
        lines += [f"- {case_link(case)} — {place(case)}" for case in users] or ["暂无案例。"]
        lines.append("")
    return "\n".join(lines)
