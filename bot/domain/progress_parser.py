"""Reading a progress update (jobs, candidates, internships, step) from Dutch or English text.

Pure logic: rule-based on purpose, so a coordinator can predict what Vonkje will record and
the bot can ask for confirmation instead of guessing silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

STEPS: tuple[str, ...] = (
    "kennismaking",
    "intentieverklaring",
    "locatie in kaart",
    "werkprocessen gekozen",
    "kandidaten geworven",
    "proefplaatsing",
    "eerste plaatsing",
    "duurzame plaatsing",
    "borging in aanbesteding",
)
MAX_COUNT = 10_000
WINDOW = 6  # tokens after a number in which its noun/verb may stand ("2 mensen met X geplaatst")
MAX_CLAUSE = 300


@dataclass(frozen=True)
class ParsedProgress:
    jobs_realised: int = 0
    candidates: int = 0
    internships: int = 0
    step: str | None = None
    obstacles: str | None = None
    next_step: str | None = None
    recognised: bool = False
    problems: tuple[str, ...] = ()


# --- numbers -------------------------------------------------------------------------------
_NL = "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien"
_NL += " zestien zeventien achttien negentien twintig"
_EN = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_EN += " sixteen seventeen eighteen nineteen twenty"
_TENS = ["twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"]
_WORDS = {w: i for words in (_NL, _EN) for i, w in enumerate(words.split(), start=1)}
_WORDS |= {"één": 1, "eén": 1, "honderd": 100} | {t: 20 + 10 * i for i, t in enumerate(_TENS)}
# "vijfentwintig", "tweeëntwintig": the diaeresis appears after a vowel, accept both spellings.
_WORDS |= {
    f"{u}{j}{t}": _WORDS[u] + _WORDS[t]
    for u in _NL.split()[:9]
    for t in _TENS
    for j in ("en", "ën")
}

# "een" is nearly always the article. It only counts as 1 directly before a job/candidate/
# internship noun, optionally after one adjective ("een nieuwe collega", "een stageplek"),
# never before an event noun ("een gesprek met de inkoper", "een contract met de gemeente").
# Accented "één"/"eén" is always the numeral; "een is aangenomen" is therefore not counted.
_ARTICLE_ADJ = {"nieuwe", "extra", "vaste", "betaalde", "echte", "goede", "eerste", "tweede"}
# A number followed by one of these measures something else ("twee weken", "15 maart").
_UNIT_NOUNS = re.compile(
    r"(weken|week|dagen|dag|maanden|maand|jaar|jaren|uur|uren|minuten|keer|procent|%|euro|weeks?"
    r"|days?|months?|years?|hours?|times|percent|januari|februari|maart|april|mei|juni|juli"
    r"|augustus|september|oktober|november|december)"
)
_CONJ = {"en", "maar", "waarvan", "of", "want", "terwijl", "and", "but", "or"}
# A dropout or a negation in the window means the number is not progress.
_UNDO = {"niet", "not", "uitgevallen", "afgevallen", "gestopt", "afgehaakt", "ontslagen"}


@dataclass(frozen=True)
class _Cue:
    category: str  # 'jobs' | 'candidates' | 'internships'
    verb: bool
    # Consecutive tokens as (negated, regex); a negated part ("!van") only looks ahead.
    pattern: tuple[tuple[bool, re.Pattern[str]], ...]
    article_ok: bool = True


def _cue(cat: str, spec: str, *, verb: bool = False, article_ok: bool = True) -> _Cue:
    parts = tuple((p.startswith("!"), re.compile(p.lstrip("!"))) for p in spec.split())
    return _Cue(cat, verb, parts, article_ok)


_CUES = (
    _cue("jobs", r"nieuwe? (collega|medewerker|werknemer)(s|'s)?"),
    _cue("jobs", r"medewerkers? !van"),  # "medewerkers van de gemeente" describes, not hires
    _cue("jobs", r"baan|banen|baantjes?|dienstverband(en)?|plaatsing(en)?|jobs?|hires?"),
    _cue("jobs", r"(arbeids)?contract(en)?", article_ok=False),
    _cue("jobs", r"geplaatst|aangenomen|hired|placed|employed", verb=True),
    _cue("jobs", r"in dienst", verb=True),
    _cue("jobs", r"aan (de|het) (slag|werk)", verb=True),
    _cue("candidates", r"kandidaat|kandidaten|sollicitant(en)?|werkzoekenden?|candidates?"),
    _cue("candidates", r"applicants?"),
    _cue("candidates", r"(sollicitatie|kennismakings)?gesprek(ken)?", article_ok=False),
    _cue("candidates", r"in beeld", verb=True),
    _cue("candidates", r"voorgedragen|shortlisted", verb=True),
    _cue("internships", r"stage(s|plek|plekken|plaats|plaatsen)?|stagiair(e|s|es)?|internships?"),
    _cue("internships", r"(werkervarings|leerwerk)(plek|plekken|plaats|plaatsen)"),
    _cue("internships", r"proefplaatsing(en)?|bbl-(plek|plekken|plaats|plaatsen)|bbl'?ers?"),
)

_TOKEN = re.compile(
    r"(?P<num>(?:(?<![\w-])-)?(?:\d{1,3}(?:\.\d{3})+|\d+)(?!\d|[-/:.,]\d))"
    r"|(?P<other>\d+(?:[-/:.,]\d+)+)"  # dates, times, decimals: never a count
    r"|(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*|%)"
    r"|(?P<colon>[:=])|(?P<stop>[.,;!?()\n])"
)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int
    value: int = 0
    article: bool = False


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        kind, raw = m.lastgroup or "stop", m.group().lower().replace("’", "'")
        if kind == "num":
            out.append(_Tok("num", raw, m.start(), int(raw.replace(".", ""))))
        elif kind == "word" and raw in _WORDS:
            out.append(_Tok("num", raw, m.start(), _WORDS[raw], article=raw == "een"))
        else:
            out.append(_Tok(kind, raw, m.start()))
    return out


def _cue_starts(toks: list[_Tok]) -> dict[int, tuple[_Cue, int]]:
    """Map token index -> (cue, index of the cue's last token); longest cue wins."""
    found: dict[int, tuple[_Cue, int]] = {}
    for i in range(len(toks)):
        for cue in _CUES:
            j = i
            for neg, rx in cue.pattern:
                ok = j < len(toks) and toks[j].kind == "word" and bool(rx.fullmatch(toks[j].text))
                if neg == ok:
                    break
                j += 0 if neg else 1
            else:
                if j > i and (i not in found or found[i][1] < j - 1):
                    found[i] = (cue, j - 1)
    return found


def _total_of(toks: list[_Tok], i: int) -> int | None:
    """Index of B when toks[i] is A in "A van (de) B"."""
    j = i + 1
    if j >= len(toks) or toks[j].text != "van":
        return None
    j += 2 if j + 1 < len(toks) and toks[j + 1].text in ("de", "het", "onze", "die") else 1
    return j if j < len(toks) and toks[j].kind == "num" and not toks[j].article else None


def _attach(toks: list[_Tok], i: int, cues: dict[int, tuple[_Cue, int]]) -> _Cue | None:
    """The category a number belongs to, or None when it is not a count."""
    tok, nxt = toks[i], toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and _UNIT_NOUNS.fullmatch(nxt.text):
        return None
    if tok.article:
        spots = [i + 1, i + 2] if nxt is not None and nxt.text in _ARTICLE_ADJ else [i + 1]
        if not any(j in cues and not cues[j][0].verb and cues[j][0].article_ok for j in spots):
            return None
    # "3 van de 5 kandidaten zijn aangenomen": the 3 reads past the 5, the 5 stays candidates.
    total = _total_of(toks, i)
    is_total = any(_total_of(toks, a) == i for a in (i - 2, i - 3) if a >= 0)
    found: _Cue | None = None
    start = i + 1 if total is None else total + 1
    for j in range(start, min(len(toks), start + WINDOW)):
        t = toks[j]
        if (
            t.kind in ("stop", "other", "colon")
            or t.text in _CONJ
            or (t.kind == "num" and not t.article)
        ):
            break
        if t.text in _UNDO:
            return None
        cue = cues.get(j, (None, 0))[0]
        if cue is None:
            continue
        # A hired candidate is a job: "twee kandidaten zijn aangenomen".
        hired = found is not None and found.category == "candidates" and cue.category == "jobs"
        if found is None or (hired and cue.verb and not is_total):
            found = cue
    if found is None and not tok.article:  # "aangenomen: 2", "kandidaten 4"
        k = i - 2 if i >= 2 and toks[i - 1].kind == "colon" else i - 1
        found = next((c for c, last in cues.values() if last == k and k >= 0), None)
    return found


# --- clauses -------------------------------------------------------------------------------
_OBSTACLE_AFTER = r"knelpunt(en)?|probleem|problemen|obstakels?|blockers?|issues?|helaas"
_OBSTACLE_AFTER += r"|maar(?! ook)|obstacles?|problems?|unfortunately|but"
_OBSTACLE_IN = (
    r"lastig|moeilijk|stroef|lopen vast|loopt vast|stuck"  # the whole sentence is the obstacle
)
_OBSTACLE = ((_OBSTACLE_AFTER, "after"), (_OBSTACLE_IN, "sentence"))
_NEXT = (
    (r"volgende stap(pen)?|next steps?|(het |the )?plan is", "after"),
    (r"we gaan|gaan we|komende week|next week|we will|we're going to", "from"),
)
_INTENT = re.compile(r"\b(doel|willen|streven|hopen|verwachten|target|goal|aim)\b", re.I)
_NOT_YET = re.compile(r"\b(nog niet|nog geen|not yet)\b", re.I)
_SENT_END = re.compile(r"[!?\n]|\.(?!\d)")
_LEAD = re.compile(r"^[\s:;,–-]*(?:(?:is|zijn|was|waren|dat|that)\b[\s:]*)*", re.I)

Span = tuple[int, int]


def _sentence(text: str, pos: int) -> Span:
    start = max((m.end() for m in _SENT_END.finditer(text, 0, pos)), default=0)
    end = _SENT_END.search(text, pos)
    return start, end.start() if end else len(text)


def _markers(text: str, table: tuple[tuple[str, str], ...]) -> list[tuple[re.Match[str], str]]:
    hits = [(m, mode) for rx, mode in table for m in re.finditer(rf"\b(?:{rx})\b", text, re.I)]
    return sorted(hits, key=lambda h: h[0].start())


def _clause(text: str, own: tuple, other: tuple) -> tuple[str | None, list[Span]]:
    """First marked clause, up to the end of its sentence or the other kind's marker."""
    hits = _markers(text, own)
    if not hits:
        return None, []
    m, mode = hits[0]
    s_start, s_end = _sentence(text, m.start())
    start = {"after": m.end(), "from": m.start(), "sentence": s_start}[mode]
    end = min([s_end] + [o.start() for o, _ in _markers(text, other) if m.end() <= o.start()])
    clause = _LEAD.sub("", text[start:end]).strip(" ,;:–-") if mode == "after" else ""
    if len(clause) < 3:  # "Dat is lastig." or a bare "Knelpunt.": the sentence says more
        clause = text[s_start:end].strip(" ,;:–-")
    if len(clause) > MAX_CLAUSE:
        clause = clause[: MAX_CLAUSE - 1].rstrip() + "…"
    return clause or None, [(m.start(), end)]


_STEP_RX = (
    r"kennismak\w*|kennis\s?gemaakt|eerste gesprek|introductie\w*|first meeting|kick-?off",
    r"intentieverklaring\w*|letter of intent",
    r"locaties? in kaart|in kaart gebracht|locatiebezoek\w*|rondgang|schouw\w*|site visits?",
    r"werkprocess?en|taken (gekozen|geselecteerd)|job ?carving|taakanalyse",
    r"geworven|kandidaten (gevonden|geselecteerd)|recruited",
    r"proefplaatsing\w*|op proef|trial placements?",
    r"eerste (plaatsing|kandidaat|collega|medewerker)|first (placement|hire)",
    r"duurzame? plaatsing\w*|vast contract|vaste (baan|aanstelling)|onbepaalde tijd"
    r"|permanent (contract|job)",
    r"aanbesteding\w*|social return|sroi|contracteis\w*|inkoopvoorwaarden|geborgd|borging",
)


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _step(text: str, masked: list[Span]) -> str | None:
    """The furthest step mentioned as reached (not planned, not 'nog niet')."""
    best = -1
    for idx, rx in enumerate(_STEP_RX):
        for m in re.finditer(rf"\b(?:{rx})\b", text, re.I):
            s_start, s_end = _sentence(text, m.start())
            # "nog niet getekend" and "Kunnen jullie de aanbesteding toelichten?" are no progress.
            negated = _NOT_YET.search(text, s_start, s_end) or text[s_end : s_end + 1] == "?"
            if not negated and not _inside(m.start(), masked):
                best = max(best, idx)
    return STEPS[best] if best >= 0 else None


def _scan(text: str, masked: list[Span]) -> tuple[dict[str, int], tuple[str, ...], bool, bool]:
    """Counts per category, problems, and whether any count rests on a real numeral/the article."""
    toks = _tokens(text)
    cues = _cue_starts(toks)
    counts = {"jobs": 0, "candidates": 0, "internships": 0}
    problems: list[str] = []
    numeral = article = False
    for i, tok in enumerate(toks):
        cue = None if tok.kind != "num" or _inside(tok.start, masked) else _attach(toks, i, cues)
        if cue is None:
            continue
        numeral, article = numeral or not tok.article, article or tok.article
        if _unclear(text, toks, i):
            problems.append("unclear")
        elif 0 <= tok.value <= MAX_COUNT:
            counts[cue.category] += tok.value
        else:
            problems.append("negative" if tok.value < 0 else "too_large")
    return counts, tuple(dict.fromkeys(problems)), numeral, article


_GLUED_AFTER = re.compile(r"[eE][+-]?\d|[\u00b2\u00b3\u00b9\u2070-\u209f^]")
_MINUS_BEFORE = ("\u2212", "\u2013", "\u2014", "\u2012")  # −, –, —, ‒


def _unclear(text: str, toks: list[_Tok], i: int) -> bool:
    """A figure that cannot be taken at face value: "1e309", "5²", "−5" (a typographic minus),
    "geen 3 banen". The bot then asks instead of guessing."""
    tok = toks[i]
    end = tok.start + len(tok.text)
    if _GLUED_AFTER.match(text, end):
        return True
    if tok.start and text[tok.start - 1] in _MINUS_BEFORE:
        return True
    if re.search(r"\d[eE][+-]?$", text[: tok.start]):  # the 309 of "1e309"
        return True
    return (
        i > 0 and toks[i - 1].kind == "word" and toks[i - 1].text in ("geen", "niet", "no", "not")
    )


def _plans(text: str) -> list[Span]:
    # Plans and targets are not progress: "volgende stap: 3 kandidaten voordragen".
    targets = [_sentence(text, m.start()) for m in _INTENT.finditer(text)]
    return targets + _clause(text, _NEXT, _OBSTACLE)[1]


# --- public --------------------------------------------------------------------------------
def parse_progress(text: str) -> ParsedProgress:
    next_step, _ = _clause(text, _NEXT, _OBSTACLE)
    obstacles, obstacle_span = _clause(text, _OBSTACLE, _NEXT)
    masked = _plans(text)
    counts, problems, _, _ = _scan(text, masked)
    step = _step(text, masked + obstacle_span)
    found = any(counts.values()) or problems or step or obstacles or next_step
    jobs, candidates, internships = counts.values()
    return ParsedProgress(
        jobs, candidates, internships, step, obstacles, next_step, bool(found), problems
    )


_QUESTION_WORD = re.compile(
    r"wat|hoe|wie|waar|wanneer|waarom|welke|hoeveel|kan|mag|moet|is|zijn"
    r"|what|how|who|when|why|which|can|does|do"
)
_PAST = re.compile(r"\b(geplaatst|aangenomen|getekend|ondertekend|gestart|we hebben)\b", re.I)


def classify_message(text: str) -> Literal["question", "update", "unsure"]:
    _, _, numeral, article = _scan(text, _plans(text))
    strong = numeral or bool(_PAST.search(text))
    first = next((t.text for t in _tokens(text) if t.kind in ("word", "num")), "")
    # "een stageplek" is too weak to overrule a question: "Is er een stageplek vrij?"
    if (text.rstrip().endswith("?") or _QUESTION_WORD.fullmatch(first)) and not strong:
        return "question"
    # "Hoeveel uur is één baan?": a number in a question is not yet a report of progress.
    asks = text.rstrip().endswith("?") and _QUESTION_WORD.fullmatch(first)
    if asks and not _PAST.search(text):
        return "question"
    if (strong or article) and "?" not in text:
        return "update"
    return "unsure"
