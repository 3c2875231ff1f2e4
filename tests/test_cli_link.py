"""Quantities, linking, topics and search, through the CLI, from ingested text."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from tests.support import ok

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
CATALOGUE = ROOT / "data" / "foreign-fighters.toml"


def _groups(runner: CliRunner) -> dict[str | None, list[str]]:
    groups: dict[str | None, list[str]] = defaultdict(list)
    for claim in json.loads(ok(runner, "claims", "--format", "json")):
        groups[claim["quantity"]].append(claim["figure"])
    return groups


def test_ingested_figures_group_by_quantity(ingested: str, runner: CliRunner) -> None:
    groups = _groups(runner)
    assert groups["returned-share"] == ["roughly 10%", "an average of 30 per cent"]
    assert groups["returned-number"] == ["hundreds", "between 400 and 600", "about 1,200"]
    # "EU" and "Europe" are written for each other: one total
    assert groups["travelled-total"] == ["Between 4,000 and 6,000", "between 3,922 and 4,294"]
    assert groups["female-share"] == ["an average of 17 per cent"]


def test_conflicts_straight_from_ingested_text(ingested: str, runner: CliRunner) -> None:
    report = json.loads(ok(runner, "conflicts", "--format", "json"))
    verdicts = {q["quantity"]["key"]: q["agree"] for q in report}
    assert verdicts == {
        "returned-share": False,
        "returned-number": False,
        "uk-potential-returnees": False,  # 150 and "more than double the 150": one source
        "travelled-total": True,  # 4,000-6,000 (Europe) and 3,922-4,294 (EU) overlap
    }


def test_topic_lists_returned_figures_first(ingested: str, runner: CliRunner) -> None:
    claims = json.loads(ok(runner, "claims", "--topic", "returned fighters", "-f", "json"))
    keys = {c["quantity"] for c in claims}
    assert keys == {"returned-number", "returned-share", "expected-returnees", "smuggled-back",
                    "uk-potential-returnees", "uk-returned"}  # fmt: skip
    everything = json.loads(ok(runner, "claims", "--topic", "foreign fighters", "-f", "json"))
    assert len(everything) == 20  # the documents are tagged too, so every claim is listed


def test_search_is_stemmed_and_ranked(ingested: str, runner: CliRunner) -> None:
    claims = json.loads(ok(runner, "claims", "--search", "female fighters", "-f", "json"))
    assert [c["figure"] for c in claims] == ["an average of 17 per cent"]
    goulet = json.loads(ok(runner, "claims", "--search", "senator estimates", "-f", "json"))
    assert [c["stated_by"] for c in goulet] == ["Nathalie Goulet"]
    result = runner.invoke(app, ["claims", "--search", "!!"])
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: --search needs at least one word, got '!!'\n",
    )


def test_a_persons_decision_survives_auto_linking_and_reingest(
    ingested: str, runner: CliRunner
) -> None:
    female = json.loads(ok(runner, "claims", "--quantity", "female-share", "-f", "json"))[0]["id"]
    assert (
        ok(runner, "unlink", str(female))
        == f"Claim {female} (an average of 17 per cent) is unlinked by hand\n"
    )
    summary = ok(runner, "link", "--auto")
    assert summary.startswith("Linked 19 claims, 0 left unlinked, 1 decided by a person")
    ok(runner, "ingest", str(ARTICLES))
    [claim] = json.loads(ok(runner, "claims", "--search", "female", "-f", "json"))
    assert (claim["quantity"], claim["link_origin"]) == (None, "person")
    ok(runner, "link", str(female), "female-share")
    [claim] = json.loads(ok(runner, "claims", "--search", "female", "-f", "json"))
    assert (claim["quantity"], claim["link_origin"], claim["link_reason"]) == (
        "female-share",
        "person",
        "linked by hand",
    )


def test_suggest_explains(ingested: str, runner: CliRunner) -> None:
    claim = json.loads(ok(runner, "claims", "--search", "Goulet", "-f", "json"))[0]["id"]
    rows = json.loads(ok(runner, "link", str(claim), "--suggest", "-f", "json"))
    assert rows[0]["quantity"] == "returned-number"
    assert rows[0]["chosen"] is True
    assert "'returned' in what it counts" in rows[0]["reasons"]


def test_linking_refuses_a_unit_that_does_not_fit(ingested: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["link", "1", "returned-share"])
    assert (result.exit_code, result.stderr) == (
        1, "Error: claim 1 is in count but quantity 'returned-share' is measured in percent\n",
    )  # fmt: skip


def test_quantity_commands(ingested: str, runner: CliRunner) -> None:
    ok(
        runner,
        "quantity",
        "add",
        "Britons held in camps",
        "--unit",
        "count",
        "--requires",
        "British",
        "--term",
        "held",
    )
    assert "Britons held in camps" in ok(runner, "quantities")
    assert ok(runner, "quantity", "alias", "britons-held-in-camps", "detained").startswith(
        "britons-held-in-camps terms: held; detained; linked"
    )
    renamed = ok(
        runner, "quantity", "rename", "britons-held-in-camps", "--label", "Britons detained"
    )
    assert renamed.endswith("is now britons-held-in-camps: Britons detained\n")
    shown = ok(runner, "quantity", "show", "britons-held-in-camps")
    assert "terms       held; detained; Britons held in camps" in shown
    assert ok(runner, "quantity", "merge", "britons-held-in-camps", "uk-still-active") == (
        "Merged britons-held-in-camps into uk-still-active, which now has 1 claims\n"
    )
    split = ok(
        runner,
        "quantity",
        "split",
        "returned-number",
        "4",
        "--label",
        "Returned fighters Goulet counts",
    )
    assert (
        split
        == "Created returned-fighters-goulet-counts with 1 claims moved from returned-number\n"
    )


def test_catalogue_round_trips(ingested: str, runner: CliRunner, tmp_path: Path) -> None:
    written = tmp_path / "catalogue.toml"
    written.write_text(ok(runner, "quantities", "--format", "toml"), encoding="utf-8")
    ok(runner, "init", "--db", str(tmp_path / "other.db"))
    loaded = ok(runner, "quantities", "load", str(written), "--db", str(tmp_path / "other.db"))
    assert loaded.startswith(f"Loaded 16 quantities from {written} (16 new, 0 updated)")
    again = ok(runner, "quantities", "--format", "toml", "--db", str(tmp_path / "other.db"))
    assert again == written.read_text(encoding="utf-8")


def test_unmatched_claims_are_proposed_and_accepted(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    for day, figure in (("01", "About 40"), ("02", "Some 55")):
        (tmp_path / f"ferry-{day}.txt").write_text(
            f"outlet: Coast News\ndate: 2020-03-{day}\n---\n"
            f"{figure} ferries were cancelled because of the storm, the port said.\n",
            encoding="utf-8",
        )
    ok(runner, "ingest", str(tmp_path / "ferry-01.txt"), str(tmp_path / "ferry-02.txt"))
    proposed = json.loads(ok(runner, "quantities", "--proposed", "-f", "json"))
    assert [(q["key"], q["claims"]) for q in proposed] == [("proposed-ferries-cancelled", 2)]
    # On a new topic, proposals are compared from the first ingest, marked as proposed.
    shown = ok(runner, "conflicts").splitlines()[0]
    assert shown.startswith("ferries cancelled [proposed-ferries-cancelled, count, proposed]: ")
    accepted = ok(
        runner,
        "quantity",
        "accept",
        proposed[0]["key"],
        "--label",
        "Ferries cancelled",
        "--key",
        "ferries-cancelled",
    )
    assert accepted == "Accepted ferries-cancelled: Ferries cancelled (2 claims)\n"
    assert (
        json.loads(ok(runner, "conflicts", "-f", "json"))[0]["quantity"]["key"]
        == "ferries-cancelled"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[quantity]]\nlabel = 'x'\n", "{path}, quantity[0]: a quantity needs a label and a unit"),
        (
            "[[quantity]]\nlabel = 'x'\nunit = 'count'\nterms = 'a'\n",
            "{path}, quantity[0]: terms must be a list of strings",
        ),
        (
            "[[quantity]]\nlabel = 'x'\nunit = 'count'\ncolour = 1\n",
            "{path}, quantity[0]: unknown field 'colour'",
        ),
        (
            "label = 'x'\n",
            "{path}: unknown top-level key 'label' (expected [[quantity]], [[relation]])",
        ),
        (
            "[[quantity]]\nlabel = 'x'\nunit = 'count'\n[[relation]]\npart = 'x'\nof = 'nowhere'\n",
            "{path}, relation[0]: no quantity 'nowhere' (see `provenance quantities`)",
        ),
        (
            "[[relation]]\nproduct = 'returned-share'\nof = ['female-share', 'travelled-total']\n[[quantity]]\nlabel = 'x'\nunit = 'count'\n",
            "{path}, relation[0]: product 'returned-share' (percent) must be a percent share of a total in percent, not percent x count",
        ),
        (
            "[[quantity]]\nlabel = 'x'\nunit = 'count'\n[[relation]]\nproduct = 'x'\nof = 'y'\n",
            "{path}, relation[0]: a product needs of = [two quantity keys]",
        ),
        (
            "[[quantity]\n",
            "{path}: not valid TOML (Expected ']]' at the end of an array declaration (at line 1, column 11))",
        ),
        (
            "[[quantity]]\nkey = 'travelled-total'\nlabel = 'x'\nunit = 'percent'\n",
            "{path}, quantity[0]: quantity 'travelled-total' is measured in count, not percent",
        ),
    ],
    ids=[
        "no-unit",
        "terms-not-list",
        "unknown-field",
        "no-tables",
        "unknown-whole",
        "product-units",
        "product-of",
        "broken",
        "unit-change",
    ],
)
def test_bad_catalogues_change_nothing(
    ingested: str, runner: CliRunner, tmp_path: Path, content: str, message: str
) -> None:
    before = ok(runner, "quantities", "--format", "toml")
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["quantities", "load", str(path)])
    assert (result.exit_code, result.stderr) == (1, "Error: " + message.format(path=path) + "\n")
    assert ok(runner, "quantities", "--format", "toml") == before


def _ferry_story(folder: Path, day: str, sentence: str) -> Path:
    path = folder / f"story-{day}.txt"
    path.write_text(f"outlet: Coast News\ndate: 2020-04-{day}\n---\n{sentence}\n", encoding="utf-8")
    return path


def _proposals(runner: CliRunner) -> list[tuple[str, str, int]]:
    listed = json.loads(ok(runner, "quantities", "--proposed", "-f", "json"))
    return [(q["key"], q["label"], q["claims"]) for q in listed]


def _two_alike_stories(runner: CliRunner, folder: Path) -> str:
    """Ingest two stories counting cancelled ferries; the key of the proposal they make."""
    for day, figure in (("01", "About 40"), ("02", "Some 55")):
        sentence = f"{figure} ferries were cancelled because of the storm, the port said."
        ok(runner, "ingest", str(_ferry_story(folder, day, sentence)))
    [(key, _, _)] = _proposals(runner)
    return key


def test_regrouping_keeps_a_proposal_whose_claims_did_not_change(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    key = _two_alike_stories(runner, tmp_path)
    ok(runner, "quantity", "rename", key, "--label", "Storm cancellations")
    unrelated = "The council said 12 buses broke down on the coast road."
    ok(runner, "ingest", str(_ferry_story(tmp_path, "03", unrelated)))
    assert _proposals(runner) == [(key, "Storm cancellations", 2)]  # untouched, rename kept
    ok(runner, "ingest", str(_ferry_story(
        tmp_path, "04", "Nearly 70 ferries were cancelled because of the storms, the port said."
    )))  # fmt: skip
    assert _proposals(runner) == [("proposed-ferries-cancelled", "ferries cancelled", 3)]


def test_a_persons_link_to_a_proposal_survives_regrouping(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    key = _two_alike_stories(runner, tmp_path)
    ok(runner, "ingest", str(_ferry_story(
        tmp_path, "03", "Harbour staff counted 9 cancelled sailings."
    )))  # fmt: skip
    sailings = next(
        c["id"] for c in json.loads(ok(runner, "claims", "-f", "json")) if c["figure"] == "9"
    )
    ok(runner, "link", str(sailings), key)
    ok(runner, "ingest", str(_ferry_story(
        tmp_path, "04", "Nearly 70 ferries were cancelled because of the storms, the port said."
    )))  # fmt: skip
    claims = {c["id"]: c for c in json.loads(ok(runner, "claims", "-f", "json"))}
    assert claims[sailings]["quantity"] == key  # the person's link holds
    assert key in {k for k, _, _ in _proposals(runner)}
