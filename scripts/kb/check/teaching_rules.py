"""Rules for the teaching fields of a case (学习目标、讨论题、教学提示).

The fields are optional, so drafts and imported cases stay valid; when a case
has discussion questions there must be 3 to 5 of them, each a line of text.
"""

from __future__ import annotations

from collections.abc import Iterator

from kb.check.load import CaseFile
from kb.check.problems import Problem
from kb.check.rules import say

MIN_QUESTIONS, MAX_QUESTIONS = 3, 5


def check_teaching(case_file: CaseFile) -> Iterator[Problem]:
    meta = case_file.meta
    if "teaching_notes" in meta:  # kept out of the case file, so that it can never reach the public site
        yield Problem(case_file.display_path, case_file.line_of("teaching_notes"), "teaching_notes",
                      "teaching-notes-moved", "教学提示只给培训教师看，已不写在案例文件中（案例文件的内容全部公开）",
                      "把这段文字移到 teaching/<案例编号>.yml 教学说明的 key_points 中（make new-note CASE=<案例编号> 新建），"
                      "然后删掉 teaching_notes 这一项")
    questions = meta.get("discussion_questions")
    if isinstance(questions, list) and questions and not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        yield Problem(case_file.display_path, case_file.line_of("discussion_questions"), "discussion_questions",
                      "question-count", *say("question-count", count=len(questions), least=MIN_QUESTIONS, most=MAX_QUESTIONS))
    for key in ("learning_objectives", "discussion_questions"):
        items = meta.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, str) or not item.strip():
                yield Problem(case_file.display_path, case_file.line_of(key, index), f"{key}[{index}]",
                              "not-a-sentence", f"每一项应当是一句文字，现在是“{item}”",
                              "每项单独一行，以“- ”开头，后面写一句完整的话")
