"""Rule families kept out of :mod:`kb.validate` so each stays small.

One module per family; each exposes ``check_*`` functions that yield
:class:`kb.problems.Problem` and never raise on bad input.
"""
