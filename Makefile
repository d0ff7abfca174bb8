# The two commands that matter: `make build` and `make test`. Both set up .venv when needed, with the
# newest Python 3.11 or later found (tools/find-python; `make PYTHON=/path/to/python3` to choose), from
# requirements.txt (compiled from requirements.in by `make lock`): every package at the version tested, checked
# against its hash.
PYTHON ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test check serve bench clean setup browser lock

# An explicit PYTHON= is honoured even when .venv/ exists: made with another Python version, it is made again
# (CI passes the interpreter setup-python installed; tools/find-python alone would pick the newest on PATH).
ifneq ($(strip $(PYTHON)),)
ifneq ($(wildcard $(BIN)/python),)
VERSION_OF = -c 'import sys; print("%d.%d" % sys.version_info[:2])'
VENV_VERSION := $(shell $(BIN)/python $(VERSION_OF) 2>/dev/null)
WANTED_VERSION := $(shell py=$$(tools/find-python $(PYTHON) 2>/dev/null) && "$$py" $(VERSION_OF))
ifneq ($(VENV_VERSION),$(WANTED_VERSION))
$(info $(VENV) has Python $(VENV_VERSION), PYTHON=$(PYTHON) is $(or $(WANTED_VERSION),not a Python 3.11+): setting $(VENV) up again)
$(shell rm -rf $(VENV))
endif
endif
endif

$(STAMP): pyproject.toml requirements.txt
	@test -x $(BIN)/python || { py=$$(tools/find-python $(PYTHON)) && echo "setting up $(VENV) with $$py" && "$$py" -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

check: $(STAMP)
	$(BIN)/termsite check

# The build typesets each published revision's comparison as PDF with Typst (a wheel): no browser.
build: $(STAMP)
	$(BIN)/termsite build

serve: $(STAMP)
	$(BIN)/termsite serve

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch node_modules/.installed

# A browser for the browser tests: the machine's Chromium if there is one, else Playwright's download.
browser: $(STAMP)
	@$(BIN)/python tools/get-browser

# The suite in parallel (pytest-xdist): one worker per core (`make test WORKERS=1` for one process), each test
# module whole on one worker (--dist loadfile) so that a module's shared site is built once; the sites shared
# between modules (tests/conftest.py, session scope) are built once per worker that needs them.
WORKERS ?= auto
test: $(STAMP) node_modules/.installed browser
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Regenerate requirements.txt after changing a pin in requirements.in (the one command; Dependabot runs the
# same pip-compile with the options written in requirements.txt's header). `make lock UPGRADE="lxml urllib3"`
# also moves those packages (dependencies of dependencies, pinned nowhere else) to their newest versions.
# Run with the oldest supported Python (3.11) so that the lock installs on 3.11 and newer (CI installs it on
# 3.11 and on the newest); pip-tools resolves for the Python it runs on.
UPGRADE ?=
lock:
	python3.11 -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet pip-tools==$$(sed -n 's/^pip-tools==\([^ ]*\).*/\1/p' requirements.in)
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links $(foreach p,$(UPGRADE),--upgrade-package $(p)) \
	  --output-file requirements.txt requirements.in

clean:
	rm -rf site $(VENV) .venv-lock
