"""A small real run of the benchmark (`make bench`): it works end to end.
No timing is asserted; timings belong in BENCHMARKS.md."""

import re
import subprocess
import sys

from sitebuild import ROOT, kb_env


def test_small_benchmark_writes_a_complete_table(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    result = subprocess.run([sys.executable, "-m", "kb.bench", "--n", "3", "--out", str(out)],
                            cwd=ROOT, env=kb_env(), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "## N = 3" in text and "案例总数 8" in text
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| ")}
    for name in ("完整构建", "冷启动首个结果", "首次查询下载的搜索文件", "搜索索引（MB）"):
        row = next(line for key, line in rows.items() if key.startswith(name))
        assert len(re.findall(r"\d+(?:\.\d+)? (?:s|KB|MB)", row)) == 2, row  # ours and the baseline
    recall = next(line for key, line in rows.items() if key.startswith("查询集 recall@5"))
    assert 0 <= float(recall.split("|")[2]) <= 1
    assert not list((ROOT / "cases").glob("synthetic-*.md"))
