"""``python -m kb.bench --n N``: the benchmark of ``make bench N=…``.

Writes N synthetic cases (plus the seed cases and the search fixtures) into a
temporary folder, builds the site and the plain-Material baseline from them,
measures search in Chromium and the query set's recall@5 and MRR, prints the
table and writes it into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kb.bench import builds, reload_timing, report, search_timing, synth
from kb.paths import CASES_DIR, ROOT
from kb.site.build import STAGE_NAMES
from kb.site import offline

FIXTURES_DIR = ROOT / "tests" / "fixtures" / "search"
QUERIES = FIXTURES_DIR / "queries.yml"
TIMING_QUERY = "户联理事会"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.bench", description="搜索与构建基准测试")
    parser.add_argument("--n", type=int, default=1000, help="合成案例数")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="结果写入的文件")
    parser.add_argument("--baseline-max", type=int, default=10000, help="N 超过此数时跳过基线")
    parser.add_argument("--reload-max", type=int, default=5000,
                        help="N 超过此数时不测 make serve 的刷新时间（N=10000 时一次刷新超过 2 分钟）")
    parser.add_argument("--offline-max", type=int, default=5000, help="N 超过此数时不测离线版")
    parser.add_argument("--repeats", type=int, default=3,
                        help="冷启动搜索和 make serve 刷新各测几次，取中位数（测试里的小规模运行用 1）")
    parser.add_argument("--keep", action="store_true", help="保留临时文件夹")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    try:
        section = run(args.n, workdir, args.baseline_max, args.reload_max, args.offline_max, args.repeats)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(section)
    report.write_section(args.out, args.n, section)
    print(f"已写入 {args.out}")
    return 0


def jieba_note() -> str:
    """Material segments Chinese at build time only when jieba is importable."""
    return "装有 jieba，构建时分词" if importlib.util.find_spec("jieba") else "未装 jieba，不分词"


def offline_bundle(workdir: Path, cases_dir: Path) -> tuple[Path, int, float]:
    """The offline bundle as ``make offline`` makes it: unzipped folder, zip size, build seconds."""
    start = time.perf_counter()
    bundle = offline.make_offline_bundle(workdir / "dist", workdir=workdir / "offline", cases_dir=cases_dir)
    seconds = time.perf_counter() - start
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(workdir / "unzipped")
    return workdir / "unzipped" / offline.BUNDLE_NAME, bundle.stat().st_size, seconds


def run(n: int, workdir: Path, baseline_max: int, reload_max: int, offline_max: int = 5000, repeats: int = 3) -> str:
    machine, others = report.machine_description(), report.busiest_processes()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    cases_dir = workdir / "cases"
    cases_dir.mkdir()
    for path in [*CASES_DIR.glob("*.md"), *FIXTURES_DIR.glob("*.md")]:
        shutil.copy(path, cases_dir / path.name)
    real_cases = len(list(cases_dir.glob("*.md")))
    excluded = {word for item in queries for word in item["q"].split()}
    start = time.perf_counter()
    synth.write_synthetic_cases(cases_dir, n, CASES_DIR, excluded)
    generation_s = time.perf_counter() - start

    ours = builds.project_build(workdir / "project", cases_dir)
    base = builds.baseline_build(workdir / "baseline", cases_dir) if n <= baseline_max else None
    unzipped = zip_bytes = offline_s = offline_search = None
    if n <= offline_max:
        unzipped, zip_bytes, offline_s = offline_bundle(workdir, cases_dir)
    with search_timing.chromium() as chromium:
        if unzipped:
            offline_search = search_timing.first_search(chromium, unzipped.resolve().as_uri(), TIMING_QUERY,
                                                        runs=repeats, home="index.html")
        with search_timing.serve(ours.site_dir) as url:
            our_search = search_timing.first_search(chromium, url, TIMING_QUERY, runs=repeats)
            our_quality = search_timing.quality(chromium, url, queries)
        reload_s = serve_ready_s = None
        if n <= reload_max:
            reload_s, serve_ready_s = reload_timing.edit_to_reload(chromium, cases_dir, "synthetic-00001", edits=repeats)
        base_search, base_search_timed_out = None, False
        if base:
            with search_timing.serve(base.site_dir) as url:
                try:
                    base_search = search_timing.first_search(chromium, url, TIMING_QUERY, runs=repeats)
                except PlaywrightTimeout:  # Material's built-in search at N=10,000: no result within 5 minutes
                    base_search_timed_out = True

    def both(getter):
        return getter(ours), (getter(base) if base else None)

    rows = []

    def row(name, ours_value, base_value, unit, digits=1):
        rows.append((name, report.fmt(ours_value, unit, digits), report.fmt(base_value, unit, digits),
                     report.ratio(ours_value, base_value)))

    row("合成案例生成（秒）", generation_s, generation_s if base else None, " s", 2)
    row("完整构建（秒，make build：检查、生成、MkDocs、搜索索引）", *both(lambda b: b.seconds), " s")
    for stage in ("render", "mkdocs", "search", "search_process"):  # as `python -m kb build` reports them
        row(f"　其中 {STAGE_NAMES[stage]}（秒）", ours.stage_times.get(stage), None, " s")
    row(f"make serve：保存一个案例到页面显示改动（秒，{repeats} 次中位数）", reload_s, None, " s", 2)
    row("make serve：启动到预览可访问（秒）", serve_ready_s, None, " s")
    row("构建峰值内存（MB，单个进程）", *both(lambda b: b.peak_mb), " MB", 0)
    row("网站大小（MB）", *both(lambda b: builds.tree_bytes(b.site_dir) / 1e6), " MB")
    row("搜索索引（MB）", builds.tree_bytes(ours.site_dir / "search") / 1e6,
        builds.tree_bytes(base.site_dir / "search") / 1e6 if base else None, " MB", 2)
    row(f"冷启动首个结果（秒，/?q={TIMING_QUERY}）", our_search.seconds,
        base_search.seconds if base_search else None, " s", 2)
    row("首次查询下载的搜索文件（KB）", our_search.search_bytes / 1e3,
        base_search.search_bytes / 1e3 if base_search else None, " KB", 0)
    row("首次打开该页面下载的全部文件（KB）", our_search.page_bytes / 1e3,
        base_search.page_bytes / 1e3 if base_search else None, " KB", 0)
    row("离线版 zip（MB，make offline）", zip_bytes / 1e6 if zip_bytes else None, None, " MB")
    row("离线版生成（秒，构建加打包）", offline_s, None, " s")
    row(f"离线版冷启动首个结果（秒，file://…/index.html?q={TIMING_QUERY}）",
        offline_search.seconds if offline_search else None, None, " s", 2)
    rows.append((f"查询集 recall@5（{len(queries)} 条）", f"{our_quality.recall_at_5:.3f}", "未测", "—"))
    rows.append(("查询集 MRR", f"{our_quality.mrr:.3f}", "未测", "—"))

    notes = [f"案例总数 {n + real_cases}：{n} 个合成案例（kb.bench.synth，约 18 KB 中文正文）+ {real_cases} 个"
             "真实种子案例和测试夹具（tests/fixtures/search）。",
             f"机器：{machine}。",
             f"开始时占用 CPU 最多的进程：{others}。",
             "时间为墙钟时间；峰值内存为各阶段进程中最大的常驻内存；首个结果：在全新浏览器上下文（无缓存）中"
             f"从打开 /?q= 链接计时到第一个结果出现，{repeats} 次取中位数；下载字节数为传输字节（gzip，与发布网站一致）。",
             f"基线：同一批生成好的 Markdown，原版 MkDocs Material 9.8.1，本项目的 nav（案例不进侧栏），"
             f"内置搜索（lang: zh，{jieba_note()}）；基线不计生成 Markdown 的时间。"]
    if not base:
        notes.append(f"N > {baseline_max}：基线跳过。")
    if base_search_timed_out:
        notes.append("基线的首次搜索在 5 分钟内没有出现结果（Material 内置搜索要先下载并加载整个索引），基线搜索各行记为“—”。")
    if unzipped is None:
        notes.append(f"N > {offline_max}：没有测离线版。")
    if reload_s is None:
        notes.append(f"没有测 make serve 的刷新时间：只在 N ≤ {reload_max} 时测（--reload-max）。")
    if our_quality.misses:
        notes.append("前 5 名中没有找到预期案例的查询：" + "、".join(our_quality.misses) + "。")
    notes.append(f"首个结果链接：{our_search.first_url}" + (f"；基线：{base_search.first_url}" if base_search else ""))
    return report.render_section(n, rows, notes)


if __name__ == "__main__":
    sys.exit(main())
