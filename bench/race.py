"""The registration race: 500 signed-in people press "register" at the same moment for a
ticket type of 50 places, over HTTP against gunicorn on 127.0.0.1.

    .venv/bin/python bench/race.py --base-url http://127.0.0.1:8001

Each racer first loads the registration form (for the CSRF token); then all 500 POSTs are
released together. Printed: how many were confirmed, waitlisted or held, how many places
were oversold (must be 0), answers by status code, and confirmations per minute. bench/run.sh
runs this after the page load; the race's event and accounts come from bench/generate.py.
"""

import argparse
import http.client
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import setup_django  # noqa: E402

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_TICKET = re.compile(r'name="ticket_type" value="(\d+)"')


def _sessions(emails: list[str]) -> list[tuple[str, str]]:
    """A signed-in session per racer, written where the site reads sessions from; returns
    (session key, e-mail) pairs."""
    users = get_user_model().objects.filter(username__in=emails)
    keys = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append((session.session_key, user.email))
    return keys


def _request(host, port, method, path, cookies, body=None):
    connection = http.client.HTTPConnection(host, port, timeout=120)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read().decode("utf-8", "replace")
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
    connection.close()
    return response.status, content


def _load_forms(base, register: str, sessions) -> list | None:
    """Every racer loads the form first, as a browser would; only the POSTs race. The
    racers as (cookies, CSRF token, e-mail), or None when the form does not answer."""
    racers = []
    for key, email in sessions:
        cookies = {"sessionid": key}
        status, content = _request(base.hostname, base.port, "GET", register, cookies)
        token = _TOKEN.search(content)
        if status != 200 or token is None or _TICKET.search(content) is None:
            print(f"error: the registration form answered {status}", file=sys.stderr)
            return None
        racers.append((cookies, token.group(1), email))
    return racers


def _race(base, register: str, racers: list, ticket_type) -> tuple[Counter, float]:
    """All the POSTs released at once; the answers by status code and the seconds they took."""
    barrier = threading.Barrier(len(racers) + 1)
    answers = Counter()
    lock = threading.Lock()

    def race(cookies, token, email):
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "ticket_type": ticket_type.pk,
                "name": "Racer",
                "email": email,
            }
        )
        barrier.wait()
        status, _content = _request(base.hostname, base.port, "POST", register, cookies, body)
        with lock:
            answers[status] += 1

    threads = [threading.Thread(target=race, args=racer) for racer in racers]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return answers, time.perf_counter() - started


def _report(registration_model, ticket_type, racers: int, answers: Counter, elapsed: float) -> int:
    """Prints the outcome; 0 unless places were oversold."""
    status = registration_model.Status
    counts = Counter(
        registration_model.objects.filter(ticket_type=ticket_type).values_list("status", flat=True)
    )
    held = counts[status.PENDING_PAYMENT] + counts[status.PENDING_EMAIL]
    taken = held + counts[status.CONFIRMED] + counts[status.ATTENDED]
    confirmed = counts[status.CONFIRMED]
    print(f"registration race: {racers} concurrent POSTs for {ticket_type.capacity} places")
    print(f"  confirmed   {confirmed}")
    print(f"  waiting     {counts[status.WAITLISTED]}")
    print(f"  held        {held}")
    print(f"  oversold    {max(0, taken - ticket_type.capacity)}")
    print(f"  answers     {dict(sorted(answers.items()))} (302 registered, 409 busy)")
    print(f"  time        {elapsed:.2f} s for all answers")
    print(
        f"  throughput  {sum(counts.values()) / elapsed * 60:.0f} registrations/min, "
        f"{confirmed / elapsed * 60:.0f} confirmations/min"
    )
    return 0 if taken <= ticket_type.capacity else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--racers", type=int, default=500)
    options = parser.parse_args()
    base = urlsplit(options.base_url)
    if base.hostname != "127.0.0.1":
        print("error: the race runs against 127.0.0.1 only", file=sys.stderr)
        return 2

    setup_django()
    # Here, not at the top: the models can be imported only once Django is set up.
    from bench.generators.events import race_event, racer_email
    from events.models import Registration

    event = race_event()
    ticket_type = event.ticket_types.get()
    path = f"{event.url_path.removeprefix(event.get_site().root_page.url_path).rstrip('/')}"
    register = f"/{path}/register/"
    sessions = _sessions([racer_email(number) for number in range(options.racers)])
    racers = _load_forms(base, register, sessions)
    if racers is None:
        return 1
    answers, elapsed = _race(base, register, racers, ticket_type)
    return _report(Registration, ticket_type, len(racers), answers, elapsed)


if __name__ == "__main__":
    sys.exit(main())
