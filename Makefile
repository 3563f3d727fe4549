# Peygir: `make demo` runs the demo, `make test` runs everything. Both install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Links in SMS and email name the site as people reach it (the demo's own port unless told otherwise).
PEYGIR_SITE_URL ?= http://127.0.0.1:$(PORT)
export PEYGIR_SITE_URL
export DJANGO_SETTINGS_MODULE := peygir.settings

.PHONY: demo test install npm static browser lint scan clean messages bench

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

npm: node_modules/.installed

static: install npm
	$(PY) manage.py collectstatic --noinput -v 0

# Debian's chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v /usr/bin/chromium >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils)
	@command -v pdftotext >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils)

demo: static
	mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py demo load --if-empty
	$(PY) manage.py actions scan
	$(PY) manage.py demo logins --port $(PORT)
	# Demo only: the personas sign in without a second factor (docs/security.md).
	PEYGIR_TWO_FACTOR_DEMO_BYPASS=1 $(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run -v 0

# The whole suite, browser tests included, in parallel (pytest-xdist: one and a half processes per CPU,
# each with its own test database: a worker waits on the database and the browser much of the time, and
# on two cores three workers finished a PostgreSQL run a third sooner than two). SQLite by default; PostgreSQL when DATABASE_URL is set, e.g.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test make test
# `TEST_WORKERS=0 make test` runs it in one process. Tests marked xdist_group (those sharing a loaded
# demo) run on one worker together (--dist loadgroup); the rest are shared out one by one.
TEST_WORKERS ?= $(shell $(PYTHON) -c "import os; print(max(1, len(os.sched_getaffinity(0)) * 3 // 2))")
test: install npm browser lint
	$(PY) manage.py collectstatic --noinput -v 0
	$(VENV)/bin/pytest -p no:cacheprovider -n $(TEST_WORKERS) --dist loadgroup

scan: install
	$(PY) manage.py actions scan

messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

# Performance (docs/performance.md): a fresh PostgreSQL database, generated at BENCH_SCALE (1 = national),
# served by gunicorn (2 workers) on 127.0.0.1 and measured; results in var/bench/results.{json,md}.
BENCH_SCALE ?= 0.05
BENCH_SEED ?= 1
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_DB ?= peygir_bench
BENCH_ARGS ?=
BENCH_ENV := DATABASE_URL=$(BENCH_PG)/$(BENCH_DB)

bench: install
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) || \
		echo "wrk could not be installed: the Python load client stands in (the report says so)"
	psql $(BENCH_PG)/postgres -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $(BENCH_DB)" -c "CREATE DATABASE $(BENCH_DB)"
	mkdir -p var/bench
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v 0
	$(BENCH_ENV) $(PY) manage.py generate --scale $(BENCH_SCALE) --seed $(BENCH_SEED) --json var/bench/generate.json
	$(BENCH_ENV) $(PY) manage.py bench --command-line "make bench BENCH_SCALE=$(BENCH_SCALE)" $(BENCH_ARGS)

clean:
	rm -rf var/static var/test-* .pytest_cache
