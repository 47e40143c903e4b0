"""The generator: case pages, index pages, safety of untrusted case text."""

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from conftest import SEED_CASES, WENGYUAN, XINGSHAN
from kb.model import vocab
from kb.site.generate import InvalidCases, generate
from kb.model.case import Case, Practice, Region, Result, Source
from kb.site.render.case_page import render_case_page
from sitebuild import ROOT


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(cases_dir=SEED_CASES, out_dir=out)
    return out


def test_every_case_is_listed_and_categorised(generated):
    listing = (generated / "cases" / "index.md").read_text(encoding="utf-8")
    practices = (generated / "practices" / "index.md").read_text(encoding="utf-8")
    for case_id in (XINGSHAN, WENGYUAN):
        assert f"]({case_id}.md)" in listing
        assert f"](../cases/{case_id}.md#practice-1)" in practices
    economy = practices.split("{ #economy }")[1].split("\n## ")[0]
    assert "加快发展集体经济" in economy
    home = (generated / "index.md").read_text(encoding="utf-8")
    assert "<!-- kb:" not in home and "**2** 个案例" in home


def test_generation_writes_only_what_changed(tmp_path):
    out = tmp_path / "docs"
    first = generate(cases_dir=SEED_CASES, out_dir=out)
    (out / "stale.md").write_text("left over", encoding="utf-8")
    second = generate(cases_dir=SEED_CASES, out_dir=out)
    assert first.written > 0 and second.written == 0
    assert second.removed == 1 and not (out / "stale.md").exists()


def test_invalid_case_stops_generation_instead_of_vanishing(tmp_path):
    cases_dir = tmp_path / "cases"
    cases_dir.mkdir()
    for path in SEED_CASES.glob("*.md"):
        (cases_dir / path.name).write_bytes(path.read_bytes())
    broken = cases_dir / f"{WENGYUAN}.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("    value: 512\n", "    value: 512万\n"),
                      encoding="utf-8")
    with pytest.raises(InvalidCases) as caught:
        generate(cases_dir=cases_dir, out_dir=tmp_path / "docs")
    assert any(p.code == "number-with-unit" for p in caught.value.problems)
    assert not (tmp_path / "docs" / "cases").exists()


class _ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def hostile_case() -> Case:
    """A test fixture (never published): every field tries to inject script."""
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    body = "\n\n".join([
        "## 背景", f"背景{evil}",
        "## 主要做法", "### 做法一 { onclick=\"alert(3)\" }", "[点我](javascript:alert(4)) ![图](data:text/html,x)",
        "[引用][r]\n\n[r]: JaVaScRiPt:alert(5)",
        "## 成效", '<iframe src="https://example.com"></iframe>', "## 启示", "<style>body{}</style>",
    ])
    return Case(id="fixture-hostile", title=f"标题{evil}", model=f"模式{evil}",
                region=Region("湖北省", f"县{evil}"), summary=f"概要{evil}", background=(evil,),
                practices=(Practice(f"做法{evil}", "service", f"概括{evil}"),),
                results=(Result(f"指标{evil}", 1, f"个{evil}", note=evil),), lessons=(evil,),
                source=Source(f"来源{evil}", url="javascript:alert(6)", note=evil), status="complete", body=body)


def test_nothing_in_a_case_can_run_script():
    config = load_config(str(ROOT / "mkdocs.yml"))
    page = render_case_page(hostile_case(), vocab.categories())
    html = markdown.markdown(page.split("---", 2)[2], extensions=config.markdown_extensions,
                             extension_configs=config.mdx_configs)
    collector = _ElementCollector()
    collector.feed(html)
    tags = {tag for tag, _ in collector.elements}
    assert not tags & {"script", "iframe", "object", "embed", "style"}
    for tag, attrs in collector.elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
    assert "&lt;script&gt;" in html  # shown as text, not dropped silently
