"""The README's production install, from a fresh clone: the commands of its
``production:install`` block in order, with production settings and the environment file
made from ``.env.example``, against a new database on the suite's PostgreSQL and the suite's
Redis; then the three services started from the command lines of their systemd units, the
site asked as nginx asks it, and a task run by the worker.

The one step not run as written is the virtualenv (the block's first three lines): the clone
gets a link to the virtualenv this suite runs in, so nothing is downloaded, and the test
checks that it holds exactly the versions ``requirements.lock`` pins, which is what those
lines leave behind."""

import importlib.metadata
import json
import re
import shlex
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.deploy.production import (
    ScratchDatabase,
    Service,
    Site,
    Unit,
    files_under,
    production_environment,
    readme_block,
    run_lines,
)
from tests.harness import REPO_ROOT

pytestmark = pytest.mark.slow

VIRTUALENV_LINES = [
    "python3 -m venv .venv",
    ".venv/bin/python -m pip install --upgrade pip",
    ".venv/bin/python -m pip install -r requirements.lock",
]
# The suite's test processes use Redis databases 0 to N; this test has one of its own.
REDIS_DB = 14
QUEUE_MAIL = (
    "from django.core.mail import EmailMultiAlternatives\n"
    "from association.mail import mail_send_on_commit\n"
    "mail_send_on_commit(EmailMultiAlternatives("
    "'Deployment check', 'Sent by the worker.', to=['ops@example.org']))\n"
)


def option(words: list[str], name: str) -> str:
    return words[words.index(name) + 1]


def lock_mismatches(lock: Path) -> list[str]:
    """The pins of ``lock`` this interpreter's virtualenv does not hold at that version."""
    wrong = []
    for line in lock.read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", line)
        if not match:
            continue
        name, pinned = match.groups()
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != pinned:
            wrong.append(f"{name}=={pinned} (installed: {installed})")
    return wrong


@pytest.fixture
def scratch_database():
    database = ScratchDatabase(f"deploy_install_{uuid.uuid4().hex[:8]}")
    yield database
    database.drop()


def test_the_readme_production_commands_run_in_order_from_a_fresh_clone(
    tmp_path, scratch_database, mailbox
):
    clone = tmp_path / "app"
    subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(clone)], check=True)
    lines = readme_block("install", clone / "README.md")
    assert lines[: len(VIRTUALENV_LINES)] == VIRTUALENV_LINES
    (clone / ".venv").symlink_to(Path(sys.prefix).resolve(), target_is_directory=True)
    assert lock_mismatches(clone / "requirements.lock") == []

    (tmp_path / "state/association").mkdir(parents=True)
    env = production_environment(
        tmp_path,
        example=clone / ".env.example",
        database_url=scratch_database.url,
        redis_db=REDIS_DB,
        values={
            "EMAIL_HOST": mailbox.host,
            "EMAIL_PORT": str(mailbox.port),
            "EMAIL_USE_TLS": "False",  # the suite's SMTP server speaks plain SMTP
        },
    )
    assert env["DJANGO_SETTINGS_MODULE"] == "association.settings.production"

    installed = run_lines(lines[len(VIRTUALENV_LINES) :], cwd=clone, env=env)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-5000:]

    [setup_line] = [line for line in lines if "manage.py setup_site" in line]
    setup = shlex.split(setup_line)
    code_files = files_under(clone)
    state_root = tmp_path / "state"
    site = Site(app_dir=clone, env=env, log=tmp_path / "web.log")
    worker = Service(
        Unit.read("association-worker.service", clone).command(app_dir=clone),
        cwd=clone,
        env=env,
        log=tmp_path / "worker.log",
    )
    beat = Service(
        Unit.read("association-beat.service", clone).command(app_dir=clone, state_root=state_root),
        cwd=clone,
        env=env,
        log=tmp_path / "beat.log",
    )
    try:
        site.start()
        worker.start()
        beat.start()

        health = site.get("/healthz")
        assert health.status == 200, health.text
        assert json.loads(health.body)["status"] == "ok"
        for prefix, name in (("", "--name"), ("/sr-latn", "--name-sr-latn"), ("/sr", "--name-sr")):
            page = site.get(f"{prefix}/")
            assert page.status == 200, f"{prefix}/ answered {page.status}"
            assert option(setup, name) in page.text, f"{prefix}/ does not name the site"
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', site.get("/").text).group(1)
        assert site.get(stylesheet).status == 200, f"{stylesheet} is not served"

        ping = run_lines(
            [".venv/bin/python manage.py ping_worker --timeout 60"], cwd=clone, env=env
        )
        assert ping.returncode == 0, ping.stderr + worker.log()
        queued = run_lines(
            [f".venv/bin/python manage.py shell -c {shlex.quote(QUEUE_MAIL)}"], cwd=clone, env=env
        )
        assert queued.returncode == 0, queued.stderr
        mailbox.wait_for_matching(
            lambda m: "ops@example.org" in m.rcpt_tos, "mail sent by the worker"
        )
        # setup_site's mail to the first staff member, queued before the worker started.
        staff = option(setup, "--staff-email")
        mailbox.wait_for_matching(lambda m: staff in m.rcpt_tos, f"setup_site's mail to {staff}")

        assert beat.running(), beat.log()
        assert list((state_root / "association").glob("celerybeat-schedule*")), beat.log()
        assert site.service.running() and worker.running()
    finally:
        beat.stop()
        worker.stop()
        site.stop()

    # The services write nothing into the code or their home (both read-only under the units'
    # ProtectSystem=strict); beat wrote only into its state directory.
    assert files_under(clone) == code_files
    assert files_under(tmp_path / "home") == {}
