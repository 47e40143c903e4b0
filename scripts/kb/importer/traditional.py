"""Traditional -> Simplified Chinese with OpenCC (the ``t2s`` configuration)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from kb.importer.readers import Paragraph


def to_simplified(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], bool]:
    """The paragraphs in Simplified characters, and whether anything changed."""
    converter = _converter()
    converted = [replace(p, text=converter.convert(p.text), bold_lead=converter.convert(p.bold_lead))
                 for p in paragraphs]
    return converted, converted != paragraphs


def simplified(text: str) -> str:
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")
