"""CPU seconds of one ``kb build``, by process and stage, for comparing builds on a busy machine.

Wall times on this 2-core machine swing with whatever else runs; CPU seconds of each
process swing less. Usage (the library as kb.bench writes it)::

    .venv/bin/python -m kb.bench.cpu_build CASES SITE DOCS

prints one JSON line: the main process's CPU in the render and in MkDocs, the
helper's that builds half of the pages (:mod:`kb.site.page_split`, printed by the
helper itself on standard error), all child processes' (helper and search index),
and the build's own stage times. On a tree without those modules the same
script measures the one-process build.
"""

import json
import resource
import sys
import time
from pathlib import Path

import kb.site.build as build

try:
    from kb.site import page_split
except ImportError:  # an older tree: one process
    page_split = None

measured: dict[str, float] = {}


def timed_cpu(name, function):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            measured[name] = measured.get(name, 0.0) + time.process_time() - start
    return wrapper


if page_split is not None:
    helper = page_split._helper

    def reporting_helper(*args, **kwargs):
        try:
            return helper(*args, **kwargs)
        finally:  # in the forked helper: its own CPU since the fork
            print(f"helper_cpu {time.process_time():.2f}", file=sys.stderr, flush=True)

    page_split._helper = reporting_helper

build.generate = timed_cpu("render_cpu", build.generate)
build.run_mkdocs = timed_cpu("mkdocs_main_cpu", build.run_mkdocs)
start, cpu_start = time.perf_counter(), time.process_time()
report = build.build_site(*map(Path, sys.argv[1:4]))
children = resource.getrusage(resource.RUSAGE_CHILDREN)
measured.update(main_cpu=time.process_time() - cpu_start, children_cpu=children.ru_utime + children.ru_stime,
                wall=time.perf_counter() - start, **report.seconds)
print(json.dumps({name: round(value, 2) for name, value in measured.items()}))
