"""Writers that turn cases into Markdown pages and other site files.

Each function returns text; :mod:`kb.site.generate` decides where it is written.
"""
