"""The 使用反馈 page (``/submit/feedback/``): a form that writes one ``uses`` entry of a case file
(a classroom use: date, audience, minutes, what worked, what to change) for a pull request.

It is the 投稿 form for one field: the same inputs generated from the model
(:func:`kb.site.render.submit_page.field_html` on the ``uses`` declaration of
:mod:`kb.model.case`), the same data and scripts; ``data-kb-part="uses"`` tells
``docs/assets/submit-form.js`` to check only that field and to write the lines to add to the
chosen case file. A case page links here with ``?case=<id>`` to choose its case.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from kb.model.case import CASE_FIELDS, Case
from kb.model.schema import build_schema
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import plain
from kb.site.urls import to_root
from kb.site.render.submit_page import field_html, render_outputs, scripts_html

PAGE_PATH = "submit/feedback.md"
PART = "uses"


def render_feedback_page(cases: Iterable[Case]) -> str:
    spec = next(spec for spec in CASE_FIELDS if spec.name == PART)
    options = ['<option value="">请选择</option>'] + [
        f'<option value="{escape(case.id)}">{escape(plain(case.title))}（{escape(plain(case.region.county))}）</option>'
        for case in sorted(cases, key=lambda c: c.id)]
    choice = ('<fieldset class="kb-submit__group"><legend>用的是哪个案例</legend>'
              '<div class="kb-field"><label for="kb-feedback-case">案例<span class="kb-field__need">（必填）</span></label>'
              '<p class="kb-field__hint" id="kb-feedback-case-hint">选择这次课用的案例；下载的几行要加到这个案例的文件中。</p>'
              f'<select id="kb-feedback-case" aria-describedby="kb-feedback-case-hint">{"".join(options)}</select>'
              '</div></fieldset>')
    form = [f'<form id="kb-submit" class="kb-submit" data-kb-part="{PART}" novalidate>', choice,
            '<fieldset class="kb-submit__group"><legend>这次使用的情况</legend>',
            field_html(spec, build_schema()["properties"][PART], PART, True), "</fieldset>",
            render_outputs(github=False, what="要加到案例文件中的几行"), "</form>"]
    intro = [
        front_matter(title="使用反馈", description="记录一次课堂使用：日期、班次、时长，效果好的地方和要改进的地方"), "",
        "# 使用反馈：记录一次课堂使用", "",
        "在课堂上用过某个案例的培训教师，请在这里记下这次使用：日期、班次或培训对象、用了多少分钟，"
        "以及效果好的地方和下次要改进的地方。表单边填边检查，填好后下载或复制几行文字，"
        "按[贡献指南](../contributing.md)的说明加到这个案例的文件中，发起拉取请求。", "",
        "公开网站的案例页只显示使用的次数、日期和班次；“效果好的地方”和“要改进的地方”只在教师版中显示。"
        "填写的内容只保存在这台电脑的浏览器里，不会发送到任何地方。", "",
        '<noscript><p class="kb-submit__noscript">使用反馈表单需要浏览器运行本网站的脚本。'
        '也可以直接在案例文件中按贡献指南的说明写 uses。</p></noscript>', "",
    ]
    return "\n".join(intro) + "\n" + "\n".join(form) + "\n\n" + scripts_html(to_root(PAGE_PATH)) + "\n"
