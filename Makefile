# Two commands matter: `make run` (the site on 127.0.0.1:8000 with a Celery worker and beat)
# and `make test` (the whole suite on throwaway PostgreSQL and Redis).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)

.PHONY: run test test-fast test-cluster bench bench-newsletter bench-twins bench-b2b install messages lint format lock clean

run: install
	bash scripts/run.sh

test: install
	bash scripts/test.sh $(PYTEST_ARGS)

# The inner loop: no worker process, browser or whole demo seeding. PostgreSQL's cluster and a
# migrated template of the test databases are kept in var/test-services; each run clones its
# test databases from the template and pytest reuses them (scripts/test-fast.sh), so no run
# but the first after a migration changes waits for the migrations. pytest keeps its cache,
# so `make test-fast PYTEST_ARGS=--lf` reruns what failed last.
test-fast: install
	bash scripts/test-fast.sh $(PYTEST_ARGS)

# The site on a multi-host topology (network namespaces on this machine: a balancer, two web
# hosts, two workers, beat, PostgreSQL, Redis, S3, an SMTP relay, a client); the tests marked
# `cluster` in tests/cluster/. Root only; installs what it needs from Debian when missing.
test-cluster: install
	bash scripts/cluster/run.sh $(PYTEST_ARGS)

bench: install
	bash bench/run.sh

bench-newsletter: install
	bash bench/newsletter/run.sh

bench-twins: install
	bash bench/twins/run.sh

# The B2B scheduler alone (events/scheduling/): no database, no services.
bench-b2b: install
	$(PY) bench/b2b/bench.py

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
