"""``make new``: a new case file from ``templates/case.md``.

Asks for (or takes as arguments) province, county and title; derives the id
with pinyin (:mod:`kb.model.ids`); never overwrites an existing file. Everything
else in the template is marked 【待填写】, which the validator reports until
the contributor replaces it.

The template is written by hand (its comments explain the fields at more length
than the model's help, in the order a contributor fills them in). A declared
field (:data:`kb.model.case.CASE_FIELDS`) the template does not mention is added
at the end of the frontmatter with its help and a placeholder, so a new field
reaches ``make new`` without an edit of the template.

Usage::

    path = scaffold(CASES_DIR, province="湖北省", county="兴山县", title="推广农村党建“两会两评”模式", model="两会两评")
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from kb.model import ids, vocab
from kb.check.placeholders import PLACEHOLDER, placeholder_lines
from kb.model.case import CASE_FIELDS
from kb.paths import ROOT
from kb.site.render.safe_text import yaml_string
from kb.model.numbers import next_free_number

TEMPLATE_PATH = ROOT / "templates" / "case.md"
PROMPTS = {"province": "省级行政区（如 湖北省）：", "county": "县（市、区）（如 兴山县）：",
           "title": "案例标题（如 推广农村党建“两会两评”模式）："}
ARGUMENT_NAMES = {"province": "PROVINCE", "county": "COUNTY", "title": "TITLE"}


class ScaffoldError(Exception):
    """A Chinese message for the contributor; nothing was written."""


def ask_missing(answers: dict[str, str], interactive: bool, ask: Callable[[str], str] = input) -> dict[str, str]:
    """Fill empty answers by asking; without a terminal, say which arguments are missing."""
    answers = {key: value.strip() for key, value in answers.items()}
    missing = [key for key, value in answers.items() if not value]
    if missing and not interactive:
        example = " ".join(f"{ARGUMENT_NAMES[key]}=…" for key in missing)
        raise ScaffoldError(f"缺少{'、'.join(PROMPTS[key].split('（')[0] for key in missing)}（请这样运行：make new {example}）")
    for key in missing:
        while not answers[key]:
            answers[key] = ask(PROMPTS[key]).strip()
    return answers


def scaffold(cases_dir: Path, province: str, county: str, title: str, model: str = "",
             today: dt.date | None = None) -> Path:
    province = _full_province(province)
    case_id = ids.case_id(province, county, model or title)
    path = cases_dir / f"{case_id}.md"
    if path.exists():
        raise ScaffoldError(f"{path.name} 已经存在，没有覆盖（同一案例请直接修改这个文件；"
                            "不同案例请用 MODEL=… 给出不同的模式简称，以得到不同的编号）")
    values = {"id": case_id, "title": yaml_string(title), "province": yaml_string(province),
              "county": yaml_string(county), "model": yaml_string(model) if model else PLACEHOLDER,
              "today": (today or dt.date.today()).isoformat(), "serial": str(next_free_number(cases_dir))}
    text = with_unmentioned_fields(TEMPLATE_PATH.read_text(encoding="utf-8"))
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    return path


def with_unmentioned_fields(template: str) -> str:
    """The template with placeholder lines for each declared field it does not mention (as a line
    or in a comment), before the frontmatter's closing ``---``."""
    opening, frontmatter, rest = template.split("---\n", 2)
    mentioned = set(re.findall(r"[A-Za-z_]+", frontmatter))
    added = [line + "\n" for spec in CASE_FIELDS if spec.name not in mentioned for line in placeholder_lines(spec)]
    return "---\n".join([opening, frontmatter + "".join(added), rest])


def _full_province(name: str) -> str:
    """``湖北`` -> ``湖北省``; unknown names are kept for the validator to explain."""
    if name in vocab.provinces():
        return name
    return vocab.province_for_short_name(name) or name
