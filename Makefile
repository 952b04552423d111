# The single source of truth for setting up, running, testing, linting and benchmarking.
# README and .ci/run call these targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/clusterbridge
CHROMIUM ?= /usr/bin/chromium
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install install-browser run demo migrate worker test test-fast test-postgres test-browser lint format bench bench-directory bench-scheduling bench-marketplace ci clean

help:
	@echo "make run          install everything and start the platform with demo data at http://$(HOST):$(PORT)"
	@echo "make test         install everything and run the whole test suite (SQLite, browser tests included)"
	@echo "make test-postgres  the suite on PostgreSQL ($(PG_URL))"
	@echo "make lint | format | bench | ci"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# Browser tests drive Debian's chromium (Playwright cannot download browsers here).
install-browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

migrate: install
	$(BIN)/clusterbridge migrate --no-input -v0

demo: migrate
	$(BIN)/clusterbridge demo_data

worker: install
	$(BIN)/clusterbridge db_worker

# Starts the task worker beside the web server; Ctrl-C stops both.
run: demo
	@echo "Starting Clusterbridge at http://$(HOST):$(PORT) (task worker in the background)"
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/clusterbridge db_worker --interval 1 >/dev/null 2>&1 & \
	$(BIN)/clusterbridge runserver --noreload $(HOST):$(PORT)

test: install install-browser
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/pytest -q -m "not browser"

test-postgres: install
	@pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not browser"

test-browser: install install-browser
	$(BIN)/pytest -q -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: bench-directory bench-scheduling bench-marketplace

bench-directory: install
	$(BIN)/python bench/bench_directory.py --organisations 10000 --database sqlite
	@pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	$(BIN)/python bench/bench_directory.py --organisations 10000 --database postgres

bench-scheduling: install
	$(BIN)/python bench/bench_scheduling.py

bench-marketplace: install
	$(BIN)/python bench/bench_marketplace.py --database sqlite
	@pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	$(BIN)/python bench/bench_marketplace.py --database postgres

ci: lint test test-postgres

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
