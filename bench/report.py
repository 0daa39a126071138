"""Turn the benchmark's measurements (report.json) into a Markdown report with each target of
issue 12 marked as met or missed, and by how much."""

STARTER_LIMIT_MS = 15
SCALED_LIMIT_MS = 50
SCALED_RATIO = 1.5


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}{unit}" if value >= 10 else f"{value:,.2f}{unit}"
    return f"{value}{unit}"


def _at_most(measured: float | None, limit: float, unit: str = " ms") -> tuple[str, bool]:
    """The verdict of a ceiling, with the margin: met with so much to spare, or missed by so
    much (and by what share of the limit)."""
    if measured is None:
        return "not measured", False
    margin = limit - measured
    if margin >= 0:
        return f"met, {_fmt(margin, unit)} to spare", True
    return f"**missed** by {_fmt(-margin, unit)} (+{-margin / limit:.0%})", False


def _at_least(measured: float | None, floor: float, unit: str) -> tuple[str, bool]:
    if measured is None:
        return "not measured", False
    if measured >= floor:
        return f"met, {_fmt(measured - floor, unit)} above", True
    return f"**missed** by {_fmt(floor - measured, unit)} (−{1 - measured / floor:.0%})", False


def _row(label: str, value: str, limit: str, verdict: tuple[str, bool]) -> tuple:
    return (label, value, limit, *verdict)


def _page_targets(report: dict) -> list[tuple]:
    rows = []
    timetable = report.get("timetable_200", {})
    for name, limit in (("timetable-200", 20), ("api-meetings-200", 15)):
        page = timetable.get(name)
        if page:
            rows.append(
                _row(
                    f"{name} `{page['path']}`, cold, ≤ {limit} ms (status {page['status']})",
                    _fmt(page["cold_ms"], " ms"),
                    f"{limit} ms",
                    _at_most(page["cold_ms"], limit),
                )
            )
    for name, page in report["starter"].items():
        rows.append(
            _row(
                f"{name} `{page['path']}`, starter, cold, ≤ {STARTER_LIMIT_MS} ms",
                _fmt(page["cold_ms"], " ms"),
                f"{STARTER_LIMIT_MS} ms",
                _at_most(page["cold_ms"], STARTER_LIMIT_MS),
            )
        )
    return rows


def _scaled_targets(report: dict) -> list[tuple]:
    rows = []
    for name, page in report.get("scaled", {}).items():
        base = report["starter"][name]["cold_ms"]
        limit = min(SCALED_RATIO * base, SCALED_LIMIT_MS)
        rows.append(
            _row(
                f"{name} at scale {report['scale']}, cold, ≤ 1.5× starter and ≤ 50 ms",
                f"{_fmt(page['cold_ms'], ' ms')} ({page['cold_ms'] / base:.2f}×)",
                _fmt(limit, " ms"),
                _at_most(page["cold_ms"], limit),
            )
        )
        before = report["queries_starter"][name][1]
        after = report["queries_scaled"][name][1]
        rows.append(
            _row(
                f"{name}: same SQL queries at scale {report['scale']}",
                f"{before} → {after}",
                "equal",
                ("met", True) if before == after else (f"**missed** by {after - before}", False),
            )
        )
    return rows


def _other_targets(report: dict) -> list[tuple]:
    rows = []
    if "search_p95_ms_scaled" in report:
        p95 = report["search_p95_ms_scaled"]
        rows.append(
            _row(
                f"search p95 at scale {report['scale']} on PostgreSQL (20 queries, cold) ≤ 50 ms",
                _fmt(p95, " ms"),
                "50 ms",
                _at_most(p95, 50),
            )
        )
    for name, page in report.get("stored", {}).items():
        rows.append(
            _row(
                f"{name} `{page['path']}`, stored, ≤ 5 ms (status {page['status']})",
                _fmt(page["cached_ms"], " ms"),
                "5 ms",
                _at_most(page["cached_ms"], 5),
            )
        )
    rate = report.get("generate", {}).get("records_per_s")
    rows.append(
        _row(
            "generator ≥ 10,000 records/s",
            _fmt(rate, "/s"),
            "10,000/s",
            _at_least(rate, 10_000, "/s"),
        )
    )
    rss = max(report.get("worker_rss_mb") or [0])
    rows.append(
        _row(
            "each app-server worker < 150 MB resident after the load",
            _fmt(rss, " MB"),
            "150 MB",
            _at_most(rss, 150, " MB"),
        )
    )
    return rows


def _throughput_targets(report: dict) -> list[tuple]:
    rows = []
    hello = report["hello"]["rps16"]
    for name, rps in report["throughput_app_cache"].items():
        share = rps / hello
        verdict = ("met", True) if share >= 0.8 else ("**missed**", False)
        rows.append(
            _row(
                f"{name}: cached through the app server ≥ 80% of the minimal view",
                f"{share:.0%} ({rps:,.0f}/s)",
                "80%",
                verdict,
            )
        )
    for name, rps in report["throughput_nginx"].items():
        static = report["static_limit"].get(name)
        if static:
            share = rps / static
            verdict = ("met", True) if share >= 0.5 else ("**missed**", False)
            rows.append(
                _row(
                    f"{name}: through nginx micro-cache ≥ 50% of nginx static",
                    f"{share:.0%} ({rps:,.0f}/s)",
                    "50%",
                    verdict,
                )
            )
    return rows


def targets(report: dict) -> list[tuple[str, str, str, str, bool]]:
    return (
        _page_targets(report)
        + _scaled_targets(report)
        + _other_targets(report)
        + _throughput_targets(report)
    )


def _figures_table(title: str, pages: dict, queries: dict | None) -> list[str]:
    lines = [
        "",
        f"## {title}",
        "",
        "| page | cold | after one change | cached | SQL queries |",
        "|---|---|---|---|---|",
    ]
    for name, page in pages.items():
        count = queries[name][1] if queries and name in queries else "–"
        status = "" if page["status"] == 200 else f" (status {page['status']})"
        lines.append(
            f"| {name} `{page['path']}`{status} | {_fmt(page['cold_ms'], ' ms')} | "
            f"{_fmt(page['changed_ms'], ' ms')} | {_fmt(page['cached_ms'], ' ms')} | {count} |"
        )
    return lines


def render(report: dict) -> str:
    lines = ["# Benchmark report", ""]
    lines.append(
        f"Machine: {report['machine']['cores']} cores; wrk runs of "
        f"{report['seconds_per_run']} s; app: gunicorn, 2 sync workers, DEBUG off, "
        "PostgreSQL, Redis; nginx with deploy/nginx.conf.template. Each figure is the median "
        f"of {report.get('rounds', '?')} requests with 1 connection: cold = the cache emptied "
        "before the request; after one change = the first request after a meeting was edited; "
        "cached = the page cache warm."
    )
    lines += [
        "",
        "## Limits of this machine",
        "",
        f"- minimal Django view (/healthz): median {_fmt(report['hello']['p50_ms'], ' ms')}"
        f", {report['hello']['rps16']:,.0f} requests/s with 16 connections",
        "- nginx serving a static file of the same size as each page: "
        + ", ".join(f"{k} {v:,.0f}/s" for k, v in report["static_limit"].items()),
    ]
    lines += _figures_table(
        "Pages and API lists (starter dataset)", report["starter"], report["queries_starter"]
    )
    if "timetable_200" in report:
        lines += _figures_table(
            "The timetable with 200 meetings on one page, and its JSON",
            report["timetable_200"],
            report.get("queries_timetable_200"),
        )
    if "stored" in report:
        lines += _figures_table("Stored documents", report["stored"], None)
    lines += [
        "",
        "## Throughput with 16 connections (requests/s)",
        "",
        "| page | uncached | app page cache | nginx micro-cache | nginx static limit |",
        "|---|---|---|---|---|",
    ]
    for name, rps in report["throughput_uncached"].items():
        lines.append(
            f"| {name} | {rps:,.0f} | {report['throughput_app_cache'][name]:,.0f} | "
            f"{report['throughput_nginx'][name]:,.0f} | "
            f"{report['static_limit'].get(name, 0):,.0f} |"
        )
    if "scaled" in report:
        lines += _figures_table(
            f"At scale {report['scale']} ({report['generate']['output']})",
            report["scaled"],
            report["queries_scaled"],
        )
    lines += [
        "",
        "## Targets (issue 12)",
        "",
        "| target | measured | limit | verdict |",
        "|---|---|---|---|",
    ]
    for label, value, limit, verdict, _ok in targets(report):
        lines.append(f"| {label} | {value} | {limit} | {verdict} |")
    missed = sum(1 for *_rest, ok in targets(report) if not ok)
    lines += ["", f"{missed} of {len(targets(report))} targets missed.", ""]
    return "\n".join(lines)
