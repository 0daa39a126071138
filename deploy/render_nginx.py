#!/usr/bin/env python3
"""Fill in deploy/nginx.conf.template: render_nginx.py KEY=VALUE … > nginx.conf"""

import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
DEFAULTS = {
    "LISTEN": "80",
    "APP": "127.0.0.1:8000",
    "STATIC_ROOT": "/srv/silkroutes/var/static",
    "CACHE_DIR": "/var/cache/nginx/silkroutes",
    "PID": "/run/nginx.pid",
    "LOGS": "/var/log/nginx",
}


def render(values: dict[str, str]) -> str:
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {**DEFAULTS, **values}.items():
        text = text.replace(f"@{key}@", value)
    if "@" in text.replace("@@", ""):
        missing = sorted({part.split("@")[0] for part in text.split("@")[1::2]})
        raise SystemExit(f"unfilled placeholders: {missing}")
    return text


if __name__ == "__main__":
    pairs = dict(arg.split("=", 1) for arg in sys.argv[1:])
    sys.stdout.write(render(pairs))
