"""MkDocs hook of a plain ``mkdocs build`` or ``mkdocs serve``: the project's plugin with its defaults.

The work is in plain Python (``scripts/kb``), so the site stays portable to MkDocs
successors that read plain Markdown folders. :class:`kb.site.plugin.SitePlugin` with
no options renders the pages from ``cases/`` (or the folder ``KB_CASES_DIR`` names)
before every build, so a plain ``mkdocs build`` refuses invalid cases and ``mkdocs serve``
re-renders on every change. ``python -m kb build`` and ``make serve`` leave this hook out
and add a plugin made for their build (:func:`kb.site.plugin.site_config`).
"""

from kb.site.plugin import SitePlugin  # the project's package, installed into .venv (pyproject.toml)

_plugin = SitePlugin()  # holds no state: with the default options each build renders anew

on_config = _plugin.on_config
on_post_page = _plugin.on_post_page
on_post_template = _plugin.on_post_template
