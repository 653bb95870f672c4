"""Runs the stages in order over batches: ingest -> clean -> annotate -> extract.

``extract_paths`` yields one ``ArticleRecord`` per readable article and one ``Quarantined``
per bad item; a failure inside one article never stops the batch. Fan-out goes through a
``concurrent.futures.Executor``; the default runs inline.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from parley.config import Settings
from parley.errors import ParleyError
from parley.records import (
    Article,
    ArticleRecord,
    CleanedArticle,
    Document,
    PublicationDate,
    Quarantined,
)

Item = ArticleRecord | Quarantined


@dataclass(frozen=True)
class Plan:
    """What to run on each article: the profile choice and the extractor names."""

    profile: str = "auto"  # name, path, "auto" or "none"
    extractors: tuple[str, ...] = ()


def plan_from(settings: Settings) -> Plan:
    from parley.extract import DEFAULT_EXTRACTORS

    return Plan(profile=settings.profile, extractors=settings.extractors or DEFAULT_EXTRACTORS)


def choose_profile(choice: str, text: str) -> Any:
    """The profile for one article: a fixed one, one detected from the text, or None."""
    from parley import profiles

    if choice == "none":
        return None
    if choice == "auto":
        detect = getattr(profiles, "detect_profile", None)
        return detect(text) if detect else None
    return profiles.load_profile(choice)


def _single(value: Any) -> Any:
    """An extractor output that holds one record (a 1-tuple) or the record itself."""
    if isinstance(value, tuple):
        return value[0] if value else None
    return value


def build_record(doc: Document, results: dict[str, Any], profile: Any) -> ArticleRecord:
    cleaned = doc.cleaned
    art = cleaned.article
    published = _single(results.get("published")) or PublicationDate(
        date=art.published, interval=(art.published, art.published) if art.published else None
    )
    return ArticleRecord(
        article=art,
        outlet=cleaned.outlet or art.outlet,
        published=published,
        boilerplate=cleaned.boilerplate,
        credits=cleaned.credits,
        dateline=cleaned.dateline,
        entities=tuple(results.get("entities", ())),
        mentions=tuple(results.get("mentions", ())),
        times=tuple(results.get("times", ())),
        meetings=tuple(results.get("meetings", ())),
        figures=tuple(results.get("figures", ())),
        positions=tuple(results.get("positions", ())),
        quotes=tuple(results.get("quotes", ())),
        framing=tuple(results.get("framing", ())),
        profile=getattr(profile, "name", None),
    )


def _failed(article: Article, exc: Exception) -> Quarantined:
    detail = f"{type(exc).__name__}: {exc}"[:300]
    err = ParleyError("E199", detail, where=article.source)
    return Quarantined(source=article.source, code="E199", reason=str(err), sample=article.text[:80])


def extract_documents(docs: Iterable[Document], plan: Plan) -> list[Item]:
    """Run the extractors over annotated documents."""
    from parley.extract import run_extractors

    out: list[Item] = []
    for doc in docs:
        try:
            profile = choose_profile(plan.profile, doc.text)
            results = run_extractors(doc, plan.extractors, profile=profile)
            out.append(build_record(doc, results, profile))
        except ParleyError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            out.append(_failed(doc.cleaned.article, exc))
    return out


def process_batch(articles: Sequence[Article], plan: Plan) -> list[Item]:
    """clean -> annotate -> extract for one batch (a module-level function, so process
    pools can run it too)."""
    from parley.annotate.nlp import annotate_many
    from parley.clean import clean

    cleaned: list[CleanedArticle] = []
    failed: list[Item] = []
    for art in articles:
        try:
            cleaned.append(clean(art))
        except Exception as exc:  # noqa: BLE001
            failed.append(_failed(art, exc))
    return failed + extract_documents(annotate_many(cleaned), plan)


def _batches(items: Iterable[Article | Quarantined], size: int) -> Iterator[tuple[list[Article], list[Quarantined]]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield [a for a in chunk if isinstance(a, Article)], [q for q in chunk if isinstance(q, Quarantined)]


def run(
    items: Iterable[Article | Quarantined],
    plan: Plan,
    *,
    batch_size: int = 16,
    executor: Executor | None = None,
    on_batch: Callable[[list[Item]], None] | None = None,
) -> Iterator[Item]:
    """Process a stream of read items in batches; yield records and quarantine entries in
    input order, batch by batch. ``on_batch`` sees each finished batch (e.g. to commit)."""
    batches = _batches(items, batch_size)
    if executor is None:
        results: Iterable[tuple[list[Item], list[Quarantined]]] = ((process_batch(a, plan), q) for a, q in batches)
    else:
        pending = ((executor.submit(process_batch, a, plan), q) for a, q in batches)
        results = ((future.result(), q) for future, q in _lookahead(pending, 4))
    for done, quarantined in results:
        batch: list[Item] = [*quarantined, *done]
        if on_batch:
            on_batch(batch)
        yield from batch


def _lookahead(it: Iterator[Any], n: int) -> Iterator[Any]:
    """Keep up to ``n`` submitted futures in flight."""
    window = list(itertools.islice(it, n))
    while window:
        yield window.pop(0)
        window.extend(itertools.islice(it, 1))


def extract_paths(paths: Sequence[str], settings: Settings, executor: Executor | None = None) -> Iterator[Item]:
    """Read ``paths`` and extract every article: the library function behind ``parley extract``."""
    from parley.ingest import read_paths

    items = read_paths(paths, max_bytes=settings.max_bytes, field_map=dict(settings.field_map) or None)
    return run(items, plan_from(settings), batch_size=settings.batch_size, executor=executor)
