"""Extract figures: a number, its unit and what it counts.

``建立关怀理事会92个`` -> indicator 建立关怀理事会, value 92, unit 个;
``政府贴息50多万元`` -> value 50, unit 万元, as_stated 50多万元 (and ``1.4万余场次`` -> 1.4 万场次);
``40%以上``, and Chinese numerals such as ``三个月`` and ``两万``.
Years, ordinals and ranges (``25-30户``, ``3至5万元``) are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
# Longest first: 万人次 before 万人 before 万, 个月 before 个.
UNITS = ("万人次", "万条", "万件", "万次", "万亩", "万户", "万人", "万元", "亿元", "万吨", "万平方米", "万公里", "个百分点", "平方公里",
         "平方米", "公里", "千米", "人次", "场次", "个月", "户次", "余人",
         "个", "名", "人", "户", "家", "位", "期", "场", "次", "项", "条", "所", "座", "支", "元", "亩", "吨",
         "套", "件", "份", "篇", "批", "起", "类", "轮", "年度", "天", "倍", "%", "％", "万", "亿")
APPROX_AFTER = ("多", "余")  # 50多万元: kept in as_stated
QUALIFIER_AFTER = ("以上", "以下", "左右")
NUMBER = rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CN_NUMERAL}]{{1,8}})"
FIGURE = re.compile(
    NUMBER + rf"(?P<approx>{'|'.join(APPROX_AFTER)})?(?P<unit>" + "|".join(re.escape(u) for u in UNITS)
    + rf")(?P<qualifier>{'|'.join(QUALIFIER_AFTER)})?")
CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?、（）()“”]")
RANGE_BEFORE = re.compile(r"\d\s*[-－~～至到]?\s*$")  # the second number of 3至5, 25-30


@dataclass(frozen=True)
class Figure:
    indicator: str
    value: float | int
    unit: str
    as_stated: str = ""


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` once, in order (the same value and unit twice is one figure)."""
    figures: list[Figure] = []
    seen: set[tuple] = set()
    for match in FIGURE.finditer(text):
        figure = _figure(text, match)
        if figure is None:
            continue
        key = (figure.value, figure.unit, figure.as_stated)
        if key not in seen:
            seen.add(key)
            figures.append(figure)
    return figures


def _figure(text: str, match: re.Match) -> Figure | None:
    number, unit = match.group("number"), match.group("unit")
    before, after = text[: match.start()], text[match.end():]
    if RANGE_BEFORE.search(before) or re.match(r"\s*[-－~～至到]\s*\d", after):
        return None
    if number[0] in CN_NUMERAL:
        if re.search(rf"[{CN_NUMERAL}第几数]$", before):  # part of a longer word: 第一个, 几十家
            return None
        value = chinese_number(number)
        if value is None or value < 2 or unit in ("%", "％"):
            return None  # 一个 / 一名 is wording, not a figure
    else:
        digits = number.replace(",", "")  # 1,260 groups digits
        value = float(digits) if "." in digits else int(digits)
    stated = match.group(0)
    approx_after = ""
    if unit in ("万", "亿") and not match.group("approx") and re.match(rf"[\u4e00-\u9fff]", after):
        approx_after = next((a for a in APPROX_AFTER if after.startswith(a)), "")  # 1.4万余场次
        rest = after[len(approx_after):]
        measure = next((u for u in UNITS if rest.startswith(u) and u not in ("万", "亿")), None)
        if measure is None and not approx_after:
            return None  # 万众, 万家灯火: a word, not a figure
        measure = measure or ""
        unit, stated, after = unit + measure, stated + approx_after + measure, rest[len(measure):]
    approx = match.group("approx") or approx_after or ("近" if before.endswith("近") else "")
    qualifier = match.group("qualifier") or ""
    chinese = number[0] in CN_NUMERAL
    as_stated = ("近" if approx == "近" else "") + stated if (approx or qualifier or chinese) else ""
    indicator = _indicator(before, after)
    if not indicator:
        return None
    return Figure(indicator=indicator, value=value, unit=unit, as_stated=as_stated)


def _indicator(before: str, after: str) -> str:
    """The words around the figure inside its clause: what it counts."""
    before = re.sub(r"[（(][^（）()]{0,12}[）)]$", "", before)  # 共有村（社区）325个: what it counts stands before
    lead = CLAUSE_BREAK.split(before)[-1]
    lead = re.sub(r"(共|计|达|达到|有|约|近|为|了|已|超过)+$", "", lead).strip()
    tail = CLAUSE_BREAK.split(after)[0].strip() if after else ""
    tail = tail[:12]
    if lead and tail and len(lead) < 6:
        return lead + tail
    return lead or tail


def chinese_number(text: str) -> int | None:
    """``三`` -> 3, ``十二`` -> 12, ``两万`` -> 20000, ``一百五十`` -> 150."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    small_units = {"十": 10, "百": 100, "千": 1000}
    big_units = {"万": 10_000, "亿": 100_000_000}
    total = section = digit = 0
    for char in text:
        if char in digits:
            digit = digits[char]
        elif char in small_units:
            section += (digit or 1) * small_units[char]
            digit = 0
        elif char in big_units:
            total += (section + digit) * big_units[char]
            section = digit = 0
        else:
            return None
    value = total + section + digit
    return value or None
