"""parley.annotate.greedy: the parser and NER decoded from Python give spaCy's own parses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from parley.annotate.blas import single_thread_ops, use_ops
from parley.annotate.greedy import GreedyParse, drivable, drive_from_python
from parley.annotate.nlp import MODEL, load_pipeline

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
OWN = (
    "Mediators from Qatar, Egypt and the United States met Hamas officials in Doha on Sunday.",
    "The army said 14 fighters were killed near Goma. The rebels denied it.",
    "",
    "   ",
    "Zelensky and Erdogan spoke by phone about a grain corridor through the Black Sea.",
)


@pytest.fixture(scope="module")
def spacy_loop() -> Any:
    """The model with spaCy's own C decoding loop (and the same matrix ops as ours)."""
    import spacy

    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    use_ops(nlp, single_thread_ops())
    return nlp


def _signature(docs: Any) -> list[list[tuple[Any, ...]]]:
    return [[(t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc] for doc in docs]


def test_pipeline_drives_parser_and_ner() -> None:
    nlp = load_pipeline()
    assert isinstance(nlp.get_pipe("parser"), GreedyParse) and isinstance(nlp.get_pipe("ner"), GreedyParse)
    assert nlp.pipe_names.index("parser") < nlp.pipe_names.index("ner")


def test_same_parses_and_entities_as_spacy(spacy_loop: Any) -> None:
    texts = list(OWN)
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8")[:3000] for p in sorted(CORPUS.glob("*.txt"))[:8]]
    ours, theirs = list(load_pipeline().pipe(texts)), list(spacy_loop.pipe(texts))
    assert _signature(ours) == _signature(theirs)
    assert [d.text for d in ours[0].ents] == ["Qatar", "Egypt", "the United States", "Hamas", "Doha", "Sunday"]


def test_single_doc_call_matches_pipe() -> None:
    nlp = load_pipeline()
    one = nlp(OWN[1])
    assert _signature([one]) == _signature(list(nlp.pipe([OWN[1]])))
    assert len(list(one.sents)) == 2


def test_nothing_to_drive_is_left_alone(spacy_loop: Any) -> None:
    import spacy

    blank = spacy.blank("en")
    assert drive_from_python(blank, "ner") is False and blank.pipe_names == []
    assert not drivable(spacy_loop.get_pipe("tagger"))
    assert drivable(spacy_loop.get_pipe("ner"))
