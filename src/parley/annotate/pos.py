"""Coarse part-of-speech from the tagger's fine tags: a fast stand-in for spaCy's
``attribute_ruler``.

In the English pipelines the tagger predicts fine tags (``VBD``) and the attribute ruler
maps them to coarse ones (``VERB``, ``AUX``) with a ``Matcher`` over the whole document,
which costs about as much as the parser. This component reads the ruler's own patterns
from the loaded model and applies the ones that set ``POS``, ``TAG`` or ``DEP`` (lemma and
morphology rules are left out: no extractor reads them), with the ruler's precedence:
every rule is tested on the tokens as they came in, and a later rule overrides an earlier
one. Most tokens cost one dictionary look-up, keyed by their tag, lower form, dependency
and whitespace flag. Patterns with keys or operators it does not know raise
``ValueError``, and the caller keeps spaCy's ruler.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FACTORY = "parley_pos_from_tags_v1"  # spaCy factory names allow no dots
NAME = "pos_from_tags"
_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH")  # token values a pattern may test
_FLAGS = frozenset({"IS_SPACE"})  # tested as booleans; the others as strings
_SET = ("POS", "TAG", "DEP")  # attributes a rule may set here
_OTHER = 2**64 - 1  # stands for every value no rule names (no string hashes to it)

Features = tuple[Any, ...]  # one token's values, in _FEATURES order
Test = Callable[[Features], bool]
Outcome = dict[str, tuple[int, str]]  # attribute -> (rule index, value)


@dataclass(frozen=True)
class Rule:
    index: int  # the rule's place in the ruler: later ones win
    tests: tuple[Test, ...]  # one per token of the pattern
    target: int  # which token of a match gets the attributes
    attrs: tuple[tuple[str, str], ...]
    named: tuple[tuple[str, frozenset[Any] | None], ...]  # values tested per feature (None: any)


def _value_test(column: int, spec: Any) -> tuple[Test, frozenset[Any] | None]:
    """A test of one feature and the values it names (None when a regex may match any)."""
    if not isinstance(spec, Mapping):
        return (lambda f: bool(f[column] == spec)), frozenset([spec])
    if set(spec) == {"IN"}:
        allowed = frozenset(spec["IN"])
        return (lambda f: f[column] in allowed), allowed
    if set(spec) == {"NOT_IN"}:
        banned = frozenset(spec["NOT_IN"])
        return (lambda f: f[column] not in banned), banned
    if set(spec) == {"REGEX"}:
        regex = re.compile(spec["REGEX"])
        return (lambda f: bool(regex.search(str(f[column])))), None
    raise ValueError(f"unsupported operator in attribute_ruler pattern: {sorted(spec)}")


def _token_test(token: Mapping[str, Any]) -> tuple[Test, list[tuple[str, frozenset[Any] | None]]]:
    unknown = set(token) - set(_FEATURES)
    if unknown:
        raise ValueError(f"unsupported key in attribute_ruler pattern: {sorted(unknown)}")
    parts = [(key, *_value_test(_FEATURES.index(key), spec)) for key, spec in token.items()]
    tests = [test for _, test, _ in parts]
    return (lambda f: all(test(f) for test in tests)), [(key, named) for key, _, named in parts]


def compile_rules(patterns: Sequence[Mapping[str, Any]]) -> list[Rule]:
    """The ruler's patterns (``AttributeRuler.patterns``) that set POS, TAG or DEP."""
    rules = []
    for index, entry in enumerate(patterns):
        attrs = tuple((k, str(v)) for k, v in entry["attrs"].items() if k in _SET)
        if not attrs:
            continue
        for pattern in entry["patterns"]:
            compiled = [_token_test(t) for t in pattern]
            named = tuple(pair for _, pairs in compiled for pair in pairs)
            target = entry.get("index", 0) % len(pattern)
            rules.append(Rule(index, tuple(t for t, _ in compiled), target, attrs, named))
    return rules


def _named_values(rules: Sequence[Rule]) -> dict[str, frozenset[Any] | None]:
    """Per feature the rules test, the values they name; None where any value may matter."""
    out: dict[str, frozenset[Any] | None] = {}
    for rule in rules:
        for key, named in rule.named:
            seen = out.get(key, frozenset())
            out[key] = None if named is None or seen is None else seen | named
    return out


class PosFromTags:
    """The pipeline component: sets ``pos`` (and ``tag``/``dep`` where a rule says so).

    A token's features are reduced to the values some rule names (every other value reads
    as one stand-in), so the outcome cache stays small."""

    def __init__(self, patterns: Sequence[Mapping[str, Any]]) -> None:
        rules = compile_rules(patterns)
        self.single = [r for r in rules if len(r.tests) == 1]
        self.multi = [r for r in rules if len(r.tests) > 1]
        self.named = _named_values(rules)
        self._named_ids: dict[str, Any] = {}
        self._entries: dict[tuple[int, ...], tuple[Outcome, frozenset[tuple[int, int]]]] = {}

    def __call__(self, doc: Any) -> Any:
        entries = [self._entry(doc, key) for key in self._keys(doc)]
        outcomes = [outcome for outcome, _ in entries]
        for number, rule in enumerate(self.multi):
            _apply_multi(number, rule, [passed for _, passed in entries], outcomes)
        _set(doc, outcomes)
        return doc

    def _keys(self, doc: Any) -> list[tuple[int, ...]]:
        """Each token's feature values (string hashes, flags), reduced to those named."""
        import numpy
        from spacy.attrs import IDS

        table = doc.to_array([IDS[name] for name in _FEATURES]).reshape(len(doc), len(_FEATURES))
        for column, name in enumerate(_FEATURES):
            named = self.named.get(name, frozenset())
            if named is not None:
                keep = numpy.isin(table[:, column], self._ids(doc, name, named))
                table[~keep, column] = _OTHER
        return [tuple(row) for row in table.tolist()]

    def _ids(self, doc: Any, name: str, named: frozenset[Any]) -> Any:
        """The named values of one feature as the array values ``to_array`` gives."""
        import numpy

        if name not in self._named_ids:
            ids = [int(v) if name in _FLAGS else doc.vocab.strings[v] for v in named]
            self._named_ids[name] = numpy.array(ids, dtype="uint64")
        return self._named_ids[name]

    def _entry(self, doc: Any, key: tuple[int, ...]) -> tuple[Outcome, frozenset[tuple[int, int]]]:
        """For a token with these features: what the one-token rules set, and which token
        tests of the longer rules it passes, as (rule number, place in the pattern)."""
        found = self._entries.get(key)
        if found is None:
            features = _decode(doc, key)
            outcome: Outcome = {}
            for rule in self.single:
                if rule.tests[0](features):
                    outcome.update((attr, (rule.index, value)) for attr, value in rule.attrs)
            passed = frozenset(
                (number, place)
                for number, rule in enumerate(self.multi)
                for place, test in enumerate(rule.tests)
                if test(features)
            )
            found = self._entries[key] = (outcome, passed)
        return found


_STAND_IN = object()  # equals no named value


def _decode(doc: Any, key: tuple[int, ...]) -> Features:
    strings = doc.vocab.strings
    return tuple(
        _STAND_IN if v == _OTHER else bool(v) if name in _FLAGS else strings[v]
        for name, v in zip(_FEATURES, key, strict=True)
    )


def _apply_multi(number: int, rule: Rule, passed: list[frozenset[tuple[int, int]]], outcomes: list[Outcome]) -> None:
    """Where every token of a longer rule passes its test, the rule's target token takes
    its attributes unless a later one-token rule set them."""
    width = len(rule.tests)
    for start in range(len(passed) - width + 1):
        if (number, 0) in passed[start] and all((number, j) in passed[start + j] for j in range(1, width)):
            i = start + rule.target
            mine = {a: (rule.index, v) for a, v in rule.attrs if outcomes[i].get(a, (-1, ""))[0] < rule.index}
            if mine:
                outcomes[i] = {**outcomes[i], **mine}


def _set(doc: Any, outcomes: list[Outcome]) -> None:
    import numpy
    from spacy.attrs import POS

    strings = doc.vocab.strings
    pos = [strings.add(o["POS"][1]) if "POS" in o else 0 for o in outcomes]
    doc.from_array([POS], numpy.array(pos, dtype="uint64").reshape(-1, 1))
    for i, outcome in enumerate(outcomes):
        if "TAG" in outcome or "DEP" in outcome:
            token = doc[i]
            if "TAG" in outcome and token.tag_ != outcome["TAG"][1]:
                token.tag_ = outcome["TAG"][1]
            if "DEP" in outcome and token.dep_ != outcome["DEP"][1]:
                token.dep_ = outcome["DEP"][1]


def replace_attribute_ruler(nlp: Any) -> bool:
    """Swap ``nlp``'s attribute ruler for ``PosFromTags`` built from its patterns; False
    (and the ruler kept) when there is none or its patterns use features not handled here."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    patterns = nlp.get_pipe("attribute_ruler").patterns
    try:
        compile_rules(patterns)
    except (ValueError, KeyError, TypeError):
        return False
    _register()
    nlp.replace_pipe("attribute_ruler", FACTORY, config={"patterns": patterns})
    nlp.rename_pipe("attribute_ruler", NAME)
    return True


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=_make)


def _make(nlp: Any, name: str, patterns: list[dict[str, Any]]) -> PosFromTags:
    return PosFromTags(patterns)
