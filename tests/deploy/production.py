"""The production set-up as the README describes it, run for real: the README's marked command
blocks, the environment file made from ``.env.example``, the services' command lines read from
the systemd units in ``deploy/systemd/``, and PostgreSQL's client programs found as
``scripts/services.sh`` finds them. Nothing here restates a command: a test that runs a step
reads it from the file an operator follows."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shlex
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis
from django.conf import settings
from django.db import connection

from tests.harness import REPO_ROOT, free_port


def readme_block(name: str, readme: Path = REPO_ROOT / "README.md") -> list[str]:
    """The command lines of the fenced block between ``<!-- production:NAME ...-->`` and
    ``<!-- /production:NAME -->`` in the README."""
    text = readme.read_text()
    match = re.search(
        rf"<!-- production:{name}\b[^>]*-->\s*```sh\n(.*?)```\s*<!-- /production:{name} -->",
        text,
        re.S,
    )
    assert match, f"no production:{name} block in {readme}"
    return [line for line in match.group(1).splitlines() if line.strip()]


def run_lines(lines: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 900):
    """Run ``lines`` as one bash script (stopping at the first failure), as an operator pastes
    them into the site shell; return the finished process (output captured)."""
    script = "set -euo pipefail\n" + "\n".join(lines) + "\n"
    return subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def pg_bindir() -> Path:
    """PostgreSQL's programs, found as scripts/services.sh finds those of the test servers."""
    found = subprocess.run(
        ["bash", "-c", ". scripts/services.sh && services_pg_bindir"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(found.stdout.strip())


@dataclass
class ScratchDatabase:
    """A new, empty database on the suite's PostgreSQL server, dropped by ``drop()``."""

    name: str

    def __post_init__(self):
        db = connection.settings_dict
        self.server = {
            "host": db["HOST"],
            "port": db["PORT"],
            "user": db["USER"],
            "password": db["PASSWORD"] or None,
        }
        self.create()

    def _admin(self):
        return psycopg.connect(dbname="postgres", autocommit=True, **self.server)

    def create(self) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    @property
    def url(self) -> str:
        credentials = self.server["user"] + (
            f":{self.server['password']}" if self.server["password"] else ""
        )
        return f"postgres://{credentials}@{self.server['host']}:{self.server['port']}/{self.name}"


def environment_file(path: Path, *, example: Path, values: dict[str, str]) -> Path:
    """``/etc/association/env`` as the README makes it: ``.env.example`` copied, each line of
    a variable in ``values`` given that value, and those it does not set yet added."""
    lines, seen = [], set()
    for line in example.read_text().splitlines():
        match = re.match(r"#?\s*([A-Z][A-Z0-9_]*)=", line)
        if match and match.group(1) in values:
            name = match.group(1)
            lines.append(f"{name}={shlex.quote(values[name])}")
            seen.add(name)
        else:
            lines.append(line)
    lines += [f"{name}={shlex.quote(value)}" for name, value in values.items() if name not in seen]
    path.write_text("\n".join(lines) + "\n")
    return path


def load_environment(env_file: Path, *, base: dict[str, str]) -> dict[str, str]:
    """The environment of the site shell: ``base`` with the file read by the README's own
    ``set -a && . FILE && set +a`` (the file must be one a shell can read)."""
    out = subprocess.run(
        ["bash", "-c", 'set -a && . "$0" && set +a && env -0', str(env_file)],
        env=base,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return dict(item.split("=", 1) for item in out.split("\0") if "=" in item)


def base_environment(*, home: Path, tmpdir: Path) -> dict[str, str]:
    """A clean start: PATH (PostgreSQL's client programs first), a home, a locale; none of the
    suite's own settings (DJANGO_SETTINGS_MODULE, DATABASE_URL...) leak into production's."""
    return {
        "PATH": f"{pg_bindir()}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TMPDIR": str(tmpdir),
    }


def production_environment(
    root: Path, *, example: Path, database_url: str, redis_db: int, values: dict[str, str]
) -> dict[str, str]:
    """The site shell's environment for a test: ``example`` filled in with throwaway secrets,
    the scratch database, a Redis database of the test's own (emptied first) and folders under
    ``root`` (media, static, home, tmp); ``values`` adds to or overrides that."""
    for folder in ("media", "static", "home", "tmp"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    redis_url = f"{settings.REDIS_URL.rsplit('/', 1)[0]}/{redis_db}"
    redis.Redis.from_url(redis_url).flushdb()
    env_file = environment_file(
        root / "env",
        example=example,
        values={
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": "25",
            "STRIPE_SECRET_KEY": "sk_test_throwaway",
            "STRIPE_WEBHOOK_SECRET": "whsec_throwaway",
            "ANYMAIL_WEBHOOK_SECRET": "esp:throwaway",
            "STATIC_ROOT": str(root / "static"),
            "MEDIA_ROOT": str(root / "media"),
            **values,
        },
    )
    return load_environment(
        env_file, base=base_environment(home=root / "home", tmpdir=root / "tmp")
    )


@dataclass
class Unit:
    """One systemd unit of ``deploy/systemd/``, read as systemd reads the lines we use."""

    path: Path
    options: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, name: str, root: Path = REPO_ROOT) -> Unit:
        unit = cls(root / "deploy" / "systemd" / name)
        for line in unit.path.read_text().splitlines():
            if "=" in line and not line.startswith(("#", ";", "[")):
                key, value = line.split("=", 1)
                unit.options[key.strip()] = value.strip()
        return unit

    def command(self, *, app_dir: Path, state_root: Path | None = None) -> list[str]:
        """ExecStart, with the unit's WorkingDirectory standing for ``app_dir`` and ``%S``
        (systemd's /var/lib) for ``state_root``: the one translation from the server's paths."""
        line = self.options["ExecStart"]
        if state_root is not None:
            line = line.replace("%S", str(state_root))
        assert "%" not in line, f"unexpected specifier in {line}"
        working = self.options["WorkingDirectory"]
        return [
            str(app_dir) + word.removeprefix(working) if word.startswith(working + "/") else word
            for word in shlex.split(line)
        ]


class Service:
    """A process started from a unit's command line, in its own session, its output in a log."""

    def __init__(self, command: list[str], *, cwd: Path, env: dict[str, str], log: Path):
        self.command, self.cwd, self.env, self.log_path = command, cwd, env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> Service:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if not self.running():
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Site:
    """gunicorn started from association-web.service's command line on a free loopback port
    (the unit's --bind names 127.0.0.1:8000), asked as nginx asks: the public host name and
    ``X-Forwarded-Proto: https`` (deploy/nginx/association.conf)."""

    def __init__(self, *, app_dir: Path, env: dict[str, str], log: Path):
        self.port = free_port()
        command = Unit.read("association-web.service", app_dir).command(app_dir=app_dir)
        bind = command.index("--bind")
        assert command[bind + 1] == "127.0.0.1:8000", command
        command[bind + 1] = f"127.0.0.1:{self.port}"
        self.host = env["ALLOWED_HOSTS"].split(",")[0]
        self.service = Service(command, cwd=app_dir, env=env, log=log)

    def get(self, path: str) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(
                "GET",
                path,
                headers={"Host": self.host, "X-Forwarded-Proto": "https", "X-Real-IP": "192.0.2.1"},
            )
            response = conn.getresponse()
            return Response(response.status, dict(response.getheaders()), response.read())
        finally:
            conn.close()

    def start(self, timeout: float = 90) -> Site:
        self.service.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.service.running(), f"gunicorn exited:\n{self.service.log()}"
            try:
                if self.get("/healthz").status in (200, 503):
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"gunicorn did not answer:\n{self.service.log()}")

    def stop(self) -> None:
        self.service.stop()


def files_under(root: Path, *, skip: tuple[str, ...] = (".git", ".venv", "__pycache__")) -> dict:
    """Every file below ``root`` (but those in ``skip``) with its size and modification time."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in files:
            path = Path(folder) / name
            stat = path.lstat()
            found[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return found
