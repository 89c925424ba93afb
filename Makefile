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

.PHONY: lab test bench bench-hub release demo system-deps proxy hub clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# Byte-compiled now, as pip does for an installed package: the course's own modules then load
	@# from bytecode even where Python is told not to write it (PYTHONDONTWRITEBYTECODE).
	$(BIN)/python -m compileall -q autograder satisfaction
	@# In the same spirit, what every grading run would compile first: the feedback template and
	@# the notebook checks (autograder/engine/precompile.py).
	$(BIN)/python -m autograder.engine.precompile
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
# The class server (`make hub`) logs students in with PAM and makes their accounts (passwd, login),
# and runs JupyterHub's proxy on Node.js (nodejs and npm, only when npm is missing).
DEBIAN_PACKAGES := chromium fonts-noto-cjk postgresql passwd login libpam-runtime
system-deps:
	@dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends $(DEBIAN_PACKAGES); }
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm; }

# JupyterHub's proxy (npm configurable-http-proxy), exactly as pinned in package-lock.json.
PROXY := node_modules/.bin/configurable-http-proxy
$(PROXY): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
proxy: $(PROXY)

# The class server: `sudo make hub COURSE=/srv/courses/satisfaction-101 TEACHER=wang`
# (the course folder from `python -m autograder init`; extra options in HUB_ARGS, e.g. "--port 8080").
COURSE ?=
TEACHER ?=
HUB_ARGS ?=
hub: $(STAMP) system-deps proxy
	@test -n "$(COURSE)" -a -n "$(TEACHER)" || { echo "usage: make hub COURSE=COURSE_DIR TEACHER=LOGIN" >&2; exit 2; }
	$(BIN)/python -m autograder hub $(COURSE) --teacher $(TEACHER) $(HUB_ARGS)

# The class server's load check (30 students at once, as root) and its first start from a fresh clone.
bench-hub: $(STAMP) proxy
	$(BIN)/python benchmarks/hub_load.py
	$(BIN)/python benchmarks/hub_setup.py

test: $(STAMP) system-deps proxy
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
	rm -rf $(VENV) .pytest_cache .hypothesis node_modules
