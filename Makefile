# The two ways in: `make serve` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint format bench clean browser

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/budgetkg serve

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest --doctest-modules ingest search graph api budgetkg tests

# Chromium for the end-to-end UI test: Debian's package, installed when missing and possible.
browser:
	@{ command -v chromium && dpkg -s fonts-wqy-microhei; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium and a CJK font"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) \
	      || echo "could not install chromium; the browser test will report it"; \
	  else echo "chromium missing and not installable here; the browser test will report it"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

# Speed and memory, written into BENCHMARKS.md (minutes; not part of `make test`).
bench: $(STAMP)
	cd benchmarks && ../$(BIN)/python extract_bench.py --write ../BENCHMARKS.md
	cd benchmarks && ../$(BIN)/python ingest_bench.py --write ../BENCHMARKS.md
	cd benchmarks && ../$(BIN)/python search_bench.py --write ../BENCHMARKS.md
	cd benchmarks && ../$(BIN)/python load_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
