# oefening — make targets a newcomer can guess. `make help` lists them.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ENGINE := $(VENV)/.engine
SCENARIO ?= scenarios/leverancier-faillissement.yaml

.PHONY: help run test check lint bench schema golden screenshots clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON) (or set PYTHON=python3)"; exit 2; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,cluster]'
	@touch $(STAMP) $(ENGINE)

# the engine compiled with mypyc (setup.py), again after an edit of its sources; where it cannot
# be compiled it stays pure Python (the same results, slower)
$(ENGINE): $(wildcard oefening/engine/*.py) | $(STAMP)
	@$(BIN)/python -c 'import sys, oefening.engine as e; sys.exit(not e.COMPILED)' 2>/dev/null \
	  || $(BIN)/python setup.py --quiet build_ext --inplace 2>&1 | grep -v -e '^gcc ' -e 'Treating generator' || true
	@touch $(ENGINE)

run: $(ENGINE)  ## create .venv, install, start the exercise on the bundled default scenario
	$(BIN)/oefening play

test: $(ENGINE)  ## create .venv, install, run the whole test suite
	$(BIN)/python -m pytest

check: $(STAMP)  ## validate every bundled scenario and plan
	$(BIN)/oefening check scenarios/*.yaml scenarios/plans/*.yaml

lint: $(STAMP)  ## ruff and mypy
	$(BIN)/ruff check oefening tests benchmarks
	$(BIN)/mypy

bench: $(ENGINE)  ## the performance benchmark (national-scale scenario; BENCH_ARGS='-n 100 --repeat 2' for a shorter Monte Carlo part)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_journal.py

schema: $(STAMP)  ## regenerate the JSON Schemas in scenarios/ from the models
	$(BIN)/oefening schema > scenarios/oefening.schema.json
	$(BIN)/oefening schema --plan > scenarios/oefening-plan.schema.json

golden: $(STAMP)  ## rewrite the golden results of the bundled scenarios (review the diff!)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/scenario/test_scenarios.py -k golden

screenshots: $(STAMP)  ## regenerate the UI snapshots and copy the README's screenshots from them (review the diff!)
	$(BIN)/python -m pytest -q tests/ui/test_ui_snapshots.py --snapshot-update -k "not readme"
	cp tests/ui/__snapshots__/test_ui_snapshots/test_turn_screen.svg docs/screenshot-turn.svg
	cp tests/ui/__snapshots__/test_ui_snapshots/test_console_at_120_by_40.svg docs/screenshot-console.svg
	cp 'tests/ui/__snapshots__/test_ui_snapshots/test_players_view[size0].svg' docs/screenshot-players.svg
	cp 'tests/ui/__snapshots__/test_ui_snapshots/test_console_direction_dialog[size0].svg' docs/screenshot-direction.svg

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build oefening/engine/*.so oefening/engine/compiled.json
