"""Which edition of the site is being rendered: the public one, or the 教师版 (trainer's edition).

The public site, its search index, its data and the public offline bundle never carry a
teaching note (:mod:`kb.model.note`): :func:`kb.site.generate.generate` hands the notes to the
renderers only inside :func:`edition` with ``teacher=True`` (``make teacher``,
:func:`kb.site.offline.make_offline_bundle`), and every renderer asks :func:`current` for
them, so a public render has nothing to leak. The edition also carries the site's public
address (``site_url`` of ``mkdocs.yml``, or the build's ``--site-url``), which the citation
and the QR codes print. Like the URL style (:func:`kb.site.urls.url_style`) it is a context
variable set for one render, not an argument passed through every renderer.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass

from kb.model.note import TeachingNote
from kb.site.urls import scoped

TEACHER_LABEL = "教师版"


@dataclass(frozen=True)
class Edition:
    teacher: bool = False
    site_url: str = ""  # the published site's address, ending in "/"; "" when not set
    notes: tuple[TeachingNote, ...] = ()  # empty unless teacher

    def notes_of(self, case_id: str) -> tuple[TeachingNote, ...]:
        return tuple(note for note in self.notes if note.case == case_id)


_edition: ContextVar[Edition] = ContextVar("kb_edition", default=Edition())


def make_edition(teacher: bool, site_url: str | None, notes: list[TeachingNote] | tuple = ()) -> Edition:
    """``site_url`` None: the one in ``mkdocs.yml`` (if any); notes are dropped unless ``teacher``."""
    if site_url is None:
        from kb.site.config import project_config

        site_url = project_config().get("site_url") or ""
    site_url = str(site_url).strip()
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return Edition(teacher=teacher, site_url=site_url, notes=tuple(notes) if teacher else ())


def teacher_site_name(site_name: str) -> str:
    return f"{site_name}（{TEACHER_LABEL}）"


def edition(value: Edition) -> contextlib.AbstractContextManager[None]:
    """Render the block as ``value``'s edition."""
    return scoped(_edition, value)


def current() -> Edition:
    return _edition.get()


def set_edition_notes(notes: list[TeachingNote]) -> None:
    """The checked notes of the 教师版 being rendered (refused in a public render)."""
    value = _edition.get()
    if not value.teacher:
        raise ValueError("teaching notes are never given to the public edition")
    _edition.set(Edition(teacher=True, site_url=value.site_url, notes=tuple(notes)))
