"""Scoring the knowledge base on a question set: retrieval hits, answers, refusals, latency."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from .ranking import RelevanceThresholds, is_relevant


@dataclass(frozen=True)
class EvalCase:
    question: str
    expect: tuple[str, ...]  # empty: out of scope, the answer must be a refusal
    paraphrase: bool = False  # shares no content word with its answer

    @property
    def in_scope(self) -> bool:
        return bool(self.expect)


@dataclass(frozen=True)
class EvalReport:
    mode: str
    questions: int
    in_scope: int
    out_of_scope: int
    hit_at_1: float
    hit_at_3: float
    answer_accuracy: float
    refusal_accuracy: float
    false_refusals: int
    p50_ms: float
    p95_ms: float
    hit_at_3_direct: float = 0.0
    hit_at_3_paraphrase: float = 0.0
    misses: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)


def read_cases(path: Path) -> list[EvalCase]:
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            cases.append(
                EvalCase(row["q"], tuple(row.get("expect") or ()), bool(row.get("paraphrase")))
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise ValueError(
                f"{path}:{number}: not a {{'q': ..., 'expect': [...]}} line"
            ) from error
    return cases


def _contains(texts: Iterable[str], expect: Sequence[str]) -> bool:
    folded = [t.lower() for t in texts]
    return any(e.lower() in t for e in expect for t in folded)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def evaluate(kb, cases: Sequence[EvalCase], *, mode: str = "hybrid") -> EvalReport:
    """Run every case through find + compose (as `vonkje ask` does) and score it."""
    kb.find("warm-up", mode=mode)  # the first query pays for building the BM25 view
    latencies, hit1, hit3, answered_right, refused_right, false_refusals = [], 0, 0, 0, 0, 0
    misses = []
    hits_by_kind: dict[bool, list[bool]] = {True: [], False: []}
    for case in cases:
        started = time.perf_counter()
        finding = kb.find(case.question, mode=mode)
        answer = kb.compose(finding)
        latencies.append((time.perf_counter() - started) * 1000)
        # hit@k is about retrieval: the top passages, whether or not the answer quotes them
        cited = [p.chunk.text for p in finding.passages] if answer.answered else []
        if not case.in_scope:
            refused_right += not answer.answered
            if answer.answered:
                misses.append(f"answered out-of-scope: {case.question}")
            continue
        false_refusals += not answer.answered
        hit1 += _contains(cited[:1], case.expect)
        hit3 += _contains(cited[:3], case.expect)
        hits_by_kind[case.paraphrase].append(_contains(cited[:3], case.expect))
        in_answer = answer.answered and _contains([answer.text], case.expect)
        answered_right += in_answer
        if not _contains(cited[:3], case.expect):
            misses.append(f"{'refused' if not answer.answered else 'missed'}: {case.question}")
        elif not in_answer:
            misses.append(f"found, not in the answer: {case.question}")
    in_scope = sum(c.in_scope for c in cases)
    out_scope = len(cases) - in_scope
    return EvalReport(
        mode=mode,
        questions=len(cases),
        in_scope=in_scope,
        out_of_scope=out_scope,
        hit_at_1=hit1 / max(in_scope, 1),
        hit_at_3=hit3 / max(in_scope, 1),
        answer_accuracy=answered_right / max(in_scope, 1),
        refusal_accuracy=refused_right / max(out_scope, 1),
        false_refusals=false_refusals,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        hit_at_3_direct=sum(hits_by_kind[False]) / max(len(hits_by_kind[False]), 1),
        hit_at_3_paraphrase=sum(hits_by_kind[True]) / max(len(hits_by_kind[True]), 1),
        misses=tuple(misses),
    )


def sweep_thresholds(
    kb, cases: Sequence[EvalCase]
) -> list[tuple[RelevanceThresholds, float, float]]:
    """Refusal accuracy and in-scope answer rate for a grid of thresholds, best first."""
    findings = [(case, kb.find(case.question)) for case in cases]
    results = []
    for margin in [x / 1000 for x in range(-30, 55, 5)]:
        for floor in [x / 100 for x in range(78, 90)]:
            t = replace(kb.thresholds, margin=margin, floor=floor)
            decisions = [(case, is_relevant(f.evidence, t)) for case, f in findings]
            inside = [d for c, d in decisions if c.in_scope]
            outside = [not d for c, d in decisions if not c.in_scope]
            results.append(
                (t, sum(outside) / max(len(outside), 1), sum(inside) / max(len(inside), 1))
            )
    results.sort(key=lambda r: (min(r[1], r[2]), r[1] + r[2]), reverse=True)
    return results
