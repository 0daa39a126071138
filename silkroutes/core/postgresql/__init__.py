"""Django's PostgreSQL backend with time-outs on every wait (``base.py``), and the OPTIONS that
set them. Imported by the settings, so nothing here imports Django's database layer."""


def timeout_options(*, connect_timeout: int, statement_timeout_ms: int, options: str = "") -> dict:
    """DATABASES OPTIONS: seconds to make a connection; milliseconds a statement may run before
    PostgreSQL cancels it (0: no limit); and the seconds we wait for any answer at all, for a
    server that never answers: a statement's time plus a connect time-out for the answer to
    travel, so that a live server always gets to cancel first."""
    result = {
        "connect_timeout": connect_timeout,
        "options": f"{options} -c statement_timeout={statement_timeout_ms}".strip(),
    }
    if statement_timeout_ms:
        result["answer_timeout"] = statement_timeout_ms / 1000 + connect_timeout
    return result
