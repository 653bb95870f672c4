"""``parley serve``: the HTML report and every view as JSON or CSV over HTTP.

Routes (GET only): ``/`` the report page; ``/api/views`` the view names; ``/api/<view>``
a view as JSON (``?format=csv`` or ``/api/<view>.csv`` for CSV); ``/healthz``. The store is
opened for each request through the factory it is given (read-only for a DuckDB file), so
the app always shows what is stored now and never holds a connection across threads.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from parley.report.html import build_html
from parley.report.render import render
from parley.report.views import VIEWS
from parley.store import Store, open_store

StoreFactory = Callable[[], Store]
Response = tuple[int, str, bytes]


def _json(data: object, status: int = HTTPStatus.OK) -> Response:
    return status, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode()


def _view(open_db: StoreFactory, name: str, fmt: str) -> Response:
    if name not in VIEWS:
        return _json({"error": f"no view {name!r}", "views": sorted(VIEWS)}, HTTPStatus.NOT_FOUND)
    store = open_db()
    try:
        body = render(VIEWS[name](store), fmt)
    finally:
        store.close()
    kind = "text/csv" if fmt == "csv" else "application/json"
    return HTTPStatus.OK, f"{kind}; charset=utf-8", body.encode()


def _page(open_db: StoreFactory) -> Response:
    store = open_db()
    try:
        return HTTPStatus.OK, "text/html; charset=utf-8", build_html(store).encode()
    finally:
        store.close()


def respond(open_db: StoreFactory, target: str) -> Response:
    """The response to ``GET target``: (status, content type, body)."""
    url = urlsplit(target)
    path = url.path.rstrip("/") or "/"
    if path == "/":
        return _page(open_db)
    if path == "/healthz":
        return _json({"ok": True})
    if path == "/api/views":
        return _json(sorted(VIEWS))
    if path.startswith("/api/"):
        name = path.removeprefix("/api/")
        fmt = parse_qs(url.query).get("format", ["json"])[0]
        if name.endswith(".csv"):
            name, fmt = name.removesuffix(".csv"), "csv"
        if fmt not in ("json", "csv"):
            return _json({"error": f"unknown format {fmt!r} (json or csv)"}, HTTPStatus.BAD_REQUEST)
        return _view(open_db, name, fmt)
    return _json({"error": f"no page {path!r}"}, HTTPStatus.NOT_FOUND)


def make_handler(open_db: StoreFactory) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "parley"

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            status, kind, body = respond(open_db, self.path)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
            pass

    return Handler


def make_server(open_db: StoreFactory, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server (not yet started) answering from the stores ``open_db`` returns."""
    return ThreadingHTTPServer((host, port), make_handler(open_db))


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the store at ``db`` until interrupted."""
    server = make_server(lambda: open_store(db, read_only=True), host, port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
