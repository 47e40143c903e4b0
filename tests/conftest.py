import fcntl
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kb.site.offline import BUNDLE_NAME, TEACHER_BUNDLE_NAME, make_offline_bundle
from quality.fixture_sites import (LIBRARY_CASE_FILES, LIBRARY_CASE_IDS, MODULE, SEARCH_FIXTURES,  # noqa: F401
                                   SEED_CASES, WENGYUAN, XINGSHAN, build_draft_preview_site, build_library_site,
                                   FIXTURE_SITE_URL, copy_draft_preview, copy_library)
from sitebuild import CHROMIUM, CHROMIUM_ARGS, ROOT, serve

# mkdocs.yml names build/docs as its source folder, and MkDocs refuses a config
# whose folder does not exist; every make target creates it, a bare pytest may not.
(ROOT / "build" / "docs").mkdir(parents=True, exist_ok=True)


# --- builds shared by every worker of a run ------------------------------------------------------
# pytest-xdist gives each worker its own session, so a session fixture would build once per worker.
# A shared build is made once per `make test` instead: the first worker to ask builds it under a lock
# in a folder all workers (and make test's second pytest, via KB_TEST_SHARED) see; the others wait
# for it and reuse it. Tests only read these folders.

@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory, worker_id) -> Path:
    """The folder shared builds go to: KB_TEST_SHARED (set by `make test` for both of its pytest runs),
    else this run's temporary root, which all xdist workers share."""
    if os.environ.get("KB_TEST_SHARED"):
        return Path(os.environ["KB_TEST_SHARED"])
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def shared_build(shared_dir: Path, name: str, build: Callable[[Path], Path]) -> Path:
    """``build(workdir)`` run once per run across workers; returns the path it returned."""
    shared_dir.mkdir(parents=True, exist_ok=True)
    workdir, done = shared_dir / name, shared_dir / f"{name}.done"
    with open(shared_dir / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(workdir, ignore_errors=True)  # what a failed attempt left
            workdir.mkdir()
            done.write_text(str(build(workdir)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site_dir(shared_dir) -> Path:
    """The test library's site (:func:`copy_library`: the committed cases and modules, and the
    labelled search fixtures), built once and shared by every test that reads or opens a site."""
    return shared_build(shared_dir, "library-site", build_library_site)


@pytest.fixture(scope="session")
def preview_site(shared_dir) -> tuple[Path, str]:
    """The draft preview's site (quality.fixture_sites.build_draft_preview_site), built as ``make serve``
    shows it, and its draft's id."""
    def build(workdir: Path) -> Path:
        _, draft = build_draft_preview_site(workdir)
        (workdir / "draft-id").write_text(draft, encoding="utf-8")
        return workdir
    workdir = shared_build(shared_dir, "preview-site", build)
    return workdir / "site", (workdir / "draft-id").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site_url(site_dir):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_csp(browser):
    """A page that ignores the site's Content-Security-Policy, for tools that
    inject inline script (axe) and for testing the escaping on its own."""
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    yield context.new_page()
    context.close()


# --- markers (registered in pytest.ini): derived from the fixtures a test uses ----------------
# A test that takes a browser or page, or a served site (a fixture named *url), needs Chromium;
# one that takes the shared built site is slow. Tests that build a site of their own carry an
# explicit @pytest.mark.slow (or a module-level pytestmark).
BROWSER_FIXTURES = {"browser", "page", "page_without_csp"}
SLOW_FIXTURES = {"site_dir", "offline_bundle", "teacher_bundle"}


# --- distribution (pytest.ini: --dist loadgroup) --------------------------------------------------
# Tests go to whichever worker is free, one by one, except that the tests of a file that share a
# module-scoped fixture (a site or an import run made for that file) stay on one worker, so that
# the fixture is made once. The files with the longest single tests or groups are handed out
# first, so that no worker is left alone with one of them at the end.
LONGEST_FIRST = ["test_bench", "test_requirements", "test_security", "test_import_fixtures"]


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    rank = {name: number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.module.__name__, len(rank)))  # stable: whole files move
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES or any(name.endswith("url") for name in fixtures):
            item.add_marker(pytest.mark.browser)
        if fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        definitions = getattr(item, "_fixtureinfo", None)
        if definitions and any(defs[-1].scope == "module" for defs in definitions.name2fixturedefs.values()):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def unpacked_offline_bundle(workdir: Path, cases_dir: Path) -> Path:
    """``make offline`` of ``cases_dir`` into ``workdir``, unzipped as a reader unzips it; the unpacked folder.
    A second run the same day refuses to overwrite the zip."""
    bundle = make_offline_bundle(dist_dir=workdir / "dist", workdir=workdir / "build", cases_dir=cases_dir)
    assert bundle.name.startswith(f"{BUNDLE_NAME}-") and bundle.suffix == ".zip"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(workdir / "unpacked")
    with pytest.raises(Exception, match="已经存在"):
        make_offline_bundle(dist_dir=workdir / "dist", workdir=workdir / "build", cases_dir=cases_dir)
    return workdir / "unpacked" / BUNDLE_NAME


def unpacked_teacher_bundle(workdir: Path, cases_dir: Path) -> Path:
    """``make teacher`` of ``cases_dir`` (with the teaching notes beside it) for FIXTURE_SITE_URL, unzipped."""
    bundle = make_offline_bundle(dist_dir=workdir / "dist", workdir=workdir / "build", cases_dir=cases_dir,
                                 teacher=True, site_url=FIXTURE_SITE_URL)
    assert bundle.name.startswith(f"{TEACHER_BUNDLE_NAME}-") and bundle.suffix == ".zip"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(workdir / "unpacked")
    return workdir / "unpacked" / TEACHER_BUNDLE_NAME


@pytest.fixture(scope="session")
def teacher_bundle(shared_dir) -> Path:
    """The 教师版 of the test library (its teaching notes included), built once and unpacked."""
    return shared_build(shared_dir, "teacher",
                        lambda workdir: unpacked_teacher_bundle(workdir, copy_library(workdir)))


@pytest.fixture(scope="session")
def offline_bundle(shared_dir) -> Path:
    """The offline zip of the test library (copy_library), built once and unpacked: every test
    from file:// opens it (test_search searches its fixtures)."""
    return shared_build(shared_dir, "offline",
                        lambda workdir: unpacked_offline_bundle(workdir, copy_library(workdir)))
