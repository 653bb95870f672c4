"""Every reader on fixtures written for these tests (tests/fixtures/ingest)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from parley.errors import UsageError
from parley.ingest import content_hash, parse_field_map, read_paths
from parley.records import Article, Quarantined

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
PAGE = (FIXTURES / "page.html").read_bytes()


def _read(*paths: str | Path, **kwargs):  # type: ignore[no-untyped-def]
    return list(read_paths([str(p) for p in paths], **kwargs))


def _articles(items) -> dict[str, Article]:  # type: ignore[no-untyped-def]
    return {item.id: item for item in items if isinstance(item, Article)}


def _quarantined(items) -> dict[str, Quarantined]:  # type: ignore[no-untyped-def]
    return {item.source: item for item in items if isinstance(item, Quarantined)}


# --------------------------------------------------------------------------- text


def test_front_matter_fields_and_meta() -> None:
    (article,) = _read(FIXTURES / "front_matter.txt")
    assert article.id == "juba-talks-01"
    assert (article.outlet, article.published, article.author) == ("Example Herald", "2025-03-04", "Sam Writer")
    assert article.title == "Envoys gather in Juba for a new round"
    assert article.meta == (("section", "Africa"),)
    assert article.text.startswith("JUBA (Reuters)") and "---" not in article.text
    assert article.content_hash == content_hash(" \n ".join(article.text.split()))


def test_plain_text_takes_its_id_from_the_file_name() -> None:
    (article,) = _read(FIXTURES / "plain.txt")
    assert (article.id, article.outlet, article.published, article.title) == ("plain", None, None, None)
    assert article.text == (FIXTURES / "plain.txt").read_text(encoding="utf-8")


def test_bad_front_matter_is_quarantined() -> None:
    (item,) = _read(FIXTURES / "bad_front_matter.txt")
    assert isinstance(item, Quarantined) and item.code == "E112"
    assert "\n" not in item.reason and "Fix:" in item.reason


def test_unclosed_front_matter_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "open.txt"
    path.write_text("---\nid: x\nbody without a closing line\n", encoding="utf-8")
    assert _read(path)[0].code == "E112"


def test_non_utf8_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    text = "Les n\u00e9gociateurs r\u00e9unis \u00e0 Doha ont d\u00e9clar\u00e9 que la tr\u00eave \u00e9tait proche."
    path.write_bytes(text.encode("cp1252"))
    assert _read(path)[0].text == text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E101"),
        (b"   \n\n", "E101"),
        (b"%PDF-1.7\n1 0 obj", "E102"),
        (b"text with a \x00 NUL byte", "E102"),
        (bytes(range(1, 32)) * 20, "E102"),
    ],
)
def test_bad_text_files(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    (item,) = _read(path)
    assert isinstance(item, Quarantined) and item.code == code and item.source == str(path)


def test_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    assert _read(path, max_bytes=100)[0].code == "E103"
    assert isinstance(_read(path, max_bytes=1000)[0], Article)


# --------------------------------------------------------------------------- HTML


def test_html_main_text_and_metadata() -> None:
    (article,) = _read(FIXTURES / "page.html")
    assert article.id == "page"
    assert article.outlet == "Example Wire"
    assert article.url == "https://www.example-wire.com/news/2024/08/22/mediators-press-for-truce"
    assert (article.published, article.author) == ("2024-08-22", "Dana Reporter")
    assert article.title == "Mediators press for a Gaza truce"
    assert "Qatari envoys were expected to join" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.html == PAGE.decode("utf-8")


def test_html_without_a_date_gets_none_not_a_guess(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    body = "<p>Envoys met again in Doha on Monday, the third meeting this month, officials said.</p>" * 3
    path.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    (article,) = _read(path)
    assert article.published is None and article.outlet is None


@pytest.mark.parametrize(("data", "code"), [(b"no markup at all, only words", "E107"), (b"<html></html>", "E108")])
def test_bad_html(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    assert _read(path)[0].code == code


# --------------------------------------------------------------------------- JSONL / JSON / CSV


def test_jsonl_aliases_and_quarantine() -> None:
    items = _read(FIXTURES / "export.jsonl")
    articles, bad = _articles(items), _quarantined(items)
    assert set(articles) == {"nr-1", "nr-2", "nr-6"}
    first = articles["nr-1"]
    assert (first.outlet, first.published, first.title) == ("North Report", "2024-02-14", "Hamas team heads to Cairo")
    assert first.source.endswith("export.jsonl:1")
    assert (articles["nr-2"].outlet, articles["nr-2"].published) == ("south-daily.example", "2024-02-14")
    assert articles["nr-6"].published is None  # 03/04/2024 could be March or April
    codes = {source.rsplit(":", 1)[1]: item.code for source, item in bad.items()}
    assert codes == {"3": "E105", "5": "E108", "6": "E105"}


def test_field_map_overrides_aliases(tmp_path: Path) -> None:
    path = tmp_path / "mapped.jsonl"
    path.write_text('{"story": "Envoys met.", "text": "not this", "when": "2024-01-05", "pub": "Example"}\n')
    (article,) = _read(path, field_map={"text": "story", "published": "when", "outlet": "pub"})
    assert (article.text, article.published, article.outlet) == ("Envoys met.", "2024-01-05", "Example")
    assert article.id == "mapped-1"


def test_parse_field_map() -> None:
    assert parse_field_map("text=body, published=date") == {"text": "body", "published": "date"}
    for bad in ("text", "colour=red", "text="):
        with pytest.raises(UsageError):
            parse_field_map(bad)
    with pytest.raises(UsageError):
        read_paths([str(FIXTURES)], field_map={"colour": "red"})


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "' + "x" * 500 + '"}\n{"text": "short"}\n')
    items = _read(path, max_bytes=200)
    assert [getattr(item, "code", "ok") for item in items] == ["E103", "ok"]


def test_json_document_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('[\n  {"text": "' + "x" * 400 + '"},\n  {"text": "y"}\n]\n')
    assert [item.code for item in _read(path, max_bytes=200)] == ["E103"]
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "' + "x" * 400 + '"}\n{"text": "short"}\n')
    assert [getattr(item, "code", "ok") for item in _read(lines, max_bytes=200)] == ["E103", "ok"]


def test_json_document_with_articles_list() -> None:
    items = _read(FIXTURES / "export.json")
    articles = _articles(items)
    assert [a.outlet for a in articles.values()] == ["Example Times", "Example Daily"]
    assert articles["export-1"].author == "Lee Author" and articles["export-2"].published == "2024-07-11"
    assert [item.code for item in _quarantined(items).values()] == ["E105"]


def test_csv_aliases_multiline_and_bad_rows() -> None:
    items = _read(FIXTURES / "export.csv")
    articles, bad = _articles(items), _quarantined(items)
    assert set(articles) == {"c-1", "c-2", "c-5"}
    assert articles["c-1"].outlet == "Example Post" and articles["c-1"].published == "2024-05-06"
    assert articles["c-2"].outlet == "aid-watch.example"  # empty site column: URL domain
    assert articles["c-5"].text == "The first line of the text.\nThe second line, after a line break."
    assert articles["c-5"].published == "2024-05-08"
    assert sorted(item.code for item in bad.values()) == ["E106", "E106"]


def test_csv_without_a_text_column(tmp_path: Path) -> None:
    path = tmp_path / "notext.csv"
    path.write_text("id,title\n1,Only a title\n")
    (item,) = _read(path)
    assert item.code == "E106" and "text column" in item.reason


def test_stdin_jsonl() -> None:
    code = "from parley.ingest import read_paths; print([getattr(i, 'code', None) or i.id for i in read_paths(['-'])])"
    data = b'{"id": "s1", "text": "Envoys met."}\nnot json\n'
    out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, check=True, timeout=60)
    assert out.stdout.decode().strip() == "['s1', 'E105']"


# --------------------------------------------------------------------------- feeds


def test_rss_items() -> None:
    items = _read(FIXTURES / "feed.rss")
    first, second, third = items
    assert first.id == "er-1001" and first.published == "2024-05-06" and first.outlet == "example-radio.org"
    assert first.text == (
        "Army and militia envoys returned to Jeddah on Monday for talks.\n"
        "Saudi and U.S. mediators hosted the meeting & set an agenda."
    )
    assert second.text == "Only a summary is carried for this item." and second.published == "2024-05-07"
    assert isinstance(third, Quarantined) and third.code == "E108" and third.source.endswith("feed.rss:3")


def test_atom_entry() -> None:
    (entry,) = _read(FIXTURES / "feed.atom")
    assert (entry.id, entry.published, entry.author) == ("urn:example:monitor:1", "2024-11-02", "Chris Monitor")
    assert entry.text.startswith("Envoys from Kinshasa and Kigali met in Luanda")


def test_truncated_feed_keeps_what_was_read() -> None:
    items = _read(FIXTURES / "truncated.rss")
    assert isinstance(items[0], Article) and items[0].text == "The only complete item in a cut-off feed."
    assert items[-1].code == "E110" and items[-1].source.endswith("truncated.rss")


def test_feed_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "feed"
    path.write_bytes((FIXTURES / "feed.atom").read_bytes())
    assert isinstance(_read(path)[0], Article)


@pytest.mark.parametrize("data", [b"<rss><channel></channel></rss>", b"just words in an xml file"])
def test_feed_without_items(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(data)
    assert _read(path)[0].code == "E110"


# --------------------------------------------------------------------------- WARC


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_responses(tmp_path: Path, gzip: bool, warc_writer) -> None:  # type: ignore[no-untyped-def]
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    pages = [
        ("https://www.example-wire.com/a", PAGE, "text/html; charset=utf-8"),
        ("https://www.example-wire.com/logo.png", b"\x89PNG....", "image/png"),
    ]
    items = _read(warc_writer(tmp_path / name, pages, gzip=gzip))
    (article,) = items
    assert article.url == "https://www.example-wire.com/a" and article.outlet == "Example Wire"
    assert article.source == f"{tmp_path / name}:2" and "Qatari envoys" in article.text


def test_truncated_warc(tmp_path: Path, warc_writer) -> None:  # type: ignore[no-untyped-def]
    path = warc_writer(tmp_path / "cut.warc", [("https://www.example-wire.com/a", PAGE, "text/html")], gzip=False)
    path.write_bytes(path.read_bytes()[:-300])
    items = _read(path)
    assert [item.code for item in items] == ["E111"]


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("hello")
    assert _read(path)[0].code == "E111"


# --------------------------------------------------------------------------- paths


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second text.")
    (tmp_path / "a.txt").write_text("First text.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "c.txt").write_text("Third text.")
    assert [item.id for item in _read(tmp_path)] == ["a", "two", "c"]


def test_globs_missing_paths_and_no_match(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("One.")
    (tmp_path / "two.md").write_text("Two.")
    assert [item.id for item in _read(tmp_path / "*.txt")] == ["one"]
    items = _read(tmp_path / "one.txt", tmp_path / "missing.txt")
    assert [getattr(item, "code", "ok") for item in items] == ["E100", "ok"]
    with pytest.raises(UsageError) as caught:
        read_paths([str(tmp_path / "nothing-*.txt")])
    assert caught.value.code == "E501"


def test_unknown_extension_is_sniffed_or_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("Some notes.")
    (tmp_path / "page.dat").write_bytes(PAGE)
    notes, page = _read(tmp_path)
    assert isinstance(notes, Quarantined) and notes.code == "E109" and notes.source.endswith("notes.md")
    assert isinstance(page, Article) and page.outlet == "Example Wire"


def test_readers_never_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    items = _read(FIXTURES)
    assert sum(isinstance(item, Article) for item in items) >= 12


def test_a_title_with_a_colon_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "colon.txt"
    path.write_text("---\noutlet: Example Review\npublished: 2025-10-31\ntitle: Truce talks: what comes next\n---\n"
                    "Body text about the talks.\n", encoding="utf-8")
    (article,) = _read(path)
    assert (article.title, article.outlet, article.published) == ("Truce talks: what comes next", "Example Review",
                                                                  "2025-10-31")
    assert article.text.strip() == "Body text about the talks."
