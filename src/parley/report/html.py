"""One self-contained HTML report: inline CSS, script and SVG, no external URL at all (a
Content-Security-Policy forbids loading anything), readable offline.

Sections: timeline of rounds (chart + entries), map of venues, figures ledger (series charts
+ entries), positions matrix (party x issue), outlet comparison and story threads. Every fact
opens (``<details>``) to its evidence sentences with outlet and date; chart marks open the
fact they stand for. The page is built from the same ``View`` rows as the JSON output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from parley.report import svg
from parley.report.venues import venue_points
from parley.report.views import VIEW_BUILDERS, Corpus, View
from parley.store import Store

FLAG = ' <span class="flag">⚠</span>'
STANCE_SYMBOLS = {"demands": "▲", "rejects": "✗", "accepts": "✓", "proposes": "✎"}
EVIDENCE_SHOWN = 8
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
ASSETS = Path(__file__).parent / "templates"


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _list(values: Sequence[Any], sep: str = ", ") -> str:
    return _e(sep.join(str(v) for v in values if v not in (None, "")))


def _highlight(sentence: str, span: str) -> str:
    at = sentence.find(span) if span else -1
    if at < 0:
        return _e(sentence)
    return f"{_e(sentence[:at])}<mark>{_e(span)}</mark>{_e(sentence[at + len(span) :])}"


def evidence_html(evidence: Sequence[dict[str, Any]], limit: int = EVIDENCE_SHOWN) -> str:
    """The evidence sentences of a fact, each with its outlet, date and article id (the
    first ``limit``; the JSON export has them all)."""
    items = []
    for ev in evidence[:limit]:
        source = f"{ev['outlet']}, {ev['published'] or 'date unknown'}"
        items.append(
            f'<li><q class="sentence">{_highlight(ev["sentence"], ev["text"])}</q> '
            f'<span class="src">— {_e(source)} <code>{_e(ev["article_id"])}</code></span></li>'
        )
    if len(evidence) > limit:
        items.append(f'<li class="more">… and {len(evidence) - limit} more report(s), listed in the JSON export</li>')
    return f'<ul class="evidence">{"".join(items)}</ul>' if items else '<p class="empty">No evidence stored.</p>'


def _section(sid: str, title: str, body: str, intro: str = "") -> str:
    lead = f'<p class="intro">{intro}</p>' if intro else ""
    return f'<section id="{sid}"><h2>{_e(title)}</h2>{lead}{body}</section>'


# --------------------------------------------------------------------------- timeline


def _round_item(row: dict[str, Any]) -> str:
    people = f"<p>People: {_list(row['people'])}</p>" if row["people"] else ""
    notes = "".join(f'<p class="note">⚠ {_e(n)}</p>' for n in row["notes"])
    words = f' <span class="words">({_list(row["date_text"], "; ")})</span>' if row["date_text"] else ""
    independent = f"{row['independent']} independent" if row["independent"] != len(row["outlets"]) else ""
    outlets = f"{len(row['outlets'])} outlet(s)" + (f", {independent}" if independent else "")
    return (
        f'<li id="{_e(row["id"])}" class="fact round-entry" data-stories="{_list(row["stories"], " ")}">'
        f'<details><summary><span class="when">{_e(row["when"])}</span>{words} · '
        f"<strong>{_e(row['venue'] or 'no venue')}</strong> · {_e(row['kind'])} ({_e(row['status'])}) · "
        f'{_list(row["participants"]) or "parties unnamed"} · <span class="count">{_e(outlets)}</span>'
        f"{FLAG if row['notes'] else ''}</summary>"
        f'<div class="body">{notes}{people}<p>Outlets: {_list(row["outlets"])}</p>'
        f"{evidence_html(row['evidence'])}</div></details></li>"
    )


def timeline_html(view: View) -> str:
    chart = svg.timeline_svg(view.rows)
    items = "".join(_round_item(r) for r in view.rows)
    intro = (
        "Meetings reported by several articles are merged into one round. Dates marked ~ are estimated from "
        "the articles' publication intervals (lighter bars); ⚠ marks reports that disagree."
    )
    return _section("timeline", view.title, f'{chart}<ol class="facts">{items}</ol>', intro)


def map_html(corpus: Corpus) -> str:
    names = {str(r.get("profile")) for r in corpus.rows("articles") if r.get("profile")}
    points = venue_points(corpus.rounds, corpus.rows("entities"), names)
    listed = "".join(
        f'<li><a href="#{_e(p.rounds[0])}" data-target="{_e(p.rounds[0])}">{_e(p.venue)}</a>: '
        f'{len(p.rounds)} round(s) <span class="coords">({p.lat:.2f}, {p.lon:.2f})</span></li>'
        for p in points
    )
    return _section("map", "Venues", f'{svg.map_svg(points)}<ul class="venues">{listed}</ul>')


# --------------------------------------------------------------------------- figures


def _figure_item(row: dict[str, Any]) -> str:
    disputed = ' <span class="flag" title="another claimant gives a different value">⚖</span>'
    return (
        f'<li id="{_e(row["id"])}" class="fact figure-entry"><details><summary>'
        f'<span class="when">{_e(row["when"] or "undated")}</span> · <strong>{_e(row["figure"])}</strong> '
        f"{_e(row['who'])} · per <em>{_e(row['claimant'])}</em> · "
        f'<span class="count">{len(row["outlets"])} outlet(s)</span>{disputed if row["disputed"] else ""}</summary>'
        f'<div class="body"><p>Outlets: {_list(row["outlets"])}</p>{evidence_html(row["evidence"])}</div>'
        "</details></li>"
    )


def figures_html(view: View) -> str:
    by_series: dict[str, list[dict[str, Any]]] = {}
    for row in view.rows:
        by_series.setdefault(row["series"], []).append(row)
    blocks = []
    for i, (label, rows) in enumerate(by_series.items()):
        chart = svg.series_svg(f"series-{i}", [r for r in rows if r["scope"] != "incident"])
        claimants = list(dict.fromkeys(r["claimant"] for r in rows))
        lists = "".join(
            f'<div class="series-list"><h4>per {_e(c)}</h4>'
            f'<ol class="facts">{"".join(_figure_item(r) for r in rows if r["claimant"] == c)}</ol></div>'
            for c in claimants
        )
        blocks.append(f'<div class="category"><h3>{_e(label)}</h3>{chart}<div class="columns">{lists}</div></div>')
    intro = (
        "One series per quantity; each claimant keeps its own line and list, so disagreeing claims stand side "
        "by side and are never averaged (⚖ marks a value another claimant contradicts for about the same date)."
    )
    body = "".join(blocks) or '<p class="empty">No figures stored.</p>'
    return _section("figures", view.title, body, intro)


# --------------------------------------------------------------------------- positions


def _cell(rows: list[dict[str, Any]]) -> str:
    parts = []
    for row in rows:
        stances = row["stance"].split("/")
        symbol = "".join(STANCE_SYMBOLS.get(s, "?") for s in stances)
        shift = ' <span class="shift" title="position shifted">↻</span>' if row["shifts"] else ""
        history = "".join(
            f"<li>{_e(h['when'] or 'undated')}: <strong>{_e(h['stance'])}</strong> ({_e(h['outlet'])})"
            f"{' · ' + _e(h['cue']) if h['cue'] else ''}{evidence_html([h])}</li>"
            for h in row["history"]
        )
        shifts = "".join(f'<p class="note">↻ {_e(s)}</p>' for s in row["shifts"])
        issue = f"<em>{_e(row['issue'])}</em> " if row["issue"].startswith("other") else ""
        parts.append(
            f'<details id="{_e(row["id"])}" class="fact stance {_e(stances[-1])}"><summary>'
            f'<span class="symbol">{symbol}</span> {issue}{_e(row["stance"])} '
            f'<span class="when">{_e(row["last_seen"])}</span>{shift}</summary>'
            f'<div class="body"><p>First seen {_e(row["first_seen"])}, last seen {_e(row["last_seen"])}; '
            f'{row["reports"]} report(s).</p>{shifts}<ol class="history">{history}</ol></div></details>'
        )
    return "".join(parts)


def positions_html(view: View) -> str:
    rows = list(view.rows)
    if not rows:
        return _section("positions", view.title, '<p class="empty">No positions stored.</p>')

    def column(issue: str) -> str:
        return "other" if issue.startswith("other") else issue

    parties = sorted({r["party"] for r in rows}, key=lambda p: (-sum(r["party"] == p for r in rows), p.casefold()))
    issues = sorted(
        {column(r["issue"]) for r in rows}, key=lambda i: (i == "other", -sum(column(r["issue"]) == i for r in rows), i)
    )
    head = "".join(f'<th scope="col">{_e(i)}</th>' for i in issues)
    body = []
    for party in parties:
        cells = "".join(
            f"<td>{_cell([r for r in rows if r['party'] == party and column(r['issue']) == i])}</td>" for i in issues
        )
        body.append(f'<tr><th scope="row">{_e(party)}</th>{cells}</tr>')
    legend = " ".join(f'<span class="stance {s}">{sym} {s}</span>' for s, sym in STANCE_SYMBOLS.items())
    table = (
        f'<div class="scroll"><table id="positions-matrix" class="matrix"><thead><tr><th>party \\ issue</th>{head}'
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
    return _section("positions", view.title, f'<p class="legend">{legend} · ↻ shifted</p>{table}')


# --------------------------------------------------------------------------- outlets


def _facts_list(title: str, labels: Sequence[str]) -> str:
    if not labels:
        return ""
    return f"<h4>{_e(title)}</h4><ul>{''.join(f'<li>{_e(x)}</li>' for x in labels)}</ul>"


def _more(title: str, total: int, listed: Sequence[Any]) -> str:
    return f"{title} ({total}, the first {len(listed)} listed)" if total > len(listed) else title


def _labels(facts: Sequence[dict[str, Any]]) -> list[str]:
    return [f"{f['label']} — {', '.join(f['outlets'])}" for f in facts]


def _outlet_details(row: dict[str, Any], n: int) -> str:
    exclusive, left_out = row["exclusive_facts"], row["left_out_facts"]
    return (
        f'<details id="outlet-{n}" class="fact"><summary>{_e(row["outlet"])}</summary><div class="body">'
        f"<p>{_e(row['first_seen'])} – {_e(row['last_seen'])}</p>"
        + _facts_list(_more("Articles", row["articles"], row["titles"]), row["titles"])
        + _facts_list(_more("Only this outlet reported", row["exclusive"], exclusive), _labels(exclusive))
        + _facts_list(_more("Others reported in its period, it did not", row["left_out"], left_out), _labels(left_out))
        + _facts_list("Loaded terms", row["loaded_terms"])
        + "</div></details>"
    )


def _outlet_row(row: dict[str, Any], n: int) -> str:
    quoted = "".join(f"<li>{_e(q)}</li>" for q in row["quoted"])
    return (
        f'<tr><td>{_outlet_details(row, n)}</td><td class="num">{row["articles"]}</td>'
        f'<td class="num">{_e(row["copies"])}</td><td class="num">{row["exclusive"]}</td>'
        f'<td class="num">{row["left_out"]}</td><td>{_list(row["loaded_terms"][:8])}</td>'
        f'<td><ul class="plain">{quoted}</ul></td></tr>'
    )


def outlets_html(view: View) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("outlet", "articles", "wire/copies", "exclusive", "left out", "loaded terms", "quoted")
    )
    rows = "".join(_outlet_row(r, n) for n, r in enumerate(view.rows))
    table = f'<table id="outlet-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    return _section("outlets", view.title, f'<div class="scroll">{table}</div>')


# --------------------------------------------------------------------------- stories


def _shared(terms: Sequence[str]) -> str:
    return f' <span class="shared">({_list(terms)})</span>' if terms else ""


def stories_html(view: View) -> str:
    items = []
    for row in view.rows:
        members = "".join(
            f"<li>{_e(m['published'] or 'undated')} · {_e(m['outlet'])} · {_e(m['title'] or m['article_id'])}"
            f"{_shared(m['shared_terms'])}</li>"
            for m in row["members"]
        )
        items.append(
            f'<li id="{_e(row["id"])}" class="fact"><details><summary><strong>{_e(row["story"])}</strong> · '
            f"{_e(row['from'])} – {_e(row['to'])} · {row['articles']} article(s)</summary>"
            f'<div class="body"><ol class="members">{members}</ol></div></details></li>'
        )
    return _section("stories", view.title, f'<ol class="facts">{"".join(items)}</ol>')


def _story_filter(view: View) -> str:
    options = "".join(f'<option value="{_e(r["id"])}">{_e(r["story"])} ({r["articles"]})</option>' for r in view.rows)
    select = f'<select id="story-filter"><option value="">all</option>{options}</select>'
    return f'<label class="filter">Story: {select}</label>'


# --------------------------------------------------------------------------- page


def _assets() -> tuple[str, str]:
    return (ASSETS / "report.css").read_text(encoding="utf-8"), (ASSETS / "report.js").read_text(encoding="utf-8")


def build_html(store: Store) -> str:
    """The report page for ``store``, as one string."""
    corpus = Corpus(store)
    views = {name: build(corpus) for name, build in VIEW_BUILDERS.items()}
    css, js = _assets()
    outlets = len(views["outlets"].rows)
    summary = (
        f"{len(corpus.infos)} article(s) from {outlets} outlet(s) · {len(views['timeline'].rows)} round(s) · "
        f"{len(views['figures'].rows)} figure(s) · {len(views['positions'].rows)} position track(s)"
    )
    nav = "".join(
        f'<a href="#{sid}">{label}</a>'
        for sid, label in (("timeline", "Timeline"), ("map", "Map"), ("figures", "Figures"),
                           ("positions", "Positions"), ("outlets", "Outlets"), ("stories", "Stories"))
    )  # fmt: skip
    body = "".join(
        [
            timeline_html(views["timeline"]),
            map_html(corpus),
            figures_html(views["figures"]),
            positions_html(views["positions"]),
            outlets_html(views["outlets"]),
            stories_html(views["stories"]),
        ]
    )
    generated = dt.date.today().isoformat()
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>parley report</title><style>{css}</style></head><body>"
        f'<header><h1>parley report</h1><p class="summary">{_e(summary)} · generated {generated}</p>'
        f"<nav>{nav}</nav>{_story_filter(views['stories'])}</header><main>{body}</main>"
        f"<script>{js}</script></body></html>\n"
    )


def write_html(store: Store, path: str | Path) -> None:
    """Write the self-contained report page for ``store`` to ``path``."""
    Path(path).write_text(build_html(store), encoding="utf-8")
