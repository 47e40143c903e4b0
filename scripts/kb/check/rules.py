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
    # body
    "missing-section": "正文缺少固定的一节（背景、主要做法、成效、启示）",
    "empty-section": "正文的一节没有内容",
    "unsafe-html-tag": "正文含有可运行脚本的 HTML 标签（script、iframe 等）",
    "unsafe-html-attribute": "正文含有 on… 事件属性",
    "unsafe-url": "链接或图片使用 javascript: 或 data: 网址",
    "missing-link-target": "链接指向不存在的案例或页面",
    "external-image": "图片来自其他网站",
    "missing-image": "图片文件不在仓库中",
    # training modules (kb.check.module_rules)
    "not-a-module": "modules/ 中的文件不是 .yml 培训专题文件",
    "unknown-case": "培训专题引用的案例编号在案例库中不存在",
    "no-questions": "培训专题中的案例没有讨论题（专题和案例文件中都没有写）",
    "over-time": "培训专题各案例和小组练习的分钟数加起来超过总时长",
}
