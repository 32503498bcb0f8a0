"""Knowledge benchmark: BM25-only, dense-only and hybrid side by side.

Prints hit@1, hit@3, refusal accuracy and query latency p50/p95 on the eval set and the
held-out set, over the
built-in knowledge base and over the built-in one plus a generated corpus of --chunks passages;
ingest speed (first ingest and unchanged re-ingest), peak RSS of each phase, and the time of a
cold `vonkje ask`. Each phase runs in its own process so its peak RSS is its own.

    python tests/bench/bench_knowledge.py                # full run, 10,000 generated chunks
    python tests/bench/bench_knowledge.py --chunks 500   # quick look
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL_SETS = {
    "eval": ROOT / "tests" / "eval" / "kennisbank.jsonl",
    "held-out": ROOT / "tests" / "eval" / "kennisbank_heldout.jsonl",  # never tuned on
}
MODES = ("bm25", "dense", "hybrid")

WORDS = {
    "locatie": ["Utrecht", "Zwolle", "Den Haag", "Groningen", "Arnhem", "Leeuwarden", "Delft"],
    "team": [
        "schoonmaakploeg",
        "cateringteam",
        "receptie",
        "beveiliging",
        "postkamer",
        "groenonderhoud",
        "facilitair team",
    ],
    "onderwerp": [
        "roosters",
        "werkkleding",
        "inwerkschema",
        "pauzeruimte",
        "sleutelbeheer",
        "afvalscheiding",
        "glasbewassing",
        "koffiecorner",
        "vergaderzalen",
    ],
    "actie": ["besproken", "aangepast", "geëvalueerd", "ingepland", "vastgelegd", "verbeterd"],
}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate_corpus(folder: Path, chunks: int, seed: int = 7) -> None:
    """Files of 20 short sections; each section becomes one passage."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    per_file = 20
    for number in range(chunks // per_file):
        lines = [f"# Werkverslag {number} {rng.choice(WORDS['locatie'])}", ""]
        for section in range(per_file):
            pick = {k: rng.choice(v) for k, v in WORDS.items()}
            lines += [
                f"## Week {section + 1}: {pick['onderwerp']}",
                f"De {pick['team']} in {pick['locatie']} heeft de {pick['onderwerp']} "
                f"{pick['actie']}. Er waren {rng.randint(2, 40)} collega's bij het overleg op "
                f"dag {rng.randint(1, 28)}. Afspraak: de {pick['onderwerp']} worden over "
                f"{rng.randint(1, 9)} weken opnieuw {pick['actie']} door de {pick['team']}.",
                "",
            ]
        (folder / f"verslag-{number:04d}.md").write_text("\n".join(lines), encoding="utf-8")


def _kb(data_dir: Path):
    from knowledge.base import KnowledgeBase

    return KnowledgeBase.open(data_dir)


def phase(name: str, data_dir: Path, corpus: Path, mode: str) -> dict:
    from knowledge.evaluation import evaluate, read_cases

    started = time.perf_counter()
    if name == "builtin-ingest":
        kb = _kb(data_dir)
        records = kb.sources()
        chunks = sum(r.chunks for r in records)
        seconds = time.perf_counter() - started
        return {"chunks": chunks, "seconds": seconds, "chunks_per_s": chunks / seconds}
    if name in ("big-ingest", "big-reingest"):
        kb = _kb(data_dir)
        started = time.perf_counter()
        report = kb.ingest([corpus])
        seconds = time.perf_counter() - started
        return {
            "chunks": report.chunks,
            "files": len(report.added) + len(report.unchanged),
            "unchanged": len(report.unchanged),
            "seconds": seconds,
            "chunks_per_s": report.chunks / seconds if report.chunks else None,
        }
    if name == "eval":
        kb = _kb(data_dir)
        reports = {
            label: evaluate(kb, read_cases(path), mode=mode) for label, path in EVAL_SETS.items()
        }
        return {
            label: report.to_dict() | {"misses": len(report.misses)}
            for label, report in reports.items()
        }
    raise ValueError(name)


def run_phase(name: str, data_dir: Path, corpus: Path, mode: str = "hybrid") -> dict:
    output = subprocess.run(
        [
            sys.executable,
            __file__,
            "--phase",
            name,
            "--data-dir",
            str(data_dir),
            "--corpus",
            str(corpus),
            "--mode",
            mode,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def cold_ask(data_dir: Path, repeats: int = 3) -> float:
    times = []
    vonkje = Path(sys.executable).parent / "vonkje"
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(
            [str(vonkje), "--data-dir", str(data_dir), "ask", "--json", "Wat is de PSO?"],
            capture_output=True,
            check=True,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--phase")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--mode", default="hybrid")
    args = parser.parse_args()
    if args.phase:
        result = phase(args.phase, args.data_dir, args.corpus, args.mode)
        print(json.dumps(result | {"peak_rss_mb": round(peak_rss_mb(), 1)}))
        return

    work = Path(tempfile.mkdtemp(prefix="vonkje-bench-"))
    small, big, corpus = work / "small", work / "big", work / "corpus"
    generate_corpus(corpus, args.chunks)
    results: dict = {"chunks_requested": args.chunks}
    print(f"working in {work}", file=sys.stderr)
    results["builtin_ingest"] = run_phase("builtin-ingest", small, corpus)
    results["cold_ask_s"] = cold_ask(small)
    results["builtin"] = {m: run_phase("eval", small, corpus, m) for m in MODES}
    run_phase("builtin-ingest", big, corpus)
    results["big_ingest"] = run_phase("big-ingest", big, corpus)
    results["big_reingest"] = run_phase("big-reingest", big, corpus)
    results["big"] = {m: run_phase("eval", big, corpus, m) for m in MODES}
    results["reingest_speedup"] = (
        results["big_ingest"]["seconds"] / results["big_reingest"]["seconds"]
    )
    print_table(results)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))


def print_table(r: dict) -> None:
    print(
        f"\nbuilt-in ingest: {r['builtin_ingest']['chunks']} passages in "
        f"{r['builtin_ingest']['seconds']:.1f} s ({r['builtin_ingest']['chunks_per_s']:.1f}/s), "
        f"peak RSS {r['builtin_ingest']['peak_rss_mb']:.0f} MB"
    )
    print(f"cold `vonkje ask` (index ready): {r['cold_ask_s']:.2f} s")
    big, again = r["big_ingest"], r["big_reingest"]
    print(
        f"generated corpus: {big['chunks']} passages in {big['seconds']:.0f} s "
        f"({big['chunks_per_s']:.1f}/s), peak RSS {big['peak_rss_mb']:.0f} MB; unchanged "
        f"re-ingest {again['seconds']:.2f} s = {r['reingest_speedup']:.0f}× faster"
    )
    header = (
        f"{'corpus':10} {'set':8} {'mode':7} {'hit@1':>6} {'hit@3':>6} {'direct':>6} {'para':>6} "
        f"{'refusal':>7} {'p50 ms':>7} {'p95 ms':>7} {'RSS MB':>7}"
    )
    print("\n" + header)
    for corpus in ("builtin", "big"):
        for label in EVAL_SETS:
            for mode in MODES:
                e = r[corpus][mode][label]
                print(
                    f"{corpus:10} {label:8} {mode:7} {e['hit_at_1']:6.3f} {e['hit_at_3']:6.3f} "
                    f"{e['hit_at_3_direct']:6.3f} {e['hit_at_3_paraphrase']:6.3f} "
                    f"{e['refusal_accuracy']:7.3f} {e['p50_ms']:7.1f} {e['p95_ms']:7.1f} "
                    f"{r[corpus][mode]['peak_rss_mb']:7.0f}"
                )


if __name__ == "__main__":
    main()
