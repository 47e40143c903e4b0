"""Rules for what a reader trusts: the rights in ``source.rights`` and the review trail ``reviews``.

A complete case states its rights (公开发布、单位授权、自行撰写; an authorisation names
who gave it and when). Review stages and checks take their values from
:mod:`kb.model.trust`. A review whose fingerprint no longer matches the case's facts is
not an error: :func:`stale_review_warnings` reports it as a warning, and the case shows
修改后待复核 until it is reviewed again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kb.check.load import CaseFile, load_case_file
from kb.check.problems import CaseFileError, Problem
from kb.check.rules import say
from kb.model.case import Case
from kb.paths import ROOT
from kb.model.trust import GRANTED, REVIEW_CHECKS, REVIEW_STAGES, RIGHTS, review_state

RIGHTS_CHOICES = "、".join(RIGHTS)


def check_trust(case_file: CaseFile) -> Iterator[Problem]:
    yield from check_rights(case_file)
    yield from check_reviews(case_file)


def check_rights(case_file: CaseFile) -> Iterator[Problem]:
    meta = case_file.meta
    source = meta.get("source")
    if not isinstance(source, dict):
        return
    rights = source.get("rights")
    where = case_file.line_of("source", "rights")
    if rights in (None, ""):
        if meta.get("status") == "complete":
            yield Problem(case_file.display_path, case_file.line_of("source"), "source.rights", "missing-rights",
                          *say("missing-rights", choices=RIGHTS_CHOICES))
        return
    if isinstance(rights, str) and rights not in RIGHTS:
        yield Problem(case_file.display_path, where, "source.rights", "unknown-rights",
                      *say("unknown-rights", rights=rights, choices=RIGHTS_CHOICES))
    elif rights == GRANTED:
        missing = [name for name in ("rights_by", "rights_date") if not source.get(name)]
        if missing:
            yield Problem(case_file.display_path, where, "source.rights", "missing-rights-grant",
                          *say("missing-rights-grant", missing="、".join(missing)))


def check_reviews(case_file: CaseFile) -> Iterator[Problem]:
    reviews = case_file.meta.get("reviews")
    for index, review in enumerate(reviews if isinstance(reviews, list) else []):
        if not isinstance(review, dict):
            continue
        stage = review.get("stage")
        if isinstance(stage, str) and stage not in REVIEW_STAGES:
            yield Problem(case_file.display_path, case_file.line_of("reviews", index, "stage"),
                          f"reviews[{index}].stage", "unknown-review-value",
                          f"审核阶段“{stage}”不在可选值中", f"可选：{'、'.join(REVIEW_STAGES)}；审核记录请用 make review 添加")
        checked = review.get("checked")
        for position, item in enumerate(checked if isinstance(checked, list) else []):
            if item not in REVIEW_CHECKS:
                yield Problem(case_file.display_path, case_file.line_of("reviews", index, "checked", position),
                              f"reviews[{index}].checked[{position}]", "unknown-review-value",
                              f"核对内容“{item}”不在可选值中", f"可选：{'、'.join(REVIEW_CHECKS)}")


def stale_review_warnings(cases: list[Case]) -> list[Problem]:
    """A warning for every case whose facts changed since its last review (修改后待复核);
    ``make validate`` prints them and still passes."""
    warnings = []
    for case in cases:
        state = review_state(case)
        if not state.stale:
            continue
        line = 1
        try:
            line = load_case_file(ROOT / case.path).line_of("reviews", len(case.reviews) - 1)
        except (CaseFileError, OSError):
            pass
        last = state.last
        warnings.append(Problem(case.path, line, "reviews", "needs-re-review",
                                f"修改后待复核：{last.by} {last.date} {last.stage}之后，地区、做法、成效或来源有改动",
                                f"请对照来源重新核对，再运行 make review CASE={case.id} STAGE=核实 BY=审核单位 "
                                "CHECKED=原文核对,数据核对", level="warning"))
    return warnings
