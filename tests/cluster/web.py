"""HTTP from the client host: a tiny browser that keeps its own cookies (the production
settings mark them Secure, and the topology speaks plain HTTP), the addresses of the hosts,
and a load generator whose people come from many client addresses."""

from __future__ import annotations

import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import requests
from topology import CLIENT_EXTRA, HOSTS, PORTS

BALANCER = f"http://{HOSTS['lb']}"
WEB = {host: f"http://{HOSTS[host]}:{PORTS['web']}" for host in ("web1", "web2")}
STATS = f"http://{HOSTS['lb']}:{PORTS['stats']}/stats;csv"
SINK = "http://{smtp}:8025".format(**HOSTS)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One person's browser: cookies kept across hosts, redirects not followed. A request to
    a web host directly carries the address the balancer would have put in X-Real-IP."""

    def __init__(self, client_address: str = HOSTS["client"]):
        self.cookies: dict[str, str] = {}
        self.client_address = client_address
        self.session = requests.Session()

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        headers = {"Host": HOSTS["lb"], "X-Real-IP": self.client_address}
        headers.update(kwargs.pop("headers", {}))
        response = self.session.request(
            method,
            url,
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )
        self.session.cookies.clear()
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> requests.Response:
        return self.request("POST", url, **kwargs)

    def form_token(self, url: str) -> str:
        response = self.get(url)
        assert response.status_code == 200, (url, response.status_code)
        match = TOKEN.search(response.text)
        assert match, f"no CSRF token on {url}"
        return match.group(1)

    def log_in(self, base: str, email: str, password: str) -> None:
        token = self.form_token(f"{base}/accounts/login/")
        response = self.post(
            f"{base}/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": email, "password": password},
            headers={"Referer": f"{base}/accounts/login/"},
        )
        assert response.status_code == 302, (response.status_code, response.text[:2000])
        assert "sessionid" in self.cookies


@dataclass
class Answer:
    email: str
    status: int
    served_by: str
    started: float
    finished: float


@dataclass
class Racer:
    email: str
    session_key: str
    source: str
    token: str = ""
    cookies: dict = field(default_factory=dict)


def _http(base: str, method: str, path: str, racer: Racer, body: str | None = None):
    url = urlsplit(base)
    connection = http.client.HTTPConnection(
        url.hostname, url.port or 80, timeout=120, source_address=(racer.source, 0)
    )
    cookies = {"sessionid": racer.session_key, **racer.cookies}
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                racer.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content, response.getheader("X-Served-By", "")
    except OSError:
        return 0, "", ""  # the connection broke: no answer
    finally:
        connection.close()


def client_source(number: int) -> str:
    return CLIENT_EXTRA[number % len(CLIENT_EXTRA)]


def load_forms(base: str, path: str, racers: list[Racer], threads: int = 16) -> None:
    """Each racer opens the registration form first (for its CSRF token), as a browser."""
    pending = list(racers)
    lock = threading.Lock()
    errors = []

    def work():
        while True:
            with lock:
                if not pending:
                    return
                racer = pending.pop()
            status, content, _ = _http(base, "GET", path, racer)
            match = TOKEN.search(content)
            if status != 200 or not match:
                errors.append((racer.email, status))
                continue
            racer.token = match.group(1)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, f"the registration form did not answer: {errors[:5]}"


def register(base: str, path: str, racer: Racer, ticket_type_id: int) -> Answer:
    body = urlencode(
        {
            "csrfmiddlewaretoken": racer.token,
            "ticket_type": ticket_type_id,
            "name": "Racer",
            "email": racer.email,
        }
    )
    started = time.monotonic()
    status, _content, served_by = _http(base, "POST", path, racer, body)
    return Answer(racer.email, status, served_by, started, time.monotonic())


def race(base: str, path: str, racers: list[Racer], ticket_type_id: int) -> list[Answer]:
    """Every POST released at the same moment, one thread per racer."""
    barrier = threading.Barrier(len(racers))
    answers: list[Answer] = []
    lock = threading.Lock()

    def one(racer):
        barrier.wait()
        answer = register(base, path, racer, ticket_type_id)
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=one, args=(racer,)) for racer in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def sink_counts() -> dict:
    return requests.get(f"{SINK}/counts", timeout=10).json()


def sink_reset() -> None:
    requests.post(f"{SINK}/reset", timeout=10)
