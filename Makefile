# The two commands of the README: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export MEDCORRIDOR_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test venv test-venv lint i18n bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel

# The stamp files re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

venv: $(VENV)/.installed
test-venv: $(VENV)/.installed-test

run: venv
	$(BIN)/medcorridor i18n compile
	$(BIN)/medcorridor migrate
	$(BIN)/medcorridor demo load --if-empty
	$(BIN)/medcorridor serve --port $(PORT)

test: test-venv
	bash scripts/ensure-system-deps
	$(BIN)/medcorridor i18n compile
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: test-venv
	$(BIN)/ruff check src tests bench

i18n: test-venv
	$(BIN)/medcorridor i18n update

clean:
	rm -rf $(VENV) var .pytest_cache
