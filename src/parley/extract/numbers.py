"""Find and parse written amounts: "at least 18", "1.4 million", "thirty-eight thousand",
"between 20 and 30", "dozens", "90%".

The words (number words, scale words, qualifiers, vague amounts, traps) come from the
figures lexicon (``profiles/data/lexicons/figures.yaml``), read once and compiled into one
regular expression. ``find_amounts`` returns every amount in a text with its offsets; the
figures extractor decides which of them count people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

LEXICON = "figures.yaml"
PARTICLE_QUALIFIERS = frozenset({"over", "above", "under"})


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Any]:
    """The figures lexicon as plain data (read once)."""
    import yaml

    path = resources.files("parley.profiles") / "data" / "lexicons" / LEXICON
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True, slots=True)
class Amount:
    """One written amount. Offsets are relative to the text searched."""

    start: int  # the whole span, qualifier included
    end: int
    num_start: int  # the number words alone (no qualifier)
    num_end: int
    value: float | None
    value_text: str  # the number as written, without the qualifier
    qualifier: str
    value_high: float | None = None
    percent: bool = False
    vague: bool = False


def _alt(words: list[str] | dict[str, Any]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@dataclass(frozen=True)
class NumberGrammar:
    """The compiled number patterns and the tables to evaluate them."""

    pattern: re.Pattern[str]
    words: dict[str, float]  # units and tens
    scales: dict[str, float]
    suffixes: dict[str, float]
    phrases: dict[str, float]
    vague: frozenset[str]
    qualifiers: dict[str, str]  # written form -> qualifier
    suffix_qualifiers: dict[str, str]
    vague_qualifier: str
    trap: re.Pattern[str]
    ratio_after: re.Pattern[str]
    ratio_before: re.Pattern[str]
    approximate: frozenset[str] = frozenset()  # number phrases that are round by nature ("a dozen")


def _number_regex(num: dict[str, Any]) -> str:
    word = _alt({**num["units"], **num["tens"]})
    scale = _alt(num["scales"])
    words = rf"(?:{word})(?:(?:\s+|-)(?:and\s+)?(?:{word}|{scale}))*"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    suffix = _alt(num["scale_suffixes"])
    digit_amount = rf"(?:{digits})(?:(?:{suffix})(?![\w])|(?:\s+(?:{scale}))+)?"
    phrase = _alt(num["phrases"])
    return rf"(?:{phrase})(?:\s+(?:{scale}))*|{digit_amount}|{words}"


@lru_cache(maxsize=1)
def grammar() -> NumberGrammar:
    """The number grammar compiled from the lexicon (built once)."""
    lex = load_lexicon()
    num = lex["numbers"]
    qualifiers = {w.lower(): q for q, ws in lex["qualifiers"].items() for w in ws}
    suffix_q = {w.lower(): q for q, ws in lex["qualifier_suffixes"].items() for w in ws}
    number = _number_regex(num)
    single = rf"(?P<num>{number})"
    second = rf"(?P<num2>{number})"
    ranged = rf"(?:between\s+{single}\s+and\s+{second}|{single}(?:(?<=\d)\s*[-–—]\s*|\s+(?:to|or)\s+){second}|{single})"
    ranged = _uniquify(ranged)
    vague = rf"(?P<vague>{_alt(num['vague'])})"
    pct = rf"(?P<pct>\s*(?:{_alt(num['percent_words'])}))?"
    qual = rf"(?:(?P<qual>{_alt(list(qualifiers))})\s+)?"
    suffix = rf"(?:\s*(?P<squal>{_alt(list(suffix_q))})(?![\w]))?"
    body = rf"{qual}(?:(?P<amount>{ranged}){pct}{suffix}|{vague}(?![\w]))"
    pattern = re.compile(rf"(?<![\w.,:/$€£-]){body}(?![\w])", re.IGNORECASE)
    trap = re.compile(rf"^-[a-z]|^:\d|^\.\d|^/\d|^,\d|^\s*(?:{_alt(lex['traps']['following_words'])})\b", re.IGNORECASE)
    return NumberGrammar(
        pattern=pattern,
        words={k.lower(): float(v) for k, v in {**num["units"], **num["tens"]}.items()},
        scales={k.lower(): float(v) for k, v in num["scales"].items()},
        suffixes={k.lower(): float(v) for k, v in num["scale_suffixes"].items()},
        phrases={k.lower(): float(v) for k, v in num["phrases"].items()},
        vague=frozenset(v.lower() for v in num["vague"]),
        qualifiers=qualifiers,
        suffix_qualifiers=suffix_q,
        vague_qualifier=str(num.get("vague_qualifier", "about")),
        trap=trap,
        ratio_after=re.compile(rf"\s+(?:in|out\s+of)\s+(?:{number})(?![\w])", re.IGNORECASE),
        ratio_before=re.compile(rf"(?:{number})\s+(?:in|out\s+of)\s+$", re.IGNORECASE),
        approximate=frozenset(" ".join(str(p).lower().split()) for p in num.get("approximate_phrases", [])),
    )


def _uniquify(pattern: str) -> str:
    """Give repeated named groups distinct names (num, num_1, num_2...) so ``re`` accepts them."""
    seen: dict[str, int] = {}

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        count = seen.get(name, 0)
        seen[name] = count + 1
        return f"(?P<{name}{'' if count == 0 else f'_{count}'}>"

    return re.sub(r"\(\?P<(\w+)>", rename, pattern)


def parse_value(text: str) -> float | None:
    """The value of a written number ("1.4 million", "thirty-eight thousand", "a dozen")."""
    g = grammar()
    low = " ".join(text.lower().split())
    if low in g.phrases:
        return g.phrases[low]
    for phrase, value in sorted(g.phrases.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(phrase + " "):
            rest = _scale_product(low[len(phrase) :].split(), g)
            return value * rest if rest is not None else None
    digits = re.match(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(.*)$", low)
    if digits:
        base = float(digits.group(1).replace(",", ""))
        tail = digits.group(2).strip()
        if not tail:
            return base
        if tail in g.suffixes:
            return base * g.suffixes[tail]
        scale = _scale_product(tail.split(), g)
        return base * scale if scale is not None else None
    return _words_value(re.split(r"[\s-]+", low), g)


def _scale_product(words: list[str], g: NumberGrammar) -> float | None:
    product = 1.0
    for word in words:
        if word not in g.scales:
            return None
        product *= g.scales[word]
    return product


def _words_value(words: list[str], g: NumberGrammar) -> float | None:
    total = current = 0.0
    for word in words:
        if word == "and":
            continue
        if word in g.words:
            current += g.words[word]
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word in g.scales:
            total += max(current, 1.0) * g.scales[word]
            current = 0.0
        else:
            return None
    return total + current


def find_amounts(text: str) -> list[Amount]:
    """Every amount written in ``text`` (traps such as "40-day", "10:30", "$5" left out)."""
    g = grammar()
    found: list[Amount] = []
    for match in g.pattern.finditer(text):
        amount = _to_amount(match, g)
        if amount is not None and not _is_trap(text, amount, g):
            found.append(amount)
    return found


def _group(match: re.Match[str], base: str) -> tuple[int, int] | None:
    for name, value in match.groupdict().items():
        if value is not None and (name == base or name.startswith(base + "_")):
            return match.span(name)
    return None


def _to_amount(match: re.Match[str], g: NumberGrammar) -> Amount | None:
    qual_text = (match.group("qual") or "").lower()
    qualifier = g.qualifiers.get(" ".join(qual_text.split()), "exact")
    if qual_text in PARTICLE_QUALIFIERS and _after_verb(match):  # "handed over 103 prisoners"
        qualifier = "exact"
    if match.group("vague"):
        start, end = match.span("vague")
        qualifier = qualifier if qual_text else g.vague_qualifier
        return Amount(match.start(), match.end(), start, end, None, match.group("vague"), qualifier, vague=True)
    first = _group(match, "num")
    if first is None:
        return None
    second = _group(match, "num2")
    value = parse_value(match.string[first[0] : first[1]])
    high = parse_value(match.string[second[0] : second[1]]) if second else None
    if value is None:
        return None
    squal = match.group("squal")
    if squal and qualifier == "exact":
        qualifier = g.suffix_qualifiers.get(squal.lower(), qualifier)
    written = " ".join(match.string[first[0] : first[1]].lower().split())
    if qualifier == "exact" and not second and written in g.approximate:
        qualifier = g.vague_qualifier  # "a dozen of its staff": about twelve
    end = match.end("amount")
    num_end = second[1] if second else first[1]
    if high is not None and high < value:  # "20 to 3" is not a range; keep the first number
        high, num_end, end = None, first[1], first[1]
    return Amount(
        start=match.start(),
        end=match.end() if end == match.end("amount") else end,
        num_start=first[0],
        num_end=num_end,
        value=value,
        value_text=match.string[match.start("amount") if high is not None else first[0] : num_end],
        qualifier=qualifier,
        value_high=high,
        percent=bool(match.group("pct")),
    )


def _after_verb(match: re.Match[str]) -> bool:
    before = re.search(r"(\w+)\s+$", match.string[max(0, match.start() - 20) : match.start()])
    if before is None:
        return False
    word = before.group(1).lower()
    return word.endswith("ed") or word in set(load_lexicon()["numbers"].get("particle_verbs", []))


def _is_trap(text: str, amount: Amount, g: NumberGrammar) -> bool:
    after = text[amount.num_end : amount.num_end + 30]
    if not amount.percent and g.trap.search(after):
        return True
    before = text[max(0, amount.start - 12) : amount.start].lower()
    currency = load_lexicon()["traps"]["currency_prefixes"]
    if any(before.rstrip().endswith(c) for c in currency):
        return True
    if g.ratio_after.match(after) or g.ratio_before.search(before):  # "nine in ten residents"
        return True
    return _is_year(text, amount) or _preceded_by(before, load_lexicon()["traps"]["preceding_words"])


def _is_year(text: str, amount: Amount) -> bool:
    traps = load_lexicon()["traps"]
    raw = text[amount.num_start : amount.num_end]
    if not re.fullmatch(r"\d{4}", raw) or amount.qualifier != "exact":
        return False
    return int(traps["years_from"]) <= int(raw) < int(traps["years_to"])


def _preceded_by(before: str, words: list[str]) -> bool:
    """Whether the word right before the amount (no punctuation between) is one of ``words``."""
    tail = re.search(r"([\w.]+)\s+$", before)
    return tail is not None and tail.group(1) in {w.lower() for w in words}
