"""The mail relay of the test topology (scripts/cluster/topology.py): an aiosmtpd server that
answers each message DELAY seconds after its end-of-data marker, as a remote relay does, and
counts it as delivered per recipient only when its 250 is actually given on a connection
that is still open (a client gone before the answer has handed over nothing: aiosmtpd
cancels the handler when the connection drops, and the answer is never written).

The counts are read over HTTP on the same host:

    GET  /counts   {"delivered": {recipient: n, ...}, "messages": n, "first": t, "last": t}
    POST /reset    forget the counts

    .venv/bin/python scripts/cluster/smtp_sink.py --host ADDR --port 2525 --http-port 8025
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.delivered = collections.Counter()
            self.messages = 0
            self.first = self.last = None

    def add(self, recipients: list[str]) -> None:
        now = time.time()
        with self.lock:
            for recipient in recipients:
                self.delivered[recipient.lower()] += 1
            self.messages += 1
            self.first = self.first or now
            self.last = now

    def snapshot(self) -> dict:
        with self.lock:
            return {
                "delivered": dict(self.delivered),
                "messages": self.messages,
                "first": self.first,
                "last": self.last,
            }


class Relay:
    def __init__(self, counts: Counts, delay: float):
        self.counts, self.delay = counts, delay

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        # Cancelled here if the client goes away while we "relay".
        await asyncio.sleep(self.delay)
        transport = server.transport
        if transport is None or transport.is_closing():
            raise asyncio.CancelledError
        # Counted, then answered in the same turn of the event loop: nothing can run between.
        self.counts.add(list(envelope.rcpt_tos))
        return "250 2.0.0 Queued"


def http_handler(counts: Counts):
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):  # noqa: N802
            self._answer(counts.snapshot())

        def do_POST(self):  # noqa: N802
            counts.reset()
            self._answer({"reset": True})

        def log_message(self, *args):
            pass

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--http-port", type=int, default=8025)
    parser.add_argument("--delay", type=float, default=0.02)
    options = parser.parse_args()
    counts = Counts()
    controller = Controller(Relay(counts, options.delay), hostname=options.host, port=options.port)
    controller.start()
    server = ThreadingHTTPServer((options.host, options.http_port), http_handler(counts))
    try:
        server.serve_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
