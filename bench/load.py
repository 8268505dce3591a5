"""Load each page of bench/pages.py with wrk against a server on 127.0.0.1: requests per
second, median and 99th-percentile latency, SQL queries per request, and the requests per
second as a share of the constant view's.

    .venv/bin/python bench/load.py --base-url http://127.0.0.1:8001 --seconds 10
    .venv/bin/python bench/load.py --base-url ... --label uncached --out uncached.json
    .venv/bin/python bench/load.py --table uncached.json cached.json

Without ``--out`` one run's table is printed; with it the run's figures are written as JSON,
and ``--table`` prints several runs side by side (bench/run.sh: the server without, then
with, the page cache). The exit status is 1 when a page did not answer 200, in the test
client, to a first request to the server, or under load (with ``--table``: in any run).
"""

import argparse
import http.client
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connections

# Run as a script, this file's folder is on sys.path rather than the project's.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import setup_django  # noqa: E402
from bench.measure import Measurement, measure  # noqa: E402
from bench.pages import PAGES  # noqa: E402

LOOPBACK = "127.0.0.1"
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_PERCENTILE = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
_REQUESTS_PER_SECOND = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


@dataclass
class LoadResult:
    requests_per_second: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    non_2xx: int = 0
    socket_errors: dict[str, int] | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and not self.non_2xx and self.requests_per_second is not None


def parse_wrk(output: str) -> LoadResult:
    result = LoadResult()
    if match := _REQUESTS_PER_SECOND.search(output):
        result.requests_per_second = float(match[1])
    for percentile, value, unit in _PERCENTILE.findall(output):
        setattr(result, f"p{percentile}_ms", float(value) * _UNITS_MS[unit])
    if match := _NON_2XX.search(output):
        result.non_2xx = int(match[1])
    if match := _SOCKET_ERRORS.search(output):
        names = ("connect", "read", "write", "timeout")
        errors = {name: int(count) for name, count in zip(names, match.groups(), strict=True)}
        result.socket_errors = {name: count for name, count in errors.items() if count}
    return result


def first_status(port: int, url: str) -> int:
    """The status of one GET straight to the server: no proxy from the environment, no
    redirect followed, so a 301 shows as one."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_wrk(args, url: str, seconds: float) -> LoadResult:
    command = [
        "wrk",
        "--latency",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds:g}s",
        "--timeout",
        "30s",
        url,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip().replace("\n", " ")
        return LoadResult(error=f"wrk exited {completed.returncode}: {output}")
    return parse_wrk(completed.stdout)


def load(args, measurement: Measurement, port: int) -> LoadResult:
    if not measurement.ok:
        return LoadResult()
    try:
        status = first_status(port, measurement.url)
    except OSError as exc:
        return LoadResult(error=f"no answer from the server: {exc}")
    if status != 200:
        return LoadResult(error=f"the server answered {status}, not 200")
    url = f"http://{LOOPBACK}:{port}{measurement.url}"
    if args.warmup > 0:
        # Every worker renders the page once before the figures count (template loading,
        # connections, the first query of each kind).
        run_wrk(args, url, args.warmup)
    return run_wrk(args, url, args.seconds)


def _figure(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _errors(measurement: Measurement, result: LoadResult) -> str:
    notes = []
    if measurement.error:
        notes.append(measurement.error.strip().splitlines()[-1])
    if result.error:
        notes.append(result.error)
    if result.non_2xx:
        notes.append(f"{result.non_2xx} non-2xx/3xx")
    if result.socket_errors:
        notes.append(", ".join(f"{count} {name}" for name, count in result.socket_errors.items()))
    return "; ".join(notes) or ""


def run_rows(measurements: list[Measurement], results: list[LoadResult]) -> list[dict]:
    """One run's figures per page, as plain data (written to ``--out`` as JSON)."""
    return [
        {
            "name": measurement.page.name,
            "url": measurement.url,
            "queries": measurement.queries,
            "ok": measurement.ok and result.ok,
            "requests_per_second": result.requests_per_second,
            "p50_ms": result.p50_ms,
            "p99_ms": result.p99_ms,
            "errors": _errors(measurement, result),
        }
        for measurement, result in zip(measurements, results, strict=True)
    ]


def _print_lines(lines: list[tuple], numeric: set[int]) -> None:
    widths = [max(len(line[column]) for line in lines) for column in range(len(lines[0]))]
    for number, line in enumerate(lines):
        cells = [
            cell.rjust(width) if column in numeric else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))


def print_table(runs: dict[str, list[dict]]) -> None:
    """One line per page: its SQL queries, then for each run (uncached, cached) its
    requests per second, median and 99th-percentile latency and its share of the constant
    view's requests per second in the same run (the first page is the floor)."""
    labels = list(runs)
    first = runs[labels[0]]
    header = ["page", "URL", "SQL/req"]
    for label in labels:
        header += [f"{label} req/s", "p50 ms", "p99 ms", "vs floor"]
    header.append("errors")
    lines = [tuple(header)]
    floors = {label: rows[0]["requests_per_second"] for label, rows in runs.items()}
    for number, row in enumerate(first):
        line = [row["name"], row["url"], _figure(row["queries"], "d")]
        errors = []
        for label in labels:
            other = runs[label][number]
            rps, floor = other["requests_per_second"], floors[label]
            line += [
                _figure(rps, ".0f"),
                _figure(other["p50_ms"], ".2f"),
                _figure(other["p99_ms"], ".2f"),
                _figure(rps / floor if rps and floor else None, ".3f"),
            ]
            if other["errors"]:
                errors.append(f"{label}: {other['errors']}" if len(labels) > 1 else other["errors"])
        line.append("; ".join(errors) or "-")
        lines.append(tuple(line))
    _print_lines(lines, numeric=set(range(2, len(header) - 1)))


def _load_all(args, base) -> list[dict]:
    measurements = measure(PAGES, host=base.netloc)
    # The load's figures are the server's alone: this process holds no connection meanwhile.
    connections.close_all()
    for measurement in measurements:
        if measurement.error:
            print(
                f"{measurement.page.name} ({measurement.url or 'no URL'}):\n{measurement.error}",
                file=sys.stderr,
            )
    print(
        f"{args.label}: wrk --latency -t{args.threads} -c{args.connections} -d{args.seconds:g}s "
        f"(after {args.warmup:g} s of warm-up) per page against {base.netloc}",
        file=sys.stderr,
        flush=True,
    )
    results = []
    for measurement in measurements:
        print(f"  {measurement.page.name}...", file=sys.stderr, flush=True)
        results.append(load(args, measurement, base.port))
    return run_rows(measurements, results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help=f"http://{LOOPBACK}:PORT of the server")
    parser.add_argument("--seconds", type=int, default=10, help="load per page (default 10)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured load first (1)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--label", default="", help="the run's name in the table's header")
    parser.add_argument("--out", type=Path, help="write the run's figures there as JSON")
    parser.add_argument(
        "--table",
        nargs="+",
        type=Path,
        metavar="RUN.json",
        help="print one table of runs written with --out (no load), side by side",
    )
    args = parser.parse_args(argv)

    if args.table:
        runs = {}
        for path in args.table:
            data = json.loads(path.read_text())
            runs[data["label"]] = data["rows"]
        print_table(runs)
        failed = sorted({row["name"] for rows in runs.values() for row in rows if not row["ok"]})
    else:
        if not args.base_url:
            parser.error("--base-url is required to load a server")
        base = urlsplit(args.base_url)
        if base.scheme != "http" or base.hostname != LOOPBACK or not base.port:
            parser.error(f"the load goes to http://{LOOPBACK}:PORT only, not {args.base_url}")
        setup_django()
        rows = _load_all(args, base)
        if args.out:
            args.out.write_text(json.dumps({"label": args.label or "run", "rows": rows}))
        else:
            print_table({args.label or "": rows})
        failed = [row["name"] for row in rows if not row["ok"]]
    if failed:
        print(f"\nnot 200 throughout: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
