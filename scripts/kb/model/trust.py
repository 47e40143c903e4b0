"""What a reader may trust about a case: its review state, its rights, and the fingerprint of its facts.

Defined once here, used by the validator (:mod:`kb.check.trust_rules`), ``make review``
(:mod:`kb.review_entry`), the case page, the case list, search and the data release.

A review (``reviews`` in the case file) records the *fingerprint* of the case's facts
when it was made: the SHA-256 of the canonical JSON of ``region``, ``practices``,
``results`` and ``source`` (:func:`facts_fingerprint`). When those facts change later,
the fingerprint no longer matches and the case shows 修改后待复核 until someone reviews
it again. Summaries, tags and teaching fields are not facts a review vouches for.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass

from kb.model.case import Case, Review

# The facts a review vouches for: the fields of the case whose change resets its review.
FACT_FIELDS = ("region", "practices", "results", "source")
FINGERPRINT_PREFIX = "sha256:"

# stage -> the state a case is in when its last review is of that stage and still matches
REVIEW_STAGES = {"初审": "已初审", "核实": "已核实", "专家审核": "专家审核"}
REVIEW_CHECKS = ("原文核对", "数据核对", "授权核对")
UNREVIEWED = "未审核"
STALE = "修改后待复核"
# every state, in the order a case goes through them (the filters list them so)
REVIEW_STATES = (UNREVIEWED, *REVIEW_STAGES.values(), STALE)

# source.rights: who may use the source text, and how
RIGHTS = {
    "公开发布": "已公开发布的文本，本库为教学和研究引用",
    "单位授权": "案例所涉单位授权本库收录",
    "自行撰写": "投稿人自己撰写",
}
GRANTED = "单位授权"  # the one kind of rights that needs rights_by and rights_date


def facts_fingerprint(case: Case) -> str:
    """``sha256:<hex>`` of the canonical JSON (sorted keys, no spaces, UTF-8) of the case's facts."""
    facts = {name: _plain(getattr(case, name)) for name in FACT_FIELDS}
    text = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return FINGERPRINT_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


@dataclass(frozen=True)
class ReviewState:
    """Where a case stands: ``label`` (one of :data:`REVIEW_STATES`) and its last review, if any."""

    label: str
    last: Review | None = None

    @property
    def stale(self) -> bool:
        return self.label == STALE

    def describe(self) -> str:
        """One line of plain text: the state, and who reviewed and when."""
        if self.last is None:
            return "未审核（还没有人对照来源核对过本案例）"
        last = self.last
        if self.stale:
            return (f"修改后待复核（{last.by} {last.date} {last.stage}之后，案例的地区、做法、成效或来源有改动，"
                    "需要重新审核）")
        return f"{self.label}（{last.by}，{last.date}，核对：{'、'.join(last.checked)}）"


def review_state(case: Case) -> ReviewState:
    """The state of ``case``: its last review's, or 修改后待复核 when its facts changed since."""
    if not case.reviews:
        return ReviewState(UNREVIEWED)
    last = case.reviews[-1]
    if last.fingerprint != facts_fingerprint(case):
        return ReviewState(STALE, last)
    return ReviewState(REVIEW_STAGES.get(last.stage, UNREVIEWED), last)


def rights_line(case: Case) -> str:
    """Plain text: who may use the source text, e.g. ``公开发布（已公开发布的文本，…）`` (empty when the case does not say)."""
    source = case.source
    if not source.rights:
        return ""
    parts = [RIGHTS.get(source.rights, "")]
    if source.rights == GRANTED:
        parts += [source.rights_by and f"授权单位：{source.rights_by}", source.rights_date and f"授权日期：{source.rights_date}"]
    said = "；".join(part for part in parts if part)
    return f"{source.rights}（{said}）" if said else source.rights


# Licences (LICENSE, LICENSE-content): the code's, and that of the project's own writing and data.
CODE_LICENCE = "MIT"
CONTENT_LICENCE = {"name": "CC-BY-4.0", "title": "知识共享署名 4.0 国际许可协议（CC BY 4.0）",
                   "path": "https://creativecommons.org/licenses/by/4.0/"}
SOURCE_TEXTS_NOTE = "各案例正文引用的来源原文，权利属于原发布者，本库只为教学和研究引用，转载请联系原发布者。"
# One line in every page's footer (overrides/partials/copyright.html).
FOOTER_LICENCE = ("本库整理的摘要、结构和数据按 CC BY 4.0 许可使用（注明出处即可），程序代码按 MIT 许可；"
                  "来源原文的权利属于原发布者。")
