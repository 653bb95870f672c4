# parley: two commands do all set-up on a fresh clone (Python 3.11 and make):
#   make demo   creates .venv, installs the pinned dependencies, runs the main job on examples/
#   make test   same set-up, then the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= parley.duckdb

.PHONY: demo test setup browser lint typecheck quality bench clean

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==26.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

# Headless Chromium for the HTML report's browser test (Debian's packages; needs root).
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  { (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) || \
	    echo "note: could not install chromium; the browser test will be skipped"; }

demo: $(STAMP)
	$(BIN)/parley ingest examples/corpus --db $(DB) --progress never; test $$? -le 3
	$(BIN)/parley timeline --db $(DB)
	$(BIN)/parley figures --db $(DB)
	$(BIN)/parley outlets --db $(DB)
	$(BIN)/parley report --db $(DB) --html report.html

test: $(STAMP) browser
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

quality: $(STAMP)
	$(BIN)/python scripts/quality.py --write docs/quality.md

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) report.html .pytest_cache
