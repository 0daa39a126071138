"""Django's PostgreSQL backend that never waits for ever for an answer of the database.

PostgreSQL's ``statement_timeout`` (set in settings.py) cancels a slow statement, but the server
enforces it: a server that accepts connections and then says nothing (a hung host, a stuck
proxy, a cut network whose last hop still acknowledges) leaves psycopg waiting for as long as the
socket lives, and TCP keepalives or ``tcp_user_timeout`` do not fire while the kernel at the other
end still acknowledges. So every round trip gets a deadline here, ``answer_timeout`` in OPTIONS:
when it passes the connection is closed and the wait ends in an ``OperationalError``, which
``core.unavailable`` answers with a 503 like a refused connection.
"""

import psycopg
from django.db.backends.postgresql import base
from psycopg import errors


class DatabaseNotAnswering(psycopg.OperationalError):
    pass


class AnswerDeadlineConnection(psycopg.Connection):
    answer_timeout: float | None = None  # seconds; None waits as long as psycopg does (for ever)

    def wait(self, gen, *args, timeout=None, **kwargs):
        limit = timeout if timeout is not None else self.answer_timeout
        try:
            return super().wait(gen, *args, timeout=limit, **kwargs)
        except errors._WaitTimeout:  # psycopg's own deadline error, private but pinned
            if timeout is not None:  # a deadline of psycopg's own (notifies()): its business
                raise
            # Half a conversation is lost; the connection cannot be used again.
            self.pgconn.finish()
            raise DatabaseNotAnswering(
                f"the database did not answer within {limit:g} s; connection closed"
            ) from None


class DatabaseWrapper(base.DatabaseWrapper):
    answer_timeout: float | None = None
    check_timeout: float | None = None

    def get_connection_params(self):
        params = super().get_connection_params()
        self.answer_timeout = params.pop("answer_timeout", None)
        # A kept connection is checked with SELECT 1 before use (CONN_HEALTH_CHECKS): that answer
        # comes as fast as a new connection, so it gets the connect time-out, not a statement's.
        self.check_timeout = params.get("connect_timeout") or self.answer_timeout
        return params

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.__class__ = AnswerDeadlineConnection  # psycopg.connect() takes no class
        connection.answer_timeout = self.answer_timeout
        return connection

    def is_usable(self):
        if self.connection is None or self.answer_timeout is None:
            return super().is_usable()
        self.connection.answer_timeout = self.check_timeout
        try:
            return super().is_usable()
        finally:
            self.connection.answer_timeout = self.answer_timeout
