# Kring: `make run` and `make test` are all a new machine needs (Python 3.11 and make).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(or $(shell command -v uv 2>/dev/null),$(TOOLS)/bin/uv)
VENV := .venv
KRING := $(VENV)/bin/kring
STAMP := $(VENV)/.installed-stamp

# uv uses the machine's Python and never downloads one of its own.
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(shell command -v $(PYTHON) 2>/dev/null || command -v python3)
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Compile bytecode at install time: the engines count interpreter start-up in their limits.
export UV_COMPILE_BYTECODE := 1

.PHONY: help install run serve worker demo test check pytest browser-deps bench messages clean

help:
	@echo "make run    install, migrate, load the demo data and serve Kring on http://127.0.0.1:8000"
	@echo "make test   install and run every check and test (ruff, mypy, migrations, pytest, browser)"
	@echo "make check  the fast static checks alone"
	@echo "make bench  the grouping, scheduling and staffing benchmarks, with figures"

$(TOOLS)/bin/uv:
	$(UV_PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): pyproject.toml uv.lock Makefile | $(UV)
	$(UV) sync --frozen
	@touch $@

install: $(STAMP)

run: install
	mkdir -m 700 -p var
	$(KRING) migrate --noinput
	$(KRING) collectstatic --noinput --verbosity 0
	$(KRING) load_demo --if-empty
	$(KRING) welcome
	$(KRING) serve

worker: install
	$(KRING) db_worker --queue-name '*'

# axe-core (the accessibility checks of the browser tests) comes from the npm registry,
# pinned in package-lock.json; Node.js and npm from Debian's packages when they are missing.
node_modules/.installed-stamp: package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Node.js and npm from Debian's packages…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else \
	    echo "npm is missing: install Debian's 'npm' package (browser tests need axe-core)."; exit 1; \
	  fi; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Chromium for the browser tests comes from Debian's packages.
browser-deps: node_modules/.installed-stamp
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium from Debian's packages…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else \
	    echo "Chromium is missing: install Debian's 'chromium' package (browser tests need /usr/bin/chromium)."; exit 1; \
	  fi; \
	fi

check: install
	$(VENV)/bin/ruff check kring tests bench
	$(VENV)/bin/ruff format --check kring tests bench
	$(VENV)/bin/mypy kring
	$(KRING) makemigrations --check --dry-run --verbosity 1
	@$(VENV)/bin/python -m kring.core.i18n_check

pytest: install browser-deps
	$(VENV)/bin/pytest

test: check pytest

bench: install
	$(VENV)/bin/python bench/grouping.py
	$(VENV)/bin/python bench/grouping_sweep.py
	$(VENV)/bin/python bench/scheduling.py
	$(VENV)/bin/python bench/staffing.py
	$(VENV)/bin/python bench/staffing_sweep.py

# Refresh the translation catalogues after changing user-facing text.
messages: install
	cd kring && ../$(KRING) makemessages -l nl -l en --no-obsolete --ignore 'engines/*'
	$(VENV)/bin/python -m kring.locale.fill
	cd kring && ../$(KRING) compilemessages

clean:
	rm -rf $(VENV) $(TOOLS) node_modules .pytest_cache .mypy_cache .ruff_cache
