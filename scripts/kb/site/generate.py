"""Write every generated page into the folder MkDocs builds from.

The output folder is a mirror: hand-written files from ``docs/`` (with their
``<!-- kb:... -->`` markers filled; the stylesheet's parts joined into ``assets/kb.css``,
:mod:`kb.site.stylesheet`) plus pages rendered from ``cases/``. A
file is written only when its content changed, and files that are no longer
produced are removed; this keeps ``mkdocs serve`` from rebuilding in a loop
when the generator runs inside the build, and keeps reruns cheap.

Usage::

    from kb.site.generate import generate
    report = generate()            # cases/ -> build/docs/
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kb import data_release
from kb.data_release import Release
from kb.model import vocab
from kb.site import incremental
from kb.site.crossindex import build_index
from kb.model.glossary import glossary
from kb.check.library import check_library
from kb.model.case import Case
from kb.model.module import Module
from kb.paths import CASES_DIR, DOCS_DIR, GENERATED_DOCS_DIR
from kb.site.draft_preview import DraftPreview, ProblemFile, draft_previews, problem_files
from kb.site.pdf_links import attach_pdfs, pdf_cache_dir
from kb.check.problems import Problem, RefusedToBuild
from kb.site.render.case_list import render_case_list
from kb.site.render.case_page import render_case_page
from kb.site.render.case_trust import case_revisions, render_case_trust
from kb.site.render.structured_data import render_structured_data
from kb.site.history import History, case_history
from kb.site.render.compare import render_compare_files
from kb.site.render.draft_banner import problem_page_path, render_draft_list, render_draft_page, render_problem_page
from kb.site.render.figures_page import render_figures_page
from kb.site.render.glossary_page import render_glossary_page
from kb.site.render.home import fill_markers
from kb.site.render.matrix import render_matrix_page
from kb.site.render.open_data import render_open_data
from kb.site.render.packet import render_packet_files
from kb.site.render.class_version import render_class_files
from kb.site.render.page_meta import seal_page
from kb.site.render.practices import render_practices_page
from kb.site.render.regions import render_region_pages
from kb.site.render.related import render_related
from kb.search.source import render_search_source, source_path
from kb.site.render.submit_page import render_submit_files
from kb.site.render.training import render_training_files
from kb.site.stylesheet import stylesheet_files
from kb.site.urls import url_style
from kb.site.edition import current, edition, make_edition, set_edition_notes


class InvalidCases(RefusedToBuild):
    """Raised instead of building a site that would silently lack cases."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(p.format() for p in problems)
        super().__init__(f"案例文件有 {len(problems)} 个问题，网站没有生成：\n{lines}\n请先运行 make validate 查看并修正。")


class OutputOverlapsCases(RefusedToBuild):
    """Raised before writing when the output folder would overlap ``cases/`` or the hand-written
    pages (``docs/``).

    The generator removes files it did not produce; pointed at (or above)
    the cases folder it would delete cases, at ``docs/`` the site's own pages and styles.
    """

    def __init__(self, source_dir: Path, out_dir: Path, what: str = "案例文件夹"):
        super().__init__(f"输出文件夹 {out_dir} 与{what} {source_dir} 重叠，没有生成"
                         f"（生成的页面绝不能写进{what}；请换一个输出文件夹，如 build/docs）")


def refuse_overlap(cases_dir: Path, out_dir: Path, docs_dir: Path = DOCS_DIR) -> None:
    out = out_dir.resolve()
    for source, what in ((cases_dir, "案例文件夹"), (docs_dir, "手写页面的文件夹")):
        source = source.resolve()
        if out == source or source in out.parents or out in source.parents:
            raise OutputOverlapsCases(source, out_dir, what)


@dataclass
class GenerateReport:
    cases: list[Case]
    written: int
    unchanged: int
    removed: int


def generate(cases_dir: Path = CASES_DIR, out_dir: Path = GENERATED_DOCS_DIR,
             docs_dir: Path = DOCS_DIR,
             modules_dir: Path | None = None, directory_urls: bool = True,
             printing: bool = False, preview_drafts: bool = False,
             search_source_written: Callable[[Path], None] | None = None,
             teacher: bool = False, site_url: str | None = None) -> GenerateReport:
    """``directory_urls``: the MkDocs URL style the pages are for (False: the offline
    bundle); ``printing``: handouts will be printed to PDF after MkDocs (``make pdf``);
    ``preview_drafts``: ``make serve`` only, drafts with problems become 草稿 pages
    (:mod:`kb.site.draft_preview`) instead of stopping the build;
    ``search_source_written``: called with the path of search's ``source.json`` (beside ``out_dir``) as soon as
    it is written, before the other pages are rendered (the build starts indexing then);
    ``teacher``: the 教师版, with the teaching notes (:mod:`kb.site.edition`); ``site_url``: the public
    address printed in citations and QR codes (None: ``mkdocs.yml``'s)."""
    refuse_overlap(cases_dir, out_dir, docs_dir)
    with url_style(directory_urls), edition(make_edition(teacher, site_url)):
        return _generate(cases_dir, out_dir, docs_dir, modules_dir, printing, preview_drafts, search_source_written)


def _generate(cases_dir: Path, out_dir: Path, docs_dir: Path, modules_dir: Path | None, printing: bool,
              preview_drafts: bool, search_source_written: Callable[[Path], None] | None) -> GenerateReport:
    incremental.new_round()
    check = check_library(cases_dir, modules_dir)
    if check.problems and not preview_drafts:
        raise InvalidCases(check.problems)
    drafts, broken = [], []
    if check.problems:  # the preview: every file with problems is shown as a page
        drafts = draft_previews(cases_dir, check.case_problems)
        broken = problem_files(check, {d.case.path for d in drafts})
    cases = check.cases
    if current().teacher:  # the only place notes enter a render: never the public edition's
        set_edition_notes(check.notes)
    search_source = render_search_source(cases, vocab.categories()).encode("utf-8")
    write_if_changed(source_path(out_dir), search_source)
    if search_source_written:
        search_source_written(source_path(out_dir))
    files = render_site_files(cases, docs_dir, check.modules, releases=data_release.releases(cases_dir))
    if drafts or broken:
        shown = [p for preview in [*drafts, *broken] for p in preview.problems]
        print(f"预览中显示了 {len(drafts) + len(broken)} 个还有问题的文件（见“全部案例”页的“草稿预览”），"
              "改好以前 make build 会拒绝它们：\n" + "\n".join(p.format() for p in shown), file=sys.stderr)
        files.update(render_draft_files(drafts, broken, files))
    attach_pdfs(files, pdf_cache_dir(out_dir), printing=printing)
    return GenerateReport(cases, *write_folder(out_dir, files))


def render_draft_files(drafts: list[DraftPreview], broken: list[ProblemFile],
                       files: dict[str, bytes]) -> dict[str, bytes]:
    """The preview's pages of case and module files with problems, and the list of them added to 全部案例;
    sealed like every page. A draft whose values cannot fill a page yet gets the page of its problems."""
    pages: dict[str, str] = {}
    unshown = list(broken)
    for draft in drafts:
        page = render_draft_page(draft, vocab.categories())
        if page is None:
            unshown.append(ProblemFile(Path(draft.case.path), draft.problems))
        else:
            pages[f"cases/{draft.case.id}.md"] = page
    problem_pages: dict[str, ProblemFile] = {}
    for problem_file in unshown:
        path = problem_page_path(problem_file, set(files) | set(pages))
        pages[path], problem_pages[path] = render_problem_page(problem_file), problem_file
    pages["cases/index.md"] = files["cases/index.md"].decode("utf-8") + render_draft_list(drafts, problem_pages)
    return seal_pages({path: text.encode("utf-8") for path, text in pages.items()})


def render_site_files(cases: list[Case], docs_dir: Path, modules: list[Module] = (),
                      history: History | None = None, releases: Sequence[Release] = ()) -> dict[str, bytes]:
    """Every file of the MkDocs source folder, by its path relative to that folder, for the URL
    style :func:`kb.site.urls.url_style` sets (the published site's unless told). ``history``: the case
    files' commits (:mod:`kb.site.history`), read from git when not given; ``releases``: the data
    releases' ledger (:mod:`kb.data_release`)."""
    categories, terms = vocab.categories(), glossary()
    index = build_index(cases, categories, terms)
    files: dict[str, bytes] = {}
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(docs_dir).as_posix()
        data = path.read_bytes()
        if path.suffix == ".md":
            data = fill_markers(data.decode("utf-8"), cases, index, modules).encode("utf-8")
        files[relative] = data
    files = stylesheet_files(files)
    files["cases/index.md"] = render_case_list(cases, categories).encode("utf-8")
    if history is None:
        history = case_history([case.path for case in cases])  # one git log for every case (kb.site.history)
    for case in cases:
        revisions = case_revisions(history, case)
        page = (render_case_page(case, categories) + "\n\n" + render_case_trust(case, revisions) + "\n\n"
                + render_structured_data(case, revisions) + "\n\n"
                + render_related(index.related[case.id], categories, terms))
        files[f"cases/{case.id}.md"] = (page + "\n").encode("utf-8")
    views = {
        "practices/index.md": render_practices_page(index, categories),
        "matrix/index.md": render_matrix_page(index, categories),
        **render_region_pages(index, categories),
        "figures/index.md": render_figures_page(index, categories),
        "glossary/index.md": render_glossary_page(index, terms),
    }
    files.update({path: text.encode("utf-8") for path, text in views.items()})
    files.update(render_open_data(index, categories, releases))
    files.update(render_training_files(cases, list(modules)))
    files.update(render_packet_files(list(modules)))
    files.update(render_class_files(cases))
    files.update(render_compare_files(cases, categories))
    files.update({path: text.encode("utf-8") for path, text in render_submit_files(cases).items()})
    return seal_pages(files)


def seal_pages(files: dict[str, bytes]) -> dict[str, bytes]:
    """Every Markdown page with its front matter HTML-escaped: the one gate that
    text from cases and modules passes on its way into page metadata
    (:mod:`kb.site.render.page_meta` says why)."""
    return {path: seal_page(data.decode("utf-8")).encode("utf-8") if path.endswith(".md") else data
            for path, data in files.items()}


def write_folder(out_dir: Path, files: dict[str, bytes]) -> tuple[int, int, int]:
    """Make ``out_dir`` hold exactly ``files``: (written, unchanged, removed). Under ``make serve``
    each file is compared with the digest of what the last rebuild wrote (:mod:`kb.site.incremental`),
    not read back from disk, and only the files that rebuild wrote can be stale."""
    last = incremental.last_written(out_dir)
    digests = None
    if last is None:
        written, unchanged = write_tree(out_dir, files)
        removed = remove_stale(out_dir, set(files))
    else:
        digests = {path: incremental.digest(data) for path, data in files.items()}
        written, _ = write_tree(out_dir, {path: files[path] for path in files if digests[path] != last.get(path)})
        unchanged, removed = len(files) - written, remove_files(out_dir, set(last) - set(files))
    incremental.note_written(out_dir, files, digests)
    return written, unchanged, removed


def write_tree(out_dir: Path, files: dict[str, bytes]) -> tuple[int, int]:
    written = unchanged = 0
    for relative, data in files.items():
        if write_if_changed(out_dir / relative, data):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def remove_files(out_dir: Path, stale: set[str]) -> int:
    """The files ``stale`` (relative paths) that exist, and the folders they leave empty."""
    removed = 0
    for relative in sorted(stale):
        path = out_dir / relative
        if path.is_file():
            path.unlink()
            removed += 1
        for folder in path.parents:
            if folder == out_dir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    return removed


def remove_stale(out_dir: Path, keep: set[str]) -> int:
    removed = 0
    for path in sorted(out_dir.rglob("*"), reverse=True):
        relative = path.relative_to(out_dir).as_posix()
        if path.is_file() and relative not in keep:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
