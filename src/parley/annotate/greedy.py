"""Greedy transition parsing driven from Python, for spaCy's parser and entity recogniser.

spaCy's own greedy loop (``Parser.greedy_parse``) runs in C without the GIL; but in this
build every validity test of an entity action calls a helper that takes the GIL back to
check for errors, so on one core the NER spends more time passing the GIL than parsing.
The same steps driven from Python, holding the GIL, cost far less: the step model spaCy
trains with scores the unfinished states, and the component's own ``transition_states``
applies the best valid action to each (the same C code the C loop calls). The parses and
entities are the same on every token we compared; NER takes about half the time, the
parser two thirds.

``GreedyParse`` wraps a trained parser or NER component and stands in for it in the
pipeline under the same name; beam-search components are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

FACTORY = "parley_greedy_parse_v1"  # spaCy factory names allow no dots


class GreedyParse:
    """A parser or NER component, with its greedy decoding loop run from Python."""

    def __init__(self, component: Any) -> None:
        self.component = component

    def __call__(self, doc: Any) -> Any:
        self.component.set_annotations([doc], self.parse([doc]))
        return doc

    def pipe(self, stream: Iterable[Any], *, batch_size: int = 128) -> Iterator[Any]:
        it = iter(stream)
        while batch := list(islice(it, batch_size)):
            self.component.set_annotations(batch, self.parse(batch))
            yield from batch

    def parse(self, docs: list[Any]) -> list[Any]:
        """The final parse states of ``docs``, one per doc (what ``greedy_parse`` returns)."""
        comp = self.component
        comp._ensure_labels_are_added(docs)  # noqa: SLF001 - what greedy_parse does first
        batch: list[Any] = comp.moves.init_batch(docs)
        if not any(len(doc) for doc in docs):
            return batch
        step_model = comp.model.predict(docs)
        states = [state for state in batch if not state.is_final()]
        while states:
            states = comp.transition_states(states, step_model.predict(states))
        step_model.clear_memory()
        return batch


def drivable(component: Any) -> bool:
    """Whether ``component`` is a greedy transition-based parser this module can drive."""
    cfg = getattr(component, "cfg", {})
    return cfg.get("beam_width", 1) == 1 and all(
        hasattr(component, attr) for attr in ("moves", "transition_states", "_ensure_labels_are_added", "model")
    )


def drive_from_python(nlp: Any, name: str) -> bool:
    """Put ``GreedyParse`` around ``nlp``'s component ``name`` (same name, same place);
    False, and nothing changed, when there is no such greedy component."""
    if name not in nlp.pipe_names or not drivable(nlp.get_pipe(name)):
        return False
    _register()
    temporary = f"{name}__greedy"
    nlp.add_pipe(FACTORY, name=temporary, after=name, config={"wraps": name})
    nlp.remove_pipe(name)
    nlp.rename_pipe(temporary, name)
    return True


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=_make)


def _make(nlp: Any, name: str, wraps: str) -> GreedyParse:
    return GreedyParse(nlp.get_pipe(wraps))
