# 基层党建创新案例库 — every task goes through this file.
# Newcomers need two commands: `make serve` and `make test`.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed

export PYTHONPATH := $(CURDIR)/scripts
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help setup system-deps validate generate build serve test bench clean

help: ## 列出所有命令
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

setup: $(STAMP) ## 安装 Python 依赖（首次运行时自动执行）

system-deps: ## 安装测试用的 Chromium 和中文字体（Debian 软件包，缺少时才安装）
	@bash scripts/install-system-deps.sh

validate: setup ## 检查 cases/ 中的所有案例文件
	@$(PY) -m kb validate

generate: setup ## 从案例生成网站页面到 build/docs
	@$(PY) -m kb generate

build: validate generate ## 构建网站到 site/
	$(PY) -m mkdocs build --strict --quiet
	$(PY) -m kb.search_index site

serve: validate generate ## 构建并在 http://127.0.0.1:8000 预览网站（修改案例后自动刷新）
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --watch cases --watch vocab --watch docs --watch scripts/kb

test: validate generate system-deps ## 运行全部测试
	$(PY) -m pytest

N ?= 1000
bench: setup system-deps ## 基准测试：合成 N 个案例，与原版 Material 对比，写入 BENCHMARKS.md（make bench N=250）
	$(PY) -m kb.bench --n $(N)

clean: ## 删除生成的文件
	rm -rf build site .pytest_cache
