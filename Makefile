# Every target installs what it needs: a fresh clone only runs `make serve` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PELICAN := $(PY) -m pelican
INPUTDIR := content
OUTPUTDIR := output
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: help install java-runtime sample-photos html serve preview publish test bench messages clean

help:
	@echo "make serve    build the sample site, serve it at http://$(HOST):$(PORT), rebuild and reload on save"
	@echo "make preview  like serve, with scheduled stories shown (banner, noindex)"
	@echo "make html     build the site into $(OUTPUTDIR)/"
	@echo "make publish  build with publishconf.py (absolute URLs) for deployment"
	@echo "make test     run every test (installs the venv and Chromium when missing)"
	@echo "make bench    run the benchmarks"
	@echo "make messages refresh the theme's message catalogs from the templates"

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Browser assets (lunr.js, Snowball stemmers) from npm, pinned by package-lock.json.
NODE_DEPS := node_modules/.package-lock.json
$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund

install: $(VENV)/.installed $(NODE_DEPS)

# System packages for the tests: Debian's Chromium, driven by Playwright (which cannot download
# browsers here), and a Java runtime for the W3C Nu HTML checker (npm vnu-jar).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Another install (unattended upgrades, a first boot) may hold the dpkg lock: wait for it rather than fail.
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600
APT_INSTALL := $(APT_GET) update -qq && $(APT_GET) install -y -qq

$(CHROMIUM):
	$(APT_INSTALL) chromium

java-runtime:
	@command -v java >/dev/null || { $(APT_INSTALL) default-jre-headless; }

# The sample stories' photos are drawn, never committed (tools/draw_sample_photos.py).
sample-photos: install
	$(PY) tools/draw_sample_photos.py

html: install sample-photos
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s pelicanconf.py

# The dev server (tools/live_server.py): builds with LIVE_RELOAD, serves $(OUTPUTDIR)/ and rebuilds when content/,
# theme/, plugins/ or the settings change; the open page reloads itself. A broken edit prints its errors and the
# last good site stays served. Ctrl-C stops it.
serve: install sample-photos
	$(PY) tools/live_server.py --bind $(HOST) --port $(PORT) -o $(OUTPUTDIR) -s pelicanconf.py $(INPUTDIR)

# Scheduled stories shown now, each with a "scheduled" banner; never for publishing.
# NEWSROOM_NOW=2026-12-02T06:00-03:00 make preview shows the site as of that moment.
preview: install sample-photos
	$(PY) tools/live_server.py --bind $(HOST) --port $(PORT) -o $(OUTPUTDIR) -s pelicanconf.py -e PREVIEW_SCHEDULED=true $(INPUTDIR)

publish: install sample-photos
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s publishconf.py

test: install sample-photos $(CHROMIUM) java-runtime
	$(PY) -m pytest -n 2

# About 30 minutes on 2 cores: the search comparison builds a 10,000-pair corpus site; the real-news
# search bench reads ../shared/realnews (REALNEWS_DIR) and says it is skipped when that is absent.
bench: install sample-photos $(CHROMIUM)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/build_speed.py
	$(PY) bench/incremental_build.py
	$(PY) bench/live_reload.py
	$(PY) bench/photos_build.py
	$(PY) bench/import_pairing.py
	$(PY) bench/realnews_pairing.py
	$(PY) bench/search_bench.py
	$(PY) bench/realnews_search.py
	$(PY) bench/realnews_search.py --queries bench/realnews_heldout.jsonl --output bench/work/realnews_heldout.json
	$(PY) bench/realnews_analyzer.py --baseline-commit 07631d3

messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --project=newsroom-site -o theme/translations/messages.pot theme/templates plugins
	$(VENV)/bin/pybabel update -i theme/translations/messages.pot -d theme/translations --no-fuzzy-matching

clean:
	rm -rf $(OUTPUTDIR)
