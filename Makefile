# Quick start: `make demo` and `make test`. Each sets up .venv itself on a fresh machine (Python 3.11+).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-setup bytecode lint-cypher docs docs-screenshot clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "supplygraph needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# The package's bytecode, compiled ahead: the install is editable, and where PYTHONDONTWRITEBYTECODE is set (as on
# the project's machines) Python would otherwise compile every one of its modules from source at each start, about a
# seventh of `supplygraph extract`'s start-up. compileall rewrites only what changed since; a module edited after it
# is compiled from source as before until the next make (Python checks each source's mtime and size): never stale.
PACKAGE_DIRS := supplygraph schema graph loaders queries data

bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q $(PACKAGE_DIRS)

demo: $(STAMP) bytecode
	$(BIN)/supplygraph demo

test: $(STAMP) bytecode test-setup
	$(BIN)/python -m pytest -n 2 -q

# Test-only tools that do not come from PyPI (added by later steps).
# The Cypher linter: Neo4j's @neo4j-cypher/language-support, pinned in package.json / package-lock.json;
# Debian's chromium for the HTML export's browser tests (they skip, saying why, where it cannot be installed).
test-setup: node_modules/.package-lock.json
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium unavailable: the HTML export's browser tests will skip"

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make test-setup: npm (Node.js 20 or newer) is needed for the Cypher linter" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

lint-cypher: $(STAMP) test-setup
	$(BIN)/python -m pytest -q tests/test_cypher_lint.py

docs: $(STAMP)
	$(BIN)/supplygraph schema --format markdown > docs/schema.md

# The network view in docs/views.md: the guided-missile supply chain of the bundled data, chokepoints outlined.
docs-screenshot: $(STAMP)
	$(BIN)/supplygraph --store $(VENV)/docs.db demo > /dev/null
	$(BIN)/supplygraph --store $(VENV)/docs.db export html $(VENV)/network-view.html --end-use enduse:guided-missile --chokepoints
	$(BIN)/python -m tests.chromium $(VENV)/network-view.html docs/network-view.png

clean:
	rm -rf $(VENV) supplygraph.db
	find $(PACKAGE_DIRS) -name __pycache__ -prune -exec rm -rf {} +
