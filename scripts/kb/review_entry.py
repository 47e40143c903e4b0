"""``make review``: append one review to a case file's ``reviews``, with the fingerprint of its facts.

The file is edited as text, not rewritten from parsed YAML: comments, the order of the
fields, folded summaries and the body stay exactly as they were; only the new entry's
lines are added (at the end of an existing ``reviews:`` list, or as a new ``reviews:``
block before the closing ``---``). The file must pass its own checks first, because the
fingerprint (:func:`kb.model.trust.facts_fingerprint`) is taken of the parsed facts.

Usage::

    add_review(Path("cases"), "hubei-xingshan-lianghui-liangping", "核实", "兴山县委组织部", "原文核对,数据核对")
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path

from kb.check.load import case_paths, display_path, load_case_file
from kb.check.problems import CaseFileError
from kb.check.validate import check_case_file
from kb.model.case import Case
from kb.model.trust import REVIEW_CHECKS, REVIEW_STAGES, facts_fingerprint

CHECK_SEPARATORS = re.compile(r"[,，、;；\s]+")
# A YAML scalar that needs no quotes: no indicator at the start, no ": " or " #" inside.
PLAIN_SCALAR = re.compile(r"^(?![-?:,\[\]{}#&*!|>'\"%@`\s])(?!.*(?::\s|\s#|:$)).+(?<!\s)$")


class ReviewError(Exception):
    """A bad request or a case file that cannot be reviewed yet; the message says what to do, in Chinese."""


def parse_checked(text: str) -> list[str]:
    items = [item for item in CHECK_SEPARATORS.split(text.strip()) if item]
    if not items:
        raise ReviewError(f"请写明核对了什么：CHECKED= 后面写 {'、'.join(REVIEW_CHECKS)} 中的一项或几项，用逗号分开，"
                          "例如 CHECKED=原文核对,数据核对")
    unknown = [item for item in items if item not in REVIEW_CHECKS]
    if unknown:
        raise ReviewError(f"核对内容“{'、'.join(unknown)}”不在可选值中；可选：{'、'.join(REVIEW_CHECKS)}")
    return list(dict.fromkeys(items))


def _check_request(cases_dir: Path, case_id: str, stage: str, by: str, date: str) -> Path:
    if not case_id:
        raise ReviewError("请指定要审核的案例：CASE=案例编号，例如 make review CASE=hubei-xingshan-lianghui-liangping "
                          "STAGE=核实 BY=县委组织部 CHECKED=原文核对,数据核对")
    path = cases_dir / f"{case_id}.md"
    if not path.is_file():
        known = [p.stem for p in case_paths(cases_dir) if p.suffix == ".md"]
        close = [k for k in known if k.startswith(case_id)] or difflib.get_close_matches(case_id, known, n=1, cutoff=0.6)
        hint = f"是不是“{close[0]}”？" if close else "编号就是 cases/ 中案例文件名去掉 .md"
        raise ReviewError(f"找不到案例“{case_id}”：{display_path(path)} 不存在（{hint}）")
    if stage not in REVIEW_STAGES:
        raise ReviewError(f"审核阶段“{stage}”不在可选值中：STAGE= 后面写 {'、'.join(REVIEW_STAGES)} 之一")
    if not by.strip():
        raise ReviewError("请写明审核单位：BY= 后面写单位或角色（如 县委组织部、案例库编辑组），不必写个人姓名")
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise ReviewError(f"审核日期“{date}”不是存在的日期：DATE= 写成 年-月-日，例如 2026-12-07") from None
    return path


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when it is safe, else a double-quoted (JSON) string."""
    return value if PLAIN_SCALAR.match(value) and not value.isdigit() else json.dumps(value, ensure_ascii=False)


def add_review(cases_dir: Path, case_id: str, stage: str, by: str, checked: str, date: str = "") -> tuple[Path, str]:
    """Append the review to ``cases_dir/<case_id>.md``; returns the file and the fingerprint recorded."""
    date = date or dt.date.today().isoformat()
    path = _check_request(cases_dir, case_id, stage, by, date)
    checks = parse_checked(checked)
    try:
        case_file = load_case_file(path)
    except CaseFileError as error:
        raise ReviewError(f"{error}\n案例文件还有问题，先按上面的提示修好（make validate 通过）再审核。") from None
    problems = list(check_case_file(case_file))
    if problems:
        listed = "\n".join(problem.format() for problem in problems)
        raise ReviewError(f"{listed}\n案例文件还有问题，先按上面的提示修好（make validate 通过）再审核。")
    case = Case.from_dict(case_file.meta, case_file.body, case_file.display_path)
    fingerprint = facts_fingerprint(case)
    entry = {"stage": stage, "by": by.strip(), "date": date, "checked": checks, "fingerprint": fingerprint}
    raw = path.read_bytes()
    original = raw.decode("utf-8-sig")
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    updated = insert_review(original, entry)
    path.write_bytes(bom + updated.encode("utf-8"))
    try:  # the file must read back with exactly this entry last; otherwise leave it as it was
        reviews = load_case_file(path).meta.get("reviews") or []
        ok = bool(reviews) and {**reviews[-1], "date": str(reviews[-1].get("date"))} == entry
    except CaseFileError:
        ok = False
    if not ok:
        path.write_bytes(raw)
        raise ReviewError(f"{display_path(path)} 的 reviews 写法特殊，无法自动添加；文件没有改动。"
                          "请把 reviews 写成每项以“  - stage: …”开头的列表后再试")
    return path, fingerprint


def insert_review(text: str, entry: dict) -> str:
    """``text`` with ``entry`` added as the last item of its frontmatter's ``reviews`` list."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    start = next((i for i in range(1, closing) if re.match(r"^reviews:", lines[i])), None)
    if start is not None and re.match(r"^reviews:\s*(\[\s*\])?\s*(#.*)?$", lines[start]) is None:
        raise ReviewError("reviews 写在了同一行，无法自动添加：请改成每项单独一行的列表后再试")
    indent = "  "
    if start is None:
        lines.insert(closing, "reviews:")
        at = closing + 1
    else:
        lines[start] = "reviews:"
        at = start + 1
        while at < closing and (lines[at].startswith((" ", "-")) or not lines[at].strip()):
            at += 1
        while at - 1 > start and not lines[at - 1].strip():  # keep blank lines after the list where they were
            at -= 1
        first_item = next((line for line in lines[start + 1:at] if line.lstrip().startswith("- ")), None)
        if first_item is not None:
            indent = first_item[: len(first_item) - len(first_item.lstrip())]
    item = [f"{indent}- stage: {entry['stage']}",
            f"{indent}  by: {_scalar(entry['by'])}",
            f"{indent}  date: {entry['date']}",
            f"{indent}  checked: [{', '.join(entry['checked'])}]",
            f"{indent}  fingerprint: {entry['fingerprint']}"]
    lines[at:at] = item
    return newline.join(lines)
