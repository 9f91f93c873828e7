# The two commands a user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every package, with its hashes: generated from pyproject.toml by `make lock`.
LOCK := requirements.txt
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# Material prints a notice about its successor on every build; the builds here are quiet.
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo site serve test test-setup check lint typecheck clean lock

# The environment is exactly the lock: a new venv, the locked set checked against its
# hashes (pip refuses anything unpinned or unhashed), then perfcode itself without
# dependencies, built with the locked setuptools.
$(BIN)/perfcode: pyproject.toml $(LOCK)
	$(PYTHON) -m venv --clear $(VENV)
	$(PIP) install --require-hashes --no-deps -r $(LOCK)
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

# Regenerate the lock after a change to pyproject.toml; `make lock UPGRADE=1` also moves
# every pin to the newest release its range allows.
lock: $(BIN)/perfcode
	$(BIN)/pip-compile --quiet --all-extras --all-build-deps --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
		--output-file $(LOCK) pyproject.toml

demo: $(BIN)/perfcode
	$(BIN)/perfcode check
	$(BIN)/perfcode score
	$(BIN)/mkdocs build --strict
	@echo "Site built: open file://$(CURDIR)/site/index.html in a browser (it works from disk), or run make serve."

site: $(BIN)/perfcode
	$(BIN)/mkdocs build --strict

serve: $(BIN)/perfcode
	$(BIN)/mkdocs serve

check: $(BIN)/perfcode
	$(BIN)/perfcode check

lint: $(BIN)/perfcode
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

typecheck: $(BIN)/perfcode
	$(BIN)/mypy

# Scale benchmark: generated companies of 1,000 and 10,000 people (BENCH_ARGS=--full
# adds 100,000); prints the table and writes it to benchmarks/RESULTS.md.
.PHONY: bench
bench: $(BIN)/perfcode
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The browser tests drive Debian's chromium (playwright comes with the test extras); the
# encryption tests decrypt with the reference age command-line tool (Debian's age).
test-setup: $(BIN)/perfcode
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	command -v age >/dev/null || (apt-get update && apt-get install -y age)

test: lint typecheck test-setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) site "$$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo .git)/perfcode"
