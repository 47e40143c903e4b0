"""Python-Markdown extensions of the site; plain Markdown API, no MkDocs coupling."""
