# Two commands for a fresh clone: `make site` builds site/, `make test` runs every test.
# Both create .venv and install the pinned dependencies (requirements.lock) first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site offline site-html test test-2030 test-fast fuzz mutation serve check check-dates lint bench clean lighthouse untrusted-state

# A pull request can commit a `.venv/` with this stamp, a cache or bytecode: nothing here
# runs until git is known to track none of it (the system Python, isolated, runs the check).
untrusted-state:
	@$(PY) -I -B src/signpost/safety/state.py .

$(STAMP): pyproject.toml requirements.lock | untrusted-state
	@command -v $(PY) >/dev/null || { echo "make: Python 3.11 or newer is needed: apt-get install python3 python3-venv"; exit 1; }
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make: Python 3.11 or newer is needed (found $$($(PY) --version))"; exit 1; }
	@$(PY) -c 'import ensurepip, venv' 2>/dev/null || { echo "make: the Python venv module is missing: apt-get install python3-venv"; exit 1; }
	rm -rf $(VENV)
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

PANGO := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
PANGO_CHECK = @ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || { echo "make: PDF handouts need Pango: apt-get install $(PANGO) (or make site-html for the HTML alone)"; exit 1; }

# The site's address for this run, where it is known only at deploy time (make site
# SITE_URL=https://…, as the GitHub Pages workflow in the README does); else signpost.yml's.
# Passed through the environment, so the shell never reads it as code.
export SITE_URL
GIVEN_URL = $${SITE_URL:+--site-url "$$SITE_URL"}

# The whole site: every language's HTML, PDF handouts and offline zip.
site: untrusted-state $(STAMP)
	$(PANGO_CHECK)
	$(BIN)/signpost build $(GIVEN_URL)

# The offline zips are part of the whole site: site/<lang>/offline/signpost-<lang>.zip.
offline: site

site-html: untrusted-state $(STAMP)
	$(BIN)/signpost build --no-handouts --no-offline $(GIVEN_URL)

serve: untrusted-state $(STAMP)
	$(BIN)/signpost serve

check: untrusted-state $(STAMP)
	$(BIN)/signpost check --verbose

# The curriculum's review and hotline dates against the real calendar. The test suite
# holds its date still (SIGNPOST_TODAY, tests/conftest.py), so this is where the date rule
# bites: run it before publishing; a date warning fails it too.
check-dates: untrusted-state $(STAMP)
	env -u SIGNPOST_TODAY $(BIN)/signpost check --strict $(GIVEN_URL)

# ruff, and the layers in pyproject.toml's [tool.importlinter] (an import against them fails).
lint: untrusted-state $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/lint-imports

# Signpost against plain MkDocs + Material, scaling, handouts and the preview: writes
# bench/RESULTS.md. About 15 minutes on 2 quiet cores; never part of `make test`.
bench: untrusted-state $(STAMP)
	$(PANGO_CHECK)
	$(BIN)/python scripts/bench.py
	$(MAKE) --no-print-directory lighthouse

# Lighthouse 12.2.3 (installed into ~/.cache/signpost/tools by npm on first use) on the shipped
# curriculum at mobile settings: the chooser, home, an English and an Arabic student lesson.
# Writes the Lighthouse section of bench/RESULTS.md.
lighthouse: untrusted-state $(STAMP)
	@command -v chromium >/dev/null || { echo "make: Lighthouse needs Chromium: apt-get install chromium"; exit 1; }
	$(BIN)/python scripts/lighthouse.py

# The tests run on two workers a core (pytest-xdist): a browser test spends much of its
# time waiting on a page, which the other worker fills. A file goes to one worker, so its own
# built site is built once, except the files that share only the sites built once for all,
# whose tests are spread (tests/conftest.py). `make test PARALLEL=` runs them in one process.
WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
PARALLEL ?= -n $(WORKERS) --dist loadgroup

test: untrusted-state $(STAMP)
	$(PANGO_CHECK)
	@command -v chromium >/dev/null || { echo "make: browser tests need Chromium: apt-get install chromium (or run .ci/run, which installs it)"; exit 1; }
	$(BIN)/ruff check src tests scripts
	$(BIN)/lint-imports
	$(BIN)/pytest -q $(PARALLEL)

# The suite with the machine's clock faked to mid-2030 (libfaketime, Debian's `faketime`):
# the suite's fixed date (SIGNPOST_TODAY, tests/conftest.py) must be the only date a test
# depends on. Not part of `make test`; the venv is set up first, on the real clock.
test-2030: untrusted-state $(STAMP)
	@command -v faketime >/dev/null || { echo "make: test-2030 fakes the clock with libfaketime: apt-get install faketime"; exit 1; }
	faketime '2030-06-01 12:00:00' $(BIN)/pytest -q $(PARALLEL)

# The inner loop: ruff, the layers and every test that neither builds a site nor starts a
# browser (tests/conftest.py marks those `builds`). `make test` runs them all.
test-fast: untrusted-state $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/lint-imports
	$(BIN)/pytest -q $(PARALLEL) -m "not builds and not browser"

# Mutation testing of the trust boundary with mutmut ([tool.mutmut] in pyproject.toml):
# every mutant of the safety modules run against the in-process tests. Writes
# bench/MUTATION.md with mutmut's own counts and each survivor. About 3.5 minutes on two
# quiet cores (196 s, 338 s of CPU, on 2026-12-04); never part of `make test`.
mutation: untrusted-state $(STAMP)
	$(BIN)/pip install -q --disable-pip-version-check -c requirements.lock mutmut
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python scripts/mutation_report.py

# Property-based tests of the trust boundary (tests/test_fuzz.py) with 10,000 generated
# inputs per target, a target to each core; `make test` runs the same targets with 50 each.
# About 70 minutes on two cores (the targets that run `check` take 40-130 ms an input; the
# last run is in bench/FUZZ.md), never part of `make test`; Hypothesis keeps its files in
# the suite's temporary cache folder.
fuzz: untrusted-state $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -p no:cacheprovider -n auto --dist load --hypothesis-show-statistics tests/test_fuzz.py

clean: untrusted-state
	rm -rf site .site-staging-* .site-old-*
	@[ ! -x $(BIN)/python ] || rm -rf "$$($(BIN)/python -c 'from signpost.safety import state; print(state.project_dir("."))')"
