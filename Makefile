# Two commands for people: `make run` and `make test`. Every target is idempotent.
SHELL := /bin/bash
.DEFAULT_GOAL := help

HOST ?= 127.0.0.1
PORT ?= 8000
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PYTHON := .venv/bin/python

# uv must never try to download an interpreter: the machine's Python (pyenv, per .python-version) is used.
export UV_PYTHON_DOWNLOADS := never

.PHONY: help run test serve bench test-topology load-tools setup python-check venv assets database chromium redis postgres lint format screenshots benchmark

help:
	@echo "make run   - set everything up and serve Limber on http://$(HOST):$(PORT)/"
	@echo "make test  - set up what the tests need and run the whole suite"
	@echo "make serve - Limber in production mode (gunicorn, DEBUG off) on http://$(HOST):$(PORT)/"
	@echo "make bench - load-test the pages on PostgreSQL with 10 and 10,000 routines against targets"
	@echo "make test-topology - two app servers behind HAProxy sharing PostgreSQL (DATABASE_URL) and Redis"
	@echo "make lint  - ruff check, ruff format --check, makemigrations --check"
	@echo "make screenshots - save the key pages to docs/screenshots/"
	@echo "make benchmark - time the main pages with 500 routines against their targets"

# The site, the task worker and the reminder clock together (honcho, deploy/Procfile.dev); Ctrl-C
# stops them all. SITE_URL puts this address in the links of emails.
run: setup
	LIMBER_ADDRESS=$(HOST):$(PORT) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} .venv/bin/honcho -f deploy/Procfile.dev -d . start

test: venv assets chromium redis postgres
	$(PYTHON) -m pytest

setup: venv assets database

serve: venv assets
	HOST=$(HOST) PORT=$(PORT) deploy/serve

# Needs PostgreSQL and Redis (see docs/performance.md); wrk and HAProxy come from Debian.
bench: venv assets load-tools redis postgres
	$(PYTHON) -m deploy.bench

test-topology: venv assets load-tools redis postgres
	$(PYTHON) -m pytest -m topology

load-tools:
	@command -v wrk >/dev/null && command -v haproxy >/dev/null || { \
		apt-get update -qq && apt-get install -y -qq wrk haproxy >/dev/null; }

python-check:
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || { \
		echo "Limber needs Python 3.12 or newer (3.13, see .python-version); python3 here is: $$(python3 --version 2>&1 | head -n 1)"; \
		exit 1; }

$(UV): | python-check
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

venv: python-check $(UV)
	$(UV) sync --locked --quiet

# npm ci only when the lock file changed since the last install.
node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: node_modules/.package-lock.json

database: venv
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py load_routines --keep-existing

# The suite checks production's cache on Redis (127.0.0.1:6379, its database 13); started here when
# nothing answers there.
REDIS_PING = $(PYTHON) -c 'import redis; redis.Redis(socket_connect_timeout=1).ping()' 2>/dev/null
redis: venv
	@$(REDIS_PING) || { \
		command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }; \
		redis-server --daemonize yes --bind 127.0.0.1 >/dev/null; \
		for _ in $$(seq 1 30); do $(REDIS_PING) && break; sleep 1; done; }

# Both passes of the suite check Limber's PostgreSQL backend on the machine's PostgreSQL
# (127.0.0.1:5432, user postgres, trust auth); its cluster is started here when nothing answers.
PG_READY = pg_isready -q -h 127.0.0.1 -p 5432
postgres:
	@$(PG_READY) || { \
		pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | sort -V | tail -n 1)" main start; \
		for _ in $$(seq 1 30); do $(PG_READY) && break; sleep 1; done; \
		$(PG_READY) || { echo "The tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); nothing answers there."; exit 1; }; }

# Browser tests drive Debian's Chromium; it is installed once per machine.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Speed targets live here, not in timed tests: medians per page with 500 routines.
benchmark: venv database
	$(PYTHON) manage.py benchmark_pages

screenshots: venv assets chromium
	$(PYTHON) -m pytest -m screenshots tests/browser/test_screenshots.py

lint: venv
	$(UV) run --locked ruff check .
	$(UV) run --locked ruff format --check .
	$(PYTHON) manage.py makemigrations --check --dry-run

format: venv
	$(UV) run --locked ruff format .
	$(UV) run --locked ruff check --fix .
