"""An S3-compatible server for the tests: moto's standalone server (``moto_server``, from the
virtualenv) as a real process on a free loopback port, spoken to over HTTP by boto3 and by
django-storages exactly as a bucket elsewhere would be. Fixtures in the root conftest.py wrap
it (``moto_server``, ``s3_media``)."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import boto3
from botocore.config import Config

from tests.harness import free_port

# moto accepts any credentials; these stand for the ones a real bucket would need.
ACCESS_KEY = "moto-access-key"
SECRET_KEY = "moto-secret-key"  # noqa: S105
REGION = "us-east-1"


class MotoServer:
    """``moto_server -H 127.0.0.1 -p PORT`` in its own session, its output in a log file."""

    def __init__(self, *, log: Path):
        self.port = free_port()
        self.log_path = log
        self.process: subprocess.Popen | None = None

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> MotoServer:
        executable = Path(sys.executable).with_name("moto_server")
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [str(executable), "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto_server exited:\n{self.log()}")
            try:
                if http_get(f"{self.endpoint_url}/moto-api/", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"moto_server did not answer:\n{self.log()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def client(self):
        """A boto3 S3 client with credentials, for what the tests look at in the bucket."""
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
            config=Config(s3={"addressing_style": "path"}),
        )

    def new_bucket(self) -> Bucket:
        name = f"media-{uuid.uuid4().hex[:12]}"
        client = self.client()
        client.create_bucket(Bucket=name)
        return Bucket(name=name, server=self, client=client)


@dataclass
class Bucket:
    name: str
    server: MotoServer
    client: object

    def storage_options(self) -> dict:
        """``STORAGES["default"]["OPTIONS"]`` as association/settings/base.py makes them from
        the environment, for this bucket (path addressing, as moto needs)."""
        return {
            "bucket_name": self.name,
            "endpoint_url": self.server.endpoint_url,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "region_name": REGION,
            "custom_domain": None,
            "addressing_style": "path",
        }

    def object_names(self) -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return sorted(entry["Key"] for page in pages for entry in page.get("Contents", ()))

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def public_read(self, key: str) -> bool:
        """Whether the object's ACL lets anyone (AllUsers) read it."""
        grants = self.client.get_object_acl(Bucket=self.name, Key=key)["Grants"]
        return any(
            grant["Grantee"].get("URI") == "http://acs.amazonaws.com/groups/global/AllUsers"
            and grant["Permission"] in ("READ", "FULL_CONTROL")
            for grant in grants
        )

    def unsigned_url(self, key: str) -> str:
        return f"{self.server.endpoint_url}/{self.name}/{key}"


def http_get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    """A plain GET over HTTP, as a browser with no credentials makes it: the status and the
    body (a redirect is not followed)."""
    parts = urlsplit(url)
    assert parts.scheme == "http", url
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()
