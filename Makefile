# Silk Routes Partnership Platform: developer commands.
#
#   make run     set up .venv, migrate, load the starter dataset, serve http://127.0.0.1:8000 as
#                production does (DEBUG off, gunicorn, static files through whitenoise)
#   make dev     the same data on Django's debug server (reloads on change, detailed errors)
#   make test    set up .venv and run the whole test suite (PYTEST_ARGS="..." is passed to pytest)
#
# Only Python 3.11+ is needed on the machine: the first run creates .venv with `python3 -m venv`,
# installs uv (pinned) into it with pip, and installs the exact, hash-checked requirements.lock.
# Later runs reinstall nothing unless requirements.lock (or the uv pin) changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
UV_STAMP := $(VENV)/.uv-$(UV_VERSION)
SYNC_STAMP := $(VENV)/.requirements-synced
MANAGE := $(BIN)/python manage.py
DATASET := data/silk-routes-2014-2016.yaml
HOST ?= 127.0.0.1
PORT ?= 8000
VAR_DIRS := var/static var/media
SECRET_KEY_FILE := var/secret_key
# `make run` is production on one machine: only the host names, the cookies over plain HTTP and
# HSTS (meaningless on 127.0.0.1) differ from a real deployment. Static files are collected and
# served by whitenoise from the manifest, as there. One worker with threads: the page cache is in
# the process (no REDIS_URL), and a second worker would keep its own copy of it.
RUN_ENV := DEBUG=0 SECRET_KEY_FILE=$(SECRET_KEY_FILE) ALLOWED_HOSTS=$(HOST),127.0.0.1,localhost \
	SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 SITE_URL=http://$(HOST):$(PORT)
PYTEST_ARGS ?=
LOCK_ARGS ?=
# Directories that Django's message commands must not walk into.
MSG_IGNORE := --ignore='.*' --ignore=var --ignore=node_modules

.DEFAULT_GOAL := help
.PHONY: bench help venv run dev prepare test lint fmt check lock messages translations clean distclean

help:
	@echo "make run        set up, migrate, load $(DATASET), serve http://$(HOST):$(PORT) as production does"
	@echo "make dev        the same on Django's debug server (DEBUG on, reloads on change)"
	@echo "make test       set up and run the test suite (PYTEST_ARGS='-k meetings -x' ...)"
	@echo "make lint       ruff check + ruff format --check"
	@echo "make fmt        ruff check --fix + ruff format"
	@echo "make check      Django system checks; fail if a model change lacks its migration"
	@echo "make lock       re-compile requirements.lock from pyproject.toml (LOCK_ARGS=--upgrade)"
	@echo "make messages   update locale/{ru,ar} .po files and compile them"
	@echo "make clean      remove caches and collected static files"
	@echo "make distclean  clean, and remove .venv and var/ (the SQLite database, media)"

# --- environment -------------------------------------------------------------------------------

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed, $(PYTHON) is " + sys.version.split()[0] + ": try make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

$(UV_STAMP): | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@touch $@

$(SYNC_STAMP): requirements.lock $(UV_STAMP)
	$(BIN)/uv pip sync --quiet --require-hashes --python $(BIN)/python requirements.lock
	@touch $@

venv: $(SYNC_STAMP)

# var/ holds the SQLite database, collected static files and media. STATIC_ROOT must exist even
# in development: whitenoise warns about a missing one, and the tests turn warnings into errors.
$(VAR_DIRS):
	@mkdir -p $@

# Compiles the .po catalogues to .mo with Babel (pure Python: no GNU gettext needed to run or test).
translations: $(SYNC_STAMP) | $(VAR_DIRS)
	@$(MANAGE) compile_translations --verbosity=0

# --- the two commands --------------------------------------------------------------------------

# A signing key of this machine's own, made once and kept private to its owner.
$(SECRET_KEY_FILE): | $(SYNC_STAMP) $(VAR_DIRS)
	@umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@.tmp && mv $@.tmp $@
	@echo "made a secret key in $@"

prepare: translations | $(VAR_DIRS)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_dataset $(DATASET)

run: prepare $(SECRET_KEY_FILE)
	$(RUN_ENV) $(MANAGE) collectstatic --no-input --verbosity=0
	$(RUN_ENV) $(BIN)/gunicorn -c deploy/gunicorn.conf.py --bind $(HOST):$(PORT) --workers 1 --threads 4 --access-logfile -

dev: prepare
	$(MANAGE) runserver $(HOST):$(PORT)

test: translations | $(VAR_DIRS)
	$(BIN)/pytest $(PYTEST_ARGS)

# --- code quality ------------------------------------------------------------------------------

lint: $(SYNC_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(SYNC_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(SYNC_STAMP) | $(VAR_DIRS)
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# --- performance --------------------------------------------------------------------------------

# Installs nginx and wrk from Debian when missing; needs PostgreSQL and Redis. BENCH_ARGS=--quick
bench: $(SYNC_STAMP) | $(VAR_DIRS)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# --- maintenance -------------------------------------------------------------------------------

# Prefers the versions already locked; LOCK_ARGS=--upgrade (or --upgrade-package NAME) moves them.
lock: $(UV_STAMP)
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock $(LOCK_ARGS)

messages: $(SYNC_STAMP)
	@command -v xgettext >/dev/null 2>&1 || { echo "GNU gettext is needed: apt-get install gettext (or brew install gettext)" >&2; exit 1; }
	@mkdir -p locale
	$(MANAGE) makemessages --locale=ru --locale=ar --add-location=file $(MSG_IGNORE) --ignore=tests
	$(MANAGE) compile_translations

clean:
	rm -rf .pytest_cache .ruff_cache var/static
	find . \( -name .venv -o -name .git \) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) var
