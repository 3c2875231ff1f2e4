"""One self-contained HTML page: each quantity's chart, figures, disagreements with their
quotes and links, the arithmetic, and the sources. No network assets: styles and charts are
inline, so the file can be mailed or archived as it is. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from provenance import charts
from provenance.output import CONTENT_POLICY, Cell, format_cell
from provenance.records import ClaimRecord, DocumentRecord, Rank, ReviewStatus
from provenance.urls import web_link
from provenance.views import claim_verdicts

if TYPE_CHECKING:
    from provenance.store import QuantityComparison

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; }
table { border-collapse: collapse; margin: 0.8rem 0; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; }
th { background: #f4f4f4; } .verdict-contradiction { color: #c0392b; font-weight: 600; }
blockquote { margin: 0.3rem 0 0.3rem 1rem; padding-left: 0.6rem; border-left: 3px solid #ccc;
  color: #444; }
.chart svg { max-width: 100%; height: auto; } .note { color: #666; font-size: 0.9rem; }
"""


def _e(value: Cell) -> str:
    return escape(format_cell(value))


def _link(text: str, url: str | None) -> str:
    """A link when ``url`` is a web address; anything else (``javascript:``...) is text."""
    url = web_link(url)
    return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>' if url else escape(text)


def _speaker(claim: ClaimRecord) -> str:
    if claim.unattributed or not claim.stated_by:
        return "<em>unattributed</em>"
    role = f", {_e(claim.role)}" if claim.role else ""
    return _e(claim.stated_by) + role


def _reported(claim: ClaimRecord) -> str:
    where = " ".join(format_cell(part) for part in (claim.outlet, claim.published) if part)
    text = _link(where or "unknown", claim.url)
    if claim.primary_source:
        text += f"<br><span class=note>quoting {_e(claim.primary_source)}</span>"
    return text


def _judged(claim: ClaimRecord) -> str:
    """The claim's review and rank, as a person set them ("accepted; preferred: why")."""
    parts = [] if claim.status is ReviewStatus.UNREVIEWED else [claim.status.value]
    if claim.rank is not Rank.NORMAL:
        parts.append(claim.rank.value + (f": {claim.rank_reason}" if claim.rank_reason else ""))
    return _e("; ".join(parts)) if parts else "<span class=note>unreviewed</span>"


def _svg(result: QuantityComparison) -> str:
    svg = charts.timeline(result, "svg").decode("utf-8")
    return svg[svg.index("<svg") :]  # inline: no XML declaration or doctype


def _section(result: QuantityComparison) -> str:
    verdicts = claim_verdicts(result)
    q = result.quantity
    claims = {claim.id: claim for claim in (*result.claims, *result.inputs)}
    rows = "".join(
        f"<tr><td>#{c.id}</td><td>{_e(c.figure)}</td><td>{_speaker(c)}</td>"
        f"<td>{_reported(c)}</td><td>{_e(c.as_of)}</td><td>{_e(c.scope)}</td>"
        f"<td>{_judged(c)}</td>"
        f'<td class="verdict-{"contradiction" if "contradicts" in verdicts[c.id] else "other"}">'
        f"{_e(verdicts[c.id])}</td></tr>"
        for c in result.claims
    )
    parts = [
        f'<section id="{escape(q.key, quote=True)}"><h2>{_e(q.label)}</h2>',
        f"<p class=note>{_e(q.key)} · {_e(q.unit)}"
        + (f" · {_e(q.definition)}" if q.definition else "")
        + "</p>",
        f'<div class="chart">{_svg(result)}</div>',
        "<table class=figures><thead><tr><th>id</th><th>figure</th><th>stated by</th>"
        "<th>reported by</th><th>as of</th><th>scope</th><th>review</th><th>verdict</th>"
        "</tr></thead>"
        f"<tbody>{rows}</tbody></table>",
    ]
    if result.comparison.disagreements:
        items = []
        for d in result.comparison.disagreements:
            below, above = claims[d.lower], claims[d.upper]
            decision = result.decisions.get((d.lower, d.upper))
            resolved = (
                f" <span class=note>resolved as {_e(decision.decision)}: {_e(decision.note)}</span>"
                if decision
                else ""
            )
            quotes = "".join(
                f"<blockquote>#{c.id} {_e(c.quote or c.counted or c.figure)} "
                f"({_reported(c)})</blockquote>"
                for c in (below, above)
            )
            items.append(
                f"<li><strong>{_e(d.verdict)}</strong>: #{below.id} {_e(below.figure)} vs "
                f"#{above.id} {_e(above.figure)}, gap {_e(d.gap)}{resolved}{quotes}</li>"
            )
        parts.append(f"<h3>Disagreements</h3><ul class=disagreements>{''.join(items)}</ul>")
    if result.arithmetic:
        items = []
        for relation, check in result.arithmetic:
            inputs = " x ".join(f"#{i} {_e(claims[i].figure)}" for i in check.inputs if i in claims)
            against = "; ".join(
                ("consistent with " if ok else "inconsistent with ") + f"#{i}"
                for i, ok in check.against
            )
            items.append(
                f"<li>{_e(relation.kind)}: {inputs} = {_e(check.low)}–{_e(check.high)}: "
                f"{against}</li>"
            )
        parts.append(f"<h3>Arithmetic</h3><ul class=arithmetic>{''.join(items)}</ul>")
    parts.append("</section>")
    return "".join(parts)


def render_report(
    results: Sequence[QuantityComparison],
    sources: Sequence[DocumentRecord],
    title: str = "Claim provenance report",
) -> str:
    """The whole page."""
    overview = "".join(
        f'<tr><td><a href="#{escape(r.quantity.key, quote=True)}">{_e(r.quantity.label)}</a></td>'
        f"<td>{len(r.claims)}</td><td>{len(r.comparison.contradictions) + r.inconsistent}</td>"
        f"<td>{len(r.comparison.disagreements) - len(r.comparison.contradictions)}</td></tr>"
        for r in results
    )
    source_rows = "".join(
        f"<tr><td>{_e(d.outlet)}</td><td>{_e(d.published)}</td>"
        f"<td>{_link(d.title or d.url or f'document {d.id}', d.url)}"
        + (f" <span class=note>(version {d.version})</span>" if d.version > 1 else "")
        + "</td>"
        f"<td>{_e(d.cites)}</td><td>{d.claims}</td></tr>"
        for d in sources
    )
    sections = "".join(_section(r) for r in results)
    return (
        f"<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>{CONTENT_POLICY}"
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        "<table class=overview><thead><tr><th>quantity</th><th>figures</th>"
        "<th>contradictions</th><th>explained differences</th></tr></thead>"
        f"<tbody>{overview}</tbody></table>{sections}"
        "<h2>Sources</h2><table class=sources><thead><tr><th>outlet</th><th>published</th>"
        "<th>document</th><th>cites</th><th>claims</th></tr></thead>"
        f"<tbody>{source_rows}</tbody></table></body></html>\n"
    )
