"""Rules for the stable case number (``serial``, :mod:`kb.model.numbers`), across the library:
no two cases share a number, and a number the ledger issued to another case (a withdrawn one
included) or a gap below the last issued number is never taken."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from kb.check.load import CaseFile
from kb.check.problems import Problem
from kb.model.numbers import ledger, number_label


def check_numbers(loaded: list[CaseFile]) -> Iterator[Problem]:
    issued = ledger()
    last = max(issued, default=0)
    by_number: dict[int, list[CaseFile]] = defaultdict(list)
    for case_file in loaded:
        number = case_file.meta.get("serial")
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            by_number[number].append(case_file)
    for number, files in sorted(by_number.items()):
        for case_file in files:
            line, case_id = case_file.line_of("serial"), case_file.meta.get("id")
            others = [f.display_path for f in files if f is not case_file]
            if others:
                also = f"等 {len(others)} 个文件" if len(others) > 1 else ""
                yield Problem(case_file.display_path, line, "serial", "duplicate-number",
                              f"案例号 {number}（{number_label(number)}）与 {others[0]}{also}重复",
                              f"新案例用下一个空号 {max(last, *by_number) + 1}，已收入的案例不改号")
            elif number in issued and issued[number] != case_id:
                yield Problem(case_file.display_path, line, "serial", "number-taken",
                              f"案例号 {number} 已经发给了“{issued[number]}”（见 vocab/case-numbers.yml），号码不能重复使用",
                              f"新案例用下一个空号 {max(last, *by_number) + 1}")
            elif number not in issued and number <= last:
                yield Problem(case_file.display_path, line, "serial", "number-taken",
                              f"案例号 {number} 不在登记簿 vocab/case-numbers.yml 中，却小于已发出的最大号 {last}",
                              f"新案例用下一个空号 {max(last, *by_number) + 1}")
