"""A TCP black hole in front of PostgreSQL, for the black-hole drill and the time-out tests.

It listens on 127.0.0.1 and forwards to PostgreSQL until ``stall()``; from then on it forwards
nothing in either direction and swallows what clients send, on the connections already made and
on new ones: a hung host or a cut network whose last hop still acknowledges; ``resume()``
forwards again. Without an upstream it swallows from the start. Since the kernel acknowledges
every byte, neither TCP keepalives nor ``tcp_user_timeout`` notice anything; only the client's
own time-outs do.

Everything is closed on exit, and after ``give_up`` seconds at the latest, so a client without a
time-out fails with a lost connection instead of hanging for ever.
"""

import contextlib
import socket
import threading


class BlackHole:
    def __init__(self, upstream: tuple[str, int] | None = None, give_up: float = 60) -> None:
        self.upstream = upstream
        self.give_up = give_up
        self.stalled = threading.Event()
        self.closed = threading.Event()
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()

    def __enter__(self) -> "BlackHole":
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self._thread(self._accept)
        self.timer = threading.Timer(self.give_up, self.close)
        self.timer.daemon = True
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.cancel()
        self.close()

    def stall(self) -> None:
        self.stalled.set()

    def resume(self) -> None:
        """Forward again, on new connections: the cut ones stay cut (their clients gave up)."""
        with self.lock:
            cut, self.sockets = self.sockets, []
        _shut(cut)
        self.stalled.clear()

    def close(self) -> None:
        self.closed.set()
        with self.lock:
            _shut([self.server, *self.sockets])

    def _thread(self, target, *args) -> None:
        threading.Thread(target=target, args=args, daemon=True).start()

    def _keep(self, sock: socket.socket) -> socket.socket:
        # Blocking, so that sendall() never stops half-way; close() wakes a blocked recv().
        with self.lock:
            self.sockets.append(sock)
            if self.closed.is_set():  # accepted while closing: close() has passed it by
                sock.close()
                raise OSError("black hole closed")
        return sock

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                client = self._keep(self.server.accept()[0])
                if self.upstream is None or self.stalled.is_set():
                    self._thread(self._pump, client, None)
                    continue
                server = self._keep(socket.create_connection(self.upstream))
            except TimeoutError:
                continue
            except OSError:
                return  # closed
            self._thread(self._pump, client, server)
            self._thread(self._pump, server, client)

    def _pump(self, source: socket.socket, target: socket.socket | None) -> None:
        try:
            while data := source.recv(65536):
                if target is not None and not self.stalled.is_set():
                    target.sendall(data)
            if target is not None and not self.stalled.is_set():
                target.shutdown(socket.SHUT_WR)  # pass the end of the conversation on
        except OSError:
            pass  # closed by the other side or by close()


def _shut(sockets: list[socket.socket]) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):  # never connected, or closed already
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
