# dyad: two commands on a fresh machine — `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DEMO_DB ?= out/demo.duckdb

.PHONY: setup demo test gate bench bench-queries bench-stages clean

setup: $(VENV)/.installed

# Installs pinned versions (constraints.txt) from PyPI only; torch is never pulled in.
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $@

demo: setup
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/dyad ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/dyad stats --db $(DEMO_DB)
	$(BIN)/dyad clusters --build --db $(DEMO_DB) > /dev/null
	$(BIN)/dyad report --db $(DEMO_DB) --dyad JPN-RUS -o $(dir $(DEMO_DB))report.html
	@echo "Report: $(dir $(DEMO_DB))report.html"
	@echo "Dashboard: $(BIN)/dyad serve --db $(DEMO_DB) --host 127.0.0.1 --port 8000   then open http://127.0.0.1:8000/"

test: setup
	$(BIN)/python -m pytest

# The quality gate: score.py thresholds on ../shared gold (see .ci/quality_gate.sh).
gate: setup
	SHARED=$(SHARED) bash .ci/quality_gate.sh

# Throughput against a bare spaCy parse on N real articles (BENCH_ARGS="--n 2581" for all of them).
bench: setup
	SHARED=$(SHARED) $(BIN)/python bench/throughput.py $(BENCH_ARGS)

# Dashboard queries on synthetic events (made once: EVENTS=10000000 by default, about 1.3 GB).
QUERY_DB ?= out/bench/events.duckdb
EVENTS ?= 10000000
bench-queries: setup
	test -f $(QUERY_DB) || $(BIN)/python bench/make_events.py --events $(EVENTS) --db $(QUERY_DB)
	$(BIN)/python bench/queries.py --db $(QUERY_DB)

# Each stage's share of time (bench/run.py), for profiling.
bench-stages: setup
	SHARED=$(SHARED) $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out .pytest_cache
