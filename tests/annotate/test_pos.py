"""parley.annotate.pos: coarse tags from the attribute ruler's own patterns, faster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from parley.annotate.blas import single_thread_ops, use_ops
from parley.annotate.nlp import MODEL, load_pipeline
from parley.annotate.pos import NAME, PosFromTags, compile_rules, replace_attribute_ruler

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
OWN = (
    "There is no deal yet, but there are signs that both sides want one.",
    "Did the mediators have a plan? They did, and it was one that nobody liked.",
    "He has said that the army will not withdraw unless the militia disarms first.",
    "Those who fled the shelling have been sheltering in schools since March.",
)


@pytest.fixture(scope="module")
def spacy_ruler() -> Any:
    """The model as shipped (its attribute ruler kept), with the same matrix ops as ours."""
    import spacy

    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    use_ops(nlp, single_thread_ops())
    return nlp


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    from parley.clean import clean
    from parley.ingest import read_paths
    from parley.records import Article

    if not CORPUS.is_dir():
        pytest.skip("examples/corpus missing")
    articles = [a for a in read_paths([str(CORPUS)]) if isinstance(a, Article)]
    return [clean(a).text for a in articles[:20]]


def _tags(docs: Any) -> list[tuple[str, str, str]]:
    return [(t.pos_, t.tag_, t.dep_) for doc in docs for t in doc]


def test_pipeline_uses_the_stand_in() -> None:
    names = load_pipeline().pipe_names
    assert NAME in names and "attribute_ruler" not in names
    assert names.index(NAME) == names.index("parser") + 1


def test_agrees_with_spacy_ruler_on_the_corpus(spacy_ruler: Any, corpus_texts: list[str]) -> None:
    ours = _tags(load_pipeline().pipe(corpus_texts))
    theirs = _tags(spacy_ruler.pipe(corpus_texts))
    assert len(ours) == len(theirs) > 2000
    agree = sum(a[0] == b[0] for a, b in zip(ours, theirs, strict=True)) / len(ours)
    assert agree >= 0.995
    assert [a[1:] for a in ours] == [b[1:] for b in theirs]


def test_exceptions_and_two_token_rules(spacy_ruler: Any) -> None:
    ours = [[t.pos_ for t in doc] for doc in load_pipeline().pipe(OWN)]
    theirs = [[t.pos_ for t in doc] for doc in spacy_ruler.pipe(OWN)]
    assert ours == theirs
    first = ours[0]
    assert first[1] == "VERB"  # "There is": the two-token existential rule
    assert "AUX" in ours[2] and "SCONJ" in ours[2]


def test_later_rules_win_and_lemma_rules_are_left_out() -> None:
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0},
        {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["nobody"]}}]], "attrs": {"POS": "PRON"}, "index": 0},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    ]
    assert len(compile_rules(patterns)) == 2
    import spacy

    nlp = spacy.blank("en")
    doc = nlp.make_doc("nobody saw the convoy")
    for token in doc:
        token.tag_ = "NN"
    PosFromTags(patterns)(doc)
    assert [t.pos_ for t in doc] == ["PRON", "NOUN", "NOUN", "NOUN"]


def test_unknown_operators_keep_spacy_ruler() -> None:
    import spacy

    with pytest.raises(ValueError):
        compile_rules([{"patterns": [[{"TAG": {">=": 3}}]], "attrs": {"POS": "X"}, "index": 0}])
    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"POS": "X"})
    assert replace_attribute_ruler(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]
