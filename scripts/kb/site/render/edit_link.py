"""The "edit this page" line of a case page, pointing at the case's source file.

The repository address is never guessed: it comes from the environment
variable ``KB_EDIT_URL_BASE`` (the publishing workflow sets it, e.g.
``https://github.com/OWNER/REPO/edit/main/``). Without it the page names
the source path instead of linking. Material's own ``repo_url`` is not used:
it makes every reader's browser call the repository host's API.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from kb.site.render.safe_text import inline

EDIT_BASE_ENV = "KB_EDIT_URL_BASE"


def edit_url(source_path: str) -> str | None:
    """The edit address of ``source_path`` (relative to the repository), or None."""
    base = os.environ.get(EDIT_BASE_ENV, "").strip()
    if not base.startswith("https://") or source_path.startswith("/") or ".." in source_path.split("/"):
        return None
    return base.rstrip("/") + "/" + quote(source_path)


def render_edit_line(source_path: str) -> str:
    url = edit_url(source_path)
    if url is None:
        return f"- 案例文件：`{source_path}`（修改方法见[贡献指南](../contributing.md)）"
    return f"- 案例文件：[{inline(source_path)}]({url})（发现错误？点击在线修改本页，提交修改建议）"


def new_file_url(folder: str = "cases") -> str | None:
    """GitHub's page for a new file in ``folder``, from the same edit base (``…/edit/BRANCH/`` →
    ``…/new/BRANCH/cases``); None without a GitHub-style edit base. The 投稿 page adds
    ``?filename=…&value=…``: GitHub forks the repository for a contributor without write access."""
    base = os.environ.get(EDIT_BASE_ENV, "").strip()
    if not base.startswith("https://") or "/edit/" not in base:
        return None
    return base.rstrip("/").replace("/edit/", "/new/", 1) + "/" + quote(folder)
