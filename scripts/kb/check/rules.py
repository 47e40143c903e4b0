"""Every problem code the checks can report, with a one-line Chinese title.

The codes are stable English identifiers (tests assert on them, CI shows them
as annotation titles); the titles are listed on the 贡献指南 page. Each code
has a broken fixture: case files in ``tests/fixtures/invalid/``, training-module
files in ``tests/fixtures/invalid-modules/`` (a test enforces it).
"""

from __future__ import annotations

RULES: dict[str, str] = {
    # reading the file
    "not-a-case": "cases/ 中的文件不是 .md 案例文件",
    "not-utf8": "文件不是 UTF-8 编码（如 GBK/GB18030）",
    "missing-frontmatter": "文件开头缺少 --- 包起来的案例信息",
    "unclosed-frontmatter": "案例信息缺少结束的 ---",
    "yaml-syntax": "案例信息格式有误，无法读取",
    "frontmatter-not-mapping": "案例信息不是“字段: 值”的形式",
    "fullwidth-colon": "字段名后用了中文冒号“：”",
    "fullwidth-quotes-key": "字段名被中文引号包住",
    "fullwidth-space": "字段名前后有全角空格",
    "tab-indent": "用 Tab 键缩进",
    "invalid-date": "日期不存在（如 2026-13-45）",
    # fields and values
    "missing-field": "缺少必填字段",
    "wrong-type": "字段的类型不对（应为文字、数字、列表等）",
    "number-with-unit": "数值里带了单位（如“92个”）",
    "number-in-chinese": "数值用汉字书写（如“九十二”）",
    "list-as-text": "应为列表的字段写成了一段文字",
    "unknown-field": "region、source、做法或成效下有不认识的子字段（多为拼写错误）",
    "empty-list": "必填的列表是空的",
    "item-not-mapping": "列表中的一项没有写成带子字段的形式",
    "unfilled-placeholder": "模板中的【待填写】还没有替换",
    # ids
    "bad-id": "编号含有不允许的字符",
    "id-uppercase": "编号含有大写字母",
    "id-not-ascii": "编号含有汉字或其他非英文字符",
    "id-filename-mismatch": "编号与文件名不一致",
    "duplicate-id": "编号与其他案例重复",
    "reserved-id": "编号是网站自己的页面名（index）",
    # vocabularies
    "unknown-status": "状态不在可选值中",
    "missing-incomplete-note": "原文不完整的案例没有说明缺了什么",
    "province-short-form": "省级名称写成了简称（湖北 → 湖北省）",
    "unknown-province": "省级名称不存在",
    "unknown-category": "做法分类不在分类表中",
    "too-many-categories": "附加分类超过两个",
    "unknown-tag": "标签不在标签表中",
    "unknown-evidence": "成效数据的出处（evidence）不在出处表中",
    # teaching fields (kb.check.teaching_rules)
    "question-count": "讨论题不是 3—5 个",
    "not-a-sentence": "学习目标或讨论题中有一项不是一句文字",
    "teaching-notes-moved": "案例文件中写了 teaching_notes（教学提示已移到 teaching/ 中的教学说明）",
    # case numbers (kb.check.number_rules)
    "duplicate-number": "案例号与其他案例重复",
    "number-taken": "案例号已经发给别的案例，或不是下一个空号",
    # rights and reviews (kb.check.trust_rules)
    "missing-rights": "完整的案例没有写明来源文本的使用权利（source.rights）",
    "unknown-rights": "使用权利不在可选值中（公开发布、单位授权、自行撰写）",
    "missing-rights-grant": "单位授权没有写明授权单位或授权日期",
    "unknown-review-value": "审核记录的阶段或核对内容不在可选值中",
    # body
    "missing-section": "正文缺少固定的一节（背景、主要做法、成效、启示）",
    "empty-section": "正文的一节没有内容",
    "unsafe-html-tag": "正文含有可运行脚本的 HTML 标签（script、iframe 等）",
    "unsafe-html-attribute": "正文含有 on… 事件属性",
    "unsafe-url": "链接或图片使用 javascript: 或 data: 网址",
    "missing-link-target": "链接指向不存在的案例或页面",
    "unrecognized-link": "链接的写法网站无法识别（以 / 开头，或没有写文件名）",
    "missing-anchor": "链接指向页面上不存在的位置（#…）",
    "attribute-list": "正文中的 { … } 会被当作格式设置，文字不显示",
    "external-image": "图片来自其他网站",
    "missing-image": "图片文件不在仓库中",
    # training modules (kb.check.module_rules)
    "not-a-module": "modules/ 中的文件不是 .yml 培训专题文件",
    "unknown-case": "培训专题引用的案例编号在案例库中不存在",
    "no-questions": "培训专题中的案例没有讨论题（专题和案例文件中都没有写）",
    "over-time": "培训专题各案例和小组练习的分钟数加起来超过总时长",
    # teaching notes (kb.check.note_rules)
    "not-a-note": "teaching/ 中的文件不是 .yml 教学说明文件",
    "note-filename": "教学说明的文件名与所属案例的编号不一致",
    "plan-time": "教学说明的课堂计划各步骤分钟数之和与总时长不一致",
}


# The codes a case typed into the 投稿 form cannot have, and why. The form judges every other
# case-file code as `make validate` does (docs/assets/submit-check.js), which Node holds to the
# validator's verdict on each broken example of tests/fixtures/invalid/ (kb.site.browser_contract).
NOT_IN_THE_FORM: dict[str, str] = {
    **dict.fromkeys(("not-a-case", "id-filename-mismatch"), "表单写出的文件名就是 编号.md"),
    **dict.fromkeys(("not-utf8", "missing-frontmatter", "unclosed-frontmatter", "yaml-syntax", "frontmatter-not-mapping",
                     "fullwidth-colon", "fullwidth-quotes-key", "fullwidth-space", "tab-indent"),
                    "案例信息的格式由表单写出，不由投稿人书写"),
    "missing-section": "表单写出正文的每个固定标题",
    **dict.fromkeys(("list-as-text", "item-not-mapping"), "表单的列表逐项填写，每项的子字段各有输入框"),
    **dict.fromkeys(("unknown-field", "teaching-notes-moved"), "表单只有已声明字段的输入框"),
    "unknown-review-value": "审核记录由 make review 写入，表单不问（submit_page.NOT_ASKED）",
    "province-short-form": "省级名称从列表中选择",
    **dict.fromkeys(("duplicate-id", "missing-link-target", "missing-anchor", "missing-image", "duplicate-number",
                     "number-taken"),
                    "要看案例库中其他文件，表单只有这一个案例"),
    **dict.fromkeys(("not-a-module", "unknown-case", "no-questions", "over-time"), "培训专题文件的问题，不是案例文件的"),
    **dict.fromkeys(("not-a-note", "note-filename", "plan-time"), "教学说明文件的问题，不是案例文件的"),
}

# Warnings: reported by make validate (and as ::warning annotations), never failing it.
WARNINGS: dict[str, str] = {
    "needs-re-review": "审核之后案例的地区、做法、成效或来源有改动（修改后待复核）",
}


# The wording of the problems a contributor can make in the 投稿 form, as templates
# (``str.format`` fields in braces). The checks build their messages from here
# (:func:`say`), and the form's message table is generated from the same dict
# (:mod:`kb.site.render.submit_page`), so the browser and ``make validate`` say the
# same words. Keys are rule codes, or ``code.variant`` where one code has several wordings.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing-field": ("缺少必填字段 {name}（{description}）", "请补上{example}"),
    "missing-field.example": ("，例如 {name}: {example}", ""),
    "empty-list": ("列表是空的", "至少写一项：{description}"),
    "wrong-type": ("应为{kind}，现在是“{value}”", "{hint}"),
    "wrong-type.number-as-text": ("“{text}”被写成了文字，应为数字", "去掉引号，只写 {text}"),
    "number-with-unit": ("“{text}”不是数字", "只写 {number}，{unit_hint}"),
    "number-with-unit.value": ("单位“{unit}”写在 unit 字段，原文写法可写在 as_stated 字段", ""),
    "number-with-unit.other": ("不带单位", ""),
    "number-in-chinese": ("“{text}”是汉字数字，不是数字", "改用阿拉伯数字，例如 九十二 写作 92{as_stated_hint}"),
    "number-in-chinese.value": ("；原文写法可照录在 as_stated 字段", ""),
    "unfilled-placeholder": ("这里还是模板中的“{placeholder}”", "换成案例的实际内容；可选字段不需要时，整行删掉"),
    "unfilled-placeholder.body": ("正文这一行还是模板中的“{placeholder}”", "把来源原文的相应部分粘贴在这里，替换这一行"),
    "bad-id": ("编号“{id}”只能用小写英文字母、数字和连字符", "用“省-县-做法”的拼音，例如 hubei-xingshan-lianghui-liangping"),
    "id-uppercase": ("编号“{id}”含有大写字母", "全部用小写：{lower}"),
    "id-not-ascii": ("编号“{id}”含有汉字或其他非英文字符", "用拼音，例如 {slug}"),
    "unknown-province": ("“{province}”不是省级行政区名称", "{suggestion}"),
    "unknown-category": ("分类“{key}”不在做法分类表中", "{suggestion}"),
    "too-many-categories": ("附加分类有 {count} 个，最多 2 个", "只保留最贴切的两个"),
    "unknown-tag": ("标签“{tag}”不在标签表 vocab/tags.yml 中", "{suggestion}；确需新标签时，在同一个 PR 里把它加进 vocab/tags.yml"),
    "unknown-status": ("状态“{status}”不在可选值中", "{suggestion}"),
    "missing-incomplete-note": ("原文不完整的案例需要说明缺了什么", "加一行 incomplete_note: 原文在“三、初步成效”处中断……"),
    "invalid-date": ("“{text}”不是存在的日期", "日期写成 年-月-日，例如 2026-11-28"),
    "missing-rights": ("完整的案例要写明来源文本的使用权利（source.rights）",
                       "在 source 下写 rights：{choices} 之一；已公开发布的文本为教学引用时写 公开发布"),
    "unknown-rights": ("使用权利“{rights}”不在可选值中", "可选：{choices}"),
    "missing-rights-grant": ("单位授权要写明由谁、在哪天授权，缺少 {missing}",
                             "在 source 下写 rights_by 授权单位（如 兴山县委组织部）和 rights_date 授权日期（如 2026-11-28）"),
    "empty-section": ("“## {heading}”一节没有内容", "把原文相应部分粘贴到这个标题下面"),
    "unsafe-html-tag": ("正文含有 <{tag}> 标签，它可以在读者的浏览器里运行程序或加载外部内容",
                        "删掉这个标签；正文只用 Markdown 写文字、标题、列表和图片"),
    "unsafe-html-attribute": ("正文含有 {name} 属性，它会在读者的浏览器里运行程序", "删掉 {name}=… 这一部分"),
    "unsafe-url": ("{what}的网址“{url}”以 javascript: 或 data: 开头，可能运行程序",
                   "删掉这个网址；链接只用 https:// 开头的网址或其他案例的文件名"),
    "reserved-id": ("编号“{id}”是网站自己的页面名：cases/{id}.md 是“全部案例”列表页，这个案例会把它顶掉",
                    "换一个编号（用“省-县-做法”的拼音，例如 hubei-xingshan-lianghui-liangping），文件名随之改"),
    "unknown-evidence": ("数据出处“{evidence}”不在出处表 vocab/evidence.yml 中", "{suggestion}；各出处的含义见 vocab/evidence.yml"),
    "unknown-evidence.label": ("“{evidence}”是出处的名称，这里写它的 key：{key}", ""),
    "question-count": ("讨论题有 {count} 个，应为 {least}—{most} 个", "保留最能引发讨论的几个问题，或补写到至少 {least} 个"),
    "external-image": ("图片“{url}”来自其他网站，网站不能从其他网站加载内容",
                       "把图片放进 docs/assets/images/，正文中写 ![图片说明](../assets/images/文件名.jpg)"),
    "unrecognized-link": ("链接“{url}”以“{first}”开头，网站无法识别",
                          "其他网站的网址写完整，以 https:// 开头；指向其他案例时写它的文件名，"
                          "例如 [兴山县案例](hubei-xingshan-lianghui-liangping.md)；本站其他页面写它的 .md 文件，例如 [使用说明](../guide.md)"),
    "unrecognized-link.no-file": ("链接“{url}”没有指向网站中的某个文件，网站无法识别", ""),
    "attribute-list": ("正文中的“{{…}}”会被网站当作格式设置（Markdown 的属性列表）：花括号里的文字不会显示，还可能改动页面的链接位置",
                       "删掉这对花括号；原文确有花括号时改用全角的“｛｝”"),
    "suggest.close": ("是不是“{key}”？", ""),
}


def say(message_key: str, /, **params: object) -> tuple[str, str]:
    """The message and hint of ``message_key`` with ``params`` filled in."""
    message, hint = MESSAGES[message_key]
    return message.format(**params), hint.format(**params)
