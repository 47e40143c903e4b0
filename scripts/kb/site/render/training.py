"""Every training file of the site: handouts, lesson plans, the 培训专题 index."""

from __future__ import annotations

from kb.model.case import Case
from kb.model.module import Module
from kb.site.render.handout import handout_title, render_case_handout
from kb.site.render.module_page import render_module_page, render_training_index
from kb.site.render.print_page import print_page_path, render_print_page
from kb.site.render.teacher_notes import render_case_notes


def render_training_files(cases: list[Case], modules: list[Module]) -> dict[str, bytes]:
    """Lesson plans and the index as Markdown pages; handouts as finished HTML
    (their links to pages: :func:`kb.site.urls.page_url`)."""
    files = {"training/index.md": render_training_index(modules)}
    for case in cases:
        path = print_page_path(f"cases/{case.id}")
        files[path] = render_print_page(render_case_handout(case) + render_case_notes(case), handout_title(case.title),
                                        qr_for=path)
    for module in modules:
        files[f"training/{module.id}.md"] = render_module_page(module)
        path = print_page_path(f"modules/{module.id}")
        files[path] = render_print_page(render_module_page(module, print_view=True), handout_title(module.title),
                                        qr_for=path)
    return {path: text.encode("utf-8") for path, text in files.items()}
