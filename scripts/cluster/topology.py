"""The multi-host test topology of `make test-cluster`, on this one machine: every "host" is
its own Linux network namespace with its own address on one bridge, and the bridge lives in
a namespace of its own, so no packet passes through the root namespace or leaves the machine.

    lb       HAProxy on :80, health-checking both web hosts on /healthz
    web1/2   gunicorn, association.settings.production
    worker1/2  Celery workers           beat  Celery beat (exactly one)
    pg       PostgreSQL                 redis  Redis (cache, sessions, throttles, broker)
    s3       moto's S3-compatible server (the media bucket)
    smtp     a sink answering each message after 20 ms, as a remote relay would
    client   where the tests and their load generators run

Web and worker processes run with the whole file system read-only (the code included) and a
private, empty /tmp: a host keeps nothing of its own, so any write to its disk fails loudly
(and `scripts/cluster/run.sh` reports it).

    python3 scripts/cluster/topology.py up RUN_DIR     # everything, then the state file
    python3 scripts/cluster/topology.py down RUN_DIR   # every process and namespace
    python3 scripts/cluster/topology.py env RUN_DIR    # the environment, for a shell

The tests import this module to stop, kill and start hosts (``Topology.load``). Root only.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV = REPO / ".venv" / "bin"
PREFIX = "assoc-"  # namespace names: assoc-lb, assoc-web1, ... and the bridge's assoc-sw
SWITCH = f"{PREFIX}sw"
NETWORK = "10.77"  # 10.77.0.0/16, only inside the namespaces
HOSTS = {
    "lb": f"{NETWORK}.0.2",
    "web1": f"{NETWORK}.0.11",
    "web2": f"{NETWORK}.0.12",
    "worker1": f"{NETWORK}.0.21",
    "worker2": f"{NETWORK}.0.22",
    "beat": f"{NETWORK}.0.23",
    "pg": f"{NETWORK}.0.31",
    "redis": f"{NETWORK}.0.32",
    "s3": f"{NETWORK}.0.33",
    "smtp": f"{NETWORK}.0.34",
    "client": f"{NETWORK}.0.100",
}
# Extra addresses of the client host, so load can come from many "people" (the per-client
# throttles hold behind the balancer: it passes each client's address on in X-Real-IP).
CLIENT_EXTRA = [f"{NETWORK}.1.{n}" for n in range(1, 101)]
PORTS = {"web": 8000, "lb": 80, "stats": 8404, "pg": 5432, "redis": 6379, "s3": 9000}
SMTP_PORT, SMTP_HTTP_PORT = 2525, 8025
BUCKET = "association-media"
WEB_WORKERS = int(os.environ.get("CLUSTER_WEB_WORKERS", "3"))
WORKER_CONCURRENCY = int(os.environ.get("CLUSTER_WORKER_CONCURRENCY", "2"))
# HAProxy's health check: every CHECK_INTER_MS (CHECK_FAST_MS after a failure), DOWN after
# CHECK_FALL failures in a row. A dead host refuses at once; the timeout is for a busy one,
# whose check waits behind at most SERVER_MAXCONN requests (the rest queue in HAProxy).
CHECK_INTER_MS, CHECK_FAST_MS, CHECK_FALL, CHECK_TIMEOUT_MS = 500, 250, 2, 2000
SERVER_MAXCONN = 4
SMTP_DELAY = 0.02


def ns(host: str) -> str:
    return f"{PREFIX}{host}"


def run(*args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=check, **kwargs)  # noqa: S603


def in_ns(host: str, *args: str) -> list[str]:
    return ["ip", "netns", "exec", ns(host), *args]


# Web and worker hosts: the whole file system read-only in their own mount namespace, and a
# private /tmp (tmpfs, gone with the host). $1... is the command.
_READ_ONLY = (
    "set -e; mount --bind / /; mount -o remount,bind,ro /; "
    'mount -t tmpfs -o size=64m,mode=1777 tmpfs /tmp; exec "$@"'
)


def read_only(*args: str) -> list[str]:
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", _READ_ONLY, "sh", *args]


class Topology:
    """The running topology: where it keeps its files, its environment and its processes."""

    def __init__(self, run_dir: Path, state: dict | None = None):
        self.run_dir = Path(run_dir)
        self.state = state or {"pids": {}, "env": {}}

    # -- state ---------------------------------------------------------------------------

    @property
    def state_file(self) -> Path:
        return self.run_dir / "state.json"

    @classmethod
    def load(cls, run_dir: str | Path | None = None) -> Topology:
        run_dir = Path(run_dir or os.environ["CLUSTER_RUN_DIR"])
        return cls(run_dir, json.loads((run_dir / "state.json").read_text()))

    def save(self) -> None:
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=2))
        tmp.replace(self.state_file)

    @property
    def env(self) -> dict[str, str]:
        return self.state["env"]

    def log(self, name: str) -> Path:
        return self.run_dir / "logs" / f"{name}.log"

    # -- the network ---------------------------------------------------------------------

    def network_up(self) -> None:
        run("ip", "netns", "add", SWITCH)
        run("ip", "-n", SWITCH, "link", "add", "br0", "type", "bridge")
        run("ip", "-n", SWITCH, "link", "set", "br0", "up")
        run("ip", "-n", SWITCH, "link", "set", "lo", "up")
        for host, address in HOSTS.items():
            run("ip", "netns", "add", ns(host))
            port = f"v-{host}"
            run(
                "ip", "link", "add", "eth0", "netns", ns(host),
                "type", "veth", "peer", "name", port, "netns", SWITCH,
            )  # fmt: skip
            run("ip", "-n", SWITCH, "link", "set", port, "master", "br0", "up")
            run("ip", "-n", ns(host), "addr", "add", f"{address}/16", "dev", "eth0")
            run("ip", "-n", ns(host), "link", "set", "eth0", "up")
            run("ip", "-n", ns(host), "link", "set", "lo", "up")
        batch = "".join(f"addr add {a}/16 dev eth0\n" for a in CLIENT_EXTRA)
        run("ip", "-n", ns("client"), "-batch", "-", input=batch.encode())

    # -- processes -----------------------------------------------------------------------

    def spawn(self, name: str, host: str, args: list[str], *, env: dict | None = None) -> int:
        """Start a long-running process on ``host`` in a process group of its own (so
        ``kill`` reaches its children); its output is appended to logs/<name>.log."""
        log = open(self.log(name), "ab")  # noqa: SIM115 (the child keeps it)
        process = subprocess.Popen(  # noqa: S603
            in_ns(host, *args),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            start_new_session=True,
            cwd=REPO,
        )
        log.close()
        self.state["pids"][name] = process.pid
        self.save()
        return process.pid

    def alive(self, name: str) -> bool:
        pid = self.state["pids"].get(name)
        if not pid:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # A zombie counts as dead.
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Signal every process of ``name``'s group (the server and its children)."""
        pid = self.state["pids"].get(name)
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, sig)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)

    def stop(self, name: str, timeout: float = 30) -> None:
        """SIGTERM, then SIGKILL after ``timeout`` seconds."""
        self.kill(name, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.alive(name) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.kill(name, signal.SIGKILL)
        self.state["pids"].pop(name, None)
        self.save()

    def wait_tcp(self, address: str, port: int, timeout: float = 60) -> None:
        """Wait until ``address:port`` takes connections, seen from the client host."""
        probe = (
            "import socket, sys, time\n"
            "deadline = time.monotonic() + float(sys.argv[3])\n"
            "while True:\n"
            "    try:\n"
            "        socket.create_connection((sys.argv[1], int(sys.argv[2])), 1).close(); break\n"
            "    except OSError:\n"
            "        if time.monotonic() > deadline: sys.exit(1)\n"
            "        time.sleep(0.1)\n"
        )
        result = run(
            *in_ns("client", sys.executable, "-c", probe, address, str(port), str(timeout)),
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"nothing answers on {address}:{port} after {timeout:.0f} s")

    def _client_python(self, script: str, *args: str) -> int:
        return run(*in_ns("client", sys.executable, "-c", script, *args), check=False).returncode

    def wait_web(self, host: str, timeout: float = 120) -> None:
        """Until each gunicorn process of ``host`` has answered (the first request a process
        serves loads the site, which takes seconds; a health check would time out on it)."""
        self.wait_tcp(HOSTS[host], PORTS["web"], timeout=timeout)
        script = (
            "import sys, urllib.request\n"
            "from concurrent.futures import ThreadPoolExecutor\n"
            "def get(_):\n"
            "    request = urllib.request.Request(sys.argv[1], headers={'Host': sys.argv[2]})\n"
            "    return urllib.request.urlopen(request, timeout=float(sys.argv[3])).status\n"
            "with ThreadPoolExecutor(int(sys.argv[4])) as pool:\n"
            "    sys.exit(0 if set(pool.map(get, range(int(sys.argv[4]) * 3))) == {200} else 1)\n"
        )
        url = f"http://{HOSTS[host]}:{PORTS['web']}/healthz"
        if self._client_python(script, url, HOSTS["lb"], str(timeout), str(WEB_WORKERS)) != 0:
            raise RuntimeError(f"{host} does not answer /healthz: see {self.log(host)}")

    def balanced(self) -> dict[str, str]:
        """Each web server's state as the balancer sees it (UP, DOWN, ...)."""
        script = (
            "import sys, urllib.request\n"
            "print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())\n"
        )
        url = f"http://{HOSTS['lb']}:{PORTS['stats']}/stats;csv"
        out = run(
            *in_ns("client", sys.executable, "-c", script, url),
            capture_output=True, text=True, check=False,
        ).stdout  # fmt: skip
        return stats_states(out)

    def wait_balanced(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            states = self.balanced()
            if states.get("web1") == "UP" and states.get("web2") == "UP":
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the balancer does not see both web hosts up: {states}")
            time.sleep(0.25)

    def manage(self, *args: str, host: str = "client") -> None:
        """manage.py on a host, with the topology's environment, its output in logs/setup.log."""
        with open(self.log("setup"), "ab") as log:
            result = subprocess.run(  # noqa: S603
                in_ns(host, str(VENV / "python"), "manage.py", *args),
                env={**os.environ, **self.env},
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed: see {self.log('setup')}")

    # -- the services --------------------------------------------------------------------

    def start_postgres(self, bindir: str) -> None:
        data = self.run_dir / "pg"
        data.mkdir()
        shutil.chown(data, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
        with open(self.log("initdb"), "wb") as log:
            run(
                *as_pg, f"{bindir}/initdb", "-D", str(data / "data"), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", stdout=log, stderr=log,
            )  # fmt: skip
        # Trusted from the topology's own network only (which nothing outside can reach).
        with open(data / "data" / "pg_hba.conf", "a") as hba:
            hba.write(f"host all all {NETWORK}.0.0/16 trust\n")
        options = (
            f"-h {HOSTS['pg']} -p {PORTS['pg']} -k {data} -c max_connections=200 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        # pg_ctl would detach the server; run it in the foreground in its own group instead.
        self.spawn(
            "pg",
            "pg",
            [*as_pg, f"{bindir}/postgres", "-D", str(data / "data"), *options.split()],
        )
        self.wait_tcp(HOSTS["pg"], PORTS["pg"])
        for _ in range(100):
            ok = run(
                *in_ns("pg", f"{bindir}/psql", "-h", HOSTS["pg"], "-U", "postgres", "-tAc",
                       "SELECT 1", "postgres"),
                check=False, capture_output=True,
            )  # fmt: skip
            if ok.returncode == 0:
                break
            time.sleep(0.2)
        run(*in_ns("pg", f"{bindir}/createdb", "-h", HOSTS["pg"], "-U", "postgres", "association"))

    def start_redis(self) -> None:
        self.spawn(
            "redis",
            "redis",
            [
                "redis-server", "--bind", HOSTS["redis"], "--port", str(PORTS["redis"]),
                "--protected-mode", "no", "--save", "", "--appendonly", "no",
                "--dir", str(self.run_dir), "--daemonize", "no",
            ],
        )  # fmt: skip
        self.wait_tcp(HOSTS["redis"], PORTS["redis"])

    def start_s3(self) -> None:
        server = [str(VENV / "moto_server"), "-H", HOSTS["s3"], "-p", str(PORTS["s3"])]
        self.spawn("s3", "s3", server)
        self.wait_tcp(HOSTS["s3"], PORTS["s3"])
        # The bucket, as an operator creates it once (the site never creates buckets).
        script = (
            "import boto3, os\n"
            "s3 = boto3.client('s3', endpoint_url=os.environ['AWS_S3_ENDPOINT_URL'],\n"
            "    region_name=os.environ['AWS_S3_REGION_NAME'])\n"
            "s3.create_bucket(Bucket=os.environ['AWS_STORAGE_BUCKET_NAME'])\n"
        )
        run(*in_ns("client", str(VENV / "python"), "-c", script), env={**os.environ, **self.env})

    def start_smtp(self) -> None:
        self.spawn(
            "smtp",
            "smtp",
            [
                str(VENV / "python"), str(REPO / "scripts/cluster/smtp_sink.py"),
                "--host", HOSTS["smtp"], "--port", str(SMTP_PORT),
                "--http-port", str(SMTP_HTTP_PORT), "--delay", str(SMTP_DELAY),
            ],
        )  # fmt: skip
        self.wait_tcp(HOSTS["smtp"], SMTP_HTTP_PORT)
        self.wait_tcp(HOSTS["smtp"], SMTP_PORT)

    def start_web(self, host: str) -> None:
        self.spawn(
            host,
            host,
            read_only(
                str(VENV / "gunicorn"), "association.wsgi:application",
                "--bind", f"{HOSTS[host]}:{PORTS['web']}", "--workers", str(WEB_WORKERS),
                "--timeout", "60", "--no-control-socket",
            ),
            env=self.env,
        )  # fmt: skip

    def start_worker(self, host: str) -> None:
        self.spawn(
            host,
            host,
            read_only(
                str(VENV / "celery"), "-A", "association", "worker", "--loglevel", "INFO",
                "--concurrency", str(WORKER_CONCURRENCY), "--hostname", f"{host}@cluster",
                "--without-mingle", "--without-gossip",
            ),
            env=self.env,
        )  # fmt: skip

    def start_beat(self) -> None:
        # Beat keeps its schedule on its own disk (the only state a host has): one beat only.
        schedule = self.run_dir / "beat-schedule"
        self.spawn(
            "beat",
            "beat",
            [
                str(VENV / "celery"), "-A", "association", "beat", "--loglevel", "INFO",
                "--schedule", str(schedule),
            ],
            env=self.env,
        )  # fmt: skip

    def start_lb(self) -> None:
        config = self.run_dir / "haproxy.cfg"
        config.write_text(haproxy_config())
        self.spawn("lb", "lb", ["haproxy", "-db", "-f", str(config)])
        self.wait_tcp(HOSTS["lb"], PORTS["stats"])

    def start(self, host: str) -> None:
        if host.startswith("web"):
            self.start_web(host)
        elif host.startswith("worker"):
            self.start_worker(host)
        elif host == "beat":
            self.start_beat()
        else:
            raise ValueError(host)

    # -- up and down ---------------------------------------------------------------------

    def up(self, pg_bindir: str) -> None:
        (self.run_dir / "logs").mkdir(parents=True, exist_ok=True)
        self.state["env"] = environment(self.run_dir)
        self.save()
        self.network_up()
        self.start_postgres(pg_bindir)
        self.start_redis()
        self.start_s3()
        self.start_smtp()
        static = Path(self.env["STATIC_ROOT"])
        shutil.rmtree(static, ignore_errors=True)
        static.mkdir(parents=True)
        print("   migrate, setup_site, collectstatic", flush=True)
        self.manage("migrate", "--no-input", "-v0")
        self.manage(
            "setup_site", "--no-input", "--name", "Cluster Association",
            "--name-sr-latn", "Udruženje klastera", "--name-sr", "Удружење кластера",
            "--contact-email", "info@clusters.test", "--staff-email", "staff@clusters.test",
        )  # fmt: skip
        self.manage("collectstatic", "--no-input", "-v0")
        for host in ("web1", "web2", "worker1", "worker2"):
            self.start(host)
        self.start_beat()
        for host in ("web1", "web2"):
            self.wait_web(host)
        self.start_lb()
        self.wait_balanced()

    def down(self) -> None:
        """Every process in the topology's namespaces, then the namespaces themselves."""
        for name in list(self.state.get("pids", {})):
            self.kill(name, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(self.alive(n) for n in self.state["pids"]):
            time.sleep(0.1)
        for name in list(self.state.get("pids", {})):
            self.kill(name, signal.SIGKILL)
        namespaces = existing_namespaces()
        # Whatever else still runs in them (a test's child, a pool process).
        for name in namespaces:
            pids = run("ip", "netns", "pids", name, check=False, capture_output=True, text=True)
            for pid in pids.stdout.split():
                with contextlib.suppress(ProcessLookupError, ValueError):
                    os.kill(int(pid), signal.SIGKILL)
        for name in namespaces:
            run("ip", "netns", "del", name, check=False)


def existing_namespaces() -> list[str]:
    listing = run("ip", "netns", "list", capture_output=True, text=True, check=False).stdout
    names = [line.split()[0] for line in listing.splitlines() if line.strip()]
    ours = {ns(host) for host in HOSTS} | {SWITCH}
    return [name for name in names if name in ours]


def stats_states(csv_text: str) -> dict[str, str]:
    """The web servers' states from HAProxy's stats CSV."""
    lines = csv_text.splitlines()
    if not lines:
        return {}
    header = lines[0].lstrip("# ").split(",")
    states = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("pxname") == "web" and row.get("svname", "").startswith("web"):
            states[row["svname"]] = row.get("status", "")
    return states


def environment(run_dir: Path) -> dict[str, str]:
    """What every host of the site shares (the production settings' variables): the same
    secret key, the database, Redis, the bucket and the mail relay."""
    web_hosts = [HOSTS["lb"], HOSTS["web1"], HOSTS["web2"]]
    return {
        "DJANGO_SETTINGS_MODULE": "association.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PUBLIC_BASE_URL": f"http://{HOSTS['lb']}",
        "ALLOWED_HOSTS": ",".join(web_hosts),
        "DATABASE_URL": f"postgres://postgres@{HOSTS['pg']}:{PORTS['pg']}/association",
        "REDIS_URL": f"redis://{HOSTS['redis']}:{PORTS['redis']}/0",
        "EMAIL_HOST": HOSTS["smtp"],
        "EMAIL_PORT": str(SMTP_PORT),
        "EMAIL_USE_TLS": "False",
        "DEFAULT_FROM_EMAIL": "info@clusters.test",
        "STRIPE_SECRET_KEY": "sk_test_cluster",
        "STRIPE_WEBHOOK_SECRET": "whsec_cluster",
        "ANYMAIL_WEBHOOK_SECRET": "esp:cluster",
        # Plain HTTP behind the test balancer; it passes the client's address in X-Real-IP.
        "SECURE_SSL_REDIRECT": "False",
        "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
        # Media in the S3-compatible bucket (association/storage.py), never on a host's disk.
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://{HOSTS['s3']}:{PORTS['s3']}",
        "AWS_ACCESS_KEY_ID": "cluster",
        "AWS_SECRET_ACCESS_KEY": "cluster-secret",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        # Collected once, before the hosts start; read-only to them.
        "STATIC_ROOT": str(REPO / "var" / "cluster" / "static"),
        # Newsletter: no send-rate cap (the sink's 20 ms is the limit), rows left "sending" by
        # a dead worker requeued after 10 s, and beat looking every 5 s.
        "NEWSLETTER_SEND_RATE": "0",
        "NEWSLETTER_CHUNK_SIZE": "250",
        "NEWSLETTER_SENDING_TIMEOUT": "10",
        "NEWSLETTER_RESUME_SECONDS": "5",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "CLUSTER_RUN_DIR": str(run_dir),
    }


def haproxy_config() -> str:
    web = PORTS["web"]
    return f"""\
global
    maxconn 4096
    log stdout format raw local0

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    # Requests beyond the servers' maxconn wait in HAProxy's queue, not in gunicorn's backlog.
    timeout queue 120s
    timeout client 120s
    timeout server 120s
    timeout check {CHECK_TIMEOUT_MS}ms
    # A connection refused (a dead host not yet marked down) is tried again on the other.
    retries 2
    option redispatch 1

frontend www
    bind {HOSTS["lb"]}:{PORTS["lb"]}
    http-request set-header X-Real-IP %[src]
    http-request del-header X-Forwarded-Proto
    http-response set-header X-Served-By %s
    default_backend web

backend web
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host {HOSTS["lb"]}
    http-check expect status 200
    default-server inter {CHECK_INTER_MS}ms fastinter {CHECK_FAST_MS}ms fall {CHECK_FALL} rise 2
    # A refused connection marks the server down at once, between two checks: the requests
    # still sent to a dead host would otherwise fail once their retries are spent.
    default-server maxconn {SERVER_MAXCONN} observe layer4 error-limit 1 on-error mark-down
    server web1 {HOSTS["web1"]}:{web} check
    server web2 {HOSTS["web2"]}:{web} check

listen stats
    bind {HOSTS["lb"]}:{PORTS["stats"]}
    stats enable
    stats uri /stats
"""


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in {"up", "down", "env"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, run_dir = argv[0], Path(argv[1])
    if command == "up":
        if os.geteuid() != 0:
            print("error: the topology needs root (network namespaces).", file=sys.stderr)
            return 2
        leftovers = existing_namespaces()
        if leftovers:
            print(f"error: namespaces of another run exist: {' '.join(leftovers)}", file=sys.stderr)
            return 2
        Topology(run_dir).up(argv[2])
        return 0
    try:
        topology = Topology.load(run_dir)
    except (OSError, ValueError):
        topology = Topology(run_dir)
    if command == "env":
        for key, value in topology.env.items():
            print(f"export {key}={value!r}")
        return 0
    topology.down()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
