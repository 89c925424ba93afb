# Two commands on a fresh machine: `make lab` starts the course, `make test` runs every test.
# Both create .venv when missing and reinstall only when pyproject.toml changes (stamp file).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Extra arguments for JupyterLab, e.g. `make lab LAB_ARGS="--port 9999 --no-browser"`.
LAB_ARGS ?=
# The folder JupyterLab serves (the course by default; the browser test serves a copy).
LAB_ROOT ?= $(CURDIR)
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k kano"`.
PYTEST_ARGS ?=
# Root may run JupyterLab only with --allow-root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# nbgrader 0.9.6 fails on Chinese names under an ASCII locale.
export PYTHONUTF8 := 1
# Tools the course runs (jupyter, nbgrader, alembic) come from the project's environment.
export PATH := $(CURDIR)/$(BIN):$(PATH)
# Keep Playwright from ever fetching a browser of its own: tests use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: lab test bench release demo system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The edition `make lab` opens (its index) and speaks (JupyterLab's interface): zh-CN or en.
EDITION ?= zh-CN

# JupyterLab set up by jupyter/ (settings, kernel culling; see jupyter/jupyter_server_config.py).
lab: $(STAMP)
	cd $(LAB_ROOT) && JUPYTER_CONFIG_PATH=$(CURDIR)/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH} COURSE_EDITION=$(EDITION) \
		$(CURDIR)/$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(LAB_ROOT) $(LAB_ARGS) \
		lessons/00-index.$(EDITION).ipynb

# Debian packages the tests need: headless Chromium for the browser test, a CJK font
# so the browser draws the lessons' Chinese text (matplotlib brings its own, see pyproject),
# and PostgreSQL, which tests/test_postgres.py starts (a throwaway server) to hold a gradebook.
DEBIAN_PACKAGES := chromium fonts-noto-cjk postgresql
system-deps:
	@dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends $(DEBIAN_PACKAGES); }

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Regenerate the instructor notebooks in source/ and the student copies in exercises/.
release: $(STAMP)
	$(BIN)/python -m autograder.authoring exercises

# A simulated class of 30 students graded end to end; prints where the report and export are.
demo: $(STAMP)
	$(BIN)/python -m autograder demo

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
