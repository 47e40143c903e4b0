"""Remove what document-sharing and news sites add around a text, and repair
what scraping broke, keeping a record of every removal.

The repairs, each a separate function:

* :func:`strip_boilerplate` drops whole lines that are site furniture
  (uploader lines, page strips, download/paywall prompts, breadcrumbs,
  navigation strips, bylines, share/editor/source lines, copyright and ICP
  footers, bare page numbers, and 相关新闻 lists with the titles under them);
* :func:`strip_running_heads` drops the header or footer line a PDF repeats on
  every page;
* :func:`strip_markup_remnants` removes HTML tags and entities left in text;
* :func:`join_hard_breaks` joins lines that PDF/web extraction broke inside a
  paragraph, :func:`tidy_numbers` undoes what PDF extraction does to figures
  (spaces around numbers and units, ``1 260`` digit groups, full-width digits),
  and :func:`restore_fullwidth` turns ASCII punctuation that the scrape
  produced inside Chinese text back into full-width punctuation.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from kb.importer.readers import Paragraph

CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")


@dataclass(frozen=True)
class Removed:
    kind: str  # Chinese label of the boilerplate kind, shown in the report
    text: str


# (kind, pattern). A line is boilerplate when the pattern matches it (re.search
# on the stripped line); patterns are anchored where a loose match would risk
# removing a real sentence.
BOILERPLATE_RULES: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(pattern)) for kind, pattern in (
    ("上传信息", r"^(上传人|上传者|贡献者|文档编号|上传时间|发布时间|文档格式|格式)\s*[:：].{0,80}$"),
    ("上传信息", r"(文档编号|上传时间|页数|大小)\s*[:：]\s*\S+.*(文档编号|上传时间|页数|大小)\s*[:：]"),
    ("分享提示", r"由(会员|用户)分享.{0,40}(阅读|下载)"),
    ("分享提示", r"^(分享到|分享至|分享)\s*[:：]?.{0,40}$"),
    ("页码条", r"^第\s*\d+\s*页\s*[/／]?\s*共\s*\d+\s*页$"),
    ("页码条", r"^.{0,80}\.(docx?|pdf|pptx?|txt|wps)_第\s*\d+\s*页$"),
    ("页码条", r"^[-－—\s]*(第\s*)?\d{1,4}\s*(页)?[-－—\s]*$"),
    ("页码条", r"^(共\s*\d+\s*页|\d+\s*/\s*\d+\s*页?)$"),
    ("文件名", r"^[^。，,；;]{1,80}\.(docx?|pdf|pptx?|txt|wps)$"),
    ("下载和阅读提示", r"^(展开阅读全文|阅读全文|点击查看更多.*|查看更多.*|下载资源|资源描述|立即下载|下载文档|"
                r"下载\s*相关\s*举报|相关资源|相关文档|猜你喜欢|相关搜索|热门搜索|相关推荐|推荐阅读|"
                r"收藏|举报|打印|关闭窗口|返回顶部|加入收藏|全文阅读已结束.*|本文档.{0,30}(预览|下载).*)$"),
    ("付费提示", r"(VIP|vip|会员专享|下载券|积分下载|付费下载|开通会员|还剩\s*\d+\s*页未读|继续阅读需|"
             r"需要\s*\d+\s*(积分|金币)|本文档由.{0,20}提供|试读结束)"),
    ("截断提示", r"未完[,，]?\s*全文共\s*\d+\s*字|全文共\s*\d+\s*字.{0,10}$|^(（|\()?未完(待续)?(）|\))?$"),
    ("面包屑", r"^(当前位置|您的位置|你的位置|您现在的位置)\s*[:：]"),
    ("面包屑", r"^[^。，,；;]{1,30}(>>|＞＞|»|›|>|＞)\s*[^。，,；;]{1,30}((>>|＞＞|»|›|>|＞)\s*[^。，,；;]{0,30})*$"),
    ("责编和来源", r"^\d{4}\s*[年-]\s*\d{1,2}\s*[月-]\s*\d{1,2}\s*日?.{0,12}(来源|作者|编辑)\s*[:：].{0,60}$"),
    ("责编和来源", r"^[（(]?\s*(责编|责任编辑|编辑|来源|稿源|作者|记者|通讯员|审核|校对)\s*[:：].{0,60}$"),
    ("责编和来源", r"^(本报|本网|本台)?(特约)?(记者|通讯员|摄影|摄像)(\s+|\s*[:：丨|｜]\s*)[\u4e00-\u9fff·]{2,5}"
              r"(\s+(记者|通讯员)?\s*[\u4e00-\u9fff·]{2,5})*\s*(报道|摄)?$"),
    ("责编和来源", r"^(文/图|文／图|文字|文|图)(\s*[:：/／丨|｜]\s*|(?<=图)\s+)[\u4e00-\u9fff·]{2,5}"
              r"(\s+[\u4e00-\u9fff·]{2,5})*$"),
    ("下载和阅读提示", r"^(字号|字体)\s*[:：].{0,10}$"),
    ("下载和阅读提示", r"^(点击|长按|扫码|扫描).{0,12}(阅读原文|查看更多|关注|二维码|识别).{0,20}$|^阅读原文$"),
    ("公众号信息", r"^(原创|转载)\s+\S.{0,60}\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2})?$"),
    ("版权和备案", r"(copyright|Copyright|COPYRIGHT|©|版权所有|ICP\s*备|ICP证|公网安备|违法和不良信息举报)"),
    ("版权和备案", r"^(联系我们|网站地图|免责声明|关于我们|意见反馈)(\s*[|｜/]\s*\S{1,8})*$"),
    ("版权和备案", r"^(主办|承办|协办|技术支持|主管)(单位)?\s*[:：].{0,60}$"),
    ("导航栏", r"^\s*[^。，,；;|｜]{1,14}(\s*[|｜]\s*[^。，,；;|｜]{1,14})+\s*$"),
    ("导航栏", r"^\s*[^。，,；;·•]{1,14}(\s*[·•]\s*[^。，,；;·•]{1,14}){2,}\s*$"),
    ("导航栏", r"^([\u4e00-\u9fffA-Za-z]{2,6}[ \u3000]+){3,}[\u4e00-\u9fffA-Za-z]{2,6}$"),
    # the tools and links an article page ends with: a draft that ended on one of them was taken
    # for a text that breaks off (原文不完整)
    ("文章导航", r"^(上一篇|下一篇|上一条|下一条|上篇|下篇)\s*[:：].{0,60}$"),
    ("页面工具", r"^(【(打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|收藏|分享|字号|大|中|小)】\s*)+$"),
    ("页面工具", r"^((下载文档|收藏|分享|赏|打印|关闭|举报|点赞|在看|评论|转发)\s*){2,}$"),
    ("阅读计数", r"^(阅读|浏览|点击量?)\s*[:：]?\s*\d+\s*((在看|点赞|赞|评论)\s*[:：]?\s*\d+\s*)*$"),
    ("上传信息", r"^.{0,20}由(用户|网友|会员)上传.{0,20}(侵权|删除).{0,20}$"),
    ("论坛回复", r"^(回复|引用)\s+\S.{0,40}$"),
))

# Inline remnants of HTML in text scraped without a parser
MARKUP_REMNANT = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def boilerplate_kind(line: str) -> str | None:
    """The kind of site furniture this line is, or None for real text."""
    stripped = line.strip()
    for kind, pattern in BOILERPLATE_RULES:
        if pattern.search(stripped):
            return kind
    return None


# A list of links to other articles: this line and the link titles under it
RELATED_LIST = re.compile(r"^[【\[]?(相关新闻|相关阅读|相关链接|相关报道|相关文章|延伸阅读|推荐阅读|热点推荐|更多新闻|"
                          r"往期回顾|热门文章|精彩推荐)[】\]]?\s*[:：]?$")
MAX_LINK_TITLE = 60
RELATED_INLINE = re.compile(RELATED_LIST.pattern.removesuffix("$") + r"\s+\S.{0,200}$")


def strip_boilerplate(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Removed]]:
    kept: list[Paragraph] = []
    removed: list[Removed] = []
    in_related_list = False
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if RELATED_LIST.match(text):
            in_related_list = True
            removed.append(Removed("相关新闻", text))
            continue
        if RELATED_INLINE.match(text) and not ends_sentence(text):  # the heading and its titles on one line
            removed.append(Removed("相关新闻", text))
            continue
        if in_related_list and text and len(text) <= MAX_LINK_TITLE and not ends_sentence(text):
            removed.append(Removed("相关新闻", text))
            continue
        in_related_list = in_related_list and not text
        kind = boilerplate_kind(paragraph.text)
        if kind:
            removed.append(Removed(kind, text))
        else:
            kept.append(paragraph)
    return kept, removed


RUNNING_HEAD_REPEATS = 3
MAX_RUNNING_HEAD = 30


def strip_running_heads(paragraphs: list[Paragraph], is_structural: Callable[[str], bool]
                        ) -> tuple[list[Paragraph], list[Removed]]:
    """The line a PDF prints at the top or bottom of every page (a document title, a
    unit's name): the same short line at least three times, not a heading."""
    counts = Counter(p.text.strip() for p in paragraphs)
    heads = {text for text, count in counts.items()
             if count >= RUNNING_HEAD_REPEATS and 0 < len(text) <= MAX_RUNNING_HEAD
             and not ends_sentence(text) and not is_structural(text)}
    kept = [p for p in paragraphs if p.text.strip() not in heads]
    return kept, [Removed("页眉页脚", p.text.strip()) for p in paragraphs if p.text.strip() in heads]


def strip_markup_remnants(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Removed]]:
    kept: list[Paragraph] = []
    removed: list[Removed] = []
    for paragraph in paragraphs:
        remnants = [m.group(0) for m in MARKUP_REMNANT.finditer(paragraph.text)]
        if not remnants:
            kept.append(paragraph)
            continue
        removed.extend(Removed("HTML 残留", r) for r in remnants)
        text = MARKUP_REMNANT.sub(lambda m: _remnant_replacement(m.group(0)), paragraph.text)
        kept.extend(Paragraph(line, paragraph.heading_level, paragraph.bold, paragraph.bold_lead)
                    for line in text.split("\n"))
    return kept, removed


def _remnant_replacement(remnant: str) -> str:
    if remnant.startswith("&"):
        text = html.unescape(remnant)
        return " " if text in ("\xa0", "\u3000") else text
    return "\n" if re.match(r"</?(br|p|div|li|h\d)\b", remnant, re.IGNORECASE) else ""


def drop_blank(paragraphs: list[Paragraph]) -> list[Paragraph]:
    return [p for p in paragraphs if p.text.strip()]


TERMINAL = "。！？!?：:；;…"
OPENING_CLOSERS = "”’」』）)】〕，,、。；;：:！!？?"


def join_hard_breaks(paragraphs: list[Paragraph], is_structural: Callable[[str], bool]) -> list[Paragraph]:
    """Join a line to the one before when the break cannot end a paragraph.

    A break is joined when the previous line has no sentence-ending punctuation
    (``家庭联产承`` + ``包、综合…``) or the next line opens with closing
    punctuation (a ``”`` that extraction moved to the next line). Headings and
    case headers (``is_structural``) are never joined to or from, except a
    numbered line that runs to the full width of the page: that is a paragraph
    opening with ``（一）`` that the PDF wrapped, not a heading.
    """
    width = _wrap_width(paragraphs)
    joined: list[Paragraph] = []
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if joined and _continues(joined[-1], paragraph, text, _structural_below(width, is_structural)):
            previous = joined[-1]
            joined[-1] = Paragraph(previous.text.rstrip() + text, previous.heading_level, previous.bold,
                                   previous.bold_lead)
        else:
            joined.append(Paragraph(text, paragraph.heading_level, paragraph.bold, paragraph.bold_lead))
    return joined


WRAPPED_SHARE = 0.9  # of the page width: a line this long was wrapped by the PDF


def _wrap_width(paragraphs: list[Paragraph]) -> int | None:
    """The width a PDF wrapped its lines at: the length most lines reach (None for few lines)."""
    lengths = sorted(len(p.text.strip()) for p in paragraphs if p.text.strip())
    if len(lengths) < 8:
        return None
    return lengths[int(len(lengths) * 0.8)]


def _structural_below(width: int | None, is_structural: Callable[[str], bool]) -> Callable[[str], bool]:
    def structural(text: str) -> bool:
        stripped = text.strip()
        wrapped = width is not None and len(stripped) >= WRAPPED_SHARE * width and not ends_sentence(stripped)
        return is_structural(text) and not wrapped
    return structural


def _continues(previous: Paragraph, paragraph: Paragraph, text: str, is_structural: Callable[[str], bool]) -> bool:
    if previous.heading_level or paragraph.heading_level or previous.bold or paragraph.bold:
        return False
    if text[:1] in OPENING_CLOSERS and text[:1]:
        return not is_structural(previous.text)
    if is_structural(previous.text) or is_structural(text):
        return False
    return not ends_sentence(previous.text)


def ends_sentence(text: str) -> bool:
    """Whether text ends with punctuation that can close a paragraph.

    A closing quote counts only after sentence punctuation (``。”``), since
    ``…“领头雁”`` is a sentence cut off, not finished.
    """
    stripped = text.rstrip()
    while stripped and stripped[-1] in "”’」』）)】":
        stripped = stripped[:-1]
        if stripped and stripped[-1] in TERMINAL:
            return True
    return bool(stripped) and stripped[-1] in TERMINAL and stripped == text.rstrip()


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
NUMBER_SPACE = "[ \t\n\u00a0\u2002-\u200a\u202f\u3000]"
DIGIT_GROUPS = re.compile(rf"(?<![\d.,])(\d{{1,3}})((?:{NUMBER_SPACE}\d{{3}})+)(?![\d.])")
SPACE_BEFORE_NUMBER = re.compile(rf"(?<=[{CJK}（“：，、；])({NUMBER_SPACE}+)(?=\d)")
SPACE_AFTER_NUMBER = re.compile(rf"(?<=[\d%％])({NUMBER_SPACE}+)(?=[{CJK}%％）”，。、；：])")


def tidy_numbers(text: str) -> str:
    """``选聘代办员 1 260 名`` -> ``选聘代办员1260名``; full-width digits become ASCII digits.

    PDF extraction puts spaces (sometimes a line break) between Chinese text and
    numbers and inside digit groups; the figure is the same, so the spaces go. Two
    numbers side by side stay apart unless the second is a group of three digits
    (``2023 12`` is kept, ``1 260`` is one number).
    """
    text = text.translate(FULLWIDTH_DIGITS)
    text = re.sub(r"(?<=\d)．(?=\d)", ".", text)
    text = re.sub(r"(?<=\d)％", "%", text)
    text = DIGIT_GROUPS.sub(lambda m: m.group(1) + re.sub(NUMBER_SPACE, "", m.group(2)), text)
    text = SPACE_BEFORE_NUMBER.sub("", text)
    return SPACE_AFTER_NUMBER.sub("", text)


# ASCII punctuation -> full-width, when it touches Chinese text
FULLWIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
CHINESE_CONTEXT = f"[{CJK}“”‘’「」『』《》（）【】、。，：；！？]"
ASCII_PUNCT = re.compile(rf"(?<={CHINESE_CONTEXT})\s*([,:;!?])|([,:;!?])(?=\s*{CHINESE_CONTEXT})")
ASCII_PARENS = re.compile(rf"\(([^()]*{CHINESE_CONTEXT}[^()]*)\)")
ASCII_DASHES = re.compile(rf"(?<=[{CJK}）)”])\s*-{{2,}}\s*(?=[{CJK}（(“])")
ASCII_FULL_STOP = re.compile(rf"(?<=[{CJK}”）])\.(?=\s*$|\s*[{CJK}“（])")
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
SPACE_BEFORE_CLOSER = re.compile(r"(?<=\S)[^\S\n]+(?=[”’」』）。，、；：！？])")


def restore_fullwidth(text: str) -> str:
    """``家庭联产承包,综合`` -> ``家庭联产承包，综合``; digits-only contexts (``10:30``) are left alone."""
    text = text.replace("\xa0", " ")  # no-break spaces from web pages
    text = ASCII_PARENS.sub(r"（\1）", text)
    text = ASCII_PUNCT.sub(lambda m: FULLWIDTH[m.group(1) or m.group(2)], text)
    if CJK_CHAR.search(text):  # a comma in Chinese text is full-width unless it groups thousands
        text = THOUSANDS.sub("\x00", text).replace(",", "，").replace("\x00", ",")
    text = ASCII_DASHES.sub("——", text)
    text = ASCII_FULL_STOP.sub("。", text)
    return SPACE_BEFORE_CLOSER.sub("", text)
