"""The vendored browser libraries under docs/assets/vendor/ are exactly what the
pinned npm packages give (package-lock.json), bundled again here with the pinned esbuild."""

import json

import pytest

from quality import ROOT
from quality.vendor import VENDOR_DIR, VENDORED, bundle, package_version


@pytest.mark.parametrize("item", VENDORED, ids=lambda item: item.package)
def test_committed_bundle_equals_the_pinned_package(item, tmp_path):
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert package_version(item.package) == locked[f"node_modules/{item.package}"]["version"], "运行 npm ci"
    committed = (VENDOR_DIR / item.served).read_bytes()
    assert committed == bundle(item, tmp_path / item.served).read_bytes(), "运行 make vendor 并提交"
    licence = (VENDOR_DIR / f"{item.served}.LICENSE.txt").read_text(encoding="utf-8")
    assert f"{item.package} {package_version(item.package)}" in licence


def test_vendored_validator_never_compiles_code():
    """The site's policy (script-src 'self') forbids eval and new Function."""
    text = (VENDOR_DIR / "cfworker-json-schema.js").read_text(encoding="utf-8")
    assert "new Function" not in text and "eval(" not in text
