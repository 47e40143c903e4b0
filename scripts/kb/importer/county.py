"""Which county a case is about: only on evidence, otherwise none, with the reason and the candidates.

A wrong county is worse than an empty one (it puts the case on the wrong map tile,
province page and matrix row), so a place becomes the case's region only when:

* it is in the case header (``湖北兴山:``) or the title — confidence 高 — unless the
  title says it is a place learned from (``学习浙江安吉经验``) or the first sentences
  name another county;
* or it is the one county named in the first sentences (``兴山县委…``,
  ``近年来，湖北省武汉市江岸区…``) and no other county is named more often — 中;
* an autonomous county or banner named by its short form counts in the title and the
  first sentences only as the subject a sentence opens with (``长阳推行…``, ``松桃坚持…``;
  :func:`kb.importer.region.subject_short_form`);
* or it recurs as the place the case is about: named at least three times and at
  least twice as often as any other county — 中.

Only the case's own text is evidence: navigation strips, breadcrumbs, 相关新闻 lists
and bylines are removed before (:mod:`kb.importer.clean`, the readers), the byline
that opens a news report (``本报讯（记者…）``) is cut from the first sentence here, and
lines of page noise before it (an account line with a date, an image name) are skipped.
Names that are not firm places (:func:`kb.importer.region.places_in`: ``振兴`` in
乡村振兴, ``新城区建设``, a name several counties share) are never evidence. A source
that hides its county (``XX县``) gets no county, whatever else it names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kb.importer.region import (ANONYMISED, County, Place, RegionGuess, anonymised_places, gazetteer, places_in,
                                subject_short_form)
from kb.importer.split import NOISE_LINE

HIGH, MEDIUM = "高", "中"
OPENING_SENTENCES = 2
RECURS = 3  # times a county must be named to count as the place the case is about
# 本报讯（记者 李某 通讯员 周某）, 兴山讯 , 新华社北京3月5日电（记者 王某）
BYLINE = re.compile(r"^\s*(?:[\u4e00-\u9fff]{0,8}讯|[\u4e00-\u9fff]{2,12}\d{1,2}月\d{1,2}日电)?\s*"
                    r"[（(][^（）()]{0,8}(?:记者|通讯员|作者|特约)[^（）()]{0,40}[）)]\s*"
                    r"|^\s*[\u4e00-\u9fff]{0,8}讯(?:\s+|(?=[（(]))"
                    r"|^\s*[\u4e00-\u9fff]{2,12}\d{1,2}月\d{1,2}日电\s*")
SENTENCE_END = re.compile(r"(?<=[。！？!?])")
# A place the title says someone learned from or went to: 学习浙江安吉经验, 赴兴山考察
VISITED = re.compile(r"(学习|借鉴|对标|考察|赴|走进|看)[^，。：:]{0,3}$")


@dataclass(frozen=True)
class CountyFinding:
    region: RegionGuess | None  # None when the county is left empty
    province: str  # the province, also when only the province is certain ("" when unknown)
    confidence: str  # HIGH, MEDIUM, or "" when the county is left empty
    basis: str  # where the county was read from, or why it is empty (Chinese, for the reviewer)
    candidates: tuple[str, ...] = ()  # places seen that were not taken, and where

    @property
    def label(self) -> str:
        region = self.region
        return f"{region.province}{region.city}{region.county}" if region else ""


def find_county(header: RegionGuess | None, title: str, opening: list[str], texts: list[str]) -> CountyFinding:
    """The case's county from its header, title, opening paragraphs and whole text."""
    opening_text = opening_sentences(opening)
    title_places = places_in(title)
    opening_places = places_in(opening_text)
    counts = _counts(texts)
    if header is not None:
        return CountyFinding(header, header.province, HIGH, f"来自案例标题“{header.stated_as}”",
                             _others(counts, _unit(header)))
    in_title = _firm([p for p in title_places if not VISITED.search(title[:p.start])]) or _subject(title)
    in_opening = _firm(opening_places) or _subject(opening_text)
    if len(in_title) == 1:
        unit = in_title[0]
        if len(in_opening) == 1 and in_opening[0] != unit:
            return _empty(f"标题写的是{unit.county}，正文开头写的是{in_opening[0].county}，不能确定是哪一个", counts,
                          "")
        return CountyFinding(_guess(unit, False, title), unit.province, HIGH, f"来自标题“{_short(title)}”",
                             _others(counts, unit))
    hidden = anonymised_places(title + opening_text)
    if hidden:
        return _empty(f"原文隐去了县名（写作“{hidden[0]}”），请按原文出处核实后填写", counts,
                      _province_before_hidden(title + opening_text))
    if len(in_opening) == 1 and counts[in_opening[0]] >= max(counts.values(), default=0):
        unit = in_opening[0]
        stated = next(p.text for p in opening_places if unit in p.counties)
        return CountyFinding(_guess(unit, True, stated), unit.province, MEDIUM,
                             f"由正文推断：正文开头写“{stated}”", _others(counts, unit))
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= RECURS and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        unit, times = ranked[0]
        return CountyFinding(_guess(unit, True, unit.county), unit.province, MEDIUM,
                             f"由正文推断：“{unit.county}”在正文中出现 {times} 次", _others(counts, unit))
    province = _single_province(title_places)
    if len(in_title) > 1 or len(in_opening) > 1:
        return _empty("标题或正文开头提到了几个县，不能确定案例发生在哪一个", counts, province)
    if counts:
        return _empty("正文提到的县都不是标题或开头所说的地方，出现次数也不足以认定", counts, province)
    ambiguous = [p.text for p in title_places + opening_places if len(p.counties) > 1]
    if ambiguous:
        return _empty(f"“{ambiguous[0]}”有多处同名的县级地区，原文没有写明所属省市", counts, province)
    return _empty("原文没有写明县级地区", counts, province)


EDITORS_NOTE = re.compile(r"^\s*(?:[（(].*[）)]|【?编者按】?[:：].*)\s*$")


def opening_sentences(paragraphs: list[str]) -> str:
    """The first sentences of the case text, without the byline a news report opens with
    and without an editor's note set apart before it (``（编者按：…）``)."""
    sentences: list[str] = []
    for paragraph in paragraphs:
        if not sentences and (EDITORS_NOTE.match(paragraph) or NOISE_LINE.search(paragraph)):
            continue
        text = BYLINE.sub("", paragraph, count=1) if not sentences else paragraph
        sentences += [s for s in SENTENCE_END.split(text) if s.strip()]
        if len(sentences) >= OPENING_SENTENCES:
            break
    return "".join(sentences[:OPENING_SENTENCES])


def _subject(text: str) -> list[County]:
    """The autonomous county or banner a sentence of ``text`` opens with by its short form."""
    units = [subject_short_form(sentence.strip()) for sentence in SENTENCE_END.split(text)]
    return [unit for unit in units if unit][:1]


def _counts(texts: list[str]) -> Counter[County]:
    counts: Counter[County] = Counter()
    for text in texts:
        counts.update(unit for unit in (p.county for p in places_in(text)) if unit)
    return counts


def _firm(places: list[Place]) -> list[County]:
    return list(dict.fromkeys(p.county for p in places if p.county))


def _unit(region: RegionGuess) -> County:
    return County(region.province, region.city, region.county)


def _guess(unit: County, inferred: bool, stated: str) -> RegionGuess:
    return RegionGuess(unit.province, unit.city, unit.county, inferred=inferred, stated_as=stated)


def _others(counts: Counter[County], chosen: County | None) -> tuple[str, ...]:
    return tuple(f"{unit.label}（正文 {times} 次）" for unit, times in counts.most_common() if unit != chosen)


def _empty(reason: str, counts: Counter[County], province: str) -> CountyFinding:
    return CountyFinding(None, province, "", reason, _others(counts, None))


def _single_province(places: list[Place]) -> str:
    """The one province the title states or firmly implies: a county's short form alone
    implies none (文安驿镇 is a town, not a place in 河北文安县)."""
    provinces = {province for place in places if place.firm or _states_province(place) for province in place.provinces}
    return provinces.pop() if len(provinces) == 1 else ""


def _states_province(place: Place) -> bool:
    return any(place.text.startswith(form) for form in gazetteer().provinces)


def _province_before_hidden(text: str) -> str:
    """``辽宁省XX县``: the province is stated even though the county is hidden."""
    for place in places_in(text):
        if len(place.provinces) == 1 and ANONYMISED.match(text, place.end):
            return next(iter(place.provinces))
    return ""


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
