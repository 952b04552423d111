# The single source of truth for setting up, running, testing, linting and benchmarking.
# README and .ci/run call these targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/clusterbridge
CHROMIUM ?= /usr/bin/chromium
# Test processes (pytest-xdist); a test file stays in one process (its module fixtures are shared).
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile
export PYTHONDONTWRITEBYTECODE := 1
# SITE_URL (links in e-mails and feeds) follows the address `make run` serves on.
export HOST PORT

.PHONY: help install install-fonts translations messages install-browser run demo migrate worker test test-fast test-postgres test-browser lint format bench bench-directory bench-scheduling bench-marketplace bench-observatory bench-calls bench-audience bench-events ci clean

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

install: $(VENV)/.installed node_modules/.installed install-fonts translations

LANGS := fr de es it pl
APPS := $(patsubst src/clusterbridge/%/apps.py,%,$(wildcard src/clusterbridge/*/apps.py))

# Translations: the .po files are committed, the .mo files are compiled at install time (GNU
# gettext's msgfmt, from Debian's gettext package).
translations: $(VENV)/.installed
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null)
	@cd src && ../$(BIN)/clusterbridge compilemessages -v0

# Refresh the catalogues after changing strings: one per app (<app>/locale) plus the project's
# templates (src/clusterbridge/locale); see DEVELOPERS.md, "Adding a string".
messages: install
	@for app in $(APPS); do \
	  mkdir -p src/clusterbridge/$$app/locale; \
	  (cd src/clusterbridge/$$app && ../../../$(BIN)/clusterbridge makemessages $(addprefix -l ,$(LANGS)) --no-obsolete -v0 --ignore 'static/vendor/*'; \
	   if ls static/*/js/*.js static/js/*.js >/dev/null 2>&1; then ../../../$(BIN)/clusterbridge makemessages -d djangojs $(addprefix -l ,$(LANGS)) --no-obsolete -v0; fi); \
	done
	@cd src/clusterbridge && ../../$(BIN)/clusterbridge makemessages $(addprefix -l ,$(LANGS)) --no-obsolete -v0 $(foreach app,$(APPS),--ignore '$(app)/*')

# PDFs embed DejaVu Sans (common/pdf.py), from Debian's fonts-dejavu-core.
install-fonts:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null)

# Browser tests drive Debian's chromium (Playwright cannot download browsers here).
install-browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

migrate: install
	$(BIN)/clusterbridge migrate --no-input -v0

demo: migrate
	$(BIN)/clusterbridge demo_data

worker: install
	$(BIN)/clusterbridge worker

# Starts the task worker beside the web server; Ctrl-C stops both. The worker's output (which,
# with the console e-mail backend, is every e-mail it sends) goes to this terminal, and a worker
# that dies is reported and started again.
run: demo
	@echo "Starting Clusterbridge at http://$(HOST):$(PORT) with the task worker and the periodic jobs."
	@echo "E-mails are printed in this terminal (set EMAIL_HOST or EMAIL_FILE_PATH to change that)."
	@trap 'kill 0' INT TERM EXIT; \
	( while true; do \
	    $(BIN)/clusterbridge worker --interval 1 --no-startup-delay; \
	    echo "!! The task worker stopped (exit code $$?); starting it again in 2 s." >&2; sleep 2; \
	  done ) & \
	( while true; do \
	    $(BIN)/clusterbridge runperiodic; \
	    echo "!! The periodic jobs stopped (exit code $$?); starting them again in 10 s." >&2; sleep 10; \
	  done ) & \
	$(BIN)/clusterbridge runserver --noreload $(HOST):$(PORT)

test: install install-browser
	$(PYTEST)

test-fast: install
	$(PYTEST) -m "not browser"

test-postgres: install
	@pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	DATABASE_URL=$(PG_URL) $(PYTEST) -m "not browser"

test-browser: install install-browser
	$(PYTEST) -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: bench-directory bench-scheduling bench-marketplace bench-observatory bench-calls bench-audience bench-events

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

bench-observatory: install
	$(BIN)/python bench/bench_observatory.py --database sqlite
	@pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	$(BIN)/python bench/bench_observatory.py --database postgres

bench-calls: install
	$(BIN)/python bench/bench_calls.py --database sqlite
	@pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	$(BIN)/python bench/bench_calls.py --database postgres

bench-audience: install
	$(BIN)/python bench/bench_audience.py --database sqlite
	@pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	$(BIN)/python bench/bench_audience.py --database postgres

bench-events: install
	$(BIN)/python bench/bench_events.py --database sqlite

ci: lint test test-postgres

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
