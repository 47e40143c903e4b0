"""Search, in one package: what search knows of the library (``source``, ``terms``), how it
reads text (``text``, one contract with ``docs/assets/kb-search.js``) and the index the
site's search box loads (``index``).

The generator writes the index's input, ``source.json``, beside the rendered folder rather
than in it (:func:`source.source_path`): it is not a page, and MkDocs never sees it.
"""
