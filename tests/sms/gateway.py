"""A real SMS gateway stand-in on 127.0.0.1 for the sender's tests (http.server in a thread).

It behaves like a provider that honours idempotency keys: the first request with a key is
delivered (kept in `delivered`), a repeat answers «duplicate» and delivers nothing. Modes, by
path: /ok answers at once; /fail answers 500; /hang never answers in time; /lose delivers,
then answers too late for the first request of each key (a lost reply) and at once afterwards.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Gateway:
    """What the stand-in saw: every hit and every delivered message by idempotency key."""

    def __init__(self) -> None:
        self.hits: list[dict[str, str]] = []
        self.delivered: dict[str, dict[str, str]] = {}
        self.lock = threading.Lock()
        self.late = 3.0  # seconds a lost reply takes (more than the sender's timeout)
        self.port = 0
        self.release = threading.Event()  # set at teardown so no handler is left waiting

    def url(self, mode: str) -> str:
        """The gateway's URL in one mode."""
        return f"http://127.0.0.1:{self.port}/{mode}"


def _handler(gw: Gateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:  # keep the test output clean
            pass

        def _serve(self, form: dict[str, str]) -> None:
            path = urllib.parse.urlsplit(self.path)
            form = {**dict(urllib.parse.parse_qsl(path.query)), **form}
            form["_header_key"] = self.headers.get("Idempotency-Key", "")
            mode = path.path.strip("/")
            key = form.get("uid", "")
            with gw.lock:
                gw.hits.append({**form, "_mode": mode})
                first = key not in gw.delivered
                if mode in ("ok", "lose") and first:
                    gw.delivered[key] = form
            if mode == "fail":
                return self._answer(500, "internal error")
            if mode == "hang" or (mode == "lose" and first):
                gw.release.wait(gw.late)
            self._answer(200, "OK" if first else "DUPLICATE")

        def _answer(self, code: int, body: str) -> None:
            try:
                self.send_response(code)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.end_headers()
                self.wfile.write(body.encode("utf-8"))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender gave up waiting: that is the point of /hang and /lose

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self._serve({})

        def do_POST(self) -> None:  # noqa: N802
            n = int(self.headers.get("Content-Length") or 0)
            self._serve(dict(urllib.parse.parse_qsl(self.rfile.read(n).decode("utf-8"))))

    return Handler


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    """A gateway stand-in listening on a free loopback port for one test."""
    gw = Gateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(gw))
    server.daemon_threads = True
    gw.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gw
    finally:
        gw.release.set()
        server.shutdown()
        server.server_close()
