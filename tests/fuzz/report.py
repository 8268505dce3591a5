"""The fuzz run's counts at the end of pytest's output (a plugin loaded by the root
conftest, so it also sums up what pytest-xdist's workers ran): requests, endpoints, the
status histogram and the findings, per database. With ``FUZZ_REPORT=<path>`` the same goes
to a Markdown file."""

from __future__ import annotations

import os
from collections import Counter

MIN_FULL_RUN_REQUESTS = 10_000


def _summaries(terminalreporter) -> list[dict]:
    found = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "teardown":
                continue
            for name, value in getattr(report, "user_properties", ()):
                if name == "fuzz" and isinstance(value, dict):
                    found.append(value)
    return found


def render(summaries: list[dict]) -> str:
    requests = sum(s["requests"] for s in summaries)
    endpoints: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    spent: Counter[str] = Counter()
    for summary in summaries:
        endpoints.update(summary["endpoints"])
        spent.update(summary.get("endpoint_seconds", {}))
        statuses.update(summary["statuses"])
    findings = [f for s in summaries for f in s["findings"]]
    server_errors = sum(v for k, v in statuses.items() if int(k) >= 500)
    databases = ", ".join(sorted({s["database"] for s in summaries}))
    seconds = sum(s["seconds"] for s in summaries)
    full = "yes" if requests >= MIN_FULL_RUN_REQUESTS else "no"
    lines = [
        f"fuzz ({databases}): {requests} requests to {len(endpoints)} endpoints in "
        f"{len(summaries)} tests, {seconds:.0f} s of test time; "
        f"at least {MIN_FULL_RUN_REQUESTS}: {full}",
        "statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())),
        f"5xx: {server_errors}; findings: {len(findings)}",
        "requests per endpoint: "
        + ", ".join(f"{name} {count}" for name, count in sorted(endpoints.items())),
    ]
    slowest = sorted(endpoints, key=lambda name: -spent[name] / endpoints[name])[:6]
    lines.append(
        "slowest (ms per request): "
        + ", ".join(f"{name} {1000 * spent[name] / endpoints[name]:.0f}" for name in slowest)
    )
    for finding in findings:
        lines.append(
            f"  FINDING {finding['kind']} at {finding['endpoint']} ({finding['count']}x): "
            f"{finding['detail']} — {finding['where']}\n    {finding['request']}"
        )
    return "\n".join(lines)


def per_endpoint(summaries: list[dict]) -> str:
    """A Markdown table: each endpoint's requests by status."""
    table: dict[str, Counter] = {}
    for summary in summaries:
        for endpoint, status, count in summary.get("endpoint_statuses", []):
            table.setdefault(endpoint, Counter())[status] += count
    statuses = sorted({status for counts in table.values() for status in counts})
    lines = [
        "| endpoint | " + " | ".join(str(s) for s in statuses) + " |",
        "|---|" + "---|" * len(statuses),
    ]
    for endpoint in sorted(table):
        counts = table[endpoint]
        lines.append(
            f"| `{endpoint}` | " + " | ".join(str(counts.get(s, "")) for s in statuses) + " |"
        )
    return "\n".join(lines) + "\n"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if hasattr(config, "workerinput"):
        return
    summaries = _summaries(terminalreporter)
    if not summaries:
        return
    text = render(summaries)
    terminalreporter.write_sep("=", "fuzz summary")
    terminalreporter.write_line(text)
    path = os.environ.get("FUZZ_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as report:
            report.write("```\n" + text + "\n```\n\n" + per_endpoint(summaries) + "\n")
