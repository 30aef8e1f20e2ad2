"""A web server on 127.0.0.1 for the tests that fetch: each path answers as a test sets it.

with LocalServer() as server:
    server.route("/story", Reply(b"<html>...</html>"))
    fetch(server.url("/story"))
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass(frozen=True)
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds to wait before answering
    chunks: int = 1  # send the body this many times over, with no Content-Length
    pause: float = 0.0  # seconds between two chunks


@dataclass
class LocalServer:
    routes: dict[str, Reply] = field(default_factory=dict)
    requests: list[dict[str, str]] = field(default_factory=list)  # headers of each request

    def __post_init__(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self._server.serve_forever(poll_interval=0.05)  # so that shutdown is quick

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def route(self, path: str, reply: Reply) -> str:
        self.routes[path] = reply
        return self.url(path)


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            server.requests.append(dict(self.headers.items()))
            reply = server.routes.get(self.path, Reply(b"not here", status=404))
            time.sleep(reply.delay)
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers:
                self.send_header(name, value)
            if reply.chunks == 1:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            try:
                for _ in range(reply.chunks):
                    self.wfile.write(reply.body)
                    self.wfile.flush()
                    time.sleep(reply.pause)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading, as it should past its size cap

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
