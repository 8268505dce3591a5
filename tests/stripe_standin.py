"""A local stand-in for the part of Stripe's API the payments app uses.

A real HTTP server (stdlib, in a thread, on a loopback port) that the official ``stripe``
library talks to when ``STRIPE_API_BASE`` points at it. It implements, with the API's
shapes and errors:

- ``POST /v1/checkout/sessions`` (form-encoded, nested keys as the library sends them),
  honouring ``Idempotency-Key`` like Stripe: a repeated key returns the first response;
- ``GET /v1/checkout/sessions/<id>``;
- ``GET /pay/<id>``, a page with a Pay button, and ``POST /pay/<id>``, which pays and sends
  the browser to the session's success URL (for end-to-end journeys in a browser).

Tests drive what Stripe would do on its side through Python methods: ``pay``, ``expire``,
``fail_async``; ``event`` builds a webhook body and ``sign`` its ``Stripe-Signature``
header with the same scheme Stripe uses, so ``stripe.Webhook.construct_event`` verifies it.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import html
import json
import re
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

API_VERSION = "2025-09-30.clover"
SECRET_KEY = "sk_test_standin"
WEBHOOK_SECRET = "whsec_standin"

# Stripe's limits on expires_at, measured from the session's creation.
MIN_LIFETIME = 30 * 60
MAX_LIFETIME = 24 * 60 * 60


def _random_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def decode_form(body: str) -> dict:
    """Decode Stripe's form encoding (``a[b][0][c]=1``) into nested dicts and lists."""
    result: dict = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = result
        for part, following in zip(parts, parts[1:], strict=False):
            child_type = list if following.isdigit() else dict
            if isinstance(node, list):
                index = int(part)
                while len(node) <= index:
                    node.append(child_type())
                node = node[index]
            else:
                node = node.setdefault(part, child_type())
        last = parts[-1]
        if isinstance(node, list):
            index = int(last)
            while len(node) <= index:
                node.append(None)
            node[index] = value
        else:
            node[last] = value
    return result


class StripeError(Exception):
    def __init__(self, status: int, type_: str, message: str, code: str = "", param: str = ""):
        super().__init__(message)
        self.status = status
        self.body = {
            "error": {
                "type": type_,
                "message": message,
                **({"code": code} if code else {}),
                **({"param": param} if param else {}),
                "doc_url": f"https://stripe.com/docs/error-codes/{code or type_}",
                "request_log_url": "",
            }
        }


class StripeStandin:
    def __init__(self, *, secret_key: str = SECRET_KEY, webhook_secret: str = WEBHOOK_SECRET):
        self.secret_key = secret_key
        self.webhook_secret = webhook_secret
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.reset()

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> StripeStandin:
        standin = self

        class Handler(_Handler):
            pass

        Handler.standin = standin
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.sessions: dict[str, dict] = {}
            self.requests: list[dict] = []
            self._idempotent: dict[str, dict] = {}

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- what Stripe does on its side --------------------------------------------------------

    def session(self, session_id: str) -> dict:
        with self._lock:
            return copy.deepcopy(self.sessions[session_id])

    def pay(self, session_id: str) -> dict:
        """The customer paid: the session completes, paid, with a PaymentIntent."""
        return self._update(
            session_id,
            status="complete",
            payment_status="paid",
            payment_intent=_random_id("pi_test"),
        )

    def complete_unpaid(self, session_id: str) -> dict:
        """Checkout finished with a delayed payment method: complete, not yet paid."""
        return self._update(session_id, status="complete", payment_status="unpaid")

    def expire(self, session_id: str) -> dict:
        return self._update(session_id, status="expired", url=None)

    def _update(self, session_id: str, **fields) -> dict:
        with self._lock:
            session = self.sessions[session_id]
            session.update(fields)
            return copy.deepcopy(session)

    # -- webhooks ----------------------------------------------------------------------------

    def event(self, type_: str, session_id: str, *, created: int | None = None) -> str:
        """A webhook body (JSON text) for an event about the session as it is now."""
        return json.dumps(
            {
                "id": _random_id("evt_test"),
                "object": "event",
                "api_version": API_VERSION,
                "created": int(time.time()) if created is None else created,
                "data": {"object": self.session(session_id)},
                "livemode": False,
                "pending_webhooks": 1,
                "request": {"id": None, "idempotency_key": None},
                "type": type_,
            }
        )

    def sign(self, payload: str | bytes, secret: str | None = None, timestamp=None) -> str:
        """The ``Stripe-Signature`` header value for ``payload``: t=...,v1=HMAC-SHA256."""
        if isinstance(payload, bytes):
            payload = payload.decode()
        timestamp = int(time.time()) if timestamp is None else int(timestamp)
        secret = self.webhook_secret if secret is None else secret
        mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
        return f"t={timestamp},v1={mac.hexdigest()}"

    # -- the API -----------------------------------------------------------------------------

    def create_session(self, params: dict) -> dict:
        for name in ("mode", "success_url", "line_items"):
            if not params.get(name):
                raise StripeError(
                    400,
                    "invalid_request_error",
                    f"Missing required param: {name}.",
                    "parameter_missing",
                    name,
                )
        now = int(time.time())
        expires_at = int(params.get("expires_at") or now + MAX_LIFETIME)
        if not now + MIN_LIFETIME <= expires_at <= now + MAX_LIFETIME:
            raise StripeError(
                400,
                "invalid_request_error",
                "The `expires_at` timestamp must be between 30 minutes and 24 hours from "
                "Checkout Session creation.",
                "parameter_invalid_integer",
                "expires_at",
            )
        amount_total = 0
        currency = None
        for item in params["line_items"]:
            price = item.get("price_data") or {}
            currency = price.get("currency")
            amount_total += int(price.get("unit_amount", 0)) * int(item.get("quantity", 1))
        session_id = _random_id("cs_test")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": amount_total,
            "amount_total": amount_total,
            "cancel_url": params.get("cancel_url"),
            "client_reference_id": params.get("client_reference_id"),
            "created": now,
            "currency": currency,
            "customer": None,
            "customer_details": None,
            "customer_email": params.get("customer_email"),
            "expires_at": expires_at,
            "livemode": False,
            "metadata": params.get("metadata", {}),
            "mode": params["mode"],
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "success_url": params["success_url"],
            "url": f"{self.url}/pay/{session_id}",
        }
        with self._lock:
            self.sessions[session_id] = session
            return copy.deepcopy(session)

    def retrieve_session(self, session_id: str) -> dict:
        with self._lock:
            if session_id not in self.sessions:
                raise StripeError(
                    404,
                    "invalid_request_error",
                    f"No such checkout.session: '{session_id}'",
                    "resource_missing",
                    "session",
                )
            return copy.deepcopy(self.sessions[session_id])


class _Handler(BaseHTTPRequestHandler):
    standin: StripeStandin
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 (the base class' signature)
        pass

    def do_GET(self):  # noqa: N802 (http.server's hook name)
        self._dispatch("GET")

    def do_POST(self):  # noqa: N802
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        path = self.path.split("?", 1)[0]
        try:
            if path.startswith("/pay/"):
                self._pay_page(method, path.removeprefix("/pay/"))
                return
            self._authenticate()
            params = decode_form(body)
            with self.standin._lock:
                self.standin.requests.append({"method": method, "path": path, "params": params})
            if method == "POST" and path == "/v1/checkout/sessions":
                result = self._idempotent(lambda: self.standin.create_session(params))
            elif method == "GET" and (
                match := re.fullmatch(r"/v1/checkout/sessions/([^/]+)", path)
            ):
                result = self.standin.retrieve_session(match.group(1))
            else:
                raise StripeError(
                    404,
                    "invalid_request_error",
                    f"Unrecognized request URL ({method}: {path}).",
                )
        except StripeError as exc:
            self._send(exc.status, json.dumps(exc.body))
            return
        self._send(200, json.dumps(result))

    def _authenticate(self) -> None:
        if self.headers.get("Authorization") != f"Bearer {self.standin.secret_key}":
            raise StripeError(
                401,
                "invalid_request_error",
                "Invalid API Key provided.",
                "api_key_invalid",
            )

    def _idempotent(self, create):
        key = self.headers.get("Idempotency-Key")
        if not key:
            return create()
        with self.standin._lock:
            if key in self.standin._idempotent:
                return copy.deepcopy(self.standin._idempotent[key])
        result = create()
        with self.standin._lock:
            self.standin._idempotent[key] = copy.deepcopy(result)
        return result

    def _pay_page(self, method: str, session_id: str) -> None:
        try:
            session = self.standin.retrieve_session(session_id)
        except StripeError:
            self._send(404, "No such checkout session.", "text/plain")
            return
        if method == "POST" and session["status"] == "open":
            self.standin.pay(session_id)
            location = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
            self.send_response(303)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        amount = f"{session['amount_total'] / 100:.2f} {(session['currency'] or '').upper()}"
        page = (
            "<!DOCTYPE html><title>Stripe stand-in checkout</title>"
            f"<h1>Pay {html.escape(amount)}</h1><p>Status: {html.escape(session['status'])}</p>"
            f'<form method="post"><button type="submit">Pay</button></form>'
        )
        self._send(200, page, "text/html")

    def _send(self, status: int, body: str, content_type: str = "application/json") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", _random_id("req"))
        self.end_headers()
        self.wfile.write(data)
