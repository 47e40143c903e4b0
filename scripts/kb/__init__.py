"""kb: the pipeline that turns case files into the training site.

Data flows one way (see scripts/README.md):

    model -> vocab -> load -> validate -> render -> generate -> (MkDocs) site

``cases/*.md`` is the only source of truth; everything under ``build/`` and
``site/`` is derived from it and never committed.
"""
