"""How records look: listings, one claim's provenance chain, and the disagreement report.

Pure functions from records to text, built on :func:`provenance.output.render`; the CLI only
prints what they return.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from provenance.conflicts import ArithmeticCheck, Explanation, Interval
from provenance.errors import InputError
from provenance.figures import format_decimal
from provenance.output import (
    ExportFormat,
    Format,
    Row,
    batches_of,
    flat_row,
    format_cell,
    render,
    render_csv,
    render_html,
    stream,
    stream_columns,
    stream_values,
    to_json,
)
from provenance.records import (
    CLAIM_COLUMNS,
    CLAIM_EXTRA,
    AgentKind,
    AgentRecord,
    ClaimRecord,
    DocumentRecord,
    ProvenanceChain,
    QuantityRecord,
    QuantityStatus,
)

if TYPE_CHECKING:  # named here only: listing needs no database layer, --help no extractor
    from provenance.extract import ExtractedClaim
    from provenance.store import (
        Citations,
        ConflictReport,
        LinkSummary,
        QuantityComparison,
        QuantityDetail,
        Suggestion,
    )

# Terminal and Markdown listings show a summary; CSV and JSON carry every column.
CLAIM_SUMMARY = ("id", "figure", "quantity", "stated_by", "outlet", "published", "as_of")


def bounds(low: Decimal | None, high: Decimal | None) -> str:
    """An interval as a reader writes it.

    >>> bounds(Decimal(400), Decimal(600)), bounds(Decimal(250), None), bounds(None, Decimal(50))
    ('400–600', '≥ 250', '≤ 50')
    >>> bounds(Decimal("1200"), Decimal("1200.0"))
    '1200'
    """
    if low is None:
        return "any" if high is None else f"≤ {format_decimal(high)}"
    if high is None:
        return f"≥ {format_decimal(low)}"
    if low == high:
        return format_decimal(low)
    return f"{format_decimal(low)}–{format_decimal(high)}"


def speaker(claim: ClaimRecord) -> str | None:
    """Who stated a claim, for people to read: an unattributed figure says so."""
    return _speaker_text(claim.stated_by, claim.stated_by_kind)


def claim_row(claim: ClaimRecord) -> dict[str, Any]:
    row = flat_row(claim)
    row["topics"] = list(claim.topics)
    return row


# Every field a listing of claims writes, in some format.
_CLAIM_LISTED = CLAIM_COLUMNS + CLAIM_EXTRA
_claim_fields = attrgetter(*_CLAIM_LISTED)


def stream_claims(claims: Iterable[ClaimRecord], fmt: Format) -> Iterator[str]:
    """A listing of claims a piece at a time (CSV and JSON as the claims come): what
    :func:`render_claims` returns, and a newline."""
    batches = (
        dict(zip(_CLAIM_LISTED, batch, strict=True))
        for batch in batches_of(map(_claim_fields, claims))
    )
    return stream_claim_columns(batches, fmt)


def stream_claim_columns(
    batches: Iterable[Mapping[str, Sequence[Any]]], fmt: Format
) -> Iterator[str]:
    """:func:`stream_claims` of batches of claims given field by field (each field's values
    by its name, as :class:`provenance.store.ClaimBatch` holds them): CSV and JSON are
    written a column at a time, no record built."""
    columns = {Format.JSON: _CLAIM_LISTED, Format.CSV: CLAIM_COLUMNS}.get(fmt)
    if columns is not None:
        return stream_columns(
            ([batch[name] for name in columns] for batch in batches), fmt, columns
        )
    summaries = (
        [
            batch["id"],
            list(map(_figure_text, batch["figure"], batch["withdrawn_in"])),
            batch["quantity"],
            list(map(_speaker_text, batch["stated_by"], batch["stated_by_kind"])),
            batch["outlet"],
            batch["published"],
            batch["as_of"],
        ]
        for batch in batches
    )
    return stream_columns(summaries, fmt, CLAIM_SUMMARY)


def render_claims(claims: Sequence[ClaimRecord], fmt: Format) -> str:
    return "".join(stream_claims(claims, fmt))[:-1]


def _figure_text(figure: str, withdrawn_in: int | None) -> str:
    """A figure, marked when its article's later version no longer has it."""
    return figure if withdrawn_in is None else f"{figure} (withdrawn in v{withdrawn_in})"


def _speaker_text(stated_by: str | None, kind: AgentKind | None) -> str | None:
    """Who stated a claim, for people to read: an unattributed figure says so."""
    return "(unattributed)" if kind is AgentKind.OUTLET else stated_by


def _stream_fields(
    records: Iterable[Any], fmt: Format, readable: tuple[str, ...], every: tuple[str, ...]
) -> Iterator[str]:
    """Records as a listing of their fields: ``readable`` in a table or Markdown, ``every``
    in CSV and JSON, a piece at a time (CSV and JSON as the records come)."""
    columns = every if fmt in (Format.JSON, Format.CSV) else readable
    return stream_values(map(attrgetter(*columns), records), fmt, columns)


_QUANTITY_COLUMNS = (
    "id", "key", "label", "unit", "definition", "scope", "place", "family", "period",
    "cumulative", "window_months", "variant_of", "topics", "terms", "status", "claims",
)  # fmt: skip


def stream_quantities(quantities: Iterable[QuantityRecord], fmt: Format) -> Iterator[str]:
    """:func:`render_quantities` a piece at a time, and a newline."""
    readable = ("key", "label", "unit", "scope", "topics", "claims")
    return _stream_fields(quantities, fmt, readable, _QUANTITY_COLUMNS)


def render_quantities(quantities: Sequence[QuantityRecord], fmt: Format) -> str:
    return "".join(stream_quantities(quantities, fmt))[:-1]


def link_summary(summary: LinkSummary) -> str:
    return (
        f"linked {summary.linked} claims, {summary.unlinked} left unlinked, "
        f"{summary.decided_by_person} decided by a person; "
        f"{summary.proposed} proposed quantities"
    )


def render_suggestions(suggestions: Sequence[Suggestion], fmt: Format) -> str:
    rows = [
        asdict(s) | {"chosen": "yes" if s.chosen else "", "reasons": list(s.reasons)}
        for s in suggestions
    ]
    if fmt is Format.JSON:
        rows = [row | {"chosen": s.chosen} for row, s in zip(rows, suggestions, strict=True)]
    return render(rows, fmt, ("quantity", "label", "score", "chosen", "reasons"))


def render_quantity_detail(detail: QuantityDetail, fmt: Format) -> str:
    q = detail.quantity
    if fmt is Format.JSON:
        return to_json({"quantity": asdict(q), "claims": [claim_row(c) for c in detail.claims]})
    fields = [
        ("quantity", f"{q.key}: {q.label}"),
        ("unit", q.unit),
        ("status", q.status.value),
        ("definition", q.definition or "—"),
        ("scope", q.scope or "—"),
        ("place", q.place or "—"),
        ("period", q.period or "—"),
        ("topics", format_cell(q.topics) or "—"),
        ("terms", format_cell(q.terms) or "—"),
        ("claims", str(q.claims)),
    ]
    if fmt is Format.TABLE:
        width = max(len(name) for name, _ in fields)
        head = "\n".join(f"{name:<{width}}  {text}" for name, text in fields)
    else:
        head = render([{"field": n, "value": v} for n, v in fields], fmt, ("field", "value"))
    rows = [claim_row(c) | {"stated_by": speaker(c), "linked": _linked(c)} for c in detail.claims]
    columns = ("id", "figure", "stated_by", "outlet", "published", "as_of", "linked")
    return head + ("\n\n" + render(rows, fmt, columns) if rows else "")


def _linked(claim: ClaimRecord) -> str:
    if claim.link_origin is None:
        return ""
    return claim.link_origin.value + (f": {claim.link_reason}" if claim.link_reason else "")


_SOURCE_COLUMNS = (
    "id", "title", "outlet", "author", "url", "published", "retrieved", "content_hash",
    "topics", "cites", "claims", "language", "fetched_at", "fetched_hash",
)  # fmt: skip


def stream_sources(documents: Iterable[DocumentRecord], fmt: Format) -> Iterator[str]:
    """:func:`render_sources` a piece at a time, and a newline."""
    readable = ("id", "outlet", "published", "title", "cites", "claims")
    return _stream_fields(documents, fmt, readable, _SOURCE_COLUMNS)


def render_sources(documents: Sequence[DocumentRecord], fmt: Format) -> str:
    return "".join(stream_sources(documents, fmt))[:-1]


def stream_speakers(agents: Iterable[AgentRecord], fmt: Format) -> Iterator[str]:
    """:func:`render_speakers` a piece at a time, and a newline."""
    readable = ("id", "name", "kind", "aliases", "roles", "claims")
    every = ("id", "name", "kind", "description", "aliases", "roles", "claims")
    return _stream_fields(agents, fmt, readable, every)


def render_speakers(agents: Sequence[AgentRecord], fmt: Format) -> str:
    return "".join(stream_speakers(agents, fmt))[:-1]


def _document_line(document: DocumentRecord) -> str:
    parts = [f'"{document.title}"' if document.title else None, document.outlet]
    parts += [format_cell(document.published) or None, document.url]
    return ", ".join(part for part in parts if part)


def _page_lines(document: DocumentRecord | None) -> list[tuple[str, str]]:
    """For a web page: when it was fetched (or that it was a saved page), what was read, and
    its language when that is not English."""
    if document is None or document.fetched_hash is None:
        return []
    digest = f"sha256 {document.fetched_hash[:12]}"
    if document.fetched_at is not None:
        when = document.fetched_at.strftime("%Y-%m-%d %H:%M")
        line = f"fetched {when} UTC, page {digest}"
    else:
        line = f"a saved web page, {digest}"
    if document.language not in (None, "en"):
        line += f"; in language '{document.language}': no figures read"
    return [("page", line)]


def _version_lines(chain: ProvenanceChain) -> list[tuple[str, str]]:
    """For an article stored in several versions: each version, and whether the claim's
    figure is still in the current one."""
    document, claim = chain.document, chain.claim
    if document is None or not document.versions:
        return []
    lines = []
    for v in document.versions:
        stored = v.stored_at.strftime("%Y-%m-%d %H:%M")
        state = "current" if v.replaced_at is None else "replaced"
        digest = (v.content_hash or "")[:12]
        lines.append(("version", f"{v.number} ({state}): stored {stored} UTC, text {digest}"))
    if claim.withdrawn_in is not None:
        lines.append(
            (
                "withdrawn",
                f"not in version {claim.withdrawn_in} of the article; the quote is from "
                f"version {claim.withdrawn_in - 1}",
            )
        )
    return lines


def render_chain(chain: ProvenanceChain, fmt: Format) -> str:
    """One claim with its provenance: what, who, where, quoted from."""
    if fmt is Format.JSON:
        return to_json(asdict(chain))
    claim = chain.claim
    value = f"{bounds(claim.low, claim.high)} {claim.unit} ({claim.hedge.value})"
    speaker = "—"
    if chain.speaker is not None:
        speaker = chain.speaker.name
        extra = [chain.speaker.kind.value] + [f"also {a}" for a in chain.speaker.aliases]
        if claim.unattributed:
            extra = ["unattributed: credited to the outlet"]
        speaker += f" ({'; '.join(extra)})"
    fields: list[tuple[str, str]] = [
        ("claim", f"{claim.id}: {claim.figure}"),
        ("value", value),
        ("quantity", f"{claim.quantity_label} ({claim.quantity})" if claim.quantity else "—"),
        ("counted", claim.counted or "—"),
        ("stated by", speaker),
        ("role", claim.role or "—"),
        ("channel", claim.channel or "—"),
        ("reported in", _document_line(chain.document) if chain.document else "—"),
        *_page_lines(chain.document),
        *_version_lines(chain),
        ("quoted from", _document_line(chain.primary_source) if chain.primary_source else "—"),
        ("quote", f'"{claim.quote}"' if claim.quote else "—"),
        ("as of", claim.as_of or "—"),
        ("scope", claim.scope or "—"),
        ("modality", claim.modality.value),
        ("review", claim.status.value),
        ("rank", claim.rank.value + (f" ({claim.rank_reason})" if claim.rank_reason else "")),
        ("topics", format_cell(claim.topics) or "—"),
        ("quantity topics", (format_cell(chain.quantity.topics) if chain.quantity else "") or "—"),
        ("entered", claim.origin.value),
    ]
    rows: list[Row] = [{"field": name, "value": text} for name, text in fields]
    if fmt is Format.TABLE:
        width = max(len(name) for name, _ in fields)
        return "\n".join(f"{name:<{width}}  {text}" for name, text in fields)
    return render(rows, fmt, ("field", "value"))


# ---------------------------------------------------------------------------------------------
# The disagreement report


def _interval(interval: Interval) -> str:
    return bounds(interval.low, interval.high)


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * 100).quantize(Decimal(1))}%"


_AGAINST = {
    None: "contradicts #{}",
    Explanation.CHANGE_OVER_TIME: "change over time vs #{}",
    Explanation.SCOPE_DIFFERS: "scope differs from #{}",
    Explanation.SAME_ORIGIN: "same origin as #{}",
}


def claim_verdicts(result: QuantityComparison) -> dict[int, str]:
    """Each figure's standing against the others, in words."""
    against: dict[int, list[tuple[int, str]]] = {claim.id: [] for claim in result.claims}
    for d in result.comparison.disagreements:
        against[d.lower].append((d.upper, _AGAINST[d.explanation].format(d.upper)))
        against[d.upper].append((d.lower, _AGAINST[d.explanation].format(d.lower)))
    notes: dict[int, list[int]] = {claim.id: [] for claim in result.claims}
    for a, b in result.comparison.scope_notes:
        notes[a].append(b)
        notes[b].append(a)
    verdicts = {}
    comparison = result.comparison
    for claim in result.claims:
        parts = [text for _, text in sorted(against[claim.id])]
        # Against hundreds: the first few, and the rest counted (with pairs counted, not
        # listed, by the comparison's own count).
        total = len(parts)
        if comparison.summarised:
            total = max(total, comparison.partners.get(claim.id, 0))
        if comparison.summarised and not parts and total:
            parts = [f"disagrees with {total} figures (not listed: --all-pairs)"]
        elif total > min(len(parts), VERDICTS_SHOWN):
            parts = [*parts[:VERDICTS_SHOWN], f"and {total - min(len(parts), VERDICTS_SHOWN)} more"]
        if not parts:
            parts = ["agrees"]
            parts += [f"scope differs from #{other}" for other in sorted(notes[claim.id])]
        verdicts[claim.id] = "; ".join(parts)
    return verdicts


def _comparison_rows(result: QuantityComparison) -> list[dict[str, Any]]:
    intervals = {i.id: i for i in result.comparison.intervals}
    against: dict[int, list[int]] = {claim.id: [] for claim in result.claims}
    for d in result.comparison.disagreements:
        against[d.lower].append(d.upper)
        against[d.upper].append(d.lower)
    verdicts = claim_verdicts(result)
    rows = []
    for claim in result.claims:
        others = sorted(against[claim.id])
        rows.append(
            {
                "quantity": result.quantity.key,
                "id": claim.id,
                "figure": claim.figure,
                "low": claim.low,
                "high": claim.high,
                "compared": _interval(intervals[claim.id]),
                "compared_low": intervals[claim.id].low,
                "compared_high": intervals[claim.id].high,
                "stated_by": speaker(claim),
                "role": claim.role,
                "reported_by": claim.outlet,
                "published": claim.published,
                "as_of": claim.as_of,
                "scope": claim.scope,
                "rank": claim.rank,
                "verdict": verdicts[claim.id],
                "disagrees_with": [str(i) for i in others],
            }
        )
    return rows


_FIGURE_COLUMNS = (
    "id", "figure", "compared", "stated_by", "role", "reported_by", "published", "as_of",
    "scope", "verdict",
)  # fmt: skip


_CSV_COLUMNS = (
    "quantity", "agree", "id", "figure", "low", "high", "compared_low", "compared_high",
    "stated_by", "role", "reported_by", "published", "as_of", "scope", "rank", "verdict",
    "disagrees_with",
)  # fmt: skip


def _source(claim: ClaimRecord) -> str:
    """ "Nathalie Goulet, BuzzFeed News 2016-03-25" or "BuzzFeed News 2016-03-25"."""
    where = " ".join(format_cell(part) for part in (claim.outlet, claim.published) if part)
    if claim.unattributed or not claim.stated_by:
        return where or "unknown source"
    return f"{claim.stated_by}, {where}" if where else claim.stated_by


# A quantity of hundreds of figures has tens of thousands of disagreeing pairs: a reader's
# listing shows the most severe and counts the rest; JSON lists every pair.
PAIRS_SHOWN = 20
VERDICTS_SHOWN = 5


def _pair_lines(result: QuantityComparison) -> list[str]:
    claims = {claim.id: claim for claim in result.claims}
    intervals = {i.id: i for i in result.comparison.intervals}
    lines = []
    pairs = result.comparison.disagreements
    for d in pairs[:PAIRS_SHOWN]:
        below, above = claims[d.lower], claims[d.upper]
        decision = result.decisions.get((d.lower, d.upper))
        resolved = ""
        if decision is not None:
            resolved = f"; resolved as {decision.decision.value}"
            resolved += f": {decision.note}" if decision.note else ""
        lines.append(
            f"[{d.lower}-{d.upper}] "
            f"#{below.id} {below.figure} ({_interval(intervals[below.id])}, {_source(below)})"
            f" vs #{above.id} {above.figure} ({_interval(intervals[above.id])},"
            f" {_source(above)}): gap {format_decimal(d.gap)} ({_percent(d.relative_gap)}), "
            + d.verdict
            + (f", {d.months_apart:g} months apart" if d.months_apart else "")
            + resolved
        )
    total = max(len(pairs), result.comparison.pairs_total)
    if total > PAIRS_SHOWN:
        how = "`--all-pairs --format json`" if result.comparison.summarised else "`--format json`"
        lines.append(
            f"... and {total - PAIRS_SHOWN} more pairs, less severe ({how} lists every pair)"
        )
    return lines


def _arithmetic_lines(result: QuantityComparison) -> list[str]:
    """The arithmetic checked on a quantity, with its working shown."""
    claims = {claim.id: claim for claim in result.claims}
    lines = []
    for relation, check in result.arithmetic:
        others = {c.id: c for c in _inputs(result, check)}
        if check.kind == "product":
            share, total = (others.get(i) for i in check.inputs)
            worked = f"{bounds(check.low, check.high)}"
            head = (
                f"{_named(share)} x {_named(total)} = {worked} ({_source(share) if share else ''})"
            )
        else:
            head = f"{_named(others.get(check.inputs[0]))} is part of {relation.target}"
        verdicts = [
            ("consistent with " if ok else "INCONSISTENT with ") + _named(claims.get(i))
            for i, ok in check.against
        ]
        lines.append(f"{head}: {'; '.join(verdicts)}")
    return lines


def _inputs(result: QuantityComparison, check: ArithmeticCheck) -> list[ClaimRecord]:
    return [c for c in result.inputs if c.id in check.inputs]


def _named(claim: ClaimRecord | None) -> str:
    return f"#{claim.id} {claim.figure}" if claim else "?"


def _heading(result: QuantityComparison) -> str:
    q, comparison = result.quantity, result.comparison
    kinds = Counter(d.verdict for d in comparison.disagreements)
    order = ["contradiction", *(e.value for e in Explanation)]
    summary = ", ".join(
        f"{kinds[k]} {k}{'s' if k == 'contradiction' and kinds[k] > 1 else ''}"
        for k in order
        if kinds[k]
    )
    if comparison.summarised:
        summary += (
            f" among the {len(comparison.disagreements)} most severe of "
            f"{comparison.pairs_total} disagreeing pairs"
        )
    if result.inconsistent:
        summary = ", ".join(
            filter(None, [summary, f"{result.inconsistent} arithmetic inconsistent"])
        )
    sources = comparison.sources
    hidden = f" ({result.hidden} resolved, shown with --all)" if result.hidden else ""
    proposed = ", proposed" if q.status is QuantityStatus.PROPOSED else ""
    return (
        f"{q.label} [{q.key}, {q.unit}{proposed}]: {len(result.claims)} figures from {sources} "
        f"independent source{'s' if sources != 1 else ''}; {summary or 'figures agree'}{hidden}"
    )


def _comparison_json(r: QuantityComparison, tolerance: Decimal) -> dict[str, Any]:
    return {
        "quantity": asdict(r.quantity),
        "agree": r.comparison.agree,
        "contradictions": len(r.comparison.contradictions),
        "independent_sources": r.comparison.sources,
        "tolerance": tolerance,
        "figures": _comparison_rows(r),
        "disagreements": [
            asdict(d)
            | {
                "pair": f"{d.lower}-{d.upper}",
                "verdict": d.verdict,
                "decision": r.decisions.get((d.lower, d.upper)),
            }
            for d in r.comparison.disagreements
        ],
        "pairs_total": max(r.comparison.pairs_total, len(r.comparison.disagreements)),
        "resolved_hidden": r.hidden,
        "scope_notes": [list(pair) for pair in r.comparison.scope_notes],
        "arithmetic": [
            {"relation": relation, "check": check, "consistent": check.consistent}
            for relation, check in r.arithmetic
        ],
    }


def _comparison_block(result: QuantityComparison, fmt: Format) -> str:
    table = render(_comparison_rows(result), fmt, _FIGURE_COLUMNS)
    pairs = _pair_lines(result)
    sums = _arithmetic_lines(result)
    if fmt is Format.MARKDOWN:
        block = f"### {_heading(result)}\n\n{table}"
        for title, lines in (("Disagreements, most severe first", pairs), ("Arithmetic", sums)):
            if lines:
                block += f"\n\n{title}:\n\n"
                block += "\n".join("- " + line.replace("|", "\\|") for line in lines)
        return block
    block = f"{_heading(result)}\n{table}"
    for title, lines in (("Disagreements, most severe first", pairs), ("Arithmetic", sums)):
        if lines:
            block += f"\n{title}:\n" + "\n".join(f"  {line}" for line in lines)
    return block


def stream_comparisons(
    results: Iterable[QuantityComparison], fmt: Format, tolerance: Decimal
) -> Iterator[str]:
    """The comparison of each quantity as it comes: a block of text per quantity, or CSV rows
    (one per figure), or one JSON array; nothing is written when there is nothing to show."""
    first = True
    for result in results:
        if fmt is Format.JSON:
            item = "\n".join(
                "  " + line for line in to_json(_comparison_json(result, tolerance)).splitlines()
            )
            yield ("[\n" if first else ",\n") + item
        elif fmt is Format.CSV:
            rows = [row | {"agree": result.comparison.agree} for row in _comparison_rows(result)]
            text = render(rows, fmt, _CSV_COLUMNS)
            yield text if first else "\n" + text.split("\n", 1)[1]
        else:
            yield ("" if first else "\n\n") + _comparison_block(result, fmt)
        first = False
    if not first:
        yield "\n]\n" if fmt is Format.JSON else "\n"
    elif fmt in (Format.JSON, Format.CSV):
        yield "[]\n" if fmt is Format.JSON else render([], fmt, _CSV_COLUMNS) + "\n"


def comparison_summary(report: ConflictReport) -> str:
    """One line on what was compared, for when not every quantity is shown."""
    return (
        f"Showing {report.shown:,} of {report.compared:,} quantities compared: "
        f"{report.contradicting:,} with a contradiction or inconsistent arithmetic, "
        f"{report.explained:,} whose differences are explained, {report.agreeing:,} agreeing "
        "(--limit 0 shows all)"
    )


# ---------------------------------------------------------------------------------------------
# Extraction

EXTRACT_KEYS = (
    "document", "figure", "start", "end", "low", "high", "unit", "hedge", "change",
    "sentence", "counted", "stated_by", "stated_by_kind", "role", "cue", "channel", "as_of",
    "modality", "scope", "sentence_start", "sentence_end", "stated_by_aliases",
    "primary_source",
)  # fmt: skip
_EXTRACT_SUMMARY = ("document", "figure", "stated_by", "cue", "as_of", "counted")


def _shorten(text: str | None, width: int = 60) -> str | None:
    if text is None or len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def _extracted_row(name: str, claim: ExtractedClaim) -> dict[str, Any]:
    return flat_row(claim) | {"document": name, "stated_by_aliases": list(claim.stated_by_aliases)}


def stream_extracted(found: Iterable[tuple[str, ExtractedClaim]], fmt: Format) -> Iterator[str]:
    """Figures found by `extract`, each with its document's name, rendered as they come."""
    rows = (_extracted_row(name, claim) for name, claim in found)
    if fmt in (Format.JSON, Format.CSV):
        return stream(rows, fmt, EXTRACT_KEYS)
    readable = (
        row
        | {
            "document": Path(row["document"]).name,
            "stated_by": row["stated_by"] or "(unattributed)",
            "counted": _shorten(row["counted"]),
        }
        for row in rows
    )
    return stream(readable, fmt, _EXTRACT_SUMMARY)


# ---------------------------------------------------------------------------------------------
# Exports


def _table(fmt: str) -> Callable[[Citations, str], str]:
    def write(citations: Citations, _style: str) -> str:
        from provenance import exports  # loaded when a citation is first written

        rows = exports.citation_rows(citations.cited, citations.keys)
        if fmt == "csv":
            return render_csv(rows, exports.CITATION_COLUMNS)
        if fmt == "html":
            return render_html(rows, exports.CITATION_COLUMNS, "Citations")
        return render(rows, Format(fmt), exports.CITATION_COLUMNS) + "\n"

    return write


def _bibtex(biblatex: bool) -> Callable[[Citations, str], str]:
    def write(c: Citations, _style: str) -> str:
        from provenance import exports

        return exports.bibtex(c.documents, c.keys, biblatex=biblatex)

    return write


def _references(citations: Citations, style: str) -> str:
    from provenance import exports

    items = exports.csl_items(citations.documents, citations.keys)
    try:
        return exports.format_references(items, style) + "\n"
    except ValueError as exc:
        raise InputError(f"--style: {exc}") from None


def _prov(fmt: str) -> Callable[[Citations, str], str]:
    def write(c: Citations, _style: str) -> str:
        from provenance import exports

        document = exports.provenance_document(c.cited, c.documents, c.keys)
        if fmt == "prov-json":
            return str(document.serialize(format="json", indent=2)) + "\n"
        return str(document.get_provn()) + "\n"

    return write


def _csl_json(c: Citations, _style: str) -> str:
    from provenance import exports

    return to_json(exports.csl_items(c.documents, c.keys)) + "\n"


def _jsonld(c: Citations, _style: str) -> str:
    from provenance import exports

    return to_json(exports.claims_jsonld(c.cited, c.documents, c.keys)) + "\n"


# Every export format's writer: each member of ExportFormat but `backup`, which is the whole
# database rather than a rendering of citations (a test keeps the two in step).
EXPORT_WRITERS: dict[ExportFormat, Callable[[Citations, str], str]] = {
    ExportFormat.CSV: _table("csv"),
    ExportFormat.MARKDOWN: _table("markdown"),
    ExportFormat.HTML: _table("html"),
    ExportFormat.JSON: _table("json"),
    ExportFormat.BIBTEX: _bibtex(False),
    ExportFormat.BIBLATEX: _bibtex(True),
    ExportFormat.CSL_JSON: _csl_json,
    ExportFormat.REFERENCES: _references,
    ExportFormat.JSONLD: _jsonld,
    ExportFormat.PROV_JSON: _prov("prov-json"),
    ExportFormat.PROV_N: _prov("prov-n"),
}


def render_export(citations: Citations, fmt: ExportFormat | str, *, style: str = "apa") -> str:
    """The text of an export (see :mod:`provenance.exports`), ending with a newline; an
    unknown format is an error, never another format."""
    try:
        writer = EXPORT_WRITERS.get(ExportFormat(fmt))
    except ValueError:
        writer = None
    if writer is None:
        named = ", ".join(EXPORT_WRITERS)
        raise InputError(f"not a format citations are written in: {str(fmt)!r} (one of {named})")
    return writer(citations, style)
