PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench lint eval

$(BIN)/fuites: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/fuites

run: $(BIN)/fuites
	$(BIN)/fuites demo

test: $(BIN)/fuites
	$(BIN)/pytest

bench: $(BIN)/fuites
	$(BIN)/python bench/extract.py

lint: $(BIN)/fuites
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

eval: $(BIN)/fuites
	$(BIN)/python bench/eval.py
