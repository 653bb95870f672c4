"""Time expressions: find them, tell their tense, resolve them against an anchor.

Rules and word lists live in ``profiles/data/lexicons/time.yaml``; this module compiles them
once. An anchor is the publication date (results are ``certain``) or an estimated interval
``(lo, hi)`` (results are the hull of the resolutions at both ends, not ``certain``).

Public helpers:

- ``find_times(doc, anchor, conflict_start=None) -> tuple[TimeExpr, ...]``: every time expression
  of a ``Document``, resolved against ``anchor`` (a ``date``, a ``(date, date)`` interval or None).
- ``resolve_expression(text, anchor, tense="unknown") -> (start, end)``: resolve one expression
  ("on Tuesday", "last week", "Oct. 7") written alone; ISO strings or ``(None, None)``.
- ``times_in_span(times, start, end) -> list[TimeExpr]``: the times inside a cleaned-text span.
- ``event_tense(doc, token_index) -> "past" | "future" | "present"``: the tense of the clause
  governing a token, read from the spaCy parse: ``will``/``would``/``due to``/``expected to``/
  a headline infinitive make it future; a past-tense verb or a perfect makes it past; a token
  reached through "after"/"following"/"since" is past; otherwise present (in news, a present
  simple with a weekday is upcoming).

- ``find_candidates(doc, conflict_start=None) -> list[Found]``: the same, unresolved, with tense
  and background flag (``parley.extract.dating`` reads them to date the article).

``TimeExpr.evidence`` holds raw offsets; ``TimeExpr.cstart``/``cend`` are cleaned-text offsets.
Kinds: date | weekday | relative | month | range | duration | age | background. For kind
``age`` ("the nine-month-old war") the dates are the war so far: conflict start .. anchor; a
``background`` date dates the conflict itself ("since the war began on Oct. 7"), not a news
event. Holidays ("before Ramadan", "over Christmas") resolve from tables in the lexicon.
Date-parser traps are avoided by design: month and weekday names must be capitalised, "May" and
"March" read as months only with a day, a year or a date preposition and never when tagged as a
verb or modal, and a year-less day date takes the year ``dateparser``'s ``PREFER_DATES_FROM``
would give it (computed directly: ``_preferred_day``).
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from parley.records import Document, TimeExpr

Anchor = date | tuple[date, date] | None
Span = tuple[date, date]

LEXICON_PATH = Path(__file__).resolve().parents[1] / "profiles" / "data" / "lexicons" / "time.yaml"


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    op: str
    regex: re.Pattern[str]
    params: Mapping[str, Any]
    tense: str | None = None  # intrinsic tense ("last week" is past)
    war_in_sentence: bool = False
    needs: tuple[frozenset[str], ...] = ()  # every match holds a word of each set (see _needed_words)


@dataclass(frozen=True)
class TenseCues:
    future_aux: frozenset[str]
    future_words: frozenset[str]
    before_preps: frozenset[str]
    before_verbs: frozenset[str]  # verbs whose object came first ("follows talks on Monday")
    after_preps: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[Rule, ...]
    weekdays: Mapping[str, int]
    months: Mapping[str, int]  # lower-case names and short forms
    numbers: Mapping[str, int]
    ordinals: Mapping[str, int]
    units: Mapping[str, tuple[str, int]]
    qualifiers: Mapping[str, tuple[float, float]]
    ambiguous_months: frozenset[str]
    ambiguous_tags: frozenset[str]
    weekday_not_before: tuple[str, ...]
    weekday_not_after: tuple[str, ...]
    conflict_re: re.Pattern[str]
    weak_conflict_re: re.Pattern[str]  # matches at the end of an age expression with a weak noun
    fixed_holidays: Mapping[str, tuple[int, int]]
    moving_holidays: Mapping[str, tuple[Span, ...]]
    age_window_re: re.Pattern[str]  # words an age expression is always near (conflict nouns, ...)
    start_before_re: re.Pattern[str]  # text just before a date that makes it a conflict's start
    start_after_re: re.Pattern[str]  # text just after a date ("the Oct. 7 attack")
    tense: TenseCues
    dating: Mapping[str, Any] = field(default_factory=dict)
    tolls: Mapping[str, Any] = field(default_factory=dict)  # running tolls by profile name


def _alt(words: Iterable[str], escape: bool = True) -> str:
    items = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)


def _word_alt(words: Iterable[str]) -> str:
    """Alternation of phrases with flexible inner spaces and hyphens."""
    items = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[-\u2010\u2011 ]?") for w in items)


def _holiday_spans(years: Mapping[Any, Sequence[Any]]) -> tuple[Span, ...]:
    def day(value: Any) -> date:
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    return tuple(sorted((day(v[0]), day(v[1])) for v in years.values()))


def _words_re(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?i:{_word_alt(words)})\b")


def _placeholders(data: Mapping[str, Any]) -> dict[str, str]:
    months = data["months"]
    abbrevs = data["month_abbreviations"]
    nouns = _word_alt([*data["conflict_nouns"], *data.get("weak_conflict_nouns", [])])
    holidays = [*data.get("fixed_holidays", {}), *data.get("moving_holidays", {})]
    mods = _alt(data["conflict_modifiers"])
    war = rf"(?:(?:[A-Z][\w'’-]*|[a-z]+-[a-z-]+|(?i:{mods}))\s+){{0,3}}?(?i:{nouns})\b"
    quals = _word_alt(q for q in data["age_qualifiers"] if q)
    return {
        "wd": rf"\b(?:{_alt(data['weekdays'])})",
        "mon": rf"\b(?:{_alt(months)}|(?:{_alt(abbrevs)})\b\.?)",
        "month": rf"\b(?:{_alt(months)})",
        "day": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
        "year": r"(?:19|20)\d{2}",
        "n": rf"(?:\d{{1,3}}|(?i:{_word_alt(data['numbers'])}))",
        "ord": rf"(?:\d{{1,3}}(?:st|nd|rd|th)|(?i:{_word_alt(data['ordinals'])}))",
        "unit": r"(?i:days?|weeks?|months?|years?|hours?)",
        "unit1": r"(?i:day|week|month|year|hour)",
        "qual": rf"(?i:{quals})",
        "war": war,
        "holiday": rf"\b(?:{_word_alt(holidays) or 'NO-HOLIDAY'})",
    }


def _compile_rule(spec: Mapping[str, Any], holders: Mapping[str, str]) -> Rule:
    pattern = re.sub(r"\{(\w+)\}", lambda m: holders.get(m.group(1), m.group(0)), spec["pattern"])
    reserved = {"name", "kind", "op", "pattern", "tense", "war_in_sentence"}
    regex = re.compile(pattern)
    return Rule(
        name=spec["name"],
        kind=spec["kind"],
        op=spec["op"],
        regex=_first_char_guard(regex),
        needs=_needed_words(regex),
        params={k: v for k, v in spec.items() if k not in reserved},
        tense=spec.get("tense"),
        war_in_sentence=bool(spec.get("war_in_sentence", False)),
    )


def _start_res(data: Mapping[str, Any], holders: Mapping[str, str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    verbs = _word_alt(data["conflict_start_verbs"])
    nouns = _word_alt(data["conflict_start_nouns"])
    before = re.compile(rf"(?i:\b(?:{verbs})\b[^.;]{{0,40}}?\b(?:on|in|since)?\s*)$|(?i:\bsince\s+)$")
    after = re.compile(rf"^(?:'s|’s)?\s+(?:[A-Z][\w-]*\s+){{0,2}}(?i:{nouns})\b")
    return before, after


def _tense_cues(data: Mapping[str, Any]) -> TenseCues:
    t = data["tense"]
    return TenseCues(
        future_aux=frozenset(t["future_aux"]),
        future_words=frozenset(t["future_words"]),
        before_preps=frozenset(t["before_preps"]),
        before_verbs=frozenset(t.get("before_verbs", [])),
        after_preps=frozenset(t["after_preps"]),
    )


@cache
def lexicon(path: str = str(LEXICON_PATH)) -> Lexicon:
    """The compiled time lexicon (read once per path)."""
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    holders = _placeholders(data)
    before, after = _start_res(data, holders)
    months = {k.lower(): v for k, v in {**data["months"], **data["month_abbreviations"]}.items()}
    return Lexicon(
        rules=tuple(_compile_rule(spec, holders) for spec in data["rules"]),
        weekdays={k.lower(): v for k, v in data["weekdays"].items()},
        months=months,
        numbers={k.lower(): v for k, v in data["numbers"].items()},
        ordinals={k.lower(): v for k, v in data["ordinals"].items()},
        units={k: (v[0], int(v[1])) for k, v in data["units"].items()},
        qualifiers={k: (float(v[0]), float(v[1])) for k, v in data["age_qualifiers"].items()},
        ambiguous_months=frozenset(data["ambiguous_months"]),
        ambiguous_tags=frozenset(data["ambiguous_month_tags"]),
        weekday_not_before=tuple(data["weekday_not_before"]),
        weekday_not_after=tuple(data["weekday_not_after"]),
        conflict_re=_words_re(data["conflict_nouns"]),
        weak_conflict_re=re.compile(rf"\b(?i:{_word_alt(data.get('weak_conflict_nouns', []))})\s*$"),
        fixed_holidays={k.lower(): (int(v[0]), int(v[1])) for k, v in data.get("fixed_holidays", {}).items()},
        moving_holidays={k.lower(): _holiday_spans(v) for k, v in data.get("moving_holidays", {}).items()},
        age_window_re=_words_re(
            [*data["conflict_nouns"], *data.get("weak_conflict_nouns", []), *data.get("age_window_words", [])]
        ),
        start_before_re=before,
        start_after_re=after,
        tense=_tense_cues(data),
        dating=data.get("dating", {}),
        tolls=data.get("tolls", {}),
    )


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Found:
    """One matched time expression, not yet resolved. Offsets are in the searched text."""

    rule: Rule
    start: int
    end: int
    text: str
    groups: Mapping[str, str | None]
    group_starts: Mapping[str, int] = field(default_factory=dict)
    tense: str = "unknown"
    background: bool = False

    @property
    def kind(self) -> str:
        return "background" if self.background else self.rule.kind

    def core_offset(self) -> int:
        """Offset of the word that carries the date (weekday, month, number)."""
        for name in ("wd", "mon", "hol", "n", "ord", "year"):
            if name in self.group_starts:
                return self.group_starts[name]
        return self.start


Accept = Callable[[Found], bool]


def _weekday_ok(text: str, m: re.Match[str], lex: Lexicon) -> bool:
    after = text[m.end("wd") : m.end("wd") + 20]
    if any(re.match(rf"\s+{re.escape(w)}\b", after) for w in lex.weekday_not_before):
        return False
    before = text[max(0, m.start("wd") - 12) : m.start("wd")]
    return not any(re.search(rf"\b{re.escape(w)}\s+$", before) for w in lex.weekday_not_after)


def _today_ok(text: str, m: re.Match[str]) -> bool:
    """ "Today" written capitalised inside a sentence is usually a name ("USA Today", "Egypt Today")."""
    word = m.group(0)
    if not word.startswith("Today"):
        return True
    before = text[max(0, m.start() - 3) : m.start()]
    return not re.search(r"[A-Za-z]\s$", before)


def _conflict_windows(text: str, lex: Lexicon, reach: int = 200) -> list[tuple[int, int]]:
    """Stretches of text around conflict nouns: the only places an age expression can be."""
    windows: list[tuple[int, int]] = []
    for m in lex.age_window_re.finditer(text):
        a, b = max(0, m.start() - reach), min(len(text), m.end() + reach)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], b)
        else:
            windows.append((a, b))
    return windows


def _rule_matches(text: str, rule: Rule, windows: list[tuple[int, int]]) -> Iterable[re.Match[str]]:
    if rule.kind != "age":
        yield from rule.regex.finditer(text)
        return
    for a, b in windows:
        yield from rule.regex.finditer(text, a, b)


# --------------------------------------------------------------------------- scanning
# Every rule is scanned over the whole text, and most match nowhere. Two shortcuts make the
# scans cheaper without changing a match; both are read off the compiled pattern (so rules
# users add get them too), and a pattern the analysis does not understand keeps neither.
# - A match can only start at a character its pattern can start with: a lookahead for that
#   set rejects most positions with one test instead of trying every alternative there.
# - Words every match must hold (a month name, "ago"): a text that has none of them in any
#   case is skipped. Texts are compared lower-cased, with the few other letters the regex
#   engine matches to an ASCII letter when ignoring case folded too.

_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "K": "k"})


def _fold(text: str) -> str:
    return text.translate(_FOLD).lower()


def _parsed(regex: re.Pattern[str]) -> tuple[list[Any], int] | None:
    try:
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(regex.pattern, regex.flags)
        return list(tree.data), int(tree.state.flags)
    except Exception:  # noqa: BLE001 - a private module: without it, no shortcut
        return None


def _first_chars(items: Sequence[Any], flags: int) -> tuple[set[str], set[str], bool] | None:
    """The classes a match of the sequence can start with, split into exact and
    case-ignoring, and whether it can match empty; None when any character can start it."""
    exact: set[str] = set()
    folded: set[str] = set()
    for op, av in items:
        got = _item_first_chars(op, av, flags)
        if got is None:
            return None
        exact |= got[0]
        folded |= got[1]
        if not got[2]:
            return exact, folded, False
    return exact, folded, True


def _item_first_chars(op: Any, av: Any, flags: int) -> tuple[set[str], set[str], bool] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width
        return set(), set(), True
    if op is c.SUBPATTERN:
        return _first_chars(av[3].data, (flags | av[1]) & ~av[2])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        got = _first_chars(av[2].data, flags)
        return None if got is None else (got[0], got[1], got[2] or av[0] == 0)
    if op is c.BRANCH:
        parts = [_first_chars(alt.data, flags) for alt in av[1]]
        if any(p is None for p in parts):
            return None
        return (
            set().union(*(p[0] for p in parts if p)),
            set().union(*(p[1] for p in parts if p)),
            any(p[2] for p in parts if p),
        )
    chars = _char_class(op, av, c)
    if chars is None:
        return None
    return (set(), chars, False) if flags & re.IGNORECASE else (chars, set(), False)


def _char_class(op: Any, av: Any, c: Any) -> set[str] | None:
    categories = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}
    if op is c.LITERAL:
        return {re.escape(chr(av))}
    if op is not c.IN:
        return None
    out: set[str] = set()
    for kind, value in av:
        if kind is c.LITERAL:
            out.add(re.escape(chr(value)))
        elif kind is c.RANGE:
            out.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is c.CATEGORY and value in categories:
            out.add(categories[value])
        else:
            return None
    return out


def _first_char_guard(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` behind a lookahead for the characters its matches can start with."""
    parsed = _parsed(regex)
    got = _first_chars(*parsed) if parsed else None
    if got is None or got[2]:
        return regex
    exact, folded, _ = got
    options = ([f"[{''.join(sorted(exact))}]"] if exact else []) + (
        [f"(?i:[{''.join(sorted(folded))}])"] if folded else []
    )
    try:
        return re.compile(f"(?={'|'.join(options)})(?:{regex.pattern})", regex.flags)
    except re.error:
        return regex


def _literals(items: Sequence[Any], limit: int = 64) -> set[str] | None:
    """Every string the sequence can match, when they are few and fixed; else None."""
    from re import _constants as c  # type: ignore[attr-defined]

    out = {""}
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.SUBPATTERN:
            part = _literals(av[3].data, limit)
        elif op is c.BRANCH:
            alts = [_literals(alt.data, limit) for alt in av[1]]
            part = None if any(a is None for a in alts) else set().union(*(a for a in alts if a is not None))
        elif op is c.LITERAL:
            part = {chr(av)}
        else:
            return None
        if part is None or len(out) * len(part) > limit:
            return None
        out = {a + b for a in out for b in part}
    return out


def _required(items: Sequence[Any]) -> list[set[str]]:
    """Word sets of the parts of a sequence every match goes through."""
    from re import _constants as c  # type: ignore[attr-defined]

    found: list[set[str]] = []
    for op, av in items:
        if op in (c.SUBPATTERN, c.BRANCH):
            words = _literals([(op, av)])
            if words is not None and "" not in words:
                found.append(words)
            elif op is c.SUBPATTERN:
                found.extend(_required(av[3].data))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found.extend(_required(av[2].data))
    return found


def _needed_words(regex: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of lower-case words, one of each in every match (ASCII words only)."""
    parsed = _parsed(regex)
    if parsed is None:
        return ()
    sets = [{w.lower() for w in words} for words in _required(parsed[0])]
    return tuple(frozenset(words) for words in sets if all(w.isascii() for w in words))


def _raw_matches(text: str, lex: Lexicon) -> list[Found]:
    found: list[Found] = []
    windows = _conflict_windows(text, lex)
    folded = _fold(text)
    for rule in lex.rules:
        if not all(any(word in folded for word in words) for words in rule.needs):
            continue  # a word every match holds is missing: no match anywhere
        for m in _rule_matches(text, rule, windows):
            if m.end() == m.start():
                continue
            if "wd" in m.re.groupindex and m.group("wd") and not _weekday_ok(text, m, lex):
                continue
            if rule.name == "today" and not _today_ok(text, m):
                continue
            groups = m.groupdict()
            starts = {k: m.start(k) for k, v in groups.items() if v is not None}
            found.append(Found(rule, m.start(), m.end(), m.group(0), groups, starts))
    return found


def find_expressions(text: str, accept: Accept | None = None, lex: Lexicon | None = None) -> list[Found]:
    """Non-overlapping time expressions in ``text``: longest first, then rule order."""
    lex = lex or lexicon()
    order = {rule.name: i for i, rule in enumerate(lex.rules)}
    candidates = [f for f in _raw_matches(text, lex) if accept is None or accept(f)]
    candidates.sort(key=lambda f: (-(f.end - f.start), order[f.rule.name], f.start))
    taken: list[Found] = []
    for cand in candidates:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda f: f.start)


# --------------------------------------------------------------------------- tense


def _aux_words(node: Any) -> list[Any]:
    return [c for c in node.children if c.dep_ in ("aux", "auxpass", "neg")]


def _finite_tense(node: Any, cues: TenseCues) -> str | None:
    """Tense of a verb from its own tag and auxiliaries; None for a bare infinitive."""
    auxes = _aux_words(node)
    lowers = {a.lower_ for a in auxes}
    if lowers & cues.future_aux:
        return "future"
    if "to" in lowers and not any(a.tag_ in ("VBD", "VBZ", "VBP", "MD") for a in auxes):
        return None
    if any(a.tag_ == "VBD" for a in auxes) or node.tag_ == "VBD":
        return "past"
    if node.tag_ == "VBN" and (lowers & {"has", "have", "'ve", "'s"}):
        return "past"
    if node.tag_ == "VBN" and not auxes and node.dep_ == "acl" and node.lower_ in cues.future_words:
        return "future"  # "the meeting, scheduled for Friday"
    if node.tag_ == "VBN" and not auxes:
        return None if node.dep_ in ("oprd", "xcomp", "ccomp") else "past"
    if node.tag_ == "VBG" and not auxes and node.dep_ in ("advcl", "acl", "relcl", "xcomp", "pcomp"):
        return None  # "speaking on Sunday, he said": the participle takes its governor's tense
    if node.tag_ in ("VBZ", "VBP", "VBG") or auxes:
        return "present"
    return None


def _conj_tense(node: Any, cues: TenseCues) -> str | None:
    for other in list(node.conjuncts):
        if other.pos_ in ("VERB", "AUX"):
            tense = _finite_tense(other, cues)
            if tense:
                return tense
    return None


def _has_future_word(node: Any, cues: TenseCues) -> bool:
    if node.lower_ in cues.future_words and node.pos_ in ("ADJ", "ADP", "VERB", "ADV", "AUX"):
        return True
    return any(c.dep_ in ("amod", "advmod", "acomp") and c.lower_ in cues.future_words for c in node.children)


def _present_passive(node: Any) -> bool:
    return any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in node.children)


def _clause_tense(node: Any, cues: TenseCues) -> str:
    """Tense of the clause whose head is ``node`` (a verb or the root)."""
    from_infinitive = False
    for _ in range(8):
        if from_infinitive and node.lower_ in cues.future_words:
            return "future"  # "due to meet", "expected to resume", "agreed to send"
        if any(c.dep_ == "acomp" and c.lower_ in cues.future_words for c in node.children):
            return "future"  # "was due in Cairo on Wednesday"
        if node.lower_ in cues.future_words and node.tag_ == "VBN" and _present_passive(node):
            return "future"  # "a new round is planned for Thursday"
        tense = _finite_tense(node, cues) if node.pos_ in ("VERB", "AUX") else None
        if tense:
            return tense
        is_infinitive = any(a.lower_ == "to" for a in _aux_words(node))
        if node.head.i == node.i:
            return _conj_tense(node, cues) or ("future" if is_infinitive else "present")
        if is_infinitive and node.head.pos_ in ("NOUN", "PROPN") and node.dep_ in ("acl", "relcl"):
            return "future"  # headline: "Delegation to visit Cairo on Tuesday"
        from_infinitive = is_infinitive or node.dep_ == "xcomp"
        node = node.head
    return "present"


NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "compound", "attr", "appos", "poss", "npadvmod"})


def _is_clause_head(node: Any) -> bool:
    """A verb heading a clause (not a noun mis-tagged as a verb: "ceasefire talks")."""
    if node.head.i == node.i:
        return True
    return node.pos_ in ("VERB", "AUX") and not (node.dep_ in NOMINAL_DEPS and node.tag_ in ("VBZ", "NNS"))


def _reattach(verb: Any, tok: Any) -> Any:
    """ "X said on Friday it would ...": a date between a reporting verb and the subject of
    its complement belongs to the reporting verb (the parser often hangs it lower)."""
    if verb.dep_ != "ccomp" or not (verb.head.i < tok.i < verb.i):
        return verb
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return verb.head if subjects and tok.i < min(subjects) else verb


def _within_object(verb: Any, child: Any) -> bool:
    """``child`` is the verb's object, or a phrase after the object (often the object's own)."""
    if child.dep_ in ("dobj", "nsubjpass"):
        return True
    return child.dep_ == "prep" and any(c.dep_ == "dobj" and c.i < child.i for c in verb.children)


def _tense_from_parse(parse: Any, token_index: int, cues: TenseCues) -> str:
    tok = parse[token_index]
    node = tok
    relation: str | None = None
    came_from = tok
    for _ in range(15):
        if node.i != tok.i and node.lower_ in cues.before_verbs and _within_object(node, came_from):
            relation = "past"  # "the signing follows talks on Wednesday"
        if node.i != tok.i and node.pos_ in ("ADP", "SCONJ", "ADV"):
            if node.lower_ in cues.before_preps:
                relation = "past"
            elif node.lower_ in cues.after_preps and relation is None:
                relation = "future"
        if node.i != tok.i and node.pos_ in ("NOUN", "PROPN") and _has_future_word(node, cues):
            return "future"
        if _is_clause_head(node):
            tense = _clause_tense(_reattach(node, tok), cues)
            if relation == "past":
                return "past"
            if relation == "future" and (tense != "past" or (node.tag_ == "VBN" and node.dep_ == "acl")):
                return "future"  # "a deal signed before Christmas": the participle says nothing of time
            return tense
        came_from, node = node, node.head
    return "present"


def event_tense(doc: Any, token_index: int) -> str:
    """ "past" | "future" | "present" for the clause governing token ``token_index``.

    ``doc`` is a ``Document`` (its ``parse`` is read) or a spaCy ``Doc``.
    """
    parse = getattr(doc, "parse", doc)
    return _tense_from_parse(parse, token_index, lexicon().tense)


# --------------------------------------------------------------------------- calendar arithmetic


def add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_span(year: int, month: int) -> Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_units(day: date, amount: float, unit: str, lex: Lexicon) -> date:
    """``day`` plus ``amount`` of ``unit`` (day/week/month/year/hour); fractions in days."""
    base, size = lex.units.get(unit.lower().rstrip("s"), ("day", 1))
    whole = int(amount)
    frac = amount - whole
    if base == "month":
        shifted = add_months(day, whole * size)
        return shifted + timedelta(days=round(frac * size * 30.44))
    if base == "hour":
        return day + timedelta(days=round(amount * size / 24))
    return day + timedelta(days=round(amount * size))


def _number(word: str | None, lex: Lexicon) -> int | None:
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.strip().lower())
    if w.isdigit():
        return int(w)
    return lex.numbers.get(w, lex.numbers.get(w.replace(" ", "-")))


def _ordinal(word: str | None, lex: Lexicon) -> int | None:
    if word is None:
        return None
    w = word.strip().lower()
    digits = re.match(r"\d+", w)
    return int(digits.group(0)) if digits else lex.ordinals.get(w.replace(" ", "-"))


def _month_number(word: str | None, lex: Lexicon) -> int | None:
    return lex.months.get(word.lower().rstrip(".")) if word else None


def _day_number(word: str | None) -> int | None:
    digits = re.match(r"\d+", word or "")
    return int(digits.group(0)) if digits else None


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class Resolver:
    """What resolution needs besides the anchor: the lexicon and the conflict's start."""

    lex: Lexicon
    conflict_start: date | None = None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_day(month: int, day: int, anchor: date, tense: str) -> date | None:
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
    if tense == "past":
        past = [d for d in options if d <= anchor]
        return max(past) if past else None
    if tense == "future":
        future = [d for d in options if d >= anchor]
        return min(future) if future else None
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor)) if options else None


def _preferred_day(month: int, day: int, anchor: date, tense: str) -> date | None:
    """A year-less day date read the way ``dateparser`` reads it with ``PREFER_DATES_FROM``
    and ``RELATIVE_BASE`` = the anchor's midnight: "past", the latest on or before the
    anchor; "future", the first after it (the anchor's own day counts as passed). Feb 29
    goes to the nearest leap year. Same answers as ``dateparser.parse`` on 37,200 cases
    (every month and day number, 50 anchors, both tenses), without its start-up cost."""
    if tense == "past":
        years = range(anchor.year, anchor.year - 9, -1)
        return next((d for y in years if (d := _safe_date(y, month, day)) and d <= anchor), None)
    years = range(anchor.year, anchor.year + 9)
    return next((d for y in years if (d := _safe_date(y, month, day)) and d > anchor), None)


def _year_less_day(month: int, day: int, anchor: date, tense: str, res: Resolver, background: bool) -> date | None:
    start = res.conflict_start
    if start and background and (start.month, start.day) == (month, day) and start <= anchor:
        return start
    if tense in ("past", "future"):
        found = _preferred_day(month, day, anchor, tense)
        if found is not None:
            return found
    return _nearest_day(month, day, anchor, tense)


def _explicit_day(f: Found, anchor: date | None, tense: str, res: Resolver, day_key: str = "day") -> date | None:
    g = f.groups
    if g.get("mm"):
        return _safe_date(int(g["year"] or 0), int(g["mm"] or 0), int(g["dd"] or 0))
    month, day = _month_number(g.get("mon"), res.lex), _day_number(g.get(day_key))
    if not month or not day:
        return None
    if g.get("year"):
        return _safe_date(int(g["year"] or 0), month, day)
    if anchor is None:
        return None
    return _year_less_day(month, day, anchor, tense, res, f.background)


def _op_date(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    day = _explicit_day(f, anchor, tense, res)
    return (day, day) if day else None


def _op_date_range(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    first = _explicit_day(f, anchor, tense, res)
    day2 = _day_number(f.groups.get("day2"))
    if first is None or day2 is None:
        return None
    last = _safe_date(first.year, first.month, day2)
    if last is None or last < first:
        following = add_months(first.replace(day=1), 1)
        last = _safe_date(following.year, following.month, day2)
    return (first, last) if last else None


def _part(lo: date, hi: date, words: str) -> Span:
    """A part of a month (days 1-10, 11-20, 21-end) or of a year (Jan-Apr, May-Aug, Sep-Dec)."""
    year = (hi - lo).days > 40
    if re.search(r"\bearly\b|\bstart\b|\bbeginning\b", words):
        return lo, date(lo.year, 4, 30) if year else lo.replace(day=10)
    if re.search(r"\bmid\b|\bmiddle\b", words):
        return (date(lo.year, 5, 1), date(lo.year, 8, 31)) if year else (lo.replace(day=11), lo.replace(day=20))
    if re.search(r"\blate\b|\bend\b", words):
        return date(lo.year, 9, 1) if year else lo.replace(day=21), hi
    return lo, hi


def _month_year(month: int, anchor: date, tense: str, words: str) -> int:
    here = anchor.year * 12 + anchor.month - 1
    options = [(y * 12 + month - 1, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if re.search(r"\blast\b", words):
        return max(y for idx, y in options if idx < here)
    if re.search(r"\bnext\b", words):
        return min(y for idx, y in options if idx > here)
    if re.search(r"\bthis\b", words):
        return anchor.year
    if re.search(r"\bsince\b|\bafter\b", words) or tense == "past":
        return max(y for idx, y in options if idx <= here)
    if tense == "future":
        return min(y for idx, y in options if idx >= here)
    return min(options, key=lambda o: (abs(o[0] - here), o[0] > here))[1]


def _op_month(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    g = f.groups
    month = _month_number(g.get("mon"), res.lex)
    words = f"{g.get('prep') or ''} {g.get('part') or ''}".lower()
    if not month:
        return None
    if g.get("year"):
        year = int(g["year"] or 0)
    elif anchor is None:
        return None
    else:
        year = _month_year(month, anchor, tense, words)
    return _part(*month_span(year, month), words)


def _op_year(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    year = int(f.groups.get("year") or 0)
    return _part(date(year, 1, 1), date(year, 12, 31), (f.groups.get("prep") or "").lower())


def _weekday_direction(f: Found, tense: str) -> str:
    mod = (f.groups.get("mod") or "").lower()
    pre = (f.groups.get("pre") or "").lower()
    if mod in ("last", "past", "this past"):
        return "before"
    if mod in ("next", "coming", "this coming"):
        return "after"
    if pre in ("since", "after"):
        return "past"
    if tense in ("future", "present"):
        return "future"
    return "past"


def weekday_date(weekday: int, anchor: date, direction: str) -> date:
    """The ``weekday`` (0 = Monday) nearest ``anchor`` in ``direction``: past (on or before),
    future (on or after), before (strictly), after (strictly)."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "before":
        return anchor - timedelta(days=back or 7)
    if direction == "after":
        return anchor + timedelta(days=ahead or 7)
    if direction == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def _op_weekday(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    if anchor is None:
        return None
    day = weekday_date(res.lex.weekdays[(f.groups["wd"] or "").lower()], anchor, _weekday_direction(f, tense))
    return day, day


def _op_weekday_range(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    if anchor is None:
        return None
    first = res.lex.weekdays[(f.groups["wd"] or "").lower()]
    second = res.lex.weekdays[(f.groups["wd2"] or "").lower()]
    start = weekday_date(first, anchor, _weekday_direction(f, tense))
    return start, start + timedelta(days=(second - first) % 7)


def _offset(f: Found) -> int:
    return int(f.rule.params.get("offset", 0))


def _op_day(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    if anchor is None:
        return None
    first = anchor + timedelta(days=_offset(f))
    return first, first + timedelta(days=int(f.rule.params.get("span", 0)))


def _op_week(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    if anchor is None:
        return None
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=_offset(f))
    sunday = monday + timedelta(days=6)
    part = f.rule.params.get("part")
    if part == "early" and _offset(f) == 0:
        return monday, anchor
    if part == "late" and _offset(f) == 0:
        return anchor, sunday
    return monday, sunday


def _op_weekend(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    if anchor is None:
        return None
    if "offset" in f.rule.params:
        saturday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=_offset(f), days=5)
    elif anchor.weekday() == 6:
        saturday = anchor - timedelta(days=1)
    elif tense in ("future", "present"):
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
    else:
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
    return saturday, saturday + timedelta(days=1)


def _op_month_rel(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    if anchor is None:
        return None
    first = add_months(anchor.replace(day=1), _offset(f))
    lo, hi = month_span(first.year, first.month)
    part = f.rule.params.get("part")
    if part == "early" and _offset(f) == 0:
        return lo, anchor
    if part == "late" and _offset(f) == 0:
        return anchor, hi
    return _part(lo, hi, part or "")


def _op_year_rel(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    if anchor is None:
        return None
    year = anchor.year + _offset(f)
    part = f.rule.params.get("part")
    if part == "early" and _offset(f) == 0:
        return date(year, 1, 1), anchor
    if part == "late" and _offset(f) == 0:
        return anchor, date(year, 12, 31)
    if part == "end":
        return date(year, 12, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


def _holiday_options(name: str, anchor: date, lex: Lexicon) -> list[Span]:
    key = name.lower()
    if key in lex.fixed_holidays:
        month, day = lex.fixed_holidays[key]
        return [(d, d) for y in range(anchor.year - 1, anchor.year + 2) if (d := _safe_date(y, month, day))]
    return list(lex.moving_holidays.get(key, ()))


def _op_holiday(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    options = _holiday_options(f.groups.get("hol") or "", anchor, res.lex) if anchor else []
    if anchor is None or not options:
        return None
    words = f"{f.groups.get('prep') or ''} {f.groups.get('mod') or ''}".lower()
    if re.search(r"\blast\b", words):
        chosen = [o for o in options if o[1] < anchor][-1:]
    elif re.search(r"\bnext\b", words):
        chosen = [o for o in options if o[0] > anchor][:1]
    elif re.search(r"\bsince\b|\bafter\b", words) or tense == "past":
        chosen = [o for o in options if o[0] <= anchor][-1:]
    elif tense in ("future", "present") or re.search(r"\bahead\b|\bbefore\b|\bby\b|\buntil\b", words):
        chosen = [o for o in options if o[1] >= anchor][:1]
    else:
        chosen = sorted(options, key=lambda o: min(abs((o[0] - anchor).days), abs((o[1] - anchor).days)))[:1]
    return chosen[0] if chosen else None


def _amount(f: Found, res: Resolver) -> int | None:
    return _number(f.groups.get("n"), res.lex) if f.groups.get("n") else int(f.rule.params.get("n", 1))


def _unit(f: Found) -> str:
    return f.groups.get("unit") or str(f.rule.params.get("unit", "day"))


def _op_ago(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    n = _amount(f, res)
    if anchor is None or n is None:
        return None
    day = add_units(anchor, int(f.rule.params.get("sign", -1)) * n, _unit(f), res.lex)
    return day, day


def _op_window(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    n = _amount(f, res)
    if anchor is None or n is None:
        return None
    unit = _unit(f)
    if f.rule.params.get("direction") == "past":
        return add_units(anchor, -n, unit, res.lex), anchor
    return anchor, add_units(anchor, n, unit, res.lex)


def _op_duration(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    n = _amount(f, res)
    more = f.groups.get("more") or f.groups.get("more2")
    if anchor is None or n is None or not (more or tense == "future"):
        return None
    return anchor, add_units(anchor, n, _unit(f), res.lex)


def _op_chain(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    """ "the next day", "two days later", "a day after ...": counted from ``anchor``, which
    :func:`find_times` sets to the time told just before (see :func:`chain_anchor`)."""
    n = 1 if (f.groups.get("n") or "").lower() == "the" else _amount(f, res)
    if anchor is None or n is None:
        return None
    day = add_units(anchor, int(f.rule.params.get("sign", 1)) * n, _unit(f), res.lex)
    return day, day


def _op_none(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    return None


def age_units(f: Found, lex: Lexicon) -> tuple[float, float, str] | None:
    """For an age expression: (low, high, unit) of the conflict's age ("nine-month-old" -> 9, 10, month)."""
    unit = (f.groups.get("unit") or "").lower().rstrip("s")
    if f.rule.op == "anniversary":
        k = _ordinal(f.groups.get("ord"), lex)
        margin = float(f.rule.params.get("margin", 0.05))
        return (k - margin, k + margin, "year") if k else None
    if f.rule.op == "age_ord":
        k = _ordinal(f.groups.get("ord"), lex)
        return (k - 1, k, unit or "day") if k else None
    n = _number(f.groups.get("n"), lex)
    if n is None or not unit:
        return None
    qual = re.sub(r"\s+", " ", (f.groups.get("qual") or "").lower())
    lo, hi = lex.qualifiers.get(qual, lex.qualifiers.get("", (0.0, 1.0)))
    return max(0.0, n + lo), n + hi, unit


def _op_age(f: Found, anchor: date | None, tense: str, res: Resolver) -> Span | None:
    if anchor is None:
        return None
    if res.conflict_start is not None:
        return (res.conflict_start, anchor) if res.conflict_start <= anchor else None
    units = age_units(f, res.lex)
    return (add_units(anchor, -units[0], units[2], res.lex), anchor) if units else None


OPS: dict[str, Callable[[Found, date | None, str, Resolver], Span | None]] = {
    "date": _op_date,
    "date_range": _op_date_range,
    "month": _op_month,
    "year": _op_year,
    "weekday": _op_weekday,
    "weekday_range": _op_weekday_range,
    "day": _op_day,
    "week": _op_week,
    "weekend": _op_weekend,
    "month_rel": _op_month_rel,
    "year_rel": _op_year_rel,
    "ago": _op_ago,
    "chain": _op_chain,
    "window": _op_window,
    "duration": _op_duration,
    "duration_adj": _op_none,
    "age": _op_age,
    "age_ord": _op_age,
    "anniversary": _op_age,
    "holiday": _op_holiday,
}


def is_absolute(f: Found) -> bool:
    """True when the expression names its year (it needs no anchor)."""
    return f.rule.op in ("date", "date_range", "month", "year") and bool(f.groups.get("year"))


def resolve_found(f: Found, anchor: Anchor, res: Resolver, tense: str | None = None) -> Span | None:
    """Resolve ``f`` against a date, or against an interval (the hull of both ends)."""
    op = OPS[f.rule.op]
    tense = tense or f.tense
    if is_absolute(f) or anchor is None:
        return op(f, None, tense, res)
    if isinstance(anchor, date):
        return op(f, anchor, tense, res)
    first, last = op(f, anchor[0], tense, res), op(f, anchor[1], tense, res)
    if first is None or last is None:
        return first or last
    return min(first[0], last[0]), max(first[1], last[1])


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class TokenIndex:
    """Token lookup by cleaned-text offset (built once per document)."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, doc: Document) -> TokenIndex:
        if doc.parse is None or not len(doc.parse):
            return cls(())
        return cls(tuple(doc.parse.to_array("IDX").tolist()))  # one C pass, not a token loop

    def at(self, offset: int) -> int | None:
        import bisect

        return max(0, bisect.bisect_right(self.starts, offset) - 1) if self.starts else None


def _acceptor(doc: Document, lex: Lexicon, tokens: TokenIndex) -> Accept:
    def accept(f: Found) -> bool:
        mon = f.groups.get("mon")
        if mon in lex.ambiguous_months and doc.parse is not None:
            i = tokens.at(f.group_starts["mon"])
            if i is not None and doc.parse[i].tag_ in lex.ambiguous_tags:
                return False
        if f.rule.war_in_sentence:
            return bool(lex.conflict_re.search(doc.sentence_at(f.start).text))
        return True

    return accept


_POSTPONED = re.compile(
    r"\b(?:postpon|delay|reschedul|defer|put off|push(?:ed)? back)\w*\b[^.;]*\b(?:until|till|to)\s+$", re.I
)


def _tense_of(doc: Document, f: Found, tokens: TokenIndex) -> str:
    if f.rule.tense:
        return f.rule.tense
    before = doc.text[max(0, f.start - 8) : f.start]
    words = f"{before} {f.groups.get('pre') or ''} {f.groups.get('prep') or ''}".lower()
    if re.search(r"\bsince\b|\bafter\b", words):
        return "past"
    if f.rule.op in ("date", "date_range", "month", "holiday") and re.search(r"\buntil\b|\btill\b", words):
        return "unknown"  # "postponed until March 10": either side of the publication, the nearest
    lead = f.groups.get("pre") or f.groups.get("prep") or ""
    if _POSTPONED.search(f"{doc.text[max(0, f.start - 60) : f.start]}{lead} "):
        return "future"  # "postponed the talks to Sunday": the new day lies ahead
    planned = re.search(r"(\w+)\s+for\s+$", doc.text[max(0, f.start - 30) : f.start])
    if planned and planned.group(1).lower() in lexicon().tense.future_words:
        return "future"  # "a visit planned for Wednesday": the day it was to happen
    i = tokens.at(f.core_offset())
    return event_tense(doc, i) if i is not None else "unknown"


def _is_background(doc: Document, f: Found, lex: Lexicon) -> bool:
    if f.rule.kind not in ("date", "month", "range"):
        return False
    sent = doc.sentence_at(f.start)
    before = doc.text[max(sent.start, f.start - 60) : f.start]
    after = doc.text[f.end : min(sent.end, f.end + 40)]
    return bool(lex.start_before_re.search(before) or lex.start_after_re.search(after))


def find_candidates(doc: Document, conflict_start: date | None = None) -> list[Found]:
    """Every time expression of ``doc`` with its tense and background flag, unresolved."""
    lex = lexicon()
    res = Resolver(lex, conflict_start)
    tokens = TokenIndex.of(doc)
    out: list[Found] = []
    for f in find_expressions(doc.text, _acceptor(doc, lex, tokens), lex):
        f = _with(f, tense=_tense_of(doc, f, tokens), background=_is_background(doc, f, lex))
        if conflict_start and not f.background and f.rule.kind in ("date", "range") and is_absolute(f):
            span = resolve_found(f, None, res)
            f = _with(f, background=bool(span and span[0] == conflict_start))
        if f.background:
            f = _with(f, tense="past")
        out.append(f)
    return out


def _with(f: Found, **changes: Any) -> Found:
    import dataclasses

    return dataclasses.replace(f, **changes)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def to_time_expr(doc: Document, f: Found, anchor: Anchor, res: Resolver) -> TimeExpr:
    span = resolve_found(f, anchor, res)
    if span and res.conflict_start and f.rule.kind in ("date", "month") and not f.background:
        f = _with(f, background=span[0] == span[1] == res.conflict_start)
    certain = span is not None and (is_absolute(f) or isinstance(anchor, date))
    return TimeExpr(
        text=f.text,
        start_date=_iso(span[0]) if span else None,
        end_date=_iso(span[1]) if span else None,
        certain=certain,
        kind=f.kind,
        evidence=doc.evidence(f.start, f.end),
        tense=f.tense,
        cstart=f.start,
        cend=f.end,
    )


def find_times(
    doc: Document, anchor: Anchor, conflict_start: date | None = None, candidates: Sequence[Found] | None = None
) -> tuple[TimeExpr, ...]:
    """Every time expression of ``doc`` resolved against ``anchor`` (date, interval or None);
    a chained one ("the next day") against the time told just before it."""
    res = Resolver(lexicon(), conflict_start)
    found = candidates if candidates is not None else find_candidates(doc, conflict_start)
    out: list[TimeExpr] = []
    for f in sorted(found, key=lambda x: x.start):
        if f.rule.op != "chain":
            out.append(to_time_expr(doc, f, anchor, res))
            continue
        before = chain_anchor(doc, f, out)
        complement = f.rule.params.get("scope") == "complement"
        fallback = None if complement else anchor
        base, certain = before if before else (fallback, isinstance(fallback, date))
        expr = to_time_expr(doc, f, base, res)
        scope = "complement" if complement else "clause"
        out.append(dataclasses.replace(expr, certain=expr.certain and certain, scope=scope))
    return tuple(out)


_CHAIN_MAX_DAYS = 7  # a time wider than this ("in March") is no base to count days from


def chain_anchor(doc: Document, f: Found, earlier: Sequence[TimeExpr]) -> tuple[Anchor, bool] | None:
    """The time a chained expression counts from: the last dated one before it in its
    sentence, else in the sentence before (a complement stays in its own sentence); with
    whether that base is certain."""
    sent = doc.sentence_at(f.start)
    own = f.rule.params.get("scope") == "complement" or not 0 < sent.index < len(doc.sentences)
    lo = sent.start if own else doc.sentences[sent.index - 1].start
    for t in reversed(earlier):
        if t.cend > f.start or t.cstart < lo:
            continue
        if t.kind in ("duration", "age", "background") or not (t.start_date and t.end_date):
            continue
        first, last = date.fromisoformat(t.start_date), date.fromisoformat(t.end_date)
        if (last - first).days <= _CHAIN_MAX_DAYS:
            return (first if first == last else (first, last)), t.certain
    return None


def _parse_anchor(anchor: date | tuple[date, date] | str | tuple[str, str]) -> Anchor:
    if isinstance(anchor, str):
        return date.fromisoformat(anchor)
    if isinstance(anchor, tuple):
        lo, hi = (date.fromisoformat(a) if isinstance(a, str) else a for a in anchor)
        return lo if lo == hi else (lo, hi)
    return anchor


def resolve_expression(
    text: str, anchor: date | tuple[date, date], tense: str = "unknown", conflict_start: date | None = None
) -> tuple[str | None, str | None]:
    """Resolve one time expression written alone ("on Tuesday", "last week", "Oct. 7").

    ``tense`` ("past" | "future" | "present" | "unknown") says which way a weekday or a
    year-less date points; an expression's own tense ("last week", "tomorrow") wins.
    Returns ISO ``(start, end)``, or ``(None, None)`` when nothing resolves.
    """
    found = find_expressions(text)
    if not found:
        return None, None
    f = max(found, key=lambda x: x.end - x.start)
    f = _with(f, tense=f.rule.tense or tense)
    span = resolve_found(f, _parse_anchor(anchor), Resolver(lexicon(), conflict_start))
    return (_iso(span[0]), _iso(span[1])) if span else (None, None)


def times_in_span(times: Iterable[TimeExpr], start: int, end: int) -> list[TimeExpr]:
    """The times whose cleaned-text offsets lie within ``[start, end)``."""
    return [t for t in times if start <= t.cstart and t.cend <= end]
