"""Gunicorn settings for production and the benchmark: synchronous WSGI workers (Django over ASGI
is several times slower on these machines; research/platform.md)."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle a worker now and then so that memory cannot creep (a jitter avoids restarting all).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
accesslog = None
errorlog = "-"
wsgi_app = "config.wsgi:application"
