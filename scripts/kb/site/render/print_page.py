"""Print handouts as finished HTML pages, written beside the Markdown pages.

A handout is short (card, practices, figures, questions) and has no site
chrome, so it does not need MkDocs: rendering it here with the site's own
Markdown extensions and writing it as ``print/<kind>/<id>/index.html`` keeps
it out of the MkDocs page count (half of all pages before), while MkDocs
copies it into the site as a static file and checks every link to it.

The page links the theme's stylesheet, ``kb.css`` and ``handout.css``, and
carries the site's Content-Security-Policy (``extra.csp`` in ``mkdocs.yml``).
Handouts have no script at all; the one page built in the reader's browser
(the reading packet of the comparison tray) names its script file. Its title is escaped here, its body by the Markdown
renderers (:mod:`kb.site.render.safe_text`) and :mod:`kb.site.mdext.sanitize`.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import markdown

from kb.site.config import markdown_extensions, project_config
from kb.site.incremental import digest, per_value
from kb.site.urls import page_url
from kb.site.edition import TEACHER_LABEL, current
from kb.site.render.qr_code import render_qr_block

# Handouts sit three folders below the site root: print/<kind>/<id>/index.html
TO_ROOT = "../../../"
# Links written as (ROOT/cases/<id>.md) in handout Markdown, resolved by kb.site.urls.page_url.
ROOT_LINK = "ROOT/"
_ROOT_LINK_RE = re.compile(r'href="ROOT/([^"#]+?)\.md(#[^"]*)?"')


def print_page_path(key: str) -> str:
    """``cases/<id>`` → the handout's file in the site source folder."""
    return f"print/{key}/index.html"


def render_print_fragment(markdown_text: str) -> str:
    """Handout Markdown as the HTML of a print page's article, its links (``ROOT/…``) relative to a
    print page's folder: the pages here, and the parts of the tray's reading packet the browser
    puts together (:func:`kb.site.render.handout.render_packet_parts`)."""
    body = _convert(markdown_text)
    return _ROOT_LINK_RE.sub(lambda m: f'href="{TO_ROOT}{page_url(m[1] + ".md")}{m[2] or ""}"', body)


def render_print_page(markdown_text: str, title: str, scripts: tuple[str, ...] = (), qr_for: str = "") -> str:
    """``scripts``: script files (paths from the site root) the page loads, deferred; ``qr_for``: the
    page's own path, to print its public address and QR code at its end (:mod:`kb.site.render.qr_code`).
    In the 教师版 (:mod:`kb.site.edition`) the page is marked 教师版 at its top and in its title."""
    teacher = current().teacher
    if qr_for:
        markdown_text += "\n\n" + render_qr_block(qr_for) + "\n"
    body = render_print_fragment(markdown_text)
    if teacher:
        body = f'<p class="kb-edition">{TEACHER_LABEL}：只发给培训教师</p>\n{body}'
        title = f"{title}（{TEACHER_LABEL}）"
    config = _site()
    return "\n".join([
        "<!doctype html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(config["csp"])}">',
        f"<title>{html.escape(title)} - {html.escape(config['site_name'])}</title>",
        *(f'<link rel="stylesheet" href="{TO_ROOT}{sheet}">' for sheet in config["stylesheets"]),
        *(f'<script defer src="{TO_ROOT}{script}"></script>' for script in scripts),
        "</head>",
        '<body class="kb-print">',
        '<main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">',
        f'<article class="md-content__inner md-typeset">\n{body}\n</article>',
        "</div></div></main>",
        "</body>",
        "</html>",
        "",
    ])


@functools.lru_cache(maxsize=1)
def _site() -> dict:
    config = project_config()
    return {"csp": config["extra"]["csp"], "site_name": config["site_name"],
            "stylesheets": [f"assets/stylesheets/{_theme_stylesheet()}", "assets/kb.css", "assets/handout.css"]}


def _theme_stylesheet() -> str:
    """The theme's main stylesheet (its name carries a content hash)."""
    import material

    sheets = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    return sheets[0].name


@per_value(key=digest)
def _convert(markdown_text: str) -> str:
    """Remembered under ``make serve``, which then converts only the handouts an edit changed."""
    return _markdown().reset().convert(markdown_text)


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """The site's Markdown extensions (``mkdocs.yml``), as MkDocs would configure them."""
    names, configs = markdown_extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs)
