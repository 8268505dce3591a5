# Two commands matter: `make run` (the site on 127.0.0.1:8000 with a Celery worker and beat)
# and `make test` (the whole suite on throwaway PostgreSQL and Redis).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)

.PHONY: run test test-fast bench bench-newsletter install messages lint format lock clean

run: install
	bash scripts/run.sh

test: install
	bash scripts/test.sh $(PYTEST_ARGS)

# The inner loop: no worker process, browser or demo seeding. Redis is throwaway, but
# PostgreSQL's cluster is kept in var/test-services, so pytest --reuse-db finds the test
# databases (one per xdist worker) of the last run instead of migrating new ones; they are
# dropped and made again when a migration changes (scripts/services.sh). pytest keeps its
# cache, so `make test-fast PYTEST_ARGS=--lf` reruns what failed last;
# PYTEST_ARGS=--create-db forces new test databases.
test-fast: install
	$(PY) scripts/compile_messages.py >/dev/null
	SERVICES_DATA_DIR=var/test-services bash scripts/with-services.sh .venv/bin/pytest \
		-n "$${TEST_PROCESSES:-2}" --reuse-db -m "not worker and not browser and not slow" $(PYTEST_ARGS)

bench: install
	bash bench/run.sh

bench-newsletter: install
	bash bench/newsletter/run.sh

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

messages: install
	$(PY) scripts/compile_messages.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-pin the lock file after changing the ranges in pyproject.toml.
lock: install
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --allow-unsafe --no-header \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf var staticfiles
