"""`perfcode import people`: units inferred, updates in place, refusals by row, pruning."""

from __future__ import annotations

from pathlib import Path

from process_support import PEOPLE_CSV, Cli, located, replace, tree


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_new_people_and_units_are_written(started: Path, people_csv: Path, cli: Cli) -> None:
    run = cli("--root", started, "import", "people", people_csv, "--today", "2026-01-05")
    assert run.code == 0, run.err
    assert run.out_lines == [
        "add bob-brown (row 3)",
        "add cara-diaz (row 4)",
        "add dan-evans (row 5)",
        "add eve-fox (row 6)",
        "add unit engineering (head bob-brown, parent acme-gauges)",
        "add unit firmware (head cara-diaz, parent engineering)",
        "add promotion group engineering-promotion (lead bob-brown) to org/governance.yaml",
        "update .github/CODEOWNERS",
        "4 added, 0 changed, 1 unchanged",
    ]
    assert (started / "org/units/firmware.yaml").read_text(encoding="utf-8") == (
        "# Created by `perfcode import people`: give the unit its real name.\n"
        "id: firmware\nname: Firmware\nparent: engineering\nhead: cara-diaz\n"
    )
    assert (started / "org/people/dan-evans.yaml").read_text(encoding="utf-8") == (
        "# Imported by `perfcode import people`.\n"
        "id: dan-evans\nname: Dan Evans\nemail: dan@acme.example\ngithub: dane\nunit: firmware\n"
        "position: specialist\nmanager: cara-diaz\nclass: professional\n"
    )
    governance = (started / "org/governance.yaml").read_text(encoding="utf-8")
    assert (
        "promotion_groups:                         # one per department: {id, name, unit, lead, members}\n"
        "  - id: engineering-promotion\n    name: Engineering promotion group\n    unit: engineering\n"
        "    lead: bob-brown\n    members: []\n"
    ) in governance
    checked = cli("--root", started, "check", "--today", "2026-01-05")
    assert (checked.code, checked.out) == (0, "16 files checked: no findings\n")
    assert "/goals/*/people/dan-evans.yaml @carad" in (started / ".github/CODEOWNERS").read_text(
        encoding="utf-8"
    )


def test_a_change_keeps_the_rest_of_the_file(imported: Path, tmp_path: Path, cli: Cli) -> None:
    replace(imported, "org/people/eve-fox.yaml", "github: evef\n", "github: evef  # her own account\n")
    moved = PEOPLE_CSV.replace("eve@acme.example,evef,firmware", "eve.fox@acme.example,evef,engineering")
    run = cli("--root", imported, "import", "people", _csv(tmp_path, moved), "--today", "2026-01-05")
    assert run.out_lines == [
        "change eve-fox (row 6): email eve@acme.example -> eve.fox@acme.example; unit firmware -> engineering;"
        " from 2026-01-05",
        "0 added, 1 changed, 4 unchanged",
    ]
    assert (imported / "org/people/eve-fox.yaml").read_text(encoding="utf-8") == (
        "# Imported by `perfcode import people`.\n"
        "id: eve-fox\nname: Eve Fox\nemail: eve.fox@acme.example\ngithub: evef  # her own account\n"
        "unit: engineering\nposition: specialist\nmanager: cara-diaz\nclass: professional\n"
        'history:\n  - {until: "2026-01-04", unit: firmware}\n'
    )


def test_moves_are_dated_and_leavers_marked(imported: Path, tmp_path: Path, cli: Cli) -> None:
    dated = PEOPLE_CSV.replace("\n", ",,\n").replace(
        "id,name,email,github,unit,position,manager,class,,",
        "id,name,email,github,unit,position,manager,class,effective,left",
    )
    moved = dated.replace(
        "eve@acme.example,evef,firmware,specialist,cara-diaz,professional,,",
        "eve@acme.example,evef,engineering,specialist,cara-diaz,professional,2026-02-01,",
    )
    moved = moved.replace(
        "dan@acme.example,dane,firmware,specialist,cara-diaz,professional,,",
        "dan@acme.example,dane,firmware,specialist,cara-diaz,professional,,2026-03-31",
    )
    run = cli("--root", imported, "import", "people", _csv(tmp_path, moved), "--today", "2026-01-05")
    assert run.out_lines[:2] == [
        "change dan-evans (row 5): left on 2026-03-31",
        "change eve-fox (row 6): unit firmware -> engineering; from 2026-02-01",
    ]
    assert (
        (imported / "org/people/eve-fox.yaml")
        .read_text(encoding="utf-8")
        .endswith('class: professional\nhistory:\n  - {until: "2026-01-31", unit: firmware}\n')
    )
    assert 'class: professional\nleft: "2026-03-31"\n' in (imported / "org/people/dan-evans.yaml").read_text(
        encoding="utf-8"
    )
    earlier = moved.replace("2026-02-01", "2026-01-15")
    refused = cli("--root", imported, "import", "people", _csv(tmp_path, earlier), "--today", "2026-01-05")
    assert refused.code == 1
    assert (
        "row 6: effective 2026-01-15 is not after the last recorded move of 'eve-fox' (2026-01-31)"
        in refused.err
    )


def test_bad_rows_are_refused_with_their_numbers_and_nothing_changes(
    imported: Path, tmp_path: Path, cli: Cli
) -> None:
    bad = PEOPLE_CSV + (
        "gus-gray,Gus Gray,gus-at-acme,gusg,firmware,specialist,cara-diaz,professional\n"
        "hal-hill,Hal Hill,hal@acme.example,halh,firmware,specialist,nobody,professional\n"
        "ida-ives,Ida Ives,ida@acme.example,idai,firmware,wizard,cara-diaz,professionel\n"
        "jo-jones,Jo Jones,jo@acme.example,joj,firmware,specialist,kim-king,professional\n"
        "kim-king,Kim King,kim@acme.example,kimk,firmware,specialist,jo-jones,professional\n"
        "dan-evans,Dan Again,dan2@acme.example,dan2,firmware,specialist,cara-diaz,professional\n"
        "lu-lee,Lu Lee,lu@acme.example,lul,firmware,specialist,,professional\n"
    )
    before = tree(imported)
    run = cli("--root", imported, "import", "people", _csv(tmp_path, bad), "--today", "2026-01-05")
    name = tmp_path / "export.csv"
    assert run.code == 1
    assert run.out == ""
    assert run.err_lines == [
        f"{name}: rows 2, 13: more than one person has no manager (ada-lovelace, lu-lee); only the president has none",
        f"{name}: rows 5, 12: id 'dan-evans' is used by more than one row",
        f"{name}: row 7: 'gus-at-acme' is not an e-mail address",
        f"{name}: row 8: unknown manager 'nobody'",
        f"{name}: row 9: unknown class 'professionel'; did you mean 'professional'?",
        f"{name}: row 9: unknown position 'wizard'; add org/positions/wizard.yaml first",
        f"{name}: rows 10, 11: the managers loop: jo-jones -> kim-king -> jo-jones",
        "perfcode import people: 7 problem(s); nothing was changed",
    ]
    assert tree(imported) == before


def test_missing_people_are_marked_as_leavers_only_with_prune(
    imported: Path, tmp_path: Path, cli: Cli
) -> None:
    without_eve = _csv(tmp_path, PEOPLE_CSV.replace(PEOPLE_CSV.splitlines()[-1] + "\n", ""))
    kept = cli("--root", imported, "import", "people", without_eve, "--today", "2026-01-05")
    assert kept.out_lines[-2:] == [
        "not in the file (--prune marks them as left): eve-fox",
        "0 added, 0 changed, 4 unchanged",
    ]
    before = (imported / "org/people/eve-fox.yaml").read_text(encoding="utf-8")
    dry = cli(
        "--root", imported, "import", "people", without_eve, "--prune", "--dry-run", "--today", "2026-01-05"
    )
    assert dry.out_lines == [
        "would mark eve-fox as left",
        "0 added, 0 changed, 4 unchanged, 1 left (dry run: nothing written)",
    ]
    assert (imported / "org/people/eve-fox.yaml").read_text(encoding="utf-8") == before
    pruned = cli("--root", imported, "import", "people", without_eve, "--prune", "--today", "2026-01-05")
    assert pruned.out_lines == [
        "mark eve-fox as left",
        "0 added, 0 changed, 4 unchanged, 1 left",
    ]
    assert (imported / "org/people/eve-fox.yaml").read_text(
        encoding="utf-8"
    ) == before + 'left: "2026-01-04"\n'
    again = cli("--root", imported, "import", "people", without_eve, "--prune", "--today", "2026-02-05")
    assert again.out_lines == ["0 added, 0 changed, 4 unchanged, 0 left"]


def test_an_import_that_breaks_a_reference_is_refused(imported: Path, tmp_path: Path, cli: Cli) -> None:
    rows = [line for line in PEOPLE_CSV.splitlines() if not line.startswith("ada-lovelace,")]
    without_ada = _csv(
        tmp_path, "\n".join(rows).replace("department-head,ada-lovelace", "department-head,") + "\n"
    )
    before = tree(imported)
    run = cli("--root", imported, "import", "people", without_ada, "--prune", "--today", "2026-01-05")
    assert run.code == 1
    assert located(run.err_lines[:-1]) == [
        "org/company.yaml:4:1: PC110",
        "org/governance.yaml:9:3: PC110",
        "org/governance.yaml:26:3: PC110",
        "org/units/acme-gauges.yaml:4:1: PC110",
    ]
    assert (
        run.err_lines[-1]
        == "perfcode import people: the import would break the checks above; nothing was changed"
    )
    assert tree(imported) == before


def test_people_without_a_github_account_are_imported(imported: Path, tmp_path: Path, cli: Cli) -> None:
    """A shift worker has no GitHub account: the file has no handle, their goals go to their
    manager as always, and the check has nothing to say."""
    fay = "fay-gold,Fay Gold,fay@acme.example,,firmware,technician,cara-diaz,operator\n"
    export = _csv(tmp_path, PEOPLE_CSV + fay)
    run = cli("--root", imported, "import", "people", export, "--today", "2026-01-05")
    assert (run.code, run.out_lines[0]) == (0, "add fay-gold (row 7)")
    assert (imported / "org/people/fay-gold.yaml").read_text(encoding="utf-8") == (
        "# Imported by `perfcode import people`.\n"
        "id: fay-gold\nname: Fay Gold\nemail: fay@acme.example\nunit: firmware\n"
        "position: technician\nmanager: cara-diaz\nclass: operator\n"
    )
    assert "/goals/*/people/fay-gold.yaml @carad" in (imported / ".github/CODEOWNERS").read_text(
        encoding="utf-8"
    )
    checked = cli("--root", imported, "check", "--today", "2026-01-05")
    assert (checked.code, checked.out) == (0, "17 files checked: no findings\n")
    again = cli("--root", imported, "import", "people", export, "--today", "2026-01-05")
    assert again.out_lines == ["0 added, 0 changed, 6 unchanged"]
    gone = PEOPLE_CSV.replace("eve@acme.example,evef,", "eve@acme.example,,") + fay
    run = cli("--root", imported, "import", "people", _csv(tmp_path, gone), "--today", "2026-01-05")
    assert run.out_lines[0] == "change eve-fox (row 6): github evef -> none"
    assert "github" not in (imported / "org/people/eve-fox.yaml").read_text(encoding="utf-8")
