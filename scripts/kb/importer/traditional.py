"""Traditional -> Simplified Chinese with OpenCC (the ``t2s`` configuration)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from kb.importer.readers import Paragraph


# Share of characters that must change before a text counts as Traditional:
# t2s also rewrites a few characters that are valid in Simplified text.
TRADITIONAL_SHARE = 0.01


def to_simplified(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], bool]:
    """The paragraphs in Simplified characters when the text is Traditional, and whether it was."""
    converter = _converter()
    converted = [replace(p, text=converter.convert(p.text), bold_lead=converter.convert(p.bold_lead))
                 for p in paragraphs]
    total = sum(len(p.text) for p in paragraphs)
    changed = sum(a != b for old, new in zip(paragraphs, converted) for a, b in zip(old.text, new.text))
    if total and changed / total >= TRADITIONAL_SHARE:
        return converted, True
    return paragraphs, False


def simplified(text: str) -> str:
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")
