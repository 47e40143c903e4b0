"""The cross-index views, checked against the two seed cases and against
FIXTURE cases built in memory or written into temporary folders."""

import csv
import io
import json
import re
from pathlib import Path

import markdown
import pytest

from conftest import SEED_CASES, WENGYUAN, XINGSHAN
from kb.model import vocab
from kb.site.crossindex import CANDIDATES_PER_KEY, RELATED_LIMIT, build_index
from kb.site.generate import generate
from kb.model.glossary import glossary
from kb.check.load import load_case_file
from kb.model.case import Case, Practice, Region, Source
from kb.search.terms import domain_terms
from kb.check.validate import validate_cases
from sitebuild import ROOT
from synthetic import write_synthetic_cases


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(cases_dir=SEED_CASES, out_dir=out)
    return out


def read(generated: Path, path: str) -> str:
    return (generated / path).read_text(encoding="utf-8")


def section(page: str, anchor: str) -> str:
    return page.split(f"{{ #{anchor} }}")[1].split("\n## ")[0]


def test_practices_page_lists_each_category_with_its_practices(generated):
    page = read(generated, "practices/index.md")
    economy = section(page, "economy")
    assert f"](../cases/{XINGSHAN}.md#practice-5)" in economy and "加快发展集体经济" in economy
    assert "“155”工程" in economy  # the practice summary names the 155 project
    assert f"](../cases/{WENGYUAN}.md#practice-5)" in economy  # 翁源's cooperatives, an additional category
    entrepreneurship = section(page, "entrepreneurship")
    assert "兴山" not in entrepreneurship and entrepreneurship.count("广东省翁源县") == 4


def test_matrix_has_both_provinces_and_counties(generated):
    page = read(generated, "matrix/index.md")
    header = next(line for line in page.splitlines() if line.startswith("| 做法分类 |"))
    assert "湖北省" in header and "广东省" in header
    economy = next(line for line in page.splitlines() if "#economy)" in line)
    assert "[兴山县（2）](../regions/hubei.md#economy)" in economy
    assert "[翁源县（1）](../regions/guangdong.md#economy)" in economy
    digital = next(line for line in page.splitlines() if "#digital)" in line)
    assert "县" not in digital.split("|", 2)[2]


def test_region_pages_go_province_city_county_case(generated):
    index = read(generated, "regions/index.md")
    assert "<svg" in index and "湖北 1 个案例（湖北省）" in index and "西藏：暂无案例（西藏自治区）" in index
    assert '<a href="hubei/"' in index and '<a href="guangdong/"' in index
    assert "| [湖北省](hubei.md) | 1 | 兴山县 |" in index
    hubei = read(generated, "regions/hubei.md")
    tree = hubei.split("## 案例")[1]
    assert tree.index("宜昌市（1）") < tree.index("兴山县（1）") < tree.index(f"({'../cases/' + XINGSHAN}.md)")
    assert "{ #economy }" in hubei and "{ #entrepreneurship }" not in hubei


def test_figures_page_has_every_result_and_totals(generated):
    page = read(generated, "figures/index.md")
    rows = [line for line in page.split("</div>")[0].splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 18  # 10 results of 兴山 + 8 of 翁源
    assert "| 兴山县 | 网络农户 | 42840 | 家 |  |" in page
    assert "| 翁源县 | 政府贴息 | 50 | 万元 | 50多万元 | 县（单位）自述 |" in page
    assert 'data-kb-filter="出处"' in page  # the table can be filtered by evidence label
    evidence = page.split("## 数据出处")[1].split("\n## ")[0]
    assert "| 县（单位）自述 | " in evidence and "| 18 | 2 |" in evidence
    totals = page.split("## 按做法分类合计")[1]
    # 翁源 alone is in 党员创业与带富: 512 + 50 + 3000 万元, two of them stated as "多"
    assert re.search(r"党员创业与带富\]\(\.\./practices/index\.md#entrepreneurship\) \| 万元 \| 至少 3562 \| 3 \| 1 \|", totals)


def glossary_entry_cases(entry: str) -> list[str]:
    """The case ids an entry of the glossary page lists, checked against its own count."""
    listed = re.findall(r"^- \[[^\]]*\]\(\.\./cases/([a-z0-9-]+)\.md\)", entry, re.MULTILINE)
    count = re.search(r"用到它的案例\*\*：(\d+) 个", entry)
    assert count and int(count.group(1)) == len(listed), entry
    return listed


def test_glossary_terms_are_all_used_by_seed_cases(generated):
    """The glossary holds terms of the collection: every entry lists at least one seed case."""
    page = read(generated, "glossary/index.md")
    unused = [term.term for key, term in glossary().items() if not glossary_entry_cases(section(page, key))]
    assert unused == []
    assert sorted(glossary_entry_cases(section(page, "lingtouyan"))) == sorted([XINGSHAN, WENGYUAN])
    assert glossary_entry_cases(section(page, "yijiantiao")) == [XINGSHAN]
    cases, _, _ = validate_cases(SEED_CASES)
    assert {"分岗评", "两让一返", "帮扶承诺书", "155工程"} <= set(domain_terms(cases))


def test_glossary_finds_a_term_by_any_spelling_anywhere_a_reader_sees_it(tmp_path):
    """FIXTURE cases (copies of tests/fixtures/valid/fixture-minimal.md), generated for real:
    three mention one glossary term, by its name or an alias, in the narrative or the
    summary; one mentions no term. Only those three are listed, and only under that term."""
    term = next(t for t in glossary().values() if t.aliases)
    minimal = (ROOT / "tests" / "fixtures" / "valid" / "fixture-minimal.md").read_text(encoding="utf-8")
    planted = {"fixture-name-in-body": ("虚构的背景。", f"虚构的背景，推行{term.term}。"),
               "fixture-alias-in-body": ("虚构的背景。", f"虚构的背景，推行{term.aliases[0]}。"),
               "fixture-alias-in-summary": ("summary: 这是", f"summary: 推行{term.aliases[-1]}。这是"),
               "fixture-no-term": ("虚构的背景。", "虚构的背景。")}
    (tmp_path / "cases").mkdir()
    for case_id, (old, new) in planted.items():
        assert old in minimal
        text = minimal.replace("id: fixture-minimal", f"id: {case_id}", 1).replace(old, new, 1)
        (tmp_path / "cases" / f"{case_id}.md").write_text(text, encoding="utf-8")
    generate(cases_dir=tmp_path / "cases", out_dir=tmp_path / "docs")
    page = read(tmp_path / "docs", "glossary/index.md")
    listed = {key: sorted(glossary_entry_cases(section(page, key))) for key in glossary()}
    assert {key: ids for key, ids in listed.items() if ids} == {
        term.key: sorted(["fixture-name-in-body", "fixture-alias-in-body", "fixture-alias-in-summary"])}


def test_case_pages_link_related_cases(generated):
    xingshan = read(generated, f"cases/{XINGSHAN}.md")
    related = xingshan.split("## 相关案例")[1]
    assert f"]({WENGYUAN}.md)" in related and "共同术语：领头雁" in related
    assert f"](../practices/index.md#economy){{ .kb-chip }}" in xingshan


def test_cases_json_round_trips_to_the_case_files(generated):
    records = json.loads(read(generated, "data/cases.json"))
    cases, problems, _ = validate_cases(SEED_CASES)
    assert problems == [] and sorted(r["id"] for r in records) == sorted(c.id for c in cases)
    by_id = {c.id: c for c in cases}
    for record in records:
        case = by_id[record["id"]]
        assert record["url"] == f"cases/{case.id}/"
        meta = {k: v for k, v in record.items() if k != "url"}
        # each figure also names its evidence label; otherwise the record is the file's frontmatter
        labels = [result.pop("evidence_label") for result in meta["results"]]
        assert labels == [vocab.evidence_label(r.evidence) for r in case.results]
        assert labels and set(labels) == {"县（单位）自述"}  # the seed cases' figures are the counties' own reports
        # through the model: the same case as the one loaded from its file
        assert Case.from_dict(meta, body=case.body, path=case.path) == case
        # field by field: every value written in the file, and nothing else filled in
        raw = load_case_file(SEED_CASES / f"{case.id}.md").meta
        assert pruned(normalised(raw)) == pruned(meta)


def normalised(value):
    """YAML dates as ISO text, as JSON carries them."""
    if isinstance(value, dict):
        return {k: normalised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalised(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def pruned(value):
    """Empty optional values (omitted in files, empty in JSON) removed."""
    if isinstance(value, dict):
        return {k: pruned(v) for k, v in value.items() if v not in ("", None, [], {})}
    if isinstance(value, list):
        return [pruned(v) for v in value]
    return value


def test_csv_files_open_in_excel_with_every_row(generated):
    practices = (generated / "data" / "practices.csv").read_bytes()
    figures = (generated / "data" / "figures.csv").read_bytes()
    assert practices.startswith(b"\xef\xbb\xbf") and figures.startswith(b"\xef\xbb\xbf")
    practice_rows = list(csv.DictReader(io.StringIO(practices.decode("utf-8-sig"))))
    figure_rows = list(csv.DictReader(io.StringIO(figures.decode("utf-8-sig"))))
    assert len(practice_rows) == 10 and len(figure_rows) == 18
    economy = next(row for row in practice_rows if row["name"] == "变无钱办事为有钱办事，加快发展集体经济")
    assert (economy["case_id"], economy["category"], economy["also"], economy["url"]) == (
        XINGSHAN, "economy", "resources", f"cases/{XINGSHAN}/#practice-5")
    stated = next(row for row in figure_rows if row["indicator"] == "拉动民间投资创业资金")
    assert (stated["value"], stated["unit"], stated["as_stated"]) == ("3000", "万元", "3000多万元")
    assert {(row["evidence"], row["evidence_label"]) for row in figure_rows} == {("self-report", "县（单位）自述")}


# --- related-case ranking on FIXTURE cases (in memory, never published) -----------------

def fixture_case(case_id: str, province: str, categories: tuple[str, ...], text: str = "") -> Case:
    practices = tuple(Practice(f"做法{i}", key, "概括") for i, key in enumerate(categories))
    return Case(id=case_id, title=f"测试夹具{case_id}", model="夹具", region=Region(province, f"{case_id}县"),
                summary=text or "概要", background=(), practices=practices, results=(), lessons=(),
                source=Source("测试夹具"), status="complete", body=text)


def related_ids(cases: list[Case], case_id: str) -> list[str]:
    return [r.case.id for r in build_index(cases, vocab.categories(), glossary()).related[case_id]]


TERM = next(iter(glossary().values()))  # any glossary term: cases "share" it by mentioning it


def test_a_case_sharing_more_ranks_higher_and_one_sharing_nothing_is_left_out():
    """Each neighbour shares strictly less than the one before it, whatever the weights; the
    ids and provinces put them in the reverse order by region, so only sharing can rank them."""
    mention = f"推行{TERM.term}"
    cases = [
        fixture_case("fixture-subject", "湖北省", ("economy", "service"), mention),
        fixture_case("fixture-v-nothing", "广东省", ("digital",)),
        fixture_case("fixture-w-category", "广东省", ("economy",)),
        fixture_case("fixture-x-category-term", "广东省", ("economy",), mention),
        fixture_case("fixture-y-province-category-term", "湖北省", ("economy",), mention),
        fixture_case("fixture-z-everything", "湖北省", ("economy", "service"), mention),
    ]
    assert related_ids(cases, "fixture-subject") == ["fixture-z-everything", "fixture-y-province-category-term",
                                                     "fixture-x-category-term", "fixture-w-category"]
    related = build_index(cases, vocab.categories(), glossary()).related
    shared = {r.case.id: r for r in related["fixture-subject"]}
    y, x = shared["fixture-y-province-category-term"], shared["fixture-x-category-term"]
    assert (y.same_province, y.categories, y.terms) == (True, ("economy",), (TERM.key,))
    assert (x.same_province, x.categories, x.terms) == (False, ("economy",), (TERM.key,))
    assert [c.id for c in cases if c.id in {r.case.id for r in related[c.id]}] == []  # never related to itself


def test_a_shared_named_term_ranks_above_a_shared_category():
    """A named mechanism says more than a category (kb.site.crossindex), even against region order."""
    cases = [fixture_case("fixture-subject", "湖北省", ("economy",), f"推行{TERM.term}"),
             fixture_case("fixture-b-term", "广东省", ("digital",), f"学习{TERM.term}"),
             fixture_case("fixture-a-category", "广东省", ("economy",))]
    assert related_ids(cases, "fixture-subject") == ["fixture-b-term", "fixture-a-category"]


def test_cases_sharing_the_same_things_follow_region_order():
    cases = [fixture_case("fixture-subject", "湖北省", ("economy",)),
             fixture_case("fixture-n", "广东省", ("economy",)),
             fixture_case("fixture-m", "广东省", ("economy",)),
             fixture_case("fixture-l", "北京市", ("economy",))]
    assert related_ids(cases, "fixture-subject") == ["fixture-l", "fixture-m", "fixture-n"]


def test_related_ranking_scans_bounded_candidates():
    """With many cases in one category each case still gets RELATED_LIMIT neighbours."""
    cases = [fixture_case(f"fixture-{n:04d}", "湖北省" if n % 2 else "广东省", ("economy",)) for n in range(300)]
    index = build_index(cases, vocab.categories(), glossary())
    assert CANDIDATES_PER_KEY < 300
    for case in cases:
        related = index.related[case.id]
        assert len(related) == RELATED_LIMIT
        assert all(r.same_province and r.case.region.province == case.region.province for r in related)


# --- the glossary link extension ---------------------------------------------------------

def render_with_glossary(source: str) -> str:
    return markdown.markdown(source, extensions=["attr_list", "toc", "kb.site.mdext.glossary_links"])


def test_first_mention_is_linked_once_outside_headings_links_and_code():
    html = render_with_glossary("\n\n".join([
        "# 标题里的一肩挑 { .kb-case }", "## 两会两评", "`两会两评` 和 [两会两评](x.md)",
        "正文说两会两评，再说两会两评，还有“155 ”工程和一肩挑。", "    两让一返 in code block"]))
    assert html.count('class="kb-term"') == 3
    assert '<a class="kb-term" href="../glossary/index.md#lianghui-liangping" title="术语解释">两会两评</a>，再说两会两评' in html
    assert 'href="../glossary/index.md#gongcheng-155" title="术语解释">“155 ”工程</a>' in html
    assert re.search(r"<h[12][^>]*>[^<]*<a", html) is None and "两会两评</h2>" in html
    assert "<code>两会两评</code>" in html and '<a href="x.md">两会两评</a>' in html
    assert "liangrang-yifan" not in html


def test_pages_without_the_case_mark_are_left_alone():
    html = render_with_glossary("# 术语\n\n两会两评和一肩挑。")
    assert "kb-term" not in html and "两会两评和一肩挑" in html


# --- growth -------------------------------------------------------------------------------

def test_synthetic_collection_generates_every_view(tmp_path):
    """FIXTURE cases in a temporary folder: every case is reachable from the index views."""
    ids = write_synthetic_cases(tmp_path / "cases", 60)
    out = tmp_path / "docs"
    report = generate(cases_dir=tmp_path / "cases", out_dir=out)
    assert len(report.cases) == 60
    regions = read(out, "regions/index.md")
    records = json.loads(read(out, "data/cases.json"))
    assert [r["id"] for r in records] == ids
    for case_id in ids:
        assert f"../cases/{case_id}.md" in regions
        page = read(out, f"cases/{case_id}.md")
        assert page.split("## 相关案例")[1].count("\n- [") == RELATED_LIMIT
    assert len(list((out / "regions").glob("*.md"))) == 1 + 34  # the index and one page per province
