"""A line to the hub that a test can cut and restore: a real socket relay.

The relay listens on its own Unix socket folder (PostgreSQL's ``host=/dir`` form) and
copies bytes both ways to the real server's socket. :meth:`cut` closes the listener and
every open connection, exactly what a branch sees when the hub or its line goes down
(connection refused, connections reset); :meth:`restore` listens again. The branch's URL
points at the relay; nothing in crmdesk knows about it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import threading
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SOCKET_NAME = ".s.PGSQL.{port}"


class LineCut:
    def __init__(self, server_url: str) -> None:
        parts = urlsplit(server_url)
        query = dict(parse_qsl(parts.query))
        self.port = parts.port or int(query.get("port", 5432))
        self.target = str(Path(query["host"]) / SOCKET_NAME.format(port=self.port))
        self.folder = Path(tempfile.mkdtemp(prefix="crmdesk-line-"))
        self.folder.chmod(0o755)
        self.path = str(self.folder / SOCKET_NAME.format(port=self.port))
        self._parts, self._query = parts, query
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def url(self, url: str) -> str:
        """``url`` (same server, any database or role) reached through this relay."""
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        query["host"] = str(self.folder)
        return urlunsplit(parts._replace(query=urlencode(query)))

    def restore(self) -> None:
        if self._listener is not None:
            return
        if os.path.exists(self.path):
            os.unlink(self.path)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.path)
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        if os.path.exists(self.path):
            os.unlink(self.path)
        with self._lock:
            for sock in list(self._open):
                _close(sock)
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                upstream.connect(self.target)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                _close(sock)
                with self._lock:
                    self._open.discard(sock)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
