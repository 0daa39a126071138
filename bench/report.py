"""Turn the benchmark's measurements (report.json) into a Markdown report with each target of
issue 9 marked as met or missed, and by how much."""


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}{unit}" if value >= 10 else f"{value:,.2f}{unit}"
    return f"{value}{unit}"


def targets(report: dict) -> list[tuple[str, str, str, bool]]:
    rows = []
    starter, scaled = report["starter"], report.get("scaled", {})
    timetable = report.get("timetable_200", starter["timetable"])
    rows.append(
        (
            "timetable with 200 meetings, HTML, uncached: median ≤ 20 ms",
            _fmt(timetable["p50_ms"], " ms"),
            "20 ms",
            timetable["p50_ms"] <= 20,
        )
    )
    api = report.get("api_meetings_200", starter["api-meetings"])
    rows.append(
        (
            "timetable JSON (API), uncached: median ≤ 10 ms",
            _fmt(api["p50_ms"], " ms"),
            "10 ms",
            api["p50_ms"] <= 10,
        )
    )
    for name, page in starter.items():
        rows.append(
            (
                f"{name} ({page['path']}), starter, uncached: median ≤ 15 ms",
                _fmt(page["p50_ms"], " ms"),
                "15 ms",
                page["p50_ms"] <= 15,
            )
        )
    for name, page in scaled.items():
        base = starter[name]["p50_ms"]
        ratio = page["p50_ms"] / base if base else float("inf")
        rows.append(
            (
                f"{name} at scale {report['scale']}: median within 1.5× of starter",
                f"{ratio:.2f}×",
                "1.5×",
                ratio <= 1.5,
            )
        )
        before = report["queries_starter"][name][1]
        after = report["queries_scaled"][name][1]
        rows.append(
            (
                f"{name}: same number of SQL queries at scale {report['scale']}",
                f"{before} → {after}",
                "equal",
                before == after,
            )
        )
    for key, label in (("search_p95_ms_starter", "starter"), ("search_p95_ms_scaled", "scaled")):
        if key in report:
            rows.append(
                (
                    f"search p95 on PostgreSQL ({label}) ≤ 50 ms",
                    _fmt(report[key], " ms"),
                    "50 ms",
                    report[key] <= 50,
                )
            )
    hello = report["hello"]["rps16"]
    for name, rps in report["throughput_app_cache"].items():
        share = rps / hello
        rows.append(
            (
                f"{name}: cached through the app server ≥ 80% of the minimal view",
                f"{share:.0%} ({rps:,.0f}/s)",
                "80%",
                share >= 0.8,
            )
        )
    for name, rps in report["throughput_nginx"].items():
        static = report["static_limit"].get(name)
        if static:
            share = rps / static
            rows.append(
                (
                    f"{name}: through nginx micro-cache ≥ 50% of nginx static",
                    f"{share:.0%} ({rps:,.0f}/s)",
                    "50%",
                    share >= 0.5,
                )
            )
    rss = max(report["worker_rss_mb"] or [0])
    rows.append(
        (
            "each app-server worker < 150 MB resident after the load",
            _fmt(rss, " MB"),
            "150 MB",
            rss < 150,
        )
    )
    return rows


def render(report: dict) -> str:
    lines = ["# Benchmark report", ""]
    lines.append(
        f"Machine: {report['machine']['cores']} cores; wrk runs of "
        f"{report['seconds_per_run']} s; app: gunicorn, 2 sync workers, DEBUG off, "
        "PostgreSQL, Redis; nginx with deploy/nginx.conf.template."
    )
    lines += [
        "",
        "## Limits of this machine",
        "",
        f"- minimal Django view (/healthz): median {_fmt(report['hello']['p50_ms'], ' ms')}"
        f", {report['hello']['rps16']:,.0f} requests/s with 16 connections",
        "- nginx serving a static file of the same size as each page: "
        + ", ".join(f"{k} {v:,.0f}/s" for k, v in report["static_limit"].items()),
        "",
    ]
    lines += [
        "## Pages (starter dataset, uncached, 1 connection)",
        "",
        "| page | median | p99 | bytes | SQL queries | × minimal view |",
        "|---|---|---|---|---|---|",
    ]
    hello_p50 = report["hello"]["p50_ms"] or 1
    for name, page in report["starter"].items():
        lines.append(
            f"| {name} `{page['path']}` | {_fmt(page['p50_ms'], ' ms')} | "
            f"{_fmt(page['p99_ms'], ' ms')} | {page['bytes']:,} | "
            f"{report['queries_starter'][name][1]} | {page['p50_ms'] / hello_p50:.1f}× |"
        )
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
        lines += [
            "",
            f"## At scale {report['scale']} ({report['generate']['output']})",
            "",
            "| page | median | p99 | SQL queries |",
            "|---|---|---|---|",
        ]
        for name, page in report["scaled"].items():
            lines.append(
                f"| {name} | {_fmt(page['p50_ms'], ' ms')} | "
                f"{_fmt(page['p99_ms'], ' ms')} | {report['queries_scaled'][name][1]} |"
            )
    lines += [
        "",
        "## Targets (issue 9)",
        "",
        "| target | measured | limit | verdict |",
        "|---|---|---|---|",
    ]
    for label, value, target, ok in targets(report):
        lines.append(f"| {label} | {value} | {target} | {_verdict(ok)} |")
    lines.append("")
    return "\n".join(lines)
