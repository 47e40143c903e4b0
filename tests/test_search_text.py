"""How search reads text and what the index holds (kb.search.tokens,
kb.search.index), without a browser; test_search.py runs the same
contract end to end in Chromium."""

import json

from kb.search.source import plain_text
from kb.search.index import index_files, pinyin_tokens, shard_count
from kb.search.tokens import bigrams, fnv1a, normalize, runs, traditional_map


def test_quote_width_case_and_traditional_variants_read_alike():
    assert {normalize(text) for text in ["村“两委”", '村"两委"', "村＂两委＂", "村「两委」", "村兩委"]} == {"村两委"}
    assert normalize("ＬＨＬＰ") == normalize("LhLp") == "lhlp"
    assert traditional_map()["會"] == "会" and "会" not in traditional_map()


def test_text_is_cut_into_chinese_runs_and_ascii_words():
    assert runs(normalize("<script>alert(1)</script>户联理事会！lhlp")) == [
        "script", "alert", "1", "script", "户联理事会", "lhlp"]
    assert bigrams("加装电梯") == ["加装", "装电", "电梯"]


def test_pinyin_tokens_of_a_term():
    assert {"lianghuiliangping", "lianghui", "liangping", "lhlp"} <= set(pinyin_tokens("两会两评"))
    assert pinyin_tokens("155工程") == ()  # not all Chinese: no pinyin


def test_markdown_markup_is_not_searched():
    assert plain_text("## 背景\n\n**加粗**和[链接](https://example.org/cases/x.md)<b>标签</b>") == "背景\n加粗和链接标签"


def record(case_id, title, body):
    return {"id": case_id, "url": f"cases/{case_id}/", "title": title, "region": "湖北省兴山县", "model": title,
            "status": "完整", "review": "未审核", "province": "湖北省", "categories": ["组织设置与覆盖"],
            "heavy": [title, "湖北省", "", "兴山县"], "fields": ["概括"], "body": body}


def data_of(script):
    return json.loads(script[script.index(",") + 1:script.rindex(")")])


def test_index_holds_terms_pairs_and_pinyin_in_their_shards():
    files = index_files({"dictionary": ["户联理事会", "兴山县"], "suggestions": ["户联理事会"],
                         "records": [record("a", "户联理事会", "正文"), record("b", "别的", "理事会")]})
    core = data_of(files["core.js"])
    assert core["n"] == 2 and core["shards"] == shard_count(2) and core["dictionary"] == ["兴山县", "户联理事会"]
    shards = {token: data_of(text) for token, text in files.items() if "/i" in token}

    def postings(token):
        return shards[f"{core['v']}/i{fnv1a(token) % core['shards']}.js"].get(token)

    assert postings("户联理事会") == [0, 30]  # case 0, in its title
    assert postings("理事")[0::2] == [0, 1]   # both cases, as doc gaps
    assert postings("hllsh") == [0, 30] and postings("xingshan") == [0, 30, 1, 30]
    assert postings("hl") is None  # no prefixes of initials


def test_search_reads_the_case_fields_not_its_address_or_source_file():
    from kb.check.library import check_library
    from kb.model import vocab
    from kb.paths import CASES_DIR
    from kb.search.source import render_search_source

    source = json.loads(render_search_source(check_library(CASES_DIR).cases, vocab.categories()))
    for item in source["records"]:
        searched = json.dumps([item[field] for field in ("heavy", "fields", "body")], ensure_ascii=False)
        assert item["id"] not in searched and "cases/" not in searched and ".md" not in searched
    assert {"两会两评", "户联理事会", "兴山县", "兴山"} <= set(source["dictionary"])
