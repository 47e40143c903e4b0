"""The benchmark table, and its section in BENCHMARKS.md (one section per N,
replaced when the same N is run again)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
from pathlib import Path


def machine_description() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{cpu}，{os.cpu_count()} 核，内存 {mem_kb / 1024 / 1024:.1f} GB，Python {platform.python_version()}；"
            f"开始时负载（1/5/15 分钟）{load}")


def busiest_processes(limit: int = 6) -> str:
    """What else was using the CPU (the machine is shared)."""
    out = subprocess.run(["ps", "-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers"],
                         capture_output=True, text=True).stdout.splitlines()
    return "，".join(" ".join(line.split()[::-1]) + "%" for line in out[:limit])


def fmt(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def ratio(ours, base) -> str:
    return f"{ours / base:.2f}×" if ours is not None and base else "—"


def render_section(n: int, rows: list[tuple[str, object, object, str]], notes: list[str]) -> str:
    lines = [f"<!-- bench:N={n} -->", f"### N = {n}（{dt.date.today().isoformat()}）", "",
             "| 指标 | 本项目（kb-search 分片索引） | 基线（原版 Material：本项目的 nav，内置搜索） | 比值 |",
             "| --- | --- | --- | --- |"]
    lines += [f"| {name} | {ours} | {base} | {r} |" for name, ours, base, r in rows]
    lines += [""] + [f"- {note}" for note in notes] + [f"<!-- /bench:N={n} -->", ""]
    return "\n".join(lines)


def write_section(path: Path, n: int, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.is_file() else (
        "# 基准测试\n\n由 `make bench N=…` 生成（kb.bench），每个 N 一节，重跑同一 N 时替换该节。"
        "机器是共享的，绝对时间会波动，比值更可靠。\n\n")
    pattern = re.compile(rf"<!-- bench:N={n} -->.*?<!-- /bench:N={n} -->\n?", re.DOTALL)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
