"""``make bench N=...``: synthetic collections, timed builds, search in Chromium.

Modules: :mod:`kb.bench.synth` writes synthetic cases, :mod:`kb.bench.builds`
times the project's build and the plain-Material baseline,
:mod:`kb.bench.search_timing` measures search in headless Chromium,
:mod:`kb.bench.report` writes the table into BENCHMARKS.md, and
:mod:`kb.bench.__main__` runs them in order.
"""
