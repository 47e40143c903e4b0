"""N synthetic but valid case files for benchmarks, never written into cases/.

Text is realistic Chinese: sentences are drawn from the seed cases' bodies,
minus every sentence that contains a word of the search query set (so the
synthetic cases compete with the real ones for ranking without copying
what the queries look for), mixed with synthetic practice names built from
a small vocabulary of domain-like words. Every file says in its title and
source that it is synthetic.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from kb.model import vocab
from kb.check.load import load_case_file

TARGET_BODY_CHARS = 6000  # about 18 KB of UTF-8 Chinese text
SENTENCE_RE = re.compile(r"[^。！？\n]+[。！？]")
TERM_HEADS = ["红色", "连心", "乡贤", "网格", "党群", "邻里", "先锋", "暖心", "同心", "睦邻", "初心", "惠民",
              "便民", "民情", "清风", "善治", "共建", "和美", "兴业", "阳光"]
TERM_TAILS = ["议事会", "驿站", "服务队", "工作室", "联盟", "课堂", "积分制", "夜话", "帮帮团", "调解室",
              "直通车", "代办员", "书屋", "合伙人", "微心愿"]


def sentence_bank(seed_cases_dir: Path, excluded_words: set[str]) -> list[str]:
    sentences: list[str] = []
    for path in sorted(seed_cases_dir.glob("*.md")):
        body = load_case_file(path).body
        for sentence in SENTENCE_RE.findall(body):
            sentence = sentence.strip().lstrip("#").strip()
            if len(sentence) >= 12 and not any(word in sentence for word in excluded_words):
                sentences.append(sentence)
    if not sentences:
        raise ValueError("种子案例中没有可用于合成的句子")
    return sentences


def synthetic_terms() -> list[str]:
    return [head + tail for head in TERM_HEADS for tail in TERM_TAILS]


def write_synthetic_cases(out_dir: Path, count: int, seed_cases_dir: Path, excluded_words: set[str],
                          seed: int = 6) -> list[Path]:
    rng = random.Random(seed)
    bank = sentence_bank(seed_cases_dir, excluded_words)
    terms = synthetic_terms()
    provinces = list(vocab.provinces())
    category_keys = list(vocab.categories())
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        path = out_dir / f"synthetic-{number:05d}.md"
        path.write_text(render_case(number, rng, bank, terms, provinces, category_keys), encoding="utf-8")
        paths.append(path)
    return paths


def render_case(number: int, rng: random.Random, bank: list[str], terms: list[str],
                provinces: list[str], category_keys: list[str]) -> str:
    model = rng.choice(terms)
    practice_names = [f"推行“{rng.choice(terms)}”工作机制（{index + 1}）" for index in range(rng.randint(3, 5))]
    meta = {
        "id": f"synthetic-{number:05d}",
        "title": f"合成基准案例{number}：推行“{model}”",
        "model": model,
        "region": {"province": rng.choice(provinces), "county": f"合成{number}县"},
        "domain": "农村",
        "status": "complete",
        "summary": f"合成的基准测试案例（不是真实案例）。{''.join(rng.sample(bank, 2))}",
        "background": rng.sample(bank, 2),
        "practices": [{"name": name, "category": rng.choice(category_keys), "summary": rng.choice(bank)}
                      for name in practice_names],
        "results": [{"indicator": "合成指标", "value": rng.randint(1, 999), "unit": "个"}],
        "lessons": rng.sample(bank, 2),
        "source": {"title": "合成基准数据（非真实案例，由 kb.bench.synth 生成）", "rights": "自行撰写"},
    }
    sections = {"背景": [], "主要做法": practice_names, "成效": [], "启示": []}
    share = TARGET_BODY_CHARS // 4
    body = []
    for heading, subheadings in sections.items():
        body.append(f"## {heading}\n")
        for subheading in subheadings or [None]:
            if subheading:
                body.append(f"### {subheading}\n")
            body.append(paragraphs(rng, bank, terms, share // max(1, len(subheadings))))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n" + "\n".join(body)


def paragraphs(rng: random.Random, bank: list[str], terms: list[str], chars: int) -> str:
    out, length, paragraph = [], 0, []
    while length < chars:
        sentence = rng.choice(bank)
        if rng.random() < 0.2:
            sentence = f"各村推行“{rng.choice(terms)}”，" + sentence
        paragraph.append(sentence)
        length += len(sentence)
        if len(paragraph) >= 4:
            out.append("".join(paragraph))
            paragraph = []
    out.append("".join(paragraph))
    return "\n\n".join(p for p in out if p) + "\n"
