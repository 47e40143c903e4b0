"""Under ``make serve``, what the renderers made of unchanged input is reused after an edit.

After every edit the server's build object (:class:`kb.site.plugin.SitePlugin`) renders the whole library again
(:func:`kb.site.generate.generate`), so that every page an edit touches (the case page,
the index pages, its related cases) is right. With 1,000 cases that took 3.5 s, almost all
of it spent making the same text again for the cases that did not change.

Under ``make serve`` :mod:`kb.check.validate` hands back the very same ``Case`` object for a
file whose size and modification time did not change. So:

* :func:`per_case` remembers a renderer's result by the identity of the case, and reuses it
  while the case is the same object and the other arguments are equal. The entry holds
  the case itself, so its identity cannot pass to another object while it is remembered.
* :func:`per_value` remembers a function of one value (a string, a frozenset) by the value,
  or for long texts (whole pages) by their :func:`digest`, so the text itself is not kept.

:func:`last_written` keeps the digests of what the last rebuild wrote into the rendered folder,
so the next compares its pages in memory rather than reading 3,000 files back.

All of it is held by one :class:`RebuildMemory`, which the server's build object owns
(:class:`kb.site.plugin.SitePlugin`) and puts in use around each render (:meth:`RebuildMemory.in_use`,
a context variable: two builds in one process, a test or a server each see only their own).
Each rebuild is a round (:func:`new_round`); what the last round did not use is forgotten,
so memory stays at about one library's worth. Outside :meth:`RebuildMemory.in_use`
nothing is remembered: a one-off build renders each thing once.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

Result = TypeVar("Result")

# The imports of kb.check and kb.model stay inside the functions: the renderers import this
# module, and at their import time it must not pull in the checks (nor import them in a cycle).


class RebuildMemory:
    """What ``make serve``'s rebuilds reuse: each renderer's results of the current and the
    previous round, the checks of unchanged case files, the digests of the files written."""

    def __init__(self):
        self.rounds: dict[Callable, _Rounds] = {}  # per remembered function
        self.vocabulary_seen: tuple | None = None  # names, mtimes and sizes of vocab/*.yml at the last round
        self.written: dict[Path, dict[str, bytes]] = {}  # rendered folder: {relative path: digest}
        self.file_results: dict[tuple, Any] = {}  # kb.check.validate's checks of unchanged files

    @contextlib.contextmanager
    def in_use(self) -> Iterator[RebuildMemory]:
        """Remember in this memory while the block runs (one render, in this thread)."""
        token = _in_use.set(self)
        try:
            yield self
        finally:
            _in_use.reset(token)

    def rounds_of(self, function: Callable) -> _Rounds:
        rounds = self.rounds.get(function)
        if rounds is None:
            rounds = self.rounds[function] = _Rounds()
        return rounds


_in_use: ContextVar[RebuildMemory | None] = ContextVar("kb_rebuild_memory", default=None)


def memory_in_use() -> RebuildMemory | None:
    """The memory of the render running in this thread, None in a one-off build."""
    return _in_use.get()


def new_round() -> None:
    """A rebuild starts: results the previous rebuild did not use are dropped. After an
    edit of ``vocab/`` (categories, evidence labels, glossary …) every page is made anew."""
    memory = _in_use.get()
    if memory is None:
        return
    signature = _vocabulary_signature()
    if signature != memory.vocabulary_seen:
        memory.vocabulary_seen = signature
        _forget_vocabulary(memory)
        for rounds in memory.rounds.values():
            rounds.current.clear()
            rounds.previous.clear()
    for rounds in memory.rounds.values():
        if rounds.current:  # a rebuild refused early (a typo in a case) used nothing: keep what came before
            rounds.previous, rounds.current = rounds.current, {}


def _vocabulary_signature() -> tuple:
    from kb.paths import VOCAB_DIR

    return tuple((path.name, path.stat().st_mtime_ns, path.stat().st_size) for path in sorted(VOCAB_DIR.glob("*.yml")))


def _forget_vocabulary(memory: RebuildMemory) -> None:
    """What was read from ``vocab/`` (read once per process otherwise), and the checks made with it."""
    from kb.model import glossary, provincegrid, vocab

    memory.file_results.clear()
    for read in (vocab.categories, vocab.evidence_kinds, vocab.provinces, vocab.tags, glossary.glossary,
                 provincegrid.province_tiles):
        read.cache_clear()


def digest(data: str | bytes) -> bytes:
    """16 bytes that stand for a text: equal texts, equal digests; different ones, different
    digests (BLAKE2b: a collision is not a risk to plan for)."""
    return hashlib.blake2b(data.encode("utf-8") if isinstance(data, str) else data, digest_size=16).digest()


def last_written(folder: Path) -> dict[str, bytes] | None:
    """The :func:`digest` of each file the last rebuild wrote into ``folder``, by relative path;
    None: not remembering, or nothing written there yet by this memory."""
    memory = _in_use.get()
    return memory.written.get(Path(folder).resolve()) if memory else None


def note_written(folder: Path, files: dict[str, bytes], digests: dict[str, bytes] | None = None) -> None:
    """``folder`` now holds ``files`` (``digests``: their digests, if already made)."""
    memory = _in_use.get()
    if memory:
        memory.written[Path(folder).resolve()] = digests or {path: digest(data) for path, data in files.items()}


class _Rounds:
    def __init__(self):
        self.current: dict[Any, Any] = {}
        self.previous: dict[Any, Any] = {}

    def get(self, key: Any) -> Any:
        entry = self.current.get(key)
        if entry is None:
            entry = self.previous.pop(key, None)
            if entry is not None:
                self.current[key] = entry
        return entry


def per_case(render: Callable[..., Result]) -> Callable[..., Result]:
    """``render(case, *rest)`` reused while ``case`` is the same object and ``rest`` is equal.
    The result is shared between calls: callers must not change it."""

    @functools.wraps(render)
    def remembered(case: Any, *rest: Any) -> Result:
        memory = _in_use.get()
        if memory is None:
            return render(case, *rest)
        rounds = memory.rounds_of(render)
        entry = rounds.get(id(case))
        if entry is not None and entry[0] is case and entry[1] == rest:
            return entry[2]
        result = render(case, *rest)
        rounds.current[id(case)] = (case, rest, result)
        return result

    return remembered


def per_value(function: Callable[[Any], Result] | None = None, *,
              key: Callable[[Any], Any] | None = None) -> Any:
    """``function(value)`` reused for an equal (hashable) value; with ``key`` (e.g. :func:`digest`
    for whole pages), for a value with an equal key. ``@per_value`` or ``@per_value(key=digest)``."""
    if function is None:
        return functools.partial(per_value, key=key)

    @functools.wraps(function)
    def remembered(value: Any) -> Result:
        memory = _in_use.get()
        if memory is None:
            return function(value)
        rounds = memory.rounds_of(function)
        memo_key = value if key is None else key(value)
        entry = rounds.get(memo_key)
        if entry is None:
            entry = rounds.current[memo_key] = (function(value),)
        return entry[0]

    return remembered
