"""Progress parser benchmark: per-field accuracy on the message sets of tests/eval.

Each set was written by a helper who saw no code (tests/eval/README.md). A field counts as
right when the parser's value equals the expected one; a field the expected answer says to
ask about counts as right when the parser asks about it (and only then). Prints one row per
set and field, then (with --misses) every miss of the sets tuned on.

    python tests/bench/bench_parser.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.domain.progress_parser import parse_progress  # noqa: E402

SETS = {  # tests/eval/README.md says which set drove which choice
    "dev (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten.jsonl",
    # a second set written blind, mostly about starts (figures only, no notes)
    "dev 2 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev2.jsonl",
    # a third, written blind for the fourth round: starts and hours in many shapes
    "dev 3 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev3.jsonl",
    # a fourth: every field, mixed messages as in the first, for the fifth round
    "dev 4 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev4.jsonl",
    # a fifth: every field, most about starts worded in many ways, for the sixth round
    "dev 5 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev5.jsonl",
    # a sixth: check-in replies of 25 participants, each with their own habits
    "dev 6 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev6.jsonl",
    # a seventh: every field, 110 of 200 about starts or what only looks like one (12-02)
    "dev 7 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev7.jsonl",
    # an eighth: 200 with 130 about starts, told in passing, by name, as a total (12-02)
    "dev 8 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev8.jsonl",
    # a ninth: 200 as ordinary traffic is mixed, 90 with starts (12-02, afternoon)
    "dev 9 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev9.jsonl",
    # a tenth: 200 from 32 senders with their own styles over six months (12-02, afternoon)
    "dev 10 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev10.jsonl",
    # an eleventh: 200, 113 with starts worded anew each time (12-02, afternoon)
    "dev 11 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev11.jsonl",
    # a twelfth: 150 mixed as everyday traffic (12-02, afternoon)
    "dev 12 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev12.jsonl",
    # a thirteenth: 150 of every kind, as a first real week of use (12-02, afternoon)
    "dev 13 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev13.jsonl",
    # a fourteenth: 200, 99 with starts, 29 that only look like one, 42 English (12-02, evening)
    "dev 14 (tuned on)": ROOT / "tests" / "eval" / "voortgang_berichten_dev14.jsonl",
    "held-out": ROOT / "tests" / "eval" / "voortgang_berichten_heldout.jsonl",
    # a second held-out set, by yet another helper (2026-12-01, late)
    "held-out 2": ROOT / "tests" / "eval" / "voortgang_berichten_heldout2.jsonl",
}
FIELDS = (
    "started",
    "ended",
    "internships",
    "candidates",
    "hours",
    "knelpunt",
    "knelpunt_solved",
    "lesson",
    "activity",
    "ask",
)


def observed(text: str) -> dict:
    """The parser's reading in the set's terms."""
    got = parse_progress(text)
    return {
        "started": 0 if "started" in got.ask else got.jobs_realised,
        "ended": 0 if "ended" in got.ask else got.jobs_ended,
        "internships": 0 if "internships" in got.ask else got.internships,
        "candidates": None if "candidates" in got.ask else got.candidates,
        "hours": None if "hours" in got.ask else got.hours,
        "knelpunt": got.obstacles is not None,
        "knelpunt_solved": got.solved,
        "lesson": got.lesson is not None,
        "activity": got.activity is not None,
        "ask": sorted(got.ask),
    }


def right(field: str, expected, got) -> bool:
    if field == "knelpunt_solved":  # the topic word is free text: right when both say solved
        return (expected is None) == (got is None)
    if field == "hours" and expected is not None and got is not None:
        return abs(float(expected) - float(got)) < 0.01
    if field == "ask":
        return sorted(expected) == got
    return expected == got


def score(path: Path) -> tuple[dict[str, float], list[str], int]:
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    fields = [f for f in FIELDS if f in cases[0]]  # a set may label only the figures
    hits = dict.fromkeys(fields, 0)
    misses = []
    for case in cases:
        got = observed(case["text"])
        for field in fields:
            if right(field, case[field], got[field]):
                hits[field] += 1
            else:
                misses.append(
                    f"{case['id']} {field}: expected {case[field]!r}, got {got[field]!r}"
                    f" — {case['text'][:90]}"
                )
    return {f: hits[f] / len(cases) for f in fields}, misses, len(cases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the tuning sets' misses")
    parser.add_argument("--dev-only", action="store_true", help="the tuning set only")
    args = parser.parse_args()
    for label, path in SETS.items():
        if args.dev_only and not label.startswith("dev"):
            continue
        if not path.exists():
            print(f"{label}: {path.name} missing")
            continue
        start = time.perf_counter()
        accuracy, misses, count = score(path)
        per_message = (time.perf_counter() - start) / count * 1000
        print(f"\n{label}: {path.name}, {count} messages, {per_message:.2f} ms per message")
        for field, value in accuracy.items():
            mark = "" if value >= 0.95 else "   < 0.95"
            print(f"  {field:16} {value:.3f}{mark}")
        if args.misses and label.startswith("dev"):  # a held-out miss is never read
            print("  misses:")
            for miss in misses:
                print("   ", miss)


if __name__ == "__main__":
    main()
