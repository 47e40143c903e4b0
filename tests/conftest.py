import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kb.site.offline import BUNDLE_NAME, make_offline_bundle
from sitebuild import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site, serve

SEED_CASES = ROOT / "cases"

# mkdocs.yml names build/docs as its source folder, and MkDocs refuses a config
# whose folder does not exist; every make target creates it, a bare pytest may not.
(ROOT / "build" / "docs").mkdir(parents=True, exist_ok=True)
XINGSHAN = "hubei-xingshan-lianghui-liangping"
WENGYUAN = "guangdong-wengyuan-lingtouyan"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site built once from the committed cases, shared by the tests."""
    return build_site(tmp_path_factory.mktemp("seed-site"))


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
SLOW_FIXTURES = {"site_dir", "offline_bundle"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES or any(name.endswith("url") for name in fixtures):
            item.add_marker(pytest.mark.browser)
        if fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory) -> Path:
    """The offline zip, built into a temporary folder and unpacked there."""
    workdir = tmp_path_factory.mktemp("offline")
    bundle = make_offline_bundle(dist_dir=workdir / "dist", workdir=workdir / "build", cases_dir=ROOT / "cases")
    assert bundle.name.startswith(f"{BUNDLE_NAME}-") and bundle.suffix == ".zip"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(workdir / "unpacked")
    with pytest.raises(Exception, match="已经存在"):
        make_offline_bundle(dist_dir=workdir / "dist", workdir=workdir / "build", cases_dir=ROOT / "cases")
    return workdir / "unpacked" / BUNDLE_NAME
