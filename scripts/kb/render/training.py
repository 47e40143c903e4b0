"""Every training file of the site: handouts, lesson plans, the 培训专题 index."""

from __future__ import annotations

from kb.model import Case
from kb.modules import Module
from kb.render.handout import render_case_handout
from kb.render.module_page import render_module_page, render_training_index


def render_training_files(cases: list[Case], modules: list[Module]) -> dict[str, bytes]:
    files = {"training/index.md": render_training_index(modules)}
    for case in cases:
        files[f"print/cases/{case.id}.md"] = render_case_handout(case)
    for module in modules:
        files[f"training/{module.id}.md"] = render_module_page(module)
        files[f"print/modules/{module.id}.md"] = render_module_page(module, print_view=True)
    return {path: text.encode("utf-8") for path, text in files.items()}
