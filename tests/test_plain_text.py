"""kb.site.mdext.plain_text: the inline step skips text no pattern can match, and every
page comes out as without it (tests/test_golden.py holds the built pages to their files)."""

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import SimpleTextInlineProcessor

from kb.site.config import markdown_extensions
from kb.site.mdext import plain_text

PLAIN_TEXT = "kb.site.mdext.plain_text"
SITE, SITE_CONFIGS = markdown_extensions()  # mkdocs.yml's extensions
WITHOUT = SITE[:SITE.index(PLAIN_TEXT)] + SITE[SITE.index(PLAIN_TEXT) + 1:]  # (index: the site uses it)
CASE_PAGE = "# 标题 { .kb-case }\n\n"  # glossary links act on case pages only


def converted(text: str, extensions: list) -> str:
    return markdown.Markdown(extensions=extensions, extension_configs=SITE_CONFIGS).convert(text)


# Chinese text, the characters inline syntax starts with, and the rest of Markdown's punctuation.
ALPHABET = "两会两评户联理事会，。“”：一肩挑村党组织书记 \n`\\[]()<>&*_!#-|{}:.\"'=~^\t\x02\x03"
BLOCKS = st.lists(st.text(alphabet=ALPHABET, max_size=60), max_size=6).map("\n\n".join)


@settings(max_examples=300, deadline=None)
@given(BLOCKS)
@example("*两会*两评 __户联__ `代码` \\* [链接](a.md) <b>粗</b> &amp; 甲  \n乙")
def test_any_text_renders_as_without_the_extension(text):
    assert converted(CASE_PAGE + text, SITE) == converted(CASE_PAGE + text, WITHOUT)


def test_plain_text_is_marked_and_text_with_syntax_is_not():
    md = markdown.Markdown(extensions=SITE, extension_configs=SITE_CONFIGS)
    seen = {}

    class Spy(markdown.treeprocessors.Treeprocessor):
        def run(self, root):
            seen.update({element.text: type(element.text) for element in root.iter("p")})

    md.treeprocessors.register(Spy(md), "spy", 20.5)  # between plain_text (21) and the inline step (20)
    md.convert("户联理事会议事。\n\n**两会两评**\n\n见[说明](x.md)\n\n甲  \n乙")
    assert seen["户联理事会议事。"] is plain_text.PlainText
    assert [kind for text, kind in seen.items() if text != "户联理事会议事。"] == [str, str, str]


def test_glossary_terms_in_plain_text_are_still_linked():
    html = converted(CASE_PAGE + "推行“一肩挑”。", SITE)
    assert 'class="kb-term"' in html


@pytest.mark.parametrize("registered", [False, True], ids=["site-patterns", "unknown-pattern"])
def test_an_unknown_inline_pattern_turns_the_marking_off(registered):
    class Strike(markdown.Extension):
        def extendMarkdown(self, md):
            md.inlinePatterns.register(SimpleTextInlineProcessor(r"~~(.+?)~~"), "strike", 50)

    md = markdown.Markdown(extensions=SITE + ([Strike()] if registered else []), extension_configs=SITE_CONFIGS)
    assert ("kb_plain_text" in md.treeprocessors) is not registered
