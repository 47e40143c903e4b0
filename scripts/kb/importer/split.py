"""Split a document that holds several cases at their headers.

A case header names a place the gazetteer knows, then the title:

* ``湖北兴山:`` on one line and the title on the next;
* ``浙江建德市:深入实施…`` on one line;
* ``内蒙古杭锦旗——“五大工程”推进…`` on one line.

Text before the first header (a collection title) is returned separately so
the report can show it; a document without any header is one case, whose title
is the line the document's own title opens with (a web page's ``<title>``), else
its first top-level heading that is not the site's name (``<h1>``), else the first
line that looks like a title after the lines of page noise a copied page puts above its headline
(image and file names, breadcrumbs, link strips, date and source lines, page counters). A repost's
or textbook's tag before it (``【转帖】``, ``第五讲 案例：``) is not part of the title. Lines above
the title (a site name, a dateline) are preamble.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.importer.readers import Paragraph
from kb.importer.region import RegionGuess, resolve_place

MAX_TITLE = 60
PLACE = r"(?P<place>[\u4e00-\u9fff]{2,14})"
PLACE_ALONE = re.compile(rf"^{PLACE}\s*[:：]$")
PLACE_COLON_TITLE = re.compile(rf"^{PLACE}\s*[:：]\s*(?P<title>\S.*)$")
PLACE_DASH_TITLE = re.compile(rf"^{PLACE}\s*(?:——|—|－{{1,2}}|-{{2,3}})\s*(?P<title>\S.*)$")


@dataclass
class CaseText:
    header: list[str]  # the header line(s) as written
    title: str
    region: RegionGuess | None
    paragraphs: list[Paragraph]


def split_cases(paragraphs: list[Paragraph], document_title: str = "") -> tuple[list[Paragraph], list[CaseText]]:
    """The preamble before the first case, and the cases in order."""
    preamble: list[Paragraph] = []
    cases: list[CaseText] = []
    index = 0
    while index < len(paragraphs):
        following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else None
        header = _header_at(paragraphs[index].text, following)
        if header:
            lines, title, region = header
            cases.append(CaseText(header=lines, title=title, region=region, paragraphs=[]))
            index += len(lines)
            continue
        (cases[-1].paragraphs if cases else preamble).append(paragraphs[index])
        index += 1
    if not cases:
        index = _title_index(preamble, document_title)
        if index is None:
            return [], [CaseText(header=[], title="", region=None, paragraphs=preamble)]
        title = preamble[index]
        return preamble[:index], [CaseText(header=[title.text], title=_without_tag(title.text), region=None,
                                           paragraphs=preamble[index + 1:])]
    return preamble, cases


TITLE_SEARCH = 12  # paragraphs from the top where a page's title may stand
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|\s-\s|—|–)\s*")
# A site's name, which some pages put in their <h1> (the article title is then an <h2>)
SITE_NAME = re.compile(r"^\s*(.{1,6}网|.*(新闻网|党建网|在线|融媒体?中心|频道|客户端|门户网站|网站))\s*(?:[（(][^（）()]*[）)])?\s*$")
# Lines a copied page puts above its headline: image and file names, breadcrumbs, link strips,
# dates (source, account and upload lines), page counters
NOISE_LINE = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|docx?|pdf|pptx?|wps)\s*$|[>＞»]|\s[|｜]\s"
                        r"|^\s*(?:当前位置|您的位置|您现在的位置|所在位置)[:：]|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
                        r"|来源[:：]|第\s*\d+\s*页|下载积分|^\s*原创\s", re.IGNORECASE)
# What a repost or a textbook puts before the headline: 【转帖】, 第五讲 案例：
TITLE_TAG = re.compile(r"^\s*(?:【(?:转帖|转载|分享|原创|推荐)】|第[一二三四五六七八九十\d]+[讲课章节]\s*"
                       r"(?:案例[一二三四五六七八九十\d]*\s*[:：])?)\s*")


def _title_index(paragraphs: list[Paragraph], document_title: str) -> int | None:
    """Where the title of a document without a case header stands, or None."""
    if len(paragraphs) < 2:
        return None
    top = [(i, p) for i, p in enumerate(paragraphs[:TITLE_SEARCH])
           if _looks_like_title(p.text) and not SITE_NAME.match(p.text)]
    wanted = "".join(document_title.split())
    segments = {"".join(s.split()) for s in TITLE_SEPARATORS.split(document_title)}
    for index, paragraph in top:
        text = "".join(paragraph.text.split())
        if len(text) >= 4 and (wanted.startswith(text) or text in segments):
            return index
    for index, paragraph in top:
        if paragraph.heading_level in (1, 2):
            return index
    first = next((i for i, p in enumerate(paragraphs[:TITLE_SEARCH]) if not _is_noise(p.text)), None)
    if first is not None and top and any(i == first for i, _ in top) \
            and not re.match(r"^[一二三四五六七八九十]+[、.．]", paragraphs[first].text.strip()):
        return first
    return None


def _is_noise(text: str) -> bool:
    """A line of page noise above a headline (see :data:`NOISE_LINE`), or the site's name."""
    return bool(NOISE_LINE.search(text) or SITE_NAME.match(text))


def _without_tag(title: str) -> str:
    return TITLE_TAG.sub("", title.strip(), count=1).strip() or title.strip()


def _header_at(text: str, following: str | None) -> tuple[list[str], str, RegionGuess] | None:
    line = text.strip()
    match = PLACE_ALONE.match(line)
    if match and following is not None and _looks_like_title(following):
        region = resolve_place(match.group("place"))
        if region:
            return [text, following], following.strip(), region
        return None
    for pattern in (PLACE_COLON_TITLE, PLACE_DASH_TITLE):
        match = pattern.match(line)
        if match and _looks_like_title(match.group("title")):
            region = resolve_place(match.group("place"))
            if region:
                return [text], match.group("title").strip(), region
    return None


def _looks_like_title(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= MAX_TITLE and text[-1] not in "。；;，,：:"
