"""The command-line contract that scripts rely on."""

import json

import pytest


@pytest.fixture
def run(vonkje):
    return vonkje


def test_ask_json_contract(run):
    result = run("ask", "--json", "Wat is de PSO?")
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert set(row) == {"question", "answered", "answer", "sources", "ms"}
    assert row["answered"] is True and row["question"] == "Wat is de PSO?"
    assert set(row["sources"][0]) == {"title", "source", "section", "text", "score"}
    assert row["sources"][0]["source"].startswith("http")
    assert isinstance(row["ms"], float)


def test_ask_json_reads_stdin_one_line_per_question(run):
    result = run("ask", "--json", input="Wat is de PSO?\n\nWat is de hoofdstad van Australië?\n")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["answered"] for r in rows] == [True, False]
    assert rows[1]["sources"] == []


def test_ask_prints_answer_and_sources(run):
    result = run("ask", "Wat is een no-riskpolis?")
    assert result.exit_code == 0
    assert "[1]" in result.output and "Bronnen:" in result.output and "stand per" in result.output


@pytest.mark.parametrize(
    "args",
    [["ask", ""], ["ask", "--mode", "magie", "x"], ["nietbestaand"], ["eval"], ["ingest"]],
)
def test_bad_usage_exits_2_with_message(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Error" in result.output


def test_ingest_sources_forget(run, tmp_path):
    doc = tmp_path / "kantine.md"
    doc.write_text("# Kantine\n\n## Bezetting\nDe kantine draait met drie leerlingen.", "utf-8")
    (tmp_path / "kapot.pdf").write_bytes(b"%PDF-1.4 kapot")
    result = run("ingest", str(doc), str(tmp_path / "kapot.pdf"))
    assert result.exit_code == 0
    assert "1 toegevoegd" in result.output and "1 overgeslagen" in result.output
    assert "kapot.pdf" in result.output
    again = run("ingest", str(doc))
    assert "1 ongewijzigd" in again.output
    listed = run("sources", "--json")
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert {"Kantine"} <= {r["title"] for r in rows}
    assert any(r["source"].startswith("vonkje:kennisbank/") for r in rows)
    kantine = next(r for r in rows if r["title"] == "Kantine")
    assert (kantine["kind"], kantine["added_via"]) == ("file", "cli")
    assert kantine["added_by"] and kantine["added_at"]
    builtin = next(r for r in rows if r["kind"] == "builtin")
    assert builtin["added_via"] is None
    plain = run("sources").output
    assert "toegevoegd door" in plain and "met vonkje ingest" in plain and "ingebouwd" in plain
    assert run("forget", str(doc)).exit_code == 0
    assert run("forget", str(doc)).exit_code == 1
    listed = run("sources", "--json")
    assert "Kantine" not in {json.loads(line)["title"] for line in listed.output.splitlines()}


def test_every_change_from_the_terminal_is_logged(run, tmp_path, data_dir):
    from storage import knowledge_log
    from storage.db import open_database

    doc = tmp_path / "kantine.md"
    doc.write_text("# Kantine\n\nDe kantine draait met drie leerlingen.", "utf-8")
    run("ingest", str(doc))
    doc.write_text("# Kantine\n\nDe kantine draait met vier leerlingen.", "utf-8")
    run("ingest", str(doc))
    run("forget", str(doc))
    db = open_database(data_dir / "vonkje.sqlite")
    changes = knowledge_log.changes(db)
    assert [(c.action, c.via, c.title) for c in changes] == [
        ("removed", "cli", "Kantine"),
        ("replaced", "cli", "Kantine"),
        ("added", "cli", "Kantine"),
    ]
    assert knowledge_log.origins(db) == {}  # removed: no origin left


def test_eval_prints_metrics(run, tmp_path):
    cases = tmp_path / "set.jsonl"
    cases.write_text(
        '{"q": "Wat is de PSO?", "expect": ["Prestatieladder"]}\n'
        '{"q": "Wat is de hoofdstad van Australië?"}\n',
        "utf-8",
    )
    result = run("eval", str(cases), "--json")
    report = json.loads(result.output)
    assert report["hit_at_3"] == 1.0 and report["refusal_accuracy"] == 1.0
    assert report["questions"] == 2 and report["p95_ms"] > 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text("geen json\n", "utf-8")
    assert run("eval", str(bad)).exit_code == 2


def test_ask_prints_no_third_party_log_lines(tmp_path, data_dir):
    """bm25s sets its own logger to DEBUG; chromadb and httpx log at INFO. None of it shows."""
    import subprocess
    import sys
    from pathlib import Path

    vonkje = Path(sys.executable).parent / "vonkje"
    done = subprocess.run(
        [str(vonkje), "--data-dir", str(data_dir), "ask", "Wat is de PSO?"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert "Prestatieladder" in done.stdout
    assert done.stderr.strip() == ""
