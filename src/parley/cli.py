"""The ``parley`` command line: a thin shell over library functions.

Each command parses its arguments, calls one library function and prints the result.
Errors a user can fix print one line (``error[CODE] where: message. Fix: ...``) and exit 2;
quarantined inputs print one line each and make the exit code 3; everything else went
through.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from parley import __version__
from parley.errors import ParleyError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_QUARANTINED = 0, 1, 2, 3

EXAMPLES: dict[str, str] = {
    "extract": "parley extract examples/corpus --jsonl records.jsonl",
    "ingest": "parley ingest examples/corpus --db parley.duckdb",
    "timeline": "parley timeline --db parley.duckdb --format table",
    "figures": "parley figures --db parley.duckdb --format csv",
    "positions": "parley positions --db parley.duckdb --format json",
    "outlets": "parley outlets --db parley.duckdb",
    "report": "parley report --db parley.duckdb --html report.html",
    "export": "parley export --db parley.duckdb --format parquet --out exports/",
    "eval": "parley eval --gold examples/gold examples/corpus",
    "quarantine": "parley quarantine --db parley.duckdb",
    "profiles": "parley profiles",
    "serve": "parley serve --db parley.duckdb --port 8000",
}

HELP: dict[str, str] = {
    "extract": "extract article records (gold/SCHEMA.md format) from files; no database",
    "ingest": "store articles and their facts in the database (idempotent)",
    "timeline": "the rounds of talks, merged across outlets",
    "figures": "the figures ledger: every claimed figure with its claimant",
    "positions": "each party's positions per issue over time",
    "outlets": "per outlet: what it reported, left out, its loaded terms and whom it quotes",
    "report": "write one self-contained HTML report",
    "export": "export the views and fact tables as JSON, CSV or Parquet files",
    "eval": "score extraction against gold records",
    "quarantine": "list inputs that could not be read, with the reason",
    "profiles": "list the conflict profiles parley ships",
    "serve": "serve the report and the views as JSON/CSV over HTTP on this machine",
}


def _settings(args: argparse.Namespace) -> Any:
    from parley.config import load_settings

    keys = ("db", "profile", "max_bytes", "workers", "batch_size", "extractors", "field_map", "progress")
    return load_settings({k: getattr(args, k, None) for k in keys})


def _executor(workers: int) -> Any:
    if workers <= 1:
        return None
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=workers)


def _report_quarantine(items: Sequence[Any]) -> int:
    for q in items:
        print(q.reason if q.reason.startswith("error[") else f"error[{q.code}] {q.source}: {q.reason}", file=sys.stderr)
    if items:
        print(f"{len(items)} item(s) quarantined; see `parley quarantine`.", file=sys.stderr)
    return EXIT_QUARANTINED if items else EXIT_OK


# --------------------------------------------------------------------------- commands


def cmd_extract(args: argparse.Namespace) -> int:
    from parley.pipeline import extract_paths
    from parley.records import ArticleRecord
    from parley.schema import to_schema

    settings = _settings(args)
    out = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else sys.stdout  # noqa: SIM115
    quarantined = []
    try:
        for item in extract_paths(args.paths, settings, executor=_executor(settings.workers)):
            if isinstance(item, ArticleRecord):
                out.write(json.dumps(to_schema(item), ensure_ascii=False) + "\n")
            else:
                quarantined.append(item)
    finally:
        if out is not sys.stdout:
            out.close()
    return _report_quarantine(quarantined)


def cmd_ingest(args: argparse.Namespace) -> int:
    from parley.jobs import ingest_paths
    from parley.store import open_store

    settings = _settings(args)
    store = open_store(settings.db)
    try:
        report = ingest_paths(
            args.paths, settings, store, executor=_executor(settings.workers), full_relink=args.relink_all
        )
    finally:
        store.close()
    print(
        f"read {report.read} article(s): {report.added} added, {report.skipped} already stored; "
        f"{len(report.quarantined)} quarantined; {report.origin_groups} copy group(s) -> {settings.db}"
    )
    return _report_quarantine(report.quarantined)


def _open_existing(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from parley.errors import StoreError
    from parley.store import open_store

    settings = _settings(args)
    if settings.db != "memory://" and not Path(settings.db).exists():
        raise StoreError("E300", "no such database; run `parley ingest PATH --db FILE` first", where=settings.db)
    return open_store(settings.db, read_only=True)


def _view_command(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from parley.report.render import render
        from parley.report.views import VIEWS

        store = _open_existing(args)
        try:
            print(render(VIEWS[name](store), args.format))
        finally:
            store.close()
        return EXIT_OK

    return run


def cmd_report(args: argparse.Namespace) -> int:
    from parley.report.html import write_html

    store = _open_existing(args)
    try:
        write_html(store, args.html)
    finally:
        store.close()
    print(f"wrote {args.html}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from parley.report.export import export

    store = _open_existing(args)
    try:
        written = export(store, args.format, args.out)
    finally:
        store.close()
    for path in written:
        print(path)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from parley.eval import evaluate, format_table

    scores = evaluate(args.gold, args.paths, _settings(args))
    print(json.dumps(scores.as_dict(), indent=2) if args.json else format_table(scores))
    return EXIT_OK


def cmd_quarantine(args: argparse.Namespace) -> int:
    store = _open_existing(args)
    try:
        rows = store.rows("quarantine")
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            print(f"{row['source']}\t{row['code']}\t{row['reason']}")
        print(f"{len(rows)} quarantined item(s)")
    return EXIT_OK


def cmd_profiles(args: argparse.Namespace) -> int:
    from parley import profiles

    for name in profiles.available_profiles():
        prof = profiles.load_profile(name)
        print(f"{name}\t{prof.title}\tsince {prof.start_date}\t{len(prof.actors)} actors, {len(prof.places)} places")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from parley.serve.app import serve

    _open_existing(args).close()  # fail early, with the usual message, when there is no database
    db = _settings(args).db
    print(f"serving {db} on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    serve(db, host=args.host, port=args.port)
    return EXIT_OK


# --------------------------------------------------------------------------- parser


def _common(p: argparse.ArgumentParser, db: bool = True) -> None:
    if db:
        p.add_argument("--db", help="DuckDB file (default: parley.duckdb; setting 'db')")


def _extraction_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs; '-' reads JSONL from stdin")
    p.add_argument("--profile", help="conflict profile: NAME, a YAML PATH, 'auto' (default) or 'none'")
    p.add_argument("--max-bytes", dest="max_bytes", type=int, help="largest input file in bytes (default 5000000)")
    p.add_argument(
        "--map", dest="field_map", metavar="FIELD=SOURCE,...", help="JSONL/CSV field mapping, e.g. text=body"
    )
    p.add_argument("--workers", type=int, help="parallel worker threads (default 1: inline)")
    p.add_argument("--batch-size", dest="batch_size", type=int, help="articles per batch (default 50)")
    p.add_argument("--extractors", help="comma-separated extractor names, e.g. entities.v1,figures.v1")
    p.add_argument("--progress", choices=("auto", "always", "never"), help="progress bar on stderr (default auto)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parley", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, fn: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=HELP[name], description=HELP[name], epilog=f"example: {EXAMPLES[name]}")
        p.set_defaults(fn=fn)
        return p

    p = add("extract", cmd_extract)
    _extraction_options(p)
    p.add_argument("--jsonl", metavar="OUT", help="write JSON lines to OUT instead of stdout")
    p = add("ingest", cmd_ingest)
    _extraction_options(p)
    _common(p)
    p.add_argument(
        "--relink-all", dest="relink_all", action="store_true",
        help="regroup copies across the whole store from scratch (by default only new articles are linked)",
    )  # fmt: skip
    for view in ("timeline", "figures", "positions", "outlets"):
        p = add(view, _view_command(view))
        _common(p)
        p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p = add("report", cmd_report)
    _common(p)
    p.add_argument("--html", required=True, metavar="FILE", help="where to write the HTML page")
    p = add("export", cmd_export)
    _common(p)
    p.add_argument("--format", choices=("json", "csv", "parquet"), default="json")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the exported files")
    p = add("eval", cmd_eval)
    p.add_argument("--gold", required=True, metavar="DIR", help="folder of gold records (<id>.json)")
    _extraction_options(p)
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p = add("quarantine", cmd_quarantine)
    _common(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    add("profiles", cmd_profiles)
    p = add("serve", cmd_serve)
    _common(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args))
    except ParleyError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted; committed batches are kept, re-run to continue", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a user never sees a traceback
        if os.environ.get("PARLEY_DEBUG"):
            raise
        print(
            f"error: parley failed unexpectedly ({type(exc).__name__}: {exc}); "
            "set PARLEY_DEBUG=1 to see the traceback and report it",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
