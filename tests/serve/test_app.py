"""The web app over a real DuckDB file: page, views as JSON/CSV, errors."""

from __future__ import annotations

import hashlib
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from parley.records import Article, ArticleRecord, Credits, Evidence, Meeting, PublicationDate
from parley.serve.app import make_server
from parley.store import open_store
from parley.store.duckdb import DuckDBStore


def _record(art_id: str, venue: str, day: str) -> ArticleRecord:
    sentence = f"Mediators and both delegations met in {venue}."
    meeting = Meeting("talks", venue, day, None, ("Ethiopia", "Eritrea"), (), "held",
                      Evidence(art_id, 0, len(sentence), sentence, 0, f"met in {venue}"))  # fmt: skip
    art = Article(art_id, sentence, f"{art_id}.txt", outlet=f"Paper {art_id}",
                  content_hash=hashlib.sha256(sentence.encode() + art_id.encode()).hexdigest())  # fmt: skip
    return ArticleRecord(art, art.outlet, PublicationDate(day, None), (), Credits(), None, meetings=(meeting,))


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("serve") / "s.duckdb"
    store = DuckDBStore(db)
    store.add([_record("a", "Pretoria", "2022-11-02"), _record("b", "Pretoria", "2022-11-02")])
    store.close()
    server = make_server(lambda: open_store(db, read_only=True), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read().decode()


def test_page_and_views(base_url: str) -> None:
    status, kind, page = _get(base_url + "/")
    assert status == 200 and kind.startswith("text/html") and 'id="timeline-chart"' in page
    status, _, names = _get(base_url + "/api/views")
    assert {"timeline", "figures", "positions", "outlets"} <= set(json.loads(names))
    status, kind, body = _get(base_url + "/api/timeline")
    rows = json.loads(body)["rows"]
    assert status == 200 and len(rows) == 1 and rows[0]["venue"] == "Pretoria" and rows[0]["independent"] == 2
    status, kind, body = _get(base_url + "/api/timeline.csv")
    assert kind.startswith("text/csv") and body.splitlines()[0].startswith("when,venue")


def test_errors(base_url: str) -> None:
    assert _get(base_url + "/api/nope")[0] == 404
    assert _get(base_url + "/api/timeline?format=xml")[0] == 400
    assert _get(base_url + "/elsewhere")[0] == 404


def test_the_app_starts_without_spacy() -> None:
    import subprocess
    import sys

    code = "import sys, parley.serve.app; print(sorted(m for m in sys.modules if m.split('.')[0] == 'spacy'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
