"""Synthetic FIXTURE cases for growth tests and benchmarks — never published,
never written into ``cases/``. Each is a copy of a seed case with a new id,
province and county, so every file passes validation."""

from __future__ import annotations

from pathlib import Path

import yaml

from sitebuild import ROOT

SEED = ROOT / "cases" / "hubei-xingshan-lianghui-liangping.md"
SEED_ID = "hubei-xingshan-lianghui-liangping"


def write_synthetic_cases(folder: Path, count: int) -> list[str]:
    """Write ``count`` fixture case files into ``folder``; returns their ids."""
    provinces = list(yaml.safe_load((ROOT / "vocab" / "provinces.yml").read_text(encoding="utf-8")))
    text = SEED.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for number in range(count):
        case_id = f"fixture-synthetic-{number:05d}"
        province = provinces[number % len(provinces)]
        body = (text.replace(SEED_ID, case_id, 1)
                .replace("  province: 湖北省", f"  province: {province}", 1)
                .replace("  county: 兴山县", f"  county: 测试夹具县{number:05d}", 1)
                .replace("title: 推广", "title: （测试夹具）推广", 1)
                .replace("\nserial: 1\n", "\n", 1))  # a copy does not take the seed's case number
        (folder / f"{case_id}.md").write_text(body, encoding="utf-8")
        ids.append(case_id)
    return ids
