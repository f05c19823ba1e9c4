# Two commands: `make demo` and `make test`. Each creates .venv when it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test run lint seed clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python bot.py parse < /dev/null  # builds the parser's start-up cache once (app/parse_cli.py)
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python bot.py demo

test: $(STAMP)
	bash .ci/test.sh

run: $(STAMP)
	$(BIN)/python bot.py run

seed: $(STAMP)
	$(BIN)/python bot.py seed

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
