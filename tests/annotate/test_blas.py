"""parley.annotate.blas: numpy's BLAS on one thread gives spaCy the same annotations."""

from __future__ import annotations

from typing import Any

import pytest

from parley.annotate.blas import pin_numpy_blas_to_one_thread, single_thread_ops, use_ops
from parley.annotate.nlp import MODEL, load_pipeline

TEXTS = (
    "Negotiators from both delegations met in Doha on Tuesday, two officials said.",
    "The truce, brokered by Qatar and Egypt, would free 33 hostages in its first phase.",
    '"We will not sign anything that leaves our people under siege," the spokesman told reporters.',
    "Fighting resumed near the river crossing after the talks in Jeddah stalled last month.",
)


def _signature(doc: Any) -> list[tuple[str, str, int, str, str]]:
    return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def default_pipeline() -> Any:
    import spacy

    return spacy.load(MODEL, exclude=["lemmatizer"])


def test_pinning_reports_one_thread_or_keeps_blis() -> None:
    pinned = pin_numpy_blas_to_one_thread()
    ops = single_thread_ops()
    assert ops.use_blis is not pinned


def test_use_ops_reaches_every_layer(default_pipeline: Any) -> None:
    import spacy

    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    ops = single_thread_ops()
    use_ops(nlp, ops)
    layers = [layer for _, pipe in nlp.pipeline if hasattr(pipe, "model") for layer in pipe.model.walk()]
    assert layers and all(layer.ops is ops for layer in layers)
    assert all(layer.ops is not ops for layer in default_pipeline.get_pipe("ner").model.walk())


def test_same_annotations_as_default_ops(default_pipeline: Any) -> None:
    ours = list(load_pipeline().pipe(TEXTS))
    theirs = list(default_pipeline.pipe(TEXTS))
    for a, b in zip(ours, theirs, strict=True):
        assert _signature(a) == _signature(b)
