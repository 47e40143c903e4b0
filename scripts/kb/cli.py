"""Command line: ``python -m kb <command>``. Parses arguments, calls one
function, and turns known failures into Chinese messages and exit codes.

Commands:
    validate [--cases DIR] [--github]   check case and module files (make validate)
    build [--cases DIR] [--site DIR] [--docs DIR] [--pdf] [--github] [--preview-drafts]   the whole site, search index included (make build)
    serve [--cases DIR] [--addr HOST:PORT]     live preview (make serve)
    generate [--cases DIR] [--out DIR]  write the MkDocs source folder
    schema                              rewrite schema/case.schema.json (make schema)
    new [--province P --county C --title T --model M]   scaffold a case (make new)
    offline [--force] [--teacher]       zip the offline variant of the site (make offline; make teacher: 教师版)
    new-note --case ID                  scaffold a teaching note in teaching/ (make new-note)
    import SRC [--out DIR] [--force]    draft case files from raw documents
    review --case ID --stage S --by UNIT --checked C [--date D]   record a review (make review)
    release [--version V] [--force]     the versioned data package dist/data/<version>/ (make release)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb.check.problems import RefusedToBuild
from kb.paths import DRAFTS_DIR, GENERATED_DOCS_DIR, ROOT, default_cases_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kb", description="基层党建创新案例库工具")
    parser.add_argument("--debug", action="store_true", help="出错时显示程序内部的详细信息")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="检查案例文件")
    check.add_argument("--cases", type=Path, default=default_cases_dir())
    check.add_argument("--github", action="store_true", help="同时输出 GitHub Actions 注释")
    check.set_defaults(run=run_validate)

    build = commands.add_parser("build", help="检查案例并构建整个网站（含搜索索引）")
    build.add_argument("--cases", type=Path, default=default_cases_dir())
    build.add_argument("--site", type=Path, default=ROOT / "site")
    build.add_argument("--docs", type=Path, default=GENERATED_DOCS_DIR, help="生成页面的文件夹")
    build.add_argument("--pdf", action="store_true", help="同时把讲义打印成 PDF 并在页面上链接")
    build.add_argument("--preview-drafts", action="store_true",
                       help="像 make serve 预览那样构建：还有问题的文件显示为问题清单页（截图用，不能发布）")
    build.add_argument("--github", action="store_true", help="构建失败时同时输出 GitHub Actions 注释")
    build.add_argument("--site-url", default=None, help="网站的公开地址（引用和二维码用；默认取 mkdocs.yml 的 site_url）")
    build.set_defaults(run=run_build)

    serve = commands.add_parser("serve", help="构建并在本机预览网站，修改案例后自动刷新")
    serve.add_argument("--cases", type=Path, default=default_cases_dir())
    serve.add_argument("--addr", default="127.0.0.1:8000", help="预览地址（只在本机）")
    serve.add_argument("--docs", type=Path, default=GENERATED_DOCS_DIR, help="生成页面的文件夹")
    serve.set_defaults(run=run_serve)

    gen = commands.add_parser("generate", help="只生成网站的 Markdown 页面（不运行 MkDocs）")
    gen.add_argument("--cases", type=Path, default=default_cases_dir())
    gen.add_argument("--out", type=Path, default=GENERATED_DOCS_DIR)
    gen.set_defaults(run=run_generate)

    schema = commands.add_parser("schema", help="重新生成编辑器用的 JSON Schema")
    schema.set_defaults(run=run_schema)

    new = commands.add_parser("new", help="按模板新建一个案例文件")
    for option, label in (("--province", "省级行政区"), ("--county", "县（市、区）"), ("--title", "案例标题"),
                          ("--model", "模式简称（用于编号，可不填）")):
        new.add_argument(option, default="", help=label)
    new.add_argument("--cases", type=Path, default=default_cases_dir())
    new.set_defaults(run=run_new)
    note = commands.add_parser("new-note", help="为一个案例新建教学说明（teaching/<编号>.yml）")
    note.add_argument("--case", default="", help="案例编号（cases/ 中的文件名，不含 .md）")
    note.add_argument("--cases", type=Path, default=default_cases_dir())
    note.set_defaults(run=run_new_note)
    offline = commands.add_parser("offline", help="生成离线版网站压缩包 dist/基层党建案例库-<日期>.zip")
    offline.add_argument("--force", action="store_true", help="覆盖当天已有的压缩包")
    offline.add_argument("--teacher", action="store_true", help="生成教师版 dist/基层党建案例库-教师版-<日期>.zip（含教学说明）")
    offline.add_argument("--site-url", default=None, help="网站的公开地址（引用和二维码用；默认取 mkdocs.yml 的 site_url）")
    offline.set_defaults(run=run_offline)

    imp = commands.add_parser("import", help="把原始文档（.txt/.md/.docx/.html 或文件夹）导入为案例草稿")
    imp.add_argument("src", type=Path)
    imp.add_argument("--out", type=Path, default=DRAFTS_DIR, help="草稿写到哪个文件夹（默认 drafts/）")
    imp.add_argument("--force", action="store_true", help="覆盖已存在的同名案例文件")
    imp.set_defaults(run=run_import)

    review = commands.add_parser("review", help="给案例添加一条审核记录（含事实指纹）")
    review.add_argument("--cases", type=Path, default=default_cases_dir())
    for option, label in (("--case", "案例编号"), ("--stage", "审核阶段：初审、核实、专家审核"),
                          ("--by", "审核单位或角色"), ("--checked", "核对内容：原文核对、数据核对、授权核对，用逗号分开"),
                          ("--date", "审核日期（默认今天）")):
        review.add_argument(option, default="", help=label)
    review.set_defaults(run=run_review)

    release = commands.add_parser("release", help="发布一个带版本号的数据包 dist/data/<版本>/")
    release.add_argument("--cases", type=Path, default=default_cases_dir())
    release.add_argument("--version", default="", help="版本号（默认今天的日期，如 2026.12.07）")
    release.add_argument("--out", type=Path, default=ROOT / "dist" / "data", help="各版本数据包所在的文件夹")
    release.add_argument("--force", action="store_true", help="覆盖已存在的同一版本")
    release.set_defaults(run=run_release)

    args = parser.parse_args(argv)
    # Output folders as the reader typed them, from where they typed them: MkDocs would read a
    # relative folder against mkdocs.yml's (the repository), not the current one.
    for name in ("site", "docs", "out"):
        if isinstance(getattr(args, name, None), Path):
            setattr(args, name, getattr(args, name).resolve())
    try:
        return args.run(args)
    except RefusedToBuild as error:  # invalid cases, warnings of the strict build, or an output folder over cases/
        print(error, file=sys.stderr)
        if getattr(args, "github", False):  # on the pull request's lines, as make validate's
            for problem in getattr(error, "problems", []):
                print(problem.github_annotation())
        return 1
    except KeyboardInterrupt:  # Ctrl-C (and a process manager's SIGTERM to make serve): stopped, not failed
        print("已停止。", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - contributors never see a traceback
        if args.debug:
            raise
        print(f"出错了：{error}（加 --debug 可查看详细信息）", file=sys.stderr)
        return 2


def run_validate(args: argparse.Namespace) -> int:
    from kb.check.library import check_library
    from kb.check.module_rules import module_summary_line
    from kb.check.note_rules import note_summary_line
    from kb.check.problems import summary_line, warnings_line

    check = check_library(args.cases)
    for problem in check.problems + check.warnings:
        print(problem.format())
        if args.github:
            print(problem.github_annotation())
    if check.modules_checked:
        print(module_summary_line(check.module_problems, check.modules_checked))
    if check.notes_checked:
        print(note_summary_line(check.note_problems, check.notes_checked))
    print(summary_line(check.case_problems, check.cases_checked))
    if check.warnings:
        print(warnings_line(check.warnings))
    return 1 if check.problems else 0


def run_build(args: argparse.Namespace) -> int:
    from kb.site.build import STAGE_NAMES, build_site

    report = build_site(args.cases, args.site, args.docs, pdf=args.pdf, preview_drafts=args.preview_drafts,
                        site_url=args.site_url)
    stages = "，".join(f"{STAGE_NAMES[name]} {seconds:.1f} 秒" for name, seconds in report.seconds.items())
    print(f"网站已构建到 {args.site}：{report.cases} 个案例（{stages}）。")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from kb.site.build import serve_site

    serve_site(args.cases, args.docs, dev_addr=args.addr)
    return 0


def run_generate(args: argparse.Namespace) -> int:
    from kb.site.generate import generate

    report = generate(cases_dir=args.cases, out_dir=args.out)
    print(f"生成完成：{len(report.cases)} 个案例；写入 {report.written} 个文件，"
          f"未变 {report.unchanged} 个，删除 {report.removed} 个。")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from kb.model.schema import SCHEMA_PATH, write_schema

    changed = write_schema()
    print(f"{'已更新' if changed else '无变化'}：{SCHEMA_PATH.relative_to(SCHEMA_PATH.parents[1]).as_posix()}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from kb.scaffold import ScaffoldError, ask_missing, scaffold

    try:
        answers = ask_missing({"province": args.province, "county": args.county, "title": args.title},
                              interactive=sys.stdin.isatty())
        path = scaffold(args.cases, model=args.model, **answers)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已新建 {path.name}：请打开 {path.relative_to(path.parents[1]).as_posix()}，把所有“【待填写】”换成案例内容，"
          "然后运行 make validate 检查。")
def run_new_note(args: argparse.Namespace) -> int:
    from kb.note_scaffold import NoteScaffoldError, scaffold_note

    try:
        path = scaffold_note(args.cases, args.case)
    except NoteScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已新建 {path.parent.name}/{path.name}：把所有“【待填写】”换成教学说明的内容（只依据案例原文），"
          "然后运行 make validate 检查。教学说明只出现在教师版（make teacher）中。")
    return 0


def run_offline(args: argparse.Namespace) -> int:
    from kb.site.offline import BundleExists, make_offline_bundle

    try:
        target = make_offline_bundle(force=args.force, teacher=args.teacher, site_url=args.site_url)
    except BundleExists as error:
        print(error, file=sys.stderr)
        return 1
    if args.teacher:
        print(f"教师版已生成：{target}（含教学说明，只发给培训教师；解压后打开其中的 index.html）")
    else:
        print(f"离线版已生成：{target}（解压后打开其中的 index.html）")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from kb.importer import import_documents, write_review_table
    from kb.importer.import_report import summary_line

    if not args.src.exists():
        print(f"找不到要导入的文件或文件夹：{args.src}（检查 SRC= 后面的路径）", file=sys.stderr)
        return 1
    if args.out.exists() and not args.out.is_dir():
        print(f"草稿文件夹 {args.out} 是一个文件，不是文件夹（OUT= 请写文件夹）", file=sys.stderr)
        return 1
    reports = import_documents(args.src, args.out, force=args.force)
    for report in reports:
        print(report.format_text())
    target, table = write_review_table(reports, args.out, force=args.force)
    print()
    print(table)
    print(f"导入报告已写入 {target}")
    print(summary_line(reports))
    return 0 if all(report.ok for report in reports) else 1


def run_review(args: argparse.Namespace) -> int:
    from kb.review_entry import ReviewError, add_review
    from kb.model.trust import REVIEW_STAGES

    try:
        path, fingerprint = add_review(args.cases, args.case, args.stage, args.by, args.checked, args.date)
    except ReviewError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已在 {path.name} 的 reviews 末尾添加：{args.stage}（{args.by.strip()}），事实指纹 {fingerprint[:19]}…；"
          f"案例页将显示“{REVIEW_STAGES[args.stage]}”。请提交这个文件。")
    return 0


def run_release(args: argparse.Namespace) -> int:
    from kb.data_release import ReleaseError, write_release

    try:
        report = write_release(args.cases, args.out, version=args.version, force=args.force)
    except ReleaseError as error:
        print(error, file=sys.stderr)
        return 1
    print(report)
    return 0
