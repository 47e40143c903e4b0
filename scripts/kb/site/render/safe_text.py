"""Making untrusted case text safe to place into generated Markdown.

Case files come from strangers' pull requests. Text from them is escaped so
that it can never become raw HTML (and so never script) in a reader's page;
:mod:`kb.site.mdext.sanitize` additionally removes ``javascript:`` URLs and
``on*=`` attributes that Markdown syntax itself could produce.
"""

from __future__ import annotations

import json
import re

from kb.site.incremental import per_value

# Line breaks inside a Chinese paragraph (YAML folds them into spaces) must
# vanish; a space between Chinese and Latin letters or digits stays.
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…·"
_SPACE_BETWEEN_CJK_RE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")

# Characters Python-Markdown treats as syntax in inline text (tables add |).
_MARKDOWN_SPECIALS_RE = re.compile(r"([\\`*_{}\[\]()#+!|>~])")


@per_value
def inline(text: str) -> str:
    """Plain text as a Markdown inline: no syntax, no HTML, one line."""
    text = plain(text).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIALS_RE.sub(r"\\\1", text)


def narrative(body: str) -> str:
    """A case body as Markdown with raw HTML disabled (``<`` shown literally)."""
    return body.replace("<", "&lt;")


def yaml_string(text: str) -> str:
    """A quoted YAML scalar for page metadata (JSON strings are valid YAML)."""
    return json.dumps(plain(text), ensure_ascii=False)


@per_value
def plain(text: str) -> str:
    """One line of text: whitespace collapsed, folded line breaks between Chinese removed."""
    return _SPACE_BETWEEN_CJK_RE.sub("", " ".join(str(text).split()))
