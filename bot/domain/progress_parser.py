"""Reading a progress update from Dutch or English text: people who started and whose job
ended, internships, the candidates in beeld now, weekly hours, the step reached, a knelpunt
(or one solved), a lesson learned and an activity.

Pure logic: rule-based on purpose, so a coordinator can predict what Vonkje will record and
the bot can ask (`ask`) instead of guessing: "2 à 3 mensen", "een paar stagiairs".
Typos in the words it keys on are corrected first with rapidfuzz ("geplaast", "stagaire").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

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
    jobs_realised: int = 0  # people who started in a job
    candidates: int | None = None  # the candidates in beeld now (a stock), if stated
    internships: int = 0  # internships, leerwerkplekken, proefplaatsingen started
    step: str | None = None
    obstacles: str | None = None  # a new knelpunt
    next_step: str | None = None
    recognised: bool = False
    problems: tuple[str, ...] = ()
    jobs_ended: int = 0  # people whose job ended (uitval)
    hours: float | None = None  # weekly hours of the people who started, when given
    solved: str | None = None  # the topic of a knelpunt said to be solved ("vervoer")
    lesson: str | None = None
    activity: str | None = None  # something done that is not a figure: a meeting, a visit
    ask: tuple[str, ...] = field(default=())  # fields whose figure is unsure: ask, don't guess


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
_DIALECT_ARTICLES = {"ene", "nen", "unne", "'n", "eine", "ne", "'ne", "ain"}
_WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag"
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_RECENT_DAY = rf"(vandaag|gisteren|{_WEEKDAYS}|kort)"
_DIALECT_NUMBERS = {"twij": 2, "drij": 3}
_BOTH = {"beide", "both"}  # "beide kandidaten zijn begonnen"; "beiden" / "allebei" stand alone
# After a figure: an ordinal ("1e", "2de", "3rd") or a measure glued on ("28-urig", "24-hour")
_ORDINAL_OR_MEASURE = re.compile(r"(?:e|ste|de|st|nd|rd|th)\b|-(?:urige?|uurs|hours?)\b", re.I)
_ARTICLE_ADJ = {"nieuwe", "extra", "vaste", "betaalde", "echte", "goede", "eerste", "tweede"}
_ARTICLE_ADJ |= {"nije", "nuje", "nieuw"}  # Gronings, Limburgs
# A number followed by one of these measures something else ("twee weken", "15 maart").
_UNIT_NOUNS = re.compile(
    r"(weken|week|wk|wkn|dagen|dag|maanden|maand|mnd|jaar|jaren|uur|uren|minuten|keer|procent|%|euro|weeks?"
    r"|days?|months?|years?|hours?|hrs|h|u|uurtjes|times|percent|januari|februari|maart|april|mei|juni|juli"
    r"|augustus|september|oktober|november|december)"
)
_OUR = {"onze", "de", "het", "die", "our", "the"}
_CONJ = {"en", "maar", "waarvan", "of", "want", "terwijl", "and", "but", "or", "dus"}
# A negation in the window means the number is not progress ("3 niet geplaatst").
_UNDO = {"niet", "not", "geen", "no", "gein"}
# A candidate who dropped out of the selection is neither a job ended nor one in beeld.
_DROPPED = {"afgevallen", "afgewezen", "afgehaakt", "rejected"}
# "nog 2 te gaan", "nog 3 nodig": what is left of a target, not progress.
_REMAINING_AFTER = {"te", "nodig", "open", "needed", "left", "to"}
_NETTO = {"netto", "saldo", "net"}
_RUNNING_TOTAL = {"teller", "totaal", "total", "staat", "staan", "zitten", "zit", "tally"}
_CORRECTION = {"nee", "sorry", "correctie", "bedoel", "oeps", "pardon", "correction", "mean"}
_BEFORE_STOCK = {"was", "waren", "eerst", "vorige", "had", "hadden"}  # "was 4": the old figure
_VAGUE = {"paar", "enkele", "aantal", "handvol", "meerdere", "diverse", "few", "couple", "some"}
_VAGUE |= {"several"}
_VAGUE |= {"several", "some"}
_RANGE = {"à", "a", "of", "tot", "-", "–", "or", "to"}
_HOUR_UNITS = {"uur", "u", "uren", "hours", "hour", "hrs"}


@dataclass(frozen=True)
class _Cue:
    category: str  # 'jobs' | 'ended' | 'candidates' | 'internships'
    verb: bool
    # Consecutive tokens as (negated, regex); a negated part ("!van") only looks ahead.
    pattern: tuple[tuple[bool, re.Pattern[str]], ...]
    article_ok: bool = True
    not_after: frozenset[str] = frozenset()  # words that make it another word ("to start")


def _cue(cat: str, spec: str, *, verb: bool = False, article_ok: bool = True, not_after=()) -> _Cue:
    parts = tuple((p.startswith("!"), re.compile(p.lstrip("!"))) for p in spec.split())
    return _Cue(cat, verb, parts, article_ok, frozenset(not_after))


# Cues the rules below refer to by name.
_CONVERTED_TO_JOB = _cue("jobs", r"omgezet|doorgestroomd|became|converted", verb=True)
_IN_DIENST = _cue("jobs", r"in dienst", verb=True)
_IN_VASTE_DIENST = _cue("jobs", r"in vaste dienst", verb=True)
_IN_LOONDIENST = _cue("jobs", r"in loondienst", verb=True)
_WELCOMED = _cue("jobs", r"verwelkom(de|den|d)|welcomed", verb=True)  # the people follow
_CAME_IN = _cue("jobs", r"erbij|bijgekomen|bijgekregen", verb=True)
_CUES = (
    _cue("jobs", r"nieuwe? (collega|coll|medewerker|medewerkster|werknemer)(s|'s)?"),
    _cue("jobs", r"mdw|mdws|mdw'ers|mdwers"),  # the abbreviation of medewerker(s)
    _cue("jobs", r"(medewerkers?|medewerksters?) !van"),  # "medewerkers van de gemeente"
    _cue("jobs", r"new (colleagues?|employees?|staff|starters?|hires?|workers?)"),
    _cue("jobs", r"employees?|starters?|colleagues?"),
    _cue("jobs", r"(new|paid|betaalde|nieuwe) starts"),  # "New paid starts: 2 (Noah, Ilse)"
    _cue("jobs", r"baan|banen|baantjes?|dienstverband(en)?|plaatsing(en)?|hires?"),
    # "three job interviews", "the job coach": no jobs
    _cue("jobs", r"jobs? !(interviews?|coach|coaches|coaching|fairs?|descriptions?|carving)"),
    _cue("jobs", r"(arbeids)?contract(en)?", article_ok=False),
    _cue("jobs", r"geplaatst|aangenomen|hired|placed|employed|gestart|begonnen|started", verb=True),
    _cue("jobs", r"startte|startten|begon|began|begun", verb=True),
    _cue("jobs", r"ingestroomd|aangesteld|aangeworven|joined|onboarded", verb=True),
    # more ways of saying someone started (dev set 7)
    _cue("jobs", r"ingestapt|ingewerkt|ingeroosterd", verb=True),
    _cue("jobs", r"(gaan|gegaan) werken", verb=True),  # "zijn er 2 deze week gaan werken"
    _cue("jobs", r"clocked in", verb=True),
    _cue("jobs", r"(draaien|lopen) mee", verb=True),
    _cue("jobs", r"(draait|draaien|loopt|lopen) (nu|inmiddels|al|gewoon) mee", verb=True),
    _cue("jobs", r"(draait|draaien|loopt|lopen) (vanaf|sinds) \w+ mee", verb=True),
    _cue("jobs", r"eerste week (erop|gewerkt)", verb=True),
    _cue("jobs", r"nieuwe start", verb=True),  # "Nieuwe start: Rosa, 27 uur"
    _cue("jobs", r"nieuw deze (periode|maand|week)"),  # a form: "nieuw deze periode: 1"
    _cue("jobs", r"new team members?"),
    _cue("jobs", r"nieuwe (gezichten|krachten|kracht|mensen)"),
    _cue("jobs", r"nieuwe (mannen|vrouwen|gasten|jongens|meiden|dames|heren)"),
    _cue("jobs", r"new (start|starts|faces|people|guys)"),  # "one new start this period (Anna)"
    _cue("jobs", r"betaalde (plek|plekken|plaats|plaatsen)"),
    _cue("jobs", r"contract(en)? (getekend|ondertekend|gekregen|signed)", verb=True),
    # "de stage is omgezet in een contract", "1 intern became a paid employee"
    _CONVERTED_TO_JOB,
    _cue("jobs", r"signed (his|her|their|a) contracts?", verb=True),
    _IN_DIENST,
    _IN_VASTE_DIENST,
    _IN_LOONDIENST,
    _cue("jobs", r"eerste werkdag(en)?", verb=True),
    _cue("jobs", r"eerste dag", verb=True),
    # "aan 't werk" is read as "aan t werk" ("'t" loses its apostrophe); Achterhoeks "an"
    _cue("jobs", r"(aan|an) (de|het|'t|t) (slag|werk|bak|waark)", verb=True),
    # more ways of saying someone started (dev set 5)
    _cue("jobs", r"op (de|het) (loonlijst|payroll)", verb=True),
    _cue("jobs", r"on the payroll", verb=True),
    _cue("jobs", r"on payroll", verb=True),
    # dev set 8
    _cue("jobs", r"(voor|vor|veur) (het|t) eerst", verb=True),  # "voor het eerst komen werken"
    _cue("jobs", r"took up (his|her|their|a) (post|role|job|position)", verb=True),
    _cue("jobs", r"got put on", verb=True),
    _cue("jobs", r"first week done", verb=True),
    _cue("jobs", r"came on board", verb=True),
    _cue("jobs", r"went to work", verb=True),
    _cue("jobs", r"beginnen werken", verb=True),  # Flemish "is vorige maandag beginnen werken"
    _cue("jobs", r"in het rooster (gekomen|gezet)", verb=True),
    _cue("jobs", r"sinds \w+ in het rooster", verb=True),
    _cue("jobs", r"(draait|loopt) mee", verb=True),
    _cue("jobs", r"(werkt|zit|draait|staat|loopt) sinds " + _RECENT_DAY, verb=True),
    _cue(
        "jobs",
        rf"(werkt|zit|draait|staat|loopt) sinds (vorige|afgelopen) (week|{_WEEKDAYS})",
        verb=True,
    ),
    _cue("jobs", r"versterkt|versterken", verb=True),  # "Nadia kwam het team versterken"
    _WELCOMED,
    _cue("jobs", r"welkom geheten", verb=True),
    _cue("jobs", r"(eerste|first) (dienst|shift)", verb=True),
    _cue("jobs", r"first (working|work) day", verb=True),
    _cue("jobs", r"taken on", verb=True),
    # dev set 11
    _cue("jobs", r"(took|take) on", verb=True),  # "We took on a new cleaner"
    _cue("jobs", r"binnengehaald|aangetrokken", verb=True),  # "We hebben Ali binnengehaald"
    _cue(
        "jobs",
        r"eerste (loonstrook|loonstrookje|loonstrookjes|loonstroken|salaris|paycheck|payslip)",
        verb=True,
    ),
    _cue("jobs", r"first (paycheck|payslip)", verb=True),
    _cue("jobs", r"eerste week zit erop", verb=True),  # "Eerste week zit erop voor Daan!"
    _cue("jobs", r"vast in (het|de) (rooster|planning)", verb=True),  # "zit nu vast in het rooster"
    _cue("jobs", r"nieuw in (ons|het|de) (team|ploeg)", verb=True),  # "Nieuw in ons team: Arjen, …"
    # dev set 13
    _cue("jobs", r"(plekje|plek|plekkie) gevonden", verb=True),  # "heeft zijn plekje gevonden"
    _cue("jobs", r"got the job", verb=True),
    _cue("jobs", r"(nw|nwe) (collega|coll|medewerker|medewerkster|mdw)(s|'s)?"),  # "2 nw collega's"
    _cue("jobs", r"kicked off (his|her|their) job", verb=True),
    _cue("jobs", r"kicked off (his|her|their) new job", verb=True),
    _cue("jobs", r"ingeschreven als (werknemer|medewerker|medewerkster)", verb=True),
    _cue("jobs", r"overstap", verb=True),  # "de overstap gemaakt van stage naar betaald werk"
    _cue("jobs", r"contract(en)? op zak", verb=True),
    _CAME_IN,
    _cue("jobs", r"bij (gekomen|gekregen)", verb=True),
    # dev set 14: a start as a noun, counted ("1 start (mailroom, 24h)", "een echte start")
    # but not a plan ("scheduled to start", "4 starts for Q3") or the pilot's own start
    _cue(
        "jobs",
        r"start !(is|was|van|of|uitgesteld|postponed)",
        article_ok=False,
        not_after=("to", "te", "will", "gaan", "zullen", "the", "de"),
    ),
    _cue("jobs", r"starts !(for|voor|last|vorige)", article_ok=False),
    _cue("ended", r"uitgevallen|uitval|uitvallers?|gestopt|vertrokken|ontslagen", verb=True),
    _cue("ended", r"weggegaan|uitgestroomd", verb=True),
    _cue("ended", r"kwijtgeraakt|opgehouden|opgehouwe|opgestapt|opstapt", verb=True),
    _cue("ended", r"handdoek in de ring", verb=True),
    _cue("ended", r"opgezegd|stopped|quit|left|resigned|dropped|dismissed|fired", verb=True),
    _cue("ended", r"leavers?|vertrekkers?|dropouts?|drop-outs?"),  # "1 leaver", as "1 uitvaller"
    # one phrase per cue: the spec is split at spaces, so "a b|c d" would be three tokens
    _cue("ended", r"niet verlengd", verb=True),
    _cue("ended", r"beëindigd|beeindigd|ended|terminated", verb=True),
    # "afgelopen maandag" is last Monday; "het contract is afgelopen" an end
    _cue(
        "ended",
        r"afgelopen !(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|week|weken"
        r"|maand|maanden|jaar|periode|dagen|kwartaal|tijd|zomer|winter|najaar|voorjaar|keer)",
        verb=True,
    ),
    _cue("ended", r"not renewed", verb=True),
    _cue("ended", r"eruit|weg|eraf", verb=True),  # "2 erbij, 1 eraf"
    _cue("ended", r"uit dienst", verb=True),
    _cue("candidates", r"kandidaat|kandidaten|sollicitant(en)?|werkzoekenden?|candidates?"),
    _cue("candidates", r"applicants?|kand"),  # "3 kand. in beeld"
    _cue("candidates", r"pool|kandidatenpool|talentpool"),  # "pool staat op 7"
    _cue("candidates", r"candidate pool"),
    _cue("candidates", r"in (beeld|view)", verb=True),
    _cue("candidates", r"in the pipeline", verb=True),
    _cue("candidates", r"voorgedragen|voorgesteld|shortlisted", verb=True),
    # "stagiere(s)", "stagiërs": spellings too far from "stagiair" for the typo correction
    _cue("internships", r"stage(s|plek|plekken|plaats|plaatsen)?|stagi(ai|e|ë)r(e|s|es)?"),
    _cue("internships", r"internships?"),
    _cue("internships", r"(work|trial) placements?"),
    _cue("internships", r"work experience placements?"),
    _cue("internships", r"interns?|trainees?"),
    _cue("internships", r"(werkervarings|leerwerk)(plek|plekken|plaats|plaatsen)|lwp"),
    _cue("internships", r"proefplaatsing(en)?|bbl-(plek|plekken|plaats|plaatsen)|bbl'?ers?"),
    _cue("internships", r"bbl-(traject|trajecten|opleiding|opleidingen)|bbl"),
    _cue("internships", r"bbl-leerling(en)?"),
)

# --- typos ---------------------------------------------------------------------------------
# The words the parser keys on. A longer word within a small edit of one of them is read as
# it ("geplaast" -> "geplaatst"); rapidfuzz's ratio, measured on the dev message set.
_KEY_WORDS = """
baan banen dienstverband plaatsing plaatsingen medewerker medewerkers medewerkster collega
collega's werknemer werknemers geplaatst aangenomen gestart begonnen ingestroomd aangesteld
uitgevallen uitvallers gestopt vertrokken ontslagen weggegaan opgezegd kandidaat kandidaten
sollicitant sollicitanten werkzoekenden stage stages stageplek stageplekken stageplaats
stageplaatsen stagiair stagiaire stagiairs stagiaires leerwerkplek leerwerkplekken
werkervaringsplek werkervaringsplekken proefplaatsing proefplaatsingen knelpunt knelpunten
probleem problemen opgelost geregeld gesprek gesprekken geleerd overleg werkbezoek
kennismaking intake presentatie training voorgedragen voorgesteld candidates internship
candidate internships started joined beeld startte startten begon dienst contract contracten
getekend ondertekend verlengd uitgestroomd
""".split()
# Real words a few letters from a key word: never "corrected".
_NOT_TYPOS = {"banden", "plaatsen", "plannen", "planning", "gesteld", "gestaakt", "stappen"}
_NOT_TYPOS |= {"medewerking", "werken", "stagnatie", "kandidatuur", "gestald", "gestuurd"}
_NOT_TYPOS |= {"besproken", "gesproken", "geregistreerd", "gemeld", "geleid", "gelegd"}
_NOT_TYPOS |= {"stand", "starten", "starters", "gestuurd", "afgesproken", "probleemloos"}
_NOT_TYPOS |= {"gegaan", "gedaan", "gehaald", "diensten", "bediend", "getekende"}
_NOT_TYPOS |= {"start", "starts"}  # "ze start 1 mei": a plan, not "gestart"
_NOT_TYPOS |= {"contracturen", "werkuren", "arbeidsuren"}  # "Contracturen: 28" is no contract
_NOT_TYPOS |= {"beginnen"}  # "gaat beginnen" is no "begonnen": a plan, not a start
# "Positieve uitstroom!" is a kind of end, told of one already counted, no "uitgestroomd"
_NOT_TYPOS |= {"uitstroom"}
_WORD_RX = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=4096)
def _corrected(word: str) -> str:
    lower = word.lower()
    if len(lower) < 5 or lower in _NOT_TYPOS or lower in _KEY_WORDS:
        return word
    cutoff = 85 if len(lower) >= 7 else 80
    best = process.extractOne(lower, _KEY_WORDS, scorer=fuzz.ratio, score_cutoff=cutoff)
    return best[0] if best else word


@lru_cache(maxsize=256)
def correct_typos(text: str) -> str:
    """The text with misspelt key words replaced by the word meant."""
    return _WORD_RX.sub(lambda m: _corrected(m.group()), text)


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
    vague: bool = False


_ABBREVIATIONS = {"kand", "mdw", "coll", "pers", "medew", "cand"}


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        kind, raw = m.lastgroup or "stop", m.group().lower().replace("’", "'")
        if raw == "d'r" or (raw == "r" and text[m.start() - 1 : m.start()] == "'"):
            raw = "er"  # Brabants "we hebben 'r twee bij", "d'r is niemand bijgekomen"
        if raw == "." and out and out[-1].text in _ABBREVIATIONS:
            continue  # "kand. nu 5", "1 mdw. gestart": an abbreviation's point
        if kind == "num" and _ORDINAL_OR_MEASURE.match(text, m.end()):
            out.append(_Tok("other", raw, m.start()))  # "1e plaatsing", "een 28-urig contract"
        elif kind == "num":
            out.append(_Tok("num", raw, m.start(), int(raw.replace(".", ""))))
        elif kind == "word" and raw in _WORDS:
            out.append(_Tok("num", raw, m.start(), _WORDS[raw], article=raw == "een"))
        elif kind == "word" and raw in _DIALECT_ARTICLES:  # Flemish "ene", "nen", "unne"
            out.append(_Tok("num", raw, m.start(), 1, article=True))
        elif kind == "word" and raw in _DIALECT_NUMBERS:  # Gronings "twij nije mensen"
            out.append(_Tok("num", raw, m.start(), _DIALECT_NUMBERS[raw]))
        elif kind == "word" and raw in _BOTH:  # "beide kandidaten": two, said with a noun
            out.append(_Tok("num", raw, m.start(), 2, article=True))
        elif kind == "word" and raw == "eentje":
            out.append(_Tok("num", raw, m.start(), 1))
        elif raw == "aantal" and not (out and out[-1].text == "een"):
            out.append(_Tok(kind, raw, m.start()))  # "Aantal kandidaten: 12" is no vague count
        elif kind == "word" and raw in _VAGUE:  # "een paar stagiairs": a count to ask about
            out.append(_Tok("num", raw, m.start(), -1, vague=True))
        else:
            out.append(_Tok(kind, raw, m.start()))
        if kind == "colon" and len(out) >= 3 and out[-2].text == ")":
            # "Gestart (betaald): 3": a remark in brackets between a label and its colon
            opening = next(
                (j for j in range(len(out) - 3, max(-1, len(out) - 7), -1) if out[j].text == "("),
                None,
            )
            if opening is not None:
                del out[opening:-1]
    return out


@lru_cache(maxsize=8192)
def _cues_from(word: str) -> tuple[_Cue, ...]:
    """The cues whose first word this is. Trying every cue at every token took half of a
    message's reading time (1.9 ms per message over the message sets)."""
    return tuple(cue for cue in _CUES if cue.pattern[0][1].fullmatch(word))


def _cue_starts(toks: list[_Tok]) -> dict[int, tuple[_Cue, int]]:
    """Map token index -> (cue, index of the cue's last token); longest cue wins."""
    found: dict[int, tuple[_Cue, int]] = {}
    for i in range(len(toks)):
        if toks[i].kind != "word":
            continue
        for cue in _cues_from(toks[i].text):
            if cue.not_after and i and toks[i - 1].text in cue.not_after:
                continue
            j = i + 1
            for neg, rx in cue.pattern[1:]:
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


_NUMBER_WORDS = {"nummer", "nr", "no", "number"}
_PERSON_NOUNS = {"collega", "medewerker", "medewerkster", "mdw", "werknemer", "kracht", "man"}
_PERSON_NOUNS |= {"vrouw", "mensen", "personen", "collega's", "medewerkers", "werknemers"}
_PERSON_NOUNS |= {"jongen", "meid", "dame", "gozer", "gast", "kerel", "persoon", "starter"}


_HAVE_GOT = {"hebben", "heb", "hebt", "kregen", "kreeg", "zijn", "kwamen", "kwam"}


def _er_noun_bij(toks: list[_Tok], i: int) -> bool:
    """ "er een collega bij", "er 2 nieuwe medewerkers bij": people who came on board."""
    if i < 2 or toks[i - 1].text != "er" or toks[i - 2].text not in _HAVE_GOT:
        return False
    j = i + 1 + (i + 1 < len(toks) and toks[i + 1].text in _ARTICLE_ADJ)
    return j + 1 < len(toks) and toks[j].text in _PERSON_NOUNS and toks[j + 1].text == "bij"


_HISTORY = {"na", "after", "vanuit", "via", "following"}


def _after_history(toks: list[_Tok], j: int) -> bool:
    """An internship cue said as where someone came from: "na een stage", "na de BBL"."""
    return any(toks[k].text in _HISTORY for k in range(max(0, j - 3), j))


_GREW = {"uitgebreid", "versterkt", "aangevuld", "expanded", "reinforced", "grown", "gegroeid"}


def _object_of(toks: list[_Tok], i: int) -> bool:
    """ "met (de|een|alle) 5 medewerkers", "over een nieuwe medewerker": people talked with;
    not "uitgebreid met 1 nieuwe medewerker", who joined."""
    j = i - 1
    if j >= 0 and toks[j].text in ("de", "het", "onze", "the", "our", "alle", "all"):
        j -= 1
    talked = j >= 0 and toks[j].text in ("met", "with", "over", "about")
    return talked and not (j >= 1 and toks[j - 1].text in _GREW)


def _back_in_clause(toks: list[_Tok], i: int, reach: int, hit) -> bool:
    """Whether a token within `reach` before toks[i], in the same clause, is a `hit`."""
    for j in range(i - 1, max(-1, i - reach - 1), -1):
        if toks[j].kind in ("stop", "colon"):
            return False
        if hit(toks[j]):
            return True
    return False


def _has_own_number(toks: list[_Tok], k: int) -> bool:
    """Whether a number stands before the cue ending at toks[k] in its clause."""
    return _back_in_clause(toks, k, WINDOW, lambda t: t.kind == "num")


def _first_of_hours(toks: list[_Tok], i: int) -> bool:
    """The 20 of "20 en 28 uur" or "20, 20 en 24 uur": hours of the first person, the unit
    said once, after the last."""
    j = i + 1
    while j + 1 < len(toks) and toks[j].text in _HOURS_LIST_GLUE and toks[j + 1].kind == "num":
        j += 2
    return j > i + 1 and j < len(toks) and toks[j].text in _HOUR_UNITS


_HOURS_LIST_GLUE = {",", "en", "and", "&", "+"}


def _of_a_group(toks: list[_Tok], i: int) -> bool:
    """toks[i] is the group after "N van de …" / "N of the …" ("één van de drie", "two of
    the three colleagues", "een van de eerste drie")."""
    j = i - 1
    while j >= 0 and i - j <= 2 and toks[j].text in _GROUP_WORDS:
        j -= 1
    return j < i - 1 and j >= 1 and toks[j].text in ("van", "of") and toks[j - 1].kind == "num"


_CANDIDATE_WORDS = {"kandidaten", "candidates", "kandidaat", "sollicitanten"}  # the stock
_GROUP_WORDS = {"de", "the", "onze", "our", "die", "those", "eerste", "first", "these", "deze"}
_MOVED_ON = {"uitgestroomd", "vertrokken", "weggegaan", "left", "moved", "gestopt"}
_MOVED_ON |= {"doorgestroomd", "omgezet", "overgegaan", "overgestapt", "converted"}
_RECRUITING = {"werving", "werven", "recruitment", "vacature", "vacatures", "wervingsprocedure"}
_HOUR_LABEL_WORDS = {"uren", "uur", "hours", "hrs", "urenverdeling", "contracturen"}
_LINE_END = {"\n", ".", ";", "!", "?"}


_BE = {"are", "were", "zijn", "waren", "is", "was"}


def _under_hours_label(toks: list[_Tok], i: int) -> bool:
    """The number follows a label about hours on its line: "Uren van de starters: 20, 20 en
    16" lists hours, not people (it counted 36 starters)."""
    j = i - 1
    while j >= 0 and i - j < 12 and toks[j].kind != "colon" and toks[j].text not in _LINE_END:
        if toks[j].text in _BE and j and toks[j - 1].text in _HOUR_LABEL_WORDS:
            return True  # "hours are 16, 24 and 24", "de uren zijn 20 en 24"
        j -= 1
    if j < 0 or toks[j].kind != "colon":
        return False
    label = []
    for t in reversed(toks[max(0, j - 4) : j]):
        if t.kind == "stop":  # the label ends where its line or sentence begins
            break
        label.append(t.text)
    return any(word in _HOUR_LABEL_WORDS for word in label)


def _attach(toks: list[_Tok], i: int, cues: dict[int, tuple[_Cue, int]]) -> _Cue | None:
    """The category a number belongs to, or None when it is not a count."""
    tok, nxt = toks[i], toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and _UNIT_NOUNS.fullmatch(nxt.text):
        return None
    if _under_hours_label(toks, i):
        return None
    if (
        nxt is not None
        and nxt.text == "contract"
        and i + 2 < len(toks)
        and toks[i + 2].text in _HOUR_UNITS
    ):
        return None  # "Total of 110 contract hours"
    if _of_a_group(toks, i) and not (nxt is not None and nxt.text in _CANDIDATE_WORDS):
        return None  # "één van de drie nieuwe collega's is gestopt": the three are no count
    if _before(toks, i, _RECRUITING, 4):
        return None  # "de werving voor de drie extra plaatsen is gestart": sought, not filled
    # "uitgestroomd naar een baan bij een hoveniersbedrijf": a job elsewhere; "is doorgestroomd
    # naar een betaalde baan": the person, counted already
    if (
        tok.article
        and i > 1
        and toks[i - 1].text in ("naar", "to", "in")
        and toks[i - 2].text in _MOVED_ON
    ):
        return None
    label = _label_cue(toks, i - 1, cues) if i and toks[i - 1].kind == "colon" else None
    if label == _IN_DIENST and _NEW_LABEL.search(_text_of(toks)):
        return None  # a form with "in dienst: 5" and "nieuw deze periode: 1": a stock
    if label is not None and label.category == "internships":
        return label  # "BBL gestart: 1", "Stage gestart: 2": the label says what started
    if _first_of_hours(toks, i):  # "gestart: 20 en 28 uur"
        return None
    if _er_noun_bij(toks, i):  # "we hebben er een collega bij", "er zijn er 2 mdw bij"
        return _ER_BIJ
    if toks[i - 1].text in _NUMBER_WORDS if i else False:  # "nummer vier": one person
        return None
    if tok.text == "one" and nxt is not None and nxt.text == "of":
        tok = replace(tok, article=True)  # "one of our colleagues quit", as "een van onze"
    if tok.article and nxt is not None and nxt.text in ("van", "of"):  # "een van onze …"
        k = i + 2 + (i + 2 < len(toks) and toks[i + 2].text in _OUR)
        k += k < len(toks) and toks[k].text in ("eerste", "first")
        k += k < len(toks) and toks[k].kind == "num"  # "een van de (eerste) drie …"
        k += k < len(toks) and toks[k].text in _ARTICLE_ADJ
        if k in cues and cues[k][0].verb and cues[k][0].category in ("jobs", "ended"):
            return cues[k][0]  # "Een van de twee weg", "een van de eerste drie gestopt"
        if not (k in cues and not cues[k][0].verb):
            return None
        tok, i = replace(tok, article=False), k - 1  # read on from the noun, as "1 medewerker"
        nxt = toks[i + 1]
    if any(t.text in ("elders", "elsewhere") for t in toks[max(0, i - 3) : i]):
        return None  # "beiden hebben elders een baan gevonden": not here
    if tok.text in _BOTH and i + 1 in cues and cues[i + 1][0].verb:
        return cues[i + 1][0]  # "two people this month, both quit": the two
    if tok.text in _BOTH and nxt is not None and nxt.text in _PERSON_NOUNS:
        tok = replace(tok, article=False)  # "beide mensen zijn gestart": 2, read on
    if tok.article:
        spots = [i + 1, i + 2] if nxt is not None and nxt.text in _ARTICLE_ADJ else [i + 1]
        noun = any(j in cues and not cues[j][0].verb and cues[j][0].article_ok for j in spots)
        person = any(j < len(toks) and toks[j].text in _PERSON_NOUNS for j in spots)
        if not (noun or person):
            return None
        if person and not noun:  # "een collega begonnen": the verb must say what happened
            verb = next(
                (
                    cues[j][0]
                    for j in range(i + 1, min(len(toks), i + WINDOW + 1))
                    if j in cues and cues[j][0].verb
                ),
                None,
            )
            return verb if verb is not None and verb.category in ("jobs", "ended") else None
    if _before_in_clause(toks, i, _EXTENDED, 5):  # "verlenging van het contract voor 2 mdw"
        return None
    if _before_in_clause(toks, i, _SOUGHT, 3):  # "we zoeken nog 2 nieuwe medewerkers"
        return None
    # "ontslag voor 1 mdw"; not "geen uitval, 2 aan de slag"
    if _before_in_clause(toks, i, {"ontslag", "ontslagen", "uitval", "vertrek"}, 2):
        return _ENDED_BEFORE
    # "3 van de 5 kandidaten zijn aangenomen": the 3 reads past the 5, the 5 stays candidates.
    total = _total_of(toks, i)
    is_total = any(_total_of(toks, a) == i for a in (i - 2, i - 3) if a >= 0)
    found: _Cue | None = None
    start = i + 1 if total is None else total + 1
    for j in range(start, min(len(toks), start + WINDOW)):
        t = toks[j]
        # "2 mensen van 20 uur", "is na twee weken vertrokken": a measure, not another count
        measure = j + 1 < len(toks) and bool(_UNIT_NOUNS.fullmatch(toks[j + 1].text))
        if t.kind == "num" and measure:
            continue
        if (
            t.kind in ("stop", "other", "colon")
            or t.text in _CONJ
            or (t.kind == "num" and not t.article and not t.vague)
        ):
            break
        cue = cues.get(j, (None, 0))[0]
        if cue is not None and cue.category == "internships" and _after_history(toks, j):
            continue  # "2 na een stage", "1 stagiair is na zijn stage in dienst": read on
        if cue is None:
            if t.text in _UNDO:
                return None
            if t.text in _DROPPED or t.text in _NOT_YET_READY:  # dropped out, or not yet
                return None
            earlier = j + 1 < len(toks) and toks[j + 1].text in _EARLIER
            if found is None and t.text in ("die", "who") and earlier:
                return None  # "een van de twee die vorige maand begonnen zijn": then, not now
            if t.text in ("elders", "elsewhere", "gevonden", "found"):  # "elders een baan gevonden"
                return None
            continue
        if cue.category == "jobs" and cue.verb and _not_a_job_after(toks, cues[j][1]):
            return None  # "2 kandidaten gestart met het voortraject": no job yet
        if found is None:
            found = cue
        elif found.category == "internships" and cue in _CONVERSION_CUES:
            found = cue  # "1 stagiair is na zijn stage in dienst gekomen": a job
        elif cue.category == "ended":
            # "1 medewerker is gestopt": a job ended; a stagiair who stopped is no job
            if found.category != "jobs":
                return None
            found = cue
        elif found.category == "jobs" and not found.verb and cue.category == "candidates":
            found = cue if cue.verb else found  # "2 nieuwe medewerkers in beeld": candidates
        elif found.category == "candidates" and cue is _CAME_IN:
            return None  # "6 nieuwe kandidaten erbij": the stock grew, by how much is unsaid
        elif found.category == "candidates" and cue.category == "jobs" and cue.verb:
            # A hired candidate is a job: "twee kandidaten zijn aangenomen".
            found = found if is_total else cue
    if (
        found is not None
        and found.category == "jobs"
        and found.verb
        and i
        and toks[i - 1].kind == "colon"
    ):
        label = _label_cue(toks, i - 1, cues)
        if label is not None and label.category == "internships":
            return label  # "Leerwerkplek groen: 1 gestart": the label says what started
    hired = next((c for c, last in cues.values() if last == i - 1), None) if i else None
    hired = hired if hired is not None and hired.verb and hired.category == "jobs" else None
    if found is not None and found.category == "candidates" and hired is not None:
        return hired  # "placed 2 candidates", "we onboarded one candidate"
    if found is not None and not found.verb and found.category == "jobs" and _object_of(toks, i):
        return None  # "gesprekken gevoerd met de 5 medewerkers": who was met, no new job
    er_bij = _before_in_clause(toks, i, {"er"}, 3) and nxt is not None and nxt.text == "bij"
    if found is None and er_bij:  # "we hebben er 2 bij", "er kwamen er drie bij"
        found = _ER_BIJ
    if found is None and not tok.article:  # "aangenomen: 2", "kandidaten 4"
        k = i - 2 if i >= 2 and toks[i - 1].kind == "colon" else i - 1
        found = next((c for c, last in cues.values() if last == k and k >= 0), None)
        if found is not None and _has_own_number(toks, k):
            return None  # "3 mensen begonnen: 2 van 16 uur en 1 van 32": a breakdown
        if found is not None and _before(toks, k + 1, {"uren", "uur", "hours", "hrs"}, 3):
            return None  # "uren starters: 24 en 36": their hours, no count
        if found is None and k >= 1 and toks[k].text in ("nu", "now", "momenteel"):
            found = next((c for c, last in cues.values() if last == k - 1), None)  # "kand. nu 5"
        if found is None and k == i - 2:  # "ingestroomd deze maand: 5"
            for j in range(k - 1, max(-1, k - 4), -1):
                if toks[j].kind != "word":
                    break
                found = next((c for c, last in cues.values() if last == j), None)
                if found is not None:
                    break
    return found


_NEW_LABEL = re.compile(r"(?:^|\n)\s*(?:nieuw|nieuwe|new)\b[^:\n]{0,30}:", re.I)


def _text_of(toks: list[_Tok]) -> str:
    """The tokens' words, a line per line of the text (enough to find a form's labels)."""
    return " ".join(t.text for t in toks).replace(" \n ", "\n")


def _label_cue(toks: list[_Tok], colon: int, cues) -> _Cue | None:
    """The cue in the words of a label before toks[colon] ("Leerwerkplek groen:"); an
    internship named in it wins over a start verb ("BBL gestart: 1")."""
    found = None
    for j in range(colon - 1, max(-1, colon - 4), -1):
        if toks[j].kind != "word":
            break
        if j in cues:
            if cues[j][0].category == "internships":
                return cues[j][0]
            found = found or cues[j][0]
    return found


_ER_BIJ = _cue("jobs", r"bij", verb=True)
_EXTENDED = {"contractverlenging", "verlenging", "verlengd", "extension", "extended", "renewal"}
_SOUGHT = {"zoeken", "zoekt", "zoek", "gezocht", "vacature", "vacatures", "looking", "seeking"}
_NOT_YET_READY = {"klaar", "ready"}  # "4 bijna klaar voor plaatsing": candidates still
_EARLIER = {"vorige", "last"}  # "twee die vorige maand begonnen zijn": a start of then
# cues that turn an internship into a job: "in dienst", "omgezet", "became"
_CONVERSION_CUES = (_IN_DIENST, _IN_VASTE_DIENST, _IN_LOONDIENST, _CONVERTED_TO_JOB)
_ENDED_BEFORE = _cue("ended", r"ontslag", verb=True)


# --- clauses -------------------------------------------------------------------------------
_OBSTACLE_AFTER = r"knelpunt(en)?|probleem(pje)?|problemen|obstakels?|blockers?|issues?|helaas"
# "maar" / "but" only with trouble after it: "maar ze begint pas in juni" is no knelpunt
_TROUBLE_AFTER = (
    r"(?=[^.!?\n]*\b(?:niet|geen|nog|lastig|moeilijk|zwaar|probleem|problemen|te weinig|tekort"
    r"|ziek|kost|kosten|veel tijd|traag|vertraa\w*|not|no|still|hard|difficult|problems?|slow"
    r"|isn't|aren't|can't|won't)\b)"
)
_OBSTACLE_AFTER += rf"|maar(?! ook){_TROUBLE_AFTER}|obstacles?|problems?|unfortunately"
_OBSTACLE_AFTER += rf"|but{_TROUBLE_AFTER}"
_OBSTACLE_IN = (
    r"lastig|moeilijk|stroef|lopen vast|loopt vast|stuck"  # the whole sentence is the obstacle
    r"|gedoe|krapte|tekort aan|te weinig|duurt lang|duren lang|wachten nog|wacht nog|staan stil"
    r"|staat stil|houdt \w+ tegen|niet geregeld|nog niet rond|geen vervang\w*|sluit niet aan"
    r"|overvol|werkdruk|(?:still )?unclear|waiting for|shortage|lack of|oorzaak(?=\s*:)"
    r"|reden(?=\s*:)|remt|lukt (?:nog )?niet|blijft hangen|hiccup|taalbarri\w*|zoeken (?:we )?nog"
    r"|oplossing voor"
)
_OBSTACLE = ((_OBSTACLE_AFTER, "after"), (_OBSTACLE_IN, "sentence"))
_NEXT = (
    (r"volgende stap(pen)?|next steps?|(het |the )?plan is", "after"),
    (r"we gaan|gaan we|komende week|next week|we will|we're going to", "from"),
)
_INTENT = re.compile(
    # "the banenafspraak target group", "our first target-group employee": the doelgroep
    r"\b(doel|doelstelling|afspraak|willen|streven|hopen|verwachten|target(?![ -]groups?)"
    r"|goal|aim)\b",
    re.I,
)
_NOT_YET = re.compile(r"\b(nog niet|nog geen|not yet)\b", re.I)
# a full stop after an abbreviation ("nieuwe coll. gestart", "1 mdw.") ends no sentence
_SENT_END = re.compile(
    r"[!?\n]|(?<!\bcoll)(?<!\bmdw)(?<!\bnr)(?<!\bbijv)(?<!\bca)(?<!\bevt)(?<!\bincl)\.(?!\d)"
)
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


@dataclass
class _Counts:
    totals: dict[str, int]
    candidates: int | None = None
    candidates_in_view: bool = False  # said as "in beeld": wins over a count in passing
    ask: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    netto: int | None = None
    numeral: bool = False
    article: bool = False


def _before(toks: list[_Tok], i: int, words: set[str], reach: int = 2) -> bool:
    return any(toks[j].text in words for j in range(max(0, i - reach), i))


_NOW_STOCK = re.compile(
    r"\b(?:op dit moment|op het moment|momenteel|stand van zaken|inmiddels werken|nu|thans"
    r"|nog steeds|beiden nog|still|currently"
    r"|at the moment|right now|in totaal)\b",
    re.I,
)
_AT_WORK = re.compile(
    r"\b(?:in dienst|aan het werk|werkzaam|werken|at work|employed|working|work (?:in|at|for))\b",
    re.I,
)
_JUST_STARTED = re.compile(
    r"\b(?:genomen|getreden|gekomen|gegaan|begonnen|gestart|aangenomen|geplaatst|started|hired"
    r"|joined|erbij|bij gekomen|bijgekomen|officieel|eindelijk|vandaag|gisteren|welkom|finally"
    r"|officially|today|yesterday|omgezet|doorgestroomd|became|getekend|signed)\b",  # news
    re.I,
)


def _stock_at_work(text: str, pos: int) -> bool:
    """ "Er werken nu 6 mensen via de proeftuin": how many work there, said as a state."""
    sentence = text[slice(*_sentence(text, pos))]
    return bool(
        _NOW_STOCK.search(sentence)
        and _AT_WORK.search(sentence)
        and not _JUST_STARTED.search(sentence)
    )


_IN_VIEW = re.compile(r"\b(?:in beeld|in view|in the pipeline|voorgedragen|shortlisted)\b", re.I)
_NO_CANDIDATES = re.compile(
    r"\b(?:geen|no)\s+(?:nieuwe\s+|new\s+)?(?:kandidaten|candidates|kand\.?)\s+"
    r"(?:meer\b|(?:meer\s+)?(?:in beeld|in view|in the pipeline|left))",
    re.I,
)


def _candidates_stock(text: str, toks: list[_Tok], i: int) -> tuple[bool, bool]:
    """Whether a count of candidates is said "in beeld", and whether it is the stock at all:
    "intake gehad met 2 kandidaten" tells of a meeting, not of how many are in view."""
    sentence = text[slice(*_sentence(text, toks[i].start))]
    if _IN_VIEW.search(sentence):
        return True, True
    if _ACTIVITY.search(sentence):
        return False, False
    return False, True


def _before_in_clause(toks: list[_Tok], i: int, words: set[str], reach: int) -> bool:
    return _back_in_clause(toks, i, reach, lambda t: t.text in words)


def _remaining(toks: list[_Tok], i: int) -> bool:
    """'nog 2 te gaan', 'nog 3 nodig': what is left of a target."""
    after = {t.text for t in toks[i + 1 : i + 4]}
    return i > 0 and toks[i - 1].text == "nog" and bool(after & _REMAINING_AFTER)


def _range_end(toks: list[_Tok], i: int) -> int | None:
    """Index of the 3 in '2 à 3' / 'twee of drie' / '3 tot 4' / 'tussen de 2 en de 4'."""
    j = i + 2
    if j < len(toks) and toks[j].kind == "num" and toks[i + 1].text in _RANGE:
        return j
    between = any(t.text in ("tussen", "between") for t in toks[max(0, i - 2) : i])
    if between and i + 2 < len(toks) and toks[i + 1].text in ("en", "and"):
        j = i + 2 + (toks[i + 2].text in ("de", "the"))
        return j if j < len(toks) and toks[j].kind == "num" else None
    return None


_ELLIPSIS_AFTER = {"bij", "in", "op", "voor", "at", "(", "aan"}


def _continues_count(toks: list[_Tok], i: int, last_at: int) -> bool:
    """'2 mensen begonnen bij de schoonmaak en 1 bij de catering', 'ingestroomd: 2
    (schoonmaak), 1 (catering)': a bare number after "en" or a comma, in the same sentence
    as the count before it, counts the same thing."""
    if not 0 <= last_at < i or toks[i].article or toks[i].vague:
        return False
    between = toks[last_at + 1 : i]
    if any(t.kind == "stop" and t.text in ".!?\n" for t in between):
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if any(t.text in _HOUR_UNITS for t in toks[i + 1 : i + 4]):
        return False  # "2 gestart, eentje voor 24 uur": one of them, described
    if toks[i - 1].text in ("en", "and"):
        return nxt is None or nxt.text in _ELLIPSIS_AFTER or nxt.kind == "stop"
    # "2 (x), 1 (y)", "2 mdw bij catering, 1 bij receptie"
    return toks[i - 1].text == "," and nxt is not None and nxt.text in _ELLIPSIS_AFTER


_PART_BEFORE = {",", ":", "en", "and", "(", "-", "–", "weten", "namelijk", "namely"}
_PART_AFTER = {"in", "bij", "op", "van", "at", "for", "of", "voor", "x", "naar", "to", "on"}
_PART_AFTER |= {"medewerker", "medewerkers", "persoon", "personen", "collega", "employee"}


def _breakdown_parts(toks: list[_Tok], at: int, total: int) -> list[int]:
    """ "3 started this month: two in cleaning and one in catering", "2 mensen begonnen, 1 van
    20 uur en 1 van 12 uur": the numbers after a count that split it up (they add up to it,
    two or more of them or after a colon) are that count, not more of it."""
    parts, colon = [], False
    for j in range(at + 1, len(toks)):
        tok = toks[j]
        if tok.kind == "stop" and tok.text in _LINE_END:
            break
        colon = colon or (tok.kind == "colon" and not parts)
        if tok.kind != "num" or tok.vague or j + 1 >= len(toks):
            continue
        if toks[j - 1].text in _PART_BEFORE and toks[j + 1].text in _PART_AFTER:
            parts.append(j)
    if (len(parts) >= 2 or (colon and parts)) and sum(toks[j].value for j in parts) == total:
        return parts
    return []


_WITH_WORDS = {"met", "with", "aan", "als", "as", "on", "op", "in"}


def _internship_with(toks: list[_Tok], j: int, cues) -> tuple[_Cue, bool] | None:
    """At toks[j] "met (een) stage": the internship cue, and whether "een" counts it."""
    if j >= len(toks) or toks[j].text not in _WITH_WORDS:
        return None
    article = j + 1 < len(toks) and toks[j + 1].article
    k = j + 1 + article
    # "begonnen aan hun stage", "started their internship": the owner, no count
    k += not article and k < len(toks) and toks[k].text in _INTERN_OWNER
    if k in cues and cues[k][0].category == "internships":
        return cues[k][0], article
    return None


_INTERN_OWNER = {"hun", "haar", "zijn", "de", "het", "their", "her", "his", "the"}


def _started_with_internship(toks: list[_Tok], i: int, cues) -> _Cue | None:
    """The internship cue of "… zijn gestart met een stage" within reach of the number."""
    for j in range(i + 1, min(len(toks), i + WINDOW + 2)):
        if found := _internship_with(toks, j, cues):
            return found[0]
        if toks[j].kind == "stop":
            break
    return None


_THIS_PERIOD = {"deze", "dit", "this", "vandaag", "today", "afgelopen"}


def _of_which_now(toks: list[_Tok], i: int) -> int | None:
    """The index of the 1 in "9 mensen begonnen, waarvan 1 deze maand" (a total since the
    start, of which this period's part follows)."""
    for j in range(i + 1, min(len(toks) - 2, i + WINDOW + 3)):
        if toks[j].kind == "stop" and toks[j].text != ",":
            return None
        which = toks[j].text == "waarvan" or (toks[j].text == "of" and toks[j + 1].text == "which")
        k = j + 1 + (toks[j].text == "of")
        if which and k + 1 < len(toks) and toks[k].kind == "num":
            return k if toks[k + 1].text in _THIS_PERIOD else None
    return None


def _but_only(toks: list[_Tok], i: int) -> bool:
    """ "2 aangenomen, maar slechts 1 gestart", "two got hired but only one started"."""
    return (
        i >= 2
        and toks[i - 1].text in {"only", "slechts", "alleen"}
        and toks[i - 2].text in {"but", "maar"}
    )


# The candidates in beeld said as a pool: its figure now (after an arrow: the new figure)
_POOL_NOW = re.compile(
    r"\b(?:kandidaten|candidate |talent)?pool\s*(?::\s*\d{1,3}\s*(?:→|->|naar|to)\s*"
    r"|(?:is|staat|zit|stands|is now)\s+(?:nu\s+|now\s+)?(?:op\s+|at\s+)?)(?P<now>\d{1,3})\b",
    re.I,
)


def _scan(text: str, masked: list[Span]) -> _Counts:
    """Counts per category, the candidates stock, what to ask about, and problems. Shared by
    parse_progress and classify_message, which read the same text with the same plans masked
    (a third of a progress message's handling went to reading it twice): treat as read-only."""
    return _scan_cached(text, tuple(masked))


@lru_cache(maxsize=256)
def _scan_cached(text: str, masked: tuple[Span, ...]) -> _Counts:
    masked = list(masked)
    toks = _tokens(text)
    cues = _cue_starts(toks)
    counts = _Counts({"jobs": 0, "ended": 0, "internships": 0})
    skip: set[int] = set()
    last: tuple[str, int] | None = None  # the latest count, for "3 gestart, nee 2"
    last_at = -1  # its token
    attached: list[int] = []  # numbers that count something: their window's cues are theirs
    for i, tok in enumerate(toks):
        if tok.kind == "other" and re.fullmatch(r"\d+[-–]\d+", tok.text):  # "2-3 kandidaten"
            cue = _attach(toks, i, cues)
            if cue is not None:
                counts.ask.append(_FIELD[cue.category])
            continue
        if tok.kind != "num" or i in skip or _inside(tok.start, masked) or _remaining(toks, i):
            continue
        end = _range_end(toks, i)
        cue = _attach(toks, end if end is not None else i, cues)
        if cue is None and last is not None and _before(toks, i, _CORRECTION, 5):
            counts.totals[last[0]] += tok.value - last[1]  # "3 gestart, nee sorry 2"
            last = (last[0], tok.value)
            continue
        if cue is None and last is not None and _continues_count(toks, i, last_at):
            counts.totals[last[0]] += tok.value  # "2 begonnen bij de schoonmaak en 1 bij …"
            continue
        if cue is None:
            continue
        # in the number's own clause: "2 stages gestart, en 1 persoon is doorgestroomd naar
        # een betaalde baan" keeps its 2 internships
        if cue.category == "internships" and _CONVERTED.search(text, *_own_clause(text, tok.start)):
            cue = _CONVERTED_TO_JOB  # "de 2 proefplaatsingen zijn omgezet in een contract"
        if cue.category == "jobs" and (internship := _started_with_internship(toks, i, cues)):
            cue = internship  # "twee jongeren zijn gestart met een stage": two internships
            skip.update(
                j for j in range(i + 1, i + WINDOW + 4) if j < len(toks) and toks[j].article
            )
        attached.append((i, cue.category))
        counts.numeral = counts.numeral or not (tok.article or tok.vague)
        counts.article = counts.article or tok.article
        if end is not None or tok.vague:  # "2 à 3 mensen", "een paar stagiairs": ask
            skip.add(end if end is not None else i)
            counts.ask.append(_FIELD[cue.category])
        elif _unclear(text, toks, i):
            counts.problems.append("unclear")
        elif not 0 <= tok.value <= MAX_COUNT:
            counts.problems.append("negative" if tok.value < 0 else "too_large")
        elif cue.category == "jobs" and _stock_at_work(text, tok.start):
            continue  # "op dit moment hebben we 5 mensen in dienst": who work there, not news
        elif _before(toks, i, _RUNNING_TOTAL, 3) and cue.category == "jobs":
            counts.ask.append("started")  # "de teller staat op 8": how many are new?
        elif _before_in_clause(toks, i, _NETTO, 5):  # "netto zijn er deze maand 3 bijgekomen"
            counts.netto = tok.value  # only counts when nothing else does
        elif cue.category == "candidates":
            in_view, stock = _candidates_stock(text, toks, i)
            if _before(toks, i, _BEFORE_STOCK):
                pass  # "nu 5, was 4": the stock is 5
            elif stock and (in_view or not counts.candidates_in_view):
                counts.candidates, counts.candidates_in_view = tok.value, in_view
        elif last is not None and (_before(toks, i, _CORRECTION, 3) or _but_only(toks, i)):
            counts.totals[last[0]] += tok.value - last[1]  # "3 gestart, nee sorry 2"
            last = (last[0], tok.value)
        elif now := _of_which_now(toks, i):  # "9 begonnen, waarvan 1 deze maand": the 1
            counts.totals[cue.category] += toks[now].value
            skip.add(now)
            last, last_at = (cue.category, toks[now].value), now
        else:
            counts.totals[cue.category] += tok.value
            last, last_at = (cue.category, tok.value), i
            skip.update(_breakdown_parts(toks, i, tok.value))
    consumed = _windows([i for i, _ in attached]) | {
        j for j, t in enumerate(toks) if _inside(t.start, masked)
    }  # a plan or a lesson is no progress
    counted = {(_sentence(text, toks[i].start)[0], category) for i, category in attached}
    _implicit_people(text, toks, cues, counts, consumed=consumed, counted=counted)
    if not any(counts.totals.values()):
        counts.totals["jobs"] += _starts_named_after(text, masked) or _could_start(text, masked)
    if not any(counts.totals.values()) and (grown := _grown_stock(text)):
        # "we zitten nu op 7 mensen, vorige maand waren het er 5"; "we zitten op 4, waren er 5"
        counts.totals["jobs" if grown > 0 else "ended"] = abs(grown)
        counts.ask = [field for field in counts.ask if field != "started"]  # said by the two
    if pool := _POOL_NOW.search(text):  # "pool staat op 7", "Kandidatenpool: 7 → 5"
        counts.candidates = int(pool["now"])
    if counts.candidates is None and _NO_CANDIDATES.search(text):
        counts.candidates = 0  # "nog geen kandidaten in beeld"
    counts.problems = list(dict.fromkeys(counts.problems))
    return counts


_STOCK_NOW_WAS = re.compile(
    r"\b(?:nu|now|inmiddels|totaal|total|zitten op|staan op)\b[^.!?\d]{0,50}?(?P<now>\d{1,3})\b"
    r"[^.!?\d]{0,60}?"
    r"\b(?:was|waren|were|dat waren|vorige maand|last month)\b[^.!?\d]{0,30}?(?P<was>\d{1,3})\b"
    r"|\b(?:from|van)\s+(?P<was2>\d{1,3})\s+(?:to|naar)\s+(?P<now2>\d{1,3})\b",
    re.I,
)


def _grown_stock(text: str) -> int:
    """ "We zitten nu op 7 mensen, vorige maand waren het er 5", "Nu 11 medewerkers, waren er
    8", "headcount went from 3 to 5": the people at work grew (or, negative, shrank) by that
    many, with no start or end said otherwise."""
    m = _STOCK_NOW_WAS.search(text)
    if not m or not _people_at_work(text, m):
        return 0
    now, was = (m["now"], m["was"]) if m["now"] else (m["now2"], m["was2"])
    grown = int(now) - int(was)
    return grown if abs(grown) <= MAX_COUNT else 0


def _people_at_work(text: str, m: re.Match[str]) -> bool:
    """The figures are of people at work, not of candidates ("nu 5 in beeld, was 4")."""
    said = text[slice(*_sentence(text, m.start()))]
    return (
        bool(_AT_WORK_NOUN.search(said))
        and not _IN_VIEW.search(said)
        and not re.search(r"kandida|candida", said, re.I)
    )


_AT_WORK_NOUN = re.compile(
    r"\b(?:mensen|medewerkers?|collega'?s|werknemers?|people|employees|staff|headcount|in dienst"
    r"|aan het werk|werken|working|banen)\b",
    re.I,
)
# "mevrouw jansen is begonnen": a person, also when the name is typed in lowercase
_PERSON = re.compile(
    r"\b(?:iemand|someone|somebody|hij|zij|ze|he|she|mevrouw|meneer|mevr|dhr)\b", re.I
)
# A start said with the person after the verb, and no number.
_STARTS_TODAY = re.compile(
    r"\b(?:(?i:per|vanaf|sinds) )?(?i:vandaag|gisteren|maandag|dinsdag|woensdag|donderdag|vrijdag"
    r"|deze week|\d{1,2} (?i:januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december)) (?:werkt|begint|start|startte|begon|draait|zit|staat)"
    r" (?:[A-Z][a-zà-ÿ]+|er iemand)\b"
)
# "Yvonne werkt sinds 1 april bij de postkamer", "Yusuf draait sinds 2 weken mee": a start
# told by how long it has been (at most a few weeks, or a date)
_WORKS_SINCE = re.compile(
    r"\b(?P<name>[A-Z][a-zà-ÿ]+)\s+(?:werkt|draait|zit|loopt)\s+(?:nu\s+|al\s+)?sinds\s+"
    rf"(?:\d{{1,2}}\s+(?:{_MONTHS})|(?:een|1|2|3|twee|drie)\s+(?:week|weken|dagen|dag)|kort)\b"
)
# "Inmiddels draaien Wouter en Nadine sinds deze week mee"
_NAMED_JOIN_IN = re.compile(
    r"\b(?:draait|draaien|loopt|lopen)\s+(?P<who>[A-Z][a-zà-ÿ]+(?:\s+(?:en|and|&)\s+[A-Z][a-zà-ÿ]+)?)"
    r"\s+(?:sinds|vanaf)\s+(?:\w+\s+){1,2}mee\b"
)
# "Sinds 16 september werken er twee mensen uit de doelgroep": how many since a recent day
_WORK_SINCE_COUNT = re.compile(
    rf"\bsinds\s+(?:\d{{1,2}}\s+(?:{_MONTHS})|{_WEEKDAYS}|vorige week)\s+"
    r"werk(?:t|en)\s+er\s+(?P<n>\d{1,2}|een|één|twee|drie|vier|vijf|zes)\s+(?:nieuwe\s+)?"
    r"(?:mensen|medewerkers?|personen|collega'?s|persoon)\b",
    re.I,
)
# "we zijn met 4 mensen uit de doelgroep van start gegaan" (a proeftuin that starts has none)
_STARTED_WITH = re.compile(
    r"\bmet\s+(?P<n>\d{1,2}|twee|drie|vier|vijf|zes|zeven|acht)\s+(?:nieuwe\s+)?(?:mensen"
    r"|medewerkers|collega'?s|personen)\b[^.!?\n]{0,40}?\bvan start\b",
    re.I,
)
_WORK_FROM_TODAY = re.compile(
    rf"\b(?:[Vv]anaf|[Pp]er|[Ss]inds)\s+(?:vandaag|gisteren|{_WEEKDAYS})\s+werken\s+"
    r"(?P<who>[A-Z][^.!?\n]{0,80}?)\s+(?:bij|in|op|voor)\s"
)
_HIRED_SOMEONE = re.compile(r"\b(?:hired|welcomed|onboarded) (?:someone|somebody|a new)\b", re.I)


_COULD_START = re.compile(
    r"\b(?:kon|konden|mocht|mochten|could)\s+(?:(?:ook|toen|dan|eindelijk|nu)\s+)?(?P<who>[A-Z][a-zà-ÿ]+(?:\s+(?:en|and|&)\s+"
    r"[A-Z][a-zà-ÿ]+)?\s+)?(?:[a-zà-ÿ]+\s+){0,3}?"  # "kon Lisa gisteren eindelijk beginnen"
    r"(?:beginnen|starten|aan de slag|begin|start)\b"
)
_SUBJECT_BEFORE = re.compile(r"\b(?P<name>[A-Za-zà-ÿ]+)\s*,?\s*$")


def _could_start(text: str, masked: list[Span]) -> int:
    """ "Daardoor konden Gijs en Mees starten", "Hanneke kon meteen beginnen": a start said
    with a modal in the past; not when it was taken back ("mocht beginnen, maar weigerde")."""
    people = 0
    for m in _COULD_START.finditer(text):
        start, end = _sentence(text, m.start())
        sentence = text[start:end]
        if _inside(m.start(), masked) or _TAKEN_BACK.search(sentence) or _MAYBE.search(sentence):
            continue
        who = m.group("who") or ""
        if who:
            people += 2 if re.search(r"\s(?:en|and|&)\s", who) else 1
        elif (before := _SUBJECT_BEFORE.search(text[start : m.start()])) and _a_person(
            before.group("name"), set()
        ):
            people += 1  # "jeroen mocht beginnen"
    return people


def _starts_named_after(text: str, masked: list[Span]) -> int:
    """'Per vandaag werkt Anouk bij ons', 'just hired someone': starts with the person after
    the verb; not in a plan ("volgende stap: vanaf maandag start Anouk") nor a maybe."""
    found = [*_STARTS_TODAY.finditer(text), *_HIRED_SOMEONE.finditer(text)]
    for m in _WORK_FROM_TODAY.finditer(text):
        who = re.sub(r"\([^()]*\)", " ", m["who"])
        found += [m] * len([n for n in _NAME.findall(who) if n not in _NOT_NAMES])
    for m in [*_WORK_SINCE_COUNT.finditer(text), *_STARTED_WITH.finditer(text)]:
        n = m["n"].lower()
        found += [m] * (int(n) if n.isdigit() else _WORDS[n])
    found += [m for m in _WORKS_SINCE.finditer(text) if _a_person(m["name"], set())]
    found += [  # two names count twice
        m
        for m in _NAMED_JOIN_IN.finditer(text)
        for _ in range(1 + bool(re.search(r"\s(?:en|and|&)\s", m["who"])))
    ]
    return sum(
        not _inside(m.start(), masked)
        and not _MAYBE.search(text[slice(*_sentence(text, m.start()))])
        and not _NOT_YET.search(text[slice(*_sentence(text, m.start()))])
        for m in found
    )


_MAYBE = re.compile(
    r"\b(misschien|waarschijnlijk|wellicht|hopelijk|zou|zouden|maybe|probably|perhaps|hopefully"
    r"|would|volgende (?:week|maand)|next (?:week|month)|proberen|te nemen|pas in|scheduled"
    r"|(?:volgende|komende|next|coming) (?:maandag|dinsdag|woensdag|donderdag|vrijdag|monday"
    r"|tuesday|wednesday|thursday|friday)|morgen|overmorgen|tomorrow"
    r"|gepland)\b"
    # "er gaat volgende week iemand beginnen", "ze gaat per 1 maart aan het werk"
    r"|\bga(?:at|an)\b.{0,40}\b(?:beginnen|starten|aan (?:het|de|'t) (?:werk|slag))\b"
    # "hij kan nu echt aan de slag. Start is op 1 maart": able to start, not started
    r"|\bkan\b.{0,20}\baan (?:het|de|'t) (?:werk|slag)\b",
    re.I,
)
_ONE_BEFORE = re.compile(
    r"\b(?:een|één|eentje|ene|nen|unne)\s+(?:nieuwe\s+)?(?:is\s+|zijn\s+)?$"
    r"|\b(?:een |ene |nen )?nieuwe (?:collega|coll|medewerker|medewerkster|werknemer|kracht"
    r"|stagiaire?|starter|mdw)\b"
    r"(?!s|'s)[\s.]*$",  # "nieuwe coll. gestart": one new colleague
    re.I,
)
_NAME_PAIR = re.compile(r"\b[A-Z][a-z]+\s+(?:en|and|&)\s+[A-Z][a-z]+\b")
# "Jochem, Hanna en Sven zijn begonnen": three or more names in a row
_NAME_LIST = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:, [A-Z][a-zà-ÿ]+)+,? (?:en|and|&) [A-Z][a-zà-ÿ]+\b")
# "yusf en dewi zijn allebij begonnen": two lowercase names before "zijn"
_LOWER_PAIR = re.compile(r"^\s*[a-zà-ÿ]{2,} (?:en|and|&) [a-zà-ÿ]{2,} (?:zijn|are|have|hebben)\b")
_BOTH_BEFORE = re.compile(r"\b(?:allebei|allebij|beiden|alle twee|allebeide|both)\s*$", re.I)
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ]+\b")
# Capitalised words that are no person: sentence openers and organisations.
_NOT_NAMES = set(
    """De Het Een Er Vandaag Gisteren Goed Helaas Per Vanaf Sinds Deze Die Dat Dit We Wij Ons
    Onze Ook Nu Verder Daarnaast Bij Na In Op Met Voor Sorry Top Mooi Super Fijn Hoi Hallo
    The We Our Today Yesterday Good Great Also Now Just Unfortunately This That Since From
    Rijkswaterstaat Belastingdienst Ministerie Gemeente Sodexo Facilicom Asito Hago Uwv
    Knelpunt Knelpunten Les Tip Geleerd Update Week Maandag Dinsdag Woensdag Donderdag Vrijdag
    Januari Februari Maart April Mei Juni Juli Augustus September Oktober November December
    Monday Tuesday Wednesday Thursday Friday March April May June
    Nog Niemand Misschien Eentje Ge Allez Moi Wie Veer Just Sadly Helaas Vanaf
    Ze Zij Hij Ik Jij Je Hun Zijn Haar They He She It Geplaatst Ingestroomd
    Nou Ja Nee Oke Oké Ok Hee Hey Zo Dus Kortom Samengevat Well So Yes""".split()
)


def _windows(attached: list[int]) -> set[int]:
    """Token indices within reach of a counted number: their cues are taken by it."""
    return {j for i in attached for j in range(i + 1, i + 1 + WINDOW)}


_CLAUSE_BREAK = re.compile(r",\s+|;\s*|:\s+|\s+(?:maar|but|terwijl|whereas)\s+", re.I)
_NEGATION = re.compile(r"\b(niet|geen|gein|niemand|not|no|nobody|never|nooit)\b|n't|cannot", re.I)
# A start said and taken back in the same sentence: "mocht beginnen, maar heeft geweigerd"
_TAKEN_BACK = re.compile(
    r"\b(?:geweigerd|afgezegd|afgehaakt|klopt niet|klopte niet|uitgesteld|gaat niet door|niet"
    r" doorgegaan|declined|refused|turned (?:it )?down|postponed|supposed to|hasn't started)\b",
    re.I,
)
_ALSO_NAME = re.compile(r"\b(?:en|and)\s+([A-Z][a-zà-ÿ]+)\s+(?:ook|too|also)\b")
# "eerste werkdag van Kevin", "eerste dag voor jeroen", "eerste werkdag voor Marloes en Tim"
_OF_NAME = re.compile(
    r"^\s*(?:van|voor|of|for)\s+(?P<first>[A-Za-zà-ÿ]+)(?:\s+(?:en|and|&)\s+(?P<second>[A-Za-zà-ÿ]+))?"
    r"|^\s*(?P<cap>[A-Z][a-zà-ÿ]+)\s*[:!]"  # "Eerste werkdag Lieke: ging goed!"
)
_ORDINALS = (
    r"(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende"
    r"|first|second|third|fourth|fifth|sixth|\d+(?:e|ste|de|st|nd|rd|th))"
)
# "onze vierde en vijfde medewerker": two people
_TWO_ORDINALS = re.compile(
    rf"\b(?:de|het|onze|our|the)\s+{_ORDINALS}\s+(?:en|and|&)\s+{_ORDINALS}\s+(?:\w+\s+)?"
    r"(?:kandida\w*|medewerk\w*|collega\w*|deelnemer\w*|starters?|werknemers?|mdw"
    r"|candidates?|employees?|colleagues?)\b",
    re.I,
)
# "de tweede kandidaat", "onze eerste medewerker", "nummer vier": one person
_ORDINAL_PERSON = re.compile(
    rf"\b(?:de|het|onze|our|the)\s+{_ORDINALS}\s+(?:\w+\s+)?"
    r"(?:kandidaat|medewerker|medewerkster|collega|deelnemer|persoon|starter|mdw|werknemer"
    r"|candidate|employee|colleague)\b"
    r"|\b(?:nummer|nr\.?|number)\s+(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\b",
    re.I,
)
# "mo is maandag gestart", "fatima heeft vandaag haar eerste werkdag": a lowercase name
# "die gozer", "onze nieuwe collega", "'ne jongen": one person, named by a noun
_PERSON_NOUN_PHRASE = re.compile(
    r"\b(?:die|deze|onze|ons|our|that|this|een|ene|'ne|ne|nen|ain|a)\s+(?:nieuwe\s+|nije\s+|new\s+)?"
    r"(?:jongen|meid|dame|gozer|gast|kerel|collega|medewerker|medewerkster|kracht|starter|mattie"
    r"|parttimer|fulltimer|guy|lad|colleague)\b(?!s|'s)",  # "een parttimer" (dev set 14)
    re.I,
)
_LOWER_SUBJECT = re.compile(
    r"^\s*(?P<name>[a-zà-ÿ]{2,})\s+(?:is|heeft|was)\b"
    r"|\b(?i:is|heeft|vandaag|gisteren|today|yesterday)\s+(?P<late>[a-zà-ÿ]{2,})"
    r"(?:\s+(?:al|ook|nu|gewoon|eindelijk|toch|net|meteen))*\s*$"
    r"|^\s*(?P<alone>[a-zà-ÿ]{2,})\s*$"  # "tom werkt sinds vandaag"
)
_NO_PERSON = set(
    """er het dat dit die wie wat ze zij hij iemand niemand iedereen alles hier daar nu ook toen
    en maar men je jij u ik we wij this that there it he she who what everyone nobody someone
    update vandaag gisteren inmiddels eindelijk dus verder helaas gelukkig de een nog wel niet
    er's alles contract stage team locatie proeftuin traject ie al weer toch gewoon net pas
    direct meteen gelijk zojuist maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    deze vorige afgelopen ze'r d'r geen none nvt nobody nope""".split()
)
_BUT_ONE_DID = re.compile(r"^\s*,?\s*(?:maar|but)\s+(?P<name>[A-Za-zà-ÿ]+)\s+(?:wel|did)\b", re.I)
_AS_A_GROUP = re.compile(r"\bmet z['’]n (tweeën|drieën|vieren|vijven)\b", re.I)
_GROUP_SIZE = {"tweeën": 2, "drieën": 3, "vieren": 4, "vijven": 5}


def _people_named(text: str, cue_words: set[str]) -> list[str]:
    return [n for n in _NAME.findall(text) if n not in _NOT_NAMES and n.lower() not in cue_words]


def _a_person(word: str | None, cue_words: set[str]) -> bool:
    """Whether a word said where a person stands can be one ("jeroen", not "de")."""
    return bool(word) and word.lower() not in _NO_PERSON | cue_words and word not in _NOT_NAMES


def _listed_people(after: str, cue_words: set[str]) -> int:
    """ "gestart: anouk (22 uur) en mees (22 uur)": the people of a list after a colon."""
    items = re.split(r",|;|&|\s+(?:en|and)\s+", re.sub(r"\([^)]*\)", " ", after.lstrip()[1:]))
    people = 0
    for item in (item.strip() for item in items):
        first = item.split()[0] if item else ""
        lone = re.fullmatch(r"[A-Za-zà-ÿ-]+", item) and _a_person(item, cue_words)
        named = _NAME.fullmatch(first) and first not in _NOT_NAMES  # "Kim bij de schoonmaak"
        if not (lone or named):
            break  # "Rosa, 27 uur, receptie": the list of people ends at the hours
        people += 1
    return people


def _implicit_people(
    text, toks, cues, counts: _Counts, consumed: set[int], counted: set[tuple[int, str]]
) -> None:
    """'Fatima is begonnen', 'er is iemand gestopt', 'Ilse en Tom zijn gestart', 'Wendy is
    begonnen, en Mustafa ook', 'vandaag gestart: Hanna, Yusuf en Kim', 'met z'n tweeën
    begonnen': a start or end with people but no number counts them."""
    done: dict[tuple[int, str], tuple[set[str], int]] = {}  # names counted, where the cue ended
    cue_words = {toks[j].text for j in cues}  # "Stagiaire is gestopt": a cue word, no name
    counted_anywhere = {category for _, category in counted}
    named: set[str] = set()  # categories counted from names, not pronouns
    by_pronoun: dict[str, int] = {}  # "Ze is begonnen": counted unless a named start is it
    for i, (cue, last) in cues.items():
        listed = last + 1 < len(toks) and toks[last + 1].kind == "colon"  # "Starters: Emre en …"
        if not (cue.verb or listed) or cue.category not in ("jobs", "ended") or i in consumed:
            continue
        if listed and _under_hours_label(toks, last + 2):
            continue  # "Uren van de starters: 20, 20 en 16": hours, no people
        start, end = _sentence(text, toks[i].start)
        if (start, cue.category) in counted:
            continue  # "Two employees … joined": said by the number
        signed = toks[i].text.startswith(("contract", "signed")) or "getekend" in toks[i].text
        if signed and _STARTS_LATER.search(text):
            continue  # "Contract getekend door Noor! Ze gaat per 1 maart aan het werk"
        if toks[i].text.startswith("contract") and i and toks[i - 1].text in ("vast", "vaste"):
            continue  # "heeft een vast contract gekregen": a placement made lasting, no new job
        sentence = text[start:end]
        if "?" in text[end : end + 1]:
            continue
        if not cue.verb and any(
            c.verb and j > last and toks[j].start < end for j, (c, _) in cues.items()
        ):
            continue  # "Nieuwe collega: Bram versterkt ons team": the verb counts Bram
        before = sentence[: toks[i].start - start]
        clause, offset = _subject_clause(before)  # "…niet verlengd, maar Femke is begonnen"
        after = text[toks[last].start + len(toks[last].text) : end]
        if (start, cue.category) in done:  # "Zeynep gestart (20u) en Hamza gestart (36u)"
            seen, previous_end = done[(start, cue.category)]
            between = text[previous_end : toks[i].start]
            fresh = set(_people_named(between, cue_words)) - seen
            doubt = _NEGATION.search(between) or _MAYBE.search(between + after.split(",")[0])
            doubt = doubt or _internship_with(
                toks, last + 1, cues
            )  # "Thijs is gestart met een stage"
            if fresh and not doubt:
                counts.totals[cue.category] += len(fresh)
                seen |= fresh
            done[(start, cue.category)] = (seen, toks[last].start)
            continue
        said = text[toks[i].start : toks[last].start + len(toks[last].text)]
        if _MAYBE.search(f"{clause} {said} {after.split(',')[0]}"):
            continue  # "misschien start er volgende week iemand": not yet
        if _WORKED_FOR.search(sentence) or _stock_at_work(text, toks[i].start):
            continue  # "Kim en Esra zijn nu vier maanden in dienst": working there, no news
        if _TAKEN_BACK.search(sentence) or _NOT_A_JOB_AFTER.match(after):
            continue  # "mocht beginnen, maar heeft geweigerd"; "begonnen aan een opleiding"
        if _NOT_A_JOB_SUBJECT.search(clause):
            continue  # "Voortraject gestart voor 3 kandidaten": a course started, no job
        if toks[i].text in ("eerste", "first") and _BEFORE_IT.search(clause):
            continue  # "ziek geworden vlak voor haar eerste werkdag": it did not happen
        if _NEGATION.search(clause) or _NOT_YET.search(clause + after.split(",")[0]):
            if (but := _BUT_ONE_DID.match(after)) and _a_person(but.group("name"), cue_words):
                counts.totals[cue.category] += 1  # "Jaimy is toch niet begonnen, maar Stijn wel"
                done[(start, cue.category)] = ({but.group("name")}, toks[last].start)
            continue
        if i and toks[i - 1].text in ("nog", "still", "steeds", "weer", "again", "back"):
            continue  # "gewoon nog aan 't werk", "weer aan het werk na haar verzuim": no news
        staff = _STAFF.search(_WITH_STAFF.sub(" ", clause)) and not _FOR_SOMEONE.search(clause)
        if not staff and not _people_named(clause, cue_words) and not _PERSON.search(clause):
            # "Mark, de nieuwe teamleider, is begonnen": who it is stands before the clause
            staff = _STAFF.search(_WITH_STAFF.sub(" ", before)) and not _FOR_SOMEONE.search(before)
        if staff or _AS_STAFF.match(after):
            continue  # "nieuwe teamleider begonnen", "begonnen als jobcoach": no target group
        people, names, pronoun_only = _people_of_start(clause, after, sentence, cue_words)
        named_before = _NAME_THEN_COMMA.search(before)
        if not people and named_before and _a_person(named_before["name"], cue_words):
            # "Said, gisteren gestart"
            people, names, pronoun_only = 1, [named_before["name"]], False
        opening = _FIRST_CLAUSE_NAMES.match(before)
        if not people and opening:
            # "Sophie en Anouk, beiden 18 uur, zijn begonnen": who stands before the remark
            opened = _NAME.findall(opening["names"])
            if all(_a_person(n, cue_words) for n in opened):
                people, names, pronoun_only = len(opened), opened, False
        if not people and cue in _CONVERSION_CUES and _INTERN_PHRASE.search(clause):
            people, names, pronoun_only = 1, [], False  # "de stagiair is nu in dienst gekomen"
        if cue is _CONVERTED_TO_JOB and _MADE_PERMANENT.search(sentence):
            continue  # "Het contract van Marco is omgezet van tijdelijk naar vast": no new job
        if cue is _WELCOMED:  # "we verwelkomden Iris en Thijs": the people after the verb
            names = _people_named(after, cue_words)
            people, pronoun_only = len(names), False
        if pronoun_only and cue.category in counted_anywhere:
            continue  # "drie nieuwe collega's … Ze zijn maandag begonnen": the same three
        category = _category_of_start(
            toks, cues, i, last, start, (clause, start + offset), names, cue.category
        )
        if (_CONVERTED.search(sentence) or cue in _CONVERSION_CUES) and cue.category == "jobs":
            category = "jobs"  # "de stage van Dirk is omgezet in een betaald contract"
        if category is None or not people:
            continue
        if pronoun_only:
            by_pronoun[category] = by_pronoun.get(category, 0) + 1
        else:
            counts.totals[category] += people
            named.add(category)
        done[(start, category)] = (set(names), toks[last].start)
    for category, people in by_pronoun.items():
        if category not in named:  # "Ze is begonnen! … is Naomi aan het werk gegaan": one
            counts.totals[category] += people


_FIRST_CLAUSE_NAMES = re.compile(
    r"^\s*(?P<names>[A-Z][a-zà-ÿ]+(?:(?:,\s*|\s+(?:en|and|&)\s+)[A-Z][a-zà-ÿ]+)*)\s*,"
)
_NAME_THEN_COMMA = re.compile(r"\b(?P<name>[A-Z][a-zà-ÿ]+),\s*(?:[a-zà-ÿ]+\s*){0,2}$")
# Who starts as staff of the supplier or the buyer is no start of the target group.
_STAFF_WORDS = (
    r"(?:teamleider|leidinggevende|jobcoach|job coach|coördinator|coordinator|begeleider"
    r"|manager|supervisor|voorman|werkleider|projectleider|contractmanager|consulent"
    r"|team ?lead(?:er)?"
    r"|inkoper|directeur|uitvoerder|planner)s?"
)
_STAFF = re.compile(rf"\b{_STAFF_WORDS}\b", re.I)
_AS_STAFF = re.compile(
    rf"^\s*(?:als|as)\s+(?:de\s+|nieuwe\s+|new\s+|a\s+|an\s+)*{_STAFF_WORDS}\b", re.I
)
# "Mohammed kan nu met een OV-begeleider reizen en is begonnen": staff beside the person
_WITH_STAFF = re.compile(
    rf"\b(?:met|with)\s+(?:een|de|haar|zijn|hun|a|the|her|his|their)\s+(?:[\w-]*-)?{_STAFF_WORDS}",
    re.I,
)
_FOR_SOMEONE = re.compile(r"\b(?:voor|for|met|with)\s+[A-Z]")  # "de jobcoach … voor Vincent"
_INTERN_PHRASE = re.compile(
    r"\b(?:de|die|onze|ons|our|the|een|a)\s+(?:\w+\s+)?(?:stagiair|stagiaire|stagiar|intern"
    r"|trainee|leerling|bbl'er)\b",
    re.I,
)
_STARTS_LATER = re.compile(
    r"\b(?:ze|zij|hij|he|she|they|and|en)(?:'ll)?\s+(?:gaat|begint|start|starts|begins|will start"
    r"|will begin|komt)\b(?!\s+(?:vandaag|today))",
    re.I,
)
_WORKED_FOR = re.compile(
    r"\b(?:\d+|een|twee|drie|vier|vijf|zes|paar|enkele)\s+(?:weken|maanden|jaar|jaren|weeks|months"
    r"|years)\s+(?:in dienst|bij ons|aan het werk|with us|employed)\b",
    re.I,
)
_NOT_A_JOB_AFTER = re.compile(
    r"^\s*(?:aan|met)\s+(?:een|de|het|haar|zijn)\s+(?:\w+\s+)?(?:opleiding|cursus|training"
    r"|studie|scholing|taalcursus|voortraject|sollicitatietraining|oriëntatie|orientatie|werving"
    r"|wervingsprocedure|selectie|sollicitatieprocedure)\b",
    re.I,
)


_MADE_PERMANENT = re.compile(r"\bvan tijdelijk\b|\b(?:naar|in) (?:een )?vast\b", re.I)
_NOT_A_JOB_SUBJECT = re.compile(
    r"^\s*(?:het\s+|de\s+|een\s+|ons\s+|onze\s+)?(?:voortraject|traject|opleiding|cursus"
    r"|training|scholing|taalcursus|project|werkgroep|pilot|proeftuin)\s*$",
    re.I,
)


def _not_a_job_after(toks: list[_Tok], last: int) -> bool:
    """The cue ending at toks[last] is followed by "met een opleiding" and the like."""
    words = " ".join(t.text for t in toks[last + 1 : last + 5])
    return bool(_NOT_A_JOB_AFTER.match(" " + words))


_BEFORE_IT = re.compile(r"\b(?:voor|vóór|before)\s+(?:haar|zijn|hun|de|her|his|their)\s*$", re.I)
_RELATIVE = ("die ", "dat ", "who ", "which ", "wie ")


def _subject_clause(before: str) -> tuple[str, int]:
    """The clause that says who, and where it starts in `before`: the last clause, or the one
    before a relative clause ("Sandra, die bij ons stage liep, heeft een contract gekregen" /
    "Welcome to Jamal, who kicked off …")."""
    # "zijn Ayoub (ochtend, 20u) en Romy (middag, 16u) begonnen": no clause ends in brackets
    before = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), before)
    parts = _CLAUSE_BREAK.split(before)
    clause = parts[-1]
    subject = None
    if len(parts) >= 2 and clause.lstrip().lower().startswith(_RELATIVE):
        subject = None if _PERSON.search(clause) else parts[-2]
    elif len(parts) >= 3 and parts[-2].lstrip().lower().startswith(_RELATIVE):
        subject = None if (_PERSON.search(clause) or _NAME.search(clause)) else parts[-3]
    if subject is None:
        return clause, len(before) - len(clause)
    return subject + " " + clause, before.rfind(subject, 0, len(before) - len(clause))


def _people_of_start(
    clause: str, after: str, sentence: str, cue_words: set[str]
) -> tuple[int, list[str], bool]:
    """How many people a start or end without a number is about, their names, and whether
    only a pronoun says who ("ze is begonnen")."""
    names = _people_named(clause, cue_words)
    lower = _LOWER_SUBJECT.search(clause)
    lower_name = lower and (lower.group("name") or lower.group("late") or lower.group("alone"))
    if not names and _a_person(lower_name, cue_words):
        names = [lower_name]  # "mo is maandag gestart"
    one = _ONE_BEFORE.search(clause) or _ORDINAL_PERSON.search(clause)
    one = one or _PERSON_NOUN_PHRASE.search(clause)
    person = bool(names) or bool(one or _PERSON.search(clause))
    pair = _NAME_PAIR.search(clause)
    if pair and not all(_a_person(n, cue_words) for n in _NAME.findall(pair.group())):
        pair = None  # "Belastingdienst en Sodexo": no two people
    people = 2 if pair or _LOWER_PAIR.search(clause) else 1 if person else 0
    if people == 1 and _BOTH_BEFORE.search(clause):  # "Yusuf en Dewi zijn allebei begonnen"
        people = 2
    if _TWO_ORDINALS.search(clause):  # "onze vierde en vijfde medewerker": two people
        people = max(people, 2)
    # the clause begins after the last comma: "Jochem, Hanna en Sven" reaches back before it
    listed = pair and next(
        (m for m in _NAME_LIST.finditer(sentence) if m.group().endswith(pair.group())), None
    )
    if listed and all(_a_person(n, cue_words) for n in _NAME.findall(listed.group())):
        people = len(_NAME.findall(listed.group()))
    people += len([n for n in _ALSO_NAME.findall(after) if n not in names])
    after = _WITH_LABEL.sub(":", after, count=1)  # "gestart met inwerken: Linda en Wim"
    if after.lstrip().startswith(":"):  # "vandaag gestart: Hanna (20u), Yusuf (24u), Kim"
        people = max(people, _listed_people(after, cue_words))
    of = _OF_NAME.match(after)
    if not people and of and _a_person(of["first"] or of["cap"], cue_words):
        people = 1 + _a_person(of["second"], cue_words)  # "eerste werkdag voor X en Y"
        names = [n for n in (of["first"] or of["cap"], of["second"]) if n]
    if group := _AS_A_GROUP.search(sentence):  # "met z'n tweeën"
        people = _GROUP_SIZE[group.group(1).lower()]
    return people, names, not names and people == 1 and not one


# "gestart met inwerken: Linda en Wim", "Vandaag gestart bij archief: Wendy en Hans";
# "Started working today: Lucas", "Eerste werkdag gehad: Ilse en Bram" (dev set 14)
_WITH_LABEL = re.compile(
    r"^\s*(?:met|with|bij|at|in|op|vandaag|today|deze week|this week|working|gehad)\b"
    r"[^:.,!?\n]{0,60}:"
)
_CONVERTED = re.compile(
    r"\bomgezet (?:in|naar) (?:een )?(?:\w+ )?(?:\w*contract|baan|dienstverband"
    r"|arbeidsovereenkomst)"
    r"|\bdoorgestroomd naar (?:een )?(?:\w+ )?(?:baan|contract|werk)"
    r"|\bturned into a (?:paid )?(?:job|contract)"
    r"|\bconverted (?:from (?:\w+ ){1,2})?(?:in)?to a (?:paid )?(?:job|contract)",
    re.I,
)


def _category_of_start(toks, cues, i, last, start, clause_at, names, category):
    """An internship named before the person ("de stage van Priya is gestart") or after the
    verb ("Milan is begonnen met een BBL-traject") makes a start an internship, and an end no
    job ended (a stagiair who stopped); "Henk is na zijn stage in vaste dienst gekomen" stays
    a job. `clause_at`: the clause that says who, and where it starts in the text."""
    clause, clause_start = clause_at
    people = [m.start() for m in _NAME.finditer(clause) if m.group() in names]
    people += [m.start() for m in _PERSON.finditer(clause)]
    opening = clause_start + min(people, default=len(clause))
    earlier = [
        c
        for j, (c, _) in cues.items()
        if opening > toks[j].start >= start
        and not (c.category == "internships" and _after_history(toks, j))  # "na de stage"
    ]
    later = _internship_with(toks, last + 1, cues)
    if later and later[1]:
        return None  # "begonnen met een BBL-traject": "een BBL-traject" counted it already
    if any(c.category == "internships" for c in earlier) or later:
        return None if category == "ended" else "internships"
    return category


_FIELD = {"jobs": "started", "ended": "ended", "internships": "internships"}
_FIELD["candidates"] = "candidates"


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


_FUTURE = re.compile(
    r"\b(?:going to|gaan we|we gaan) (?:hire|aannemen|plaatsen|werven|recruit)\b|"
    r"\b(?:volgende|komende|next|coming) (?:week|maand|month|maandag|dinsdag|woensdag|donderdag"
    r"|vrijdag|monday|tuesday|wednesday|thursday|friday)\b|\b(?:morgen|overmorgen|tomorrow)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;.!?\n]")
_HIRED_STARTS_LATER = re.compile(
    r"\b(?:start|starten|begint|beginnen|starts|begins|will start)\s+(?:op\s+|per\s+|on\s+|in\s+)?"
    r"(?:over\s+(?:\d|een|twee|drie|vier|enkele)\s+(?:weken|week|dagen|maanden)|in\s+\d\s+weeks"
    rf"|\d{{1,2}}\s+(?:{_MONTHS}))\b",
    re.I,
)
_HIRED = re.compile(r"\b(?:aangenomen|hired|contract getekend|signed)\b", re.I)
_STARTED_PAST = re.compile(r"\b(?:gestart|begonnen|started|began|in dienst getreden)\b", re.I)


def _own_clause(text: str, pos: int) -> Span:
    """The clause holding text[pos], from its start to the next comma or sentence end."""
    end = _CLAUSE_END.search(text, pos)
    return _clause_start(text, pos), end.start() if end else len(text)


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding text[pos] starts: after the last comma or semicolon before it
    in its sentence."""
    start = _sentence(text, pos)[0]
    breaks = [m.end() for m in re.finditer(r"[,;]\s", text[start:pos])]
    return start + breaks[-1] if breaks else start


def _plans(text: str) -> list[Span]:
    # Plans and targets are not progress: "volgende stap: 3 kandidaten voordragen".
    # from the clause that says it: "6 proefplaatsingen opgestart, waarvan we verwachten dat
    # er 2 doorstromen" keeps its 6
    targets = [
        (_clause_start(text, m.start()), _sentence(text, m.start())[1])
        for m in _INTENT.finditer(text)
    ]
    # "Volgende week beginnen er 2 nieuwe mensen", "morgen eerste werkdag": to the clause's end
    for m in _FUTURE.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        targets.append((m.start(), end.start() if end else len(text)))
    # "Leon is aangenomen, start over 2 weken": hired, to start later (no start in it)
    for m in _HIRED_STARTS_LATER.finditer(text):
        start = _clause_start(text, m.start())
        end = _CLAUSE_END.search(text, m.end())
        before = _clause_start(text, start - 2) if start > _sentence(text, m.start())[0] else start
        if _HIRED.search(text, before, start):  # "is aangenomen, start over 2 weken"
            start = before
        if not _STARTED_PAST.search(text, start, m.start()):
            targets.append((start, end.start() if end else len(text)))
    # "Nu 11 medewerkers, waren er 8": a stock then and now, no count of starts (_grown_stock)
    targets += [m.span() for m in _STOCK_NOW_WAS.finditer(text) if _people_at_work(text, m)]
    return targets + _clause(text, _NEXT, _OBSTACLE)[1]


# --- public --------------------------------------------------------------------------------
# "twintig uurkes", "vierentwintig uur": hours in words (not "een uur", which is a meeting's)
_HOUR_WORDS = "|".join(sorted((w for w, v in _WORDS.items() if 8 <= v <= 40), key=len)[::-1])
_HOURS = re.compile(
    r"(?:(?P<people>\d+|een|één|eentje|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+"
    r"(?:(?:\w+\s+)?(?:mensen|medewerkers?|mdws?|pers|personen|collega'?s|people|werknemers?"
    r"|kandidaten|stagiairs?|starters|dames|heren|jongeren)\.?\s+|(?:of them|van hen)\s+"
    r"|(?=(?:van|à|met|on|op)\s)))?"
    r"(?:van|voor|à|a|for|of|met|on|op|elk|ieder|each|,)?\s*(?:gemiddeld\s+|average\s+)?"
    r"(?<![:\d])(?P<hours>\d{1,2}(?:[.,]5)?|"
    + _HOUR_WORDS
    + r")[ \t]*-?[ \t]*"  # "0\nUren:" is no "0 uren"
    r"(?:uur|u|uren|uurkes|uurtjes|oer|uu+r+|hours?|hrs|h|urige?|uurs)\b"
    r"(?!\s*(?:'s|s'|smiddags|in de ochtend))",
    re.I,
)
# "3 dagen van 6 uur", "4 daag van 6 uur", "3 ochtenden van 4 uur", "5 dagen 4 uur per dag"
_DAYS_BEFORE = re.compile(
    r"\b(?P<days>[1-7]|een|twee|drie|vier|vijf|zes|two|three|four|five)\s+(?:dagen|daagen|daag|dag"
    r"|ochtenden|middagen|avonden|diensten|days|mornings|afternoons|shifts)\s+"
    r"(?:van|à|a|of|per week van)?\s*$",
    re.I,
)
# "tussen 16 en 20 uur", "16 à 20 uur", "16-20 uur": a range, asked about
_HOURS_RANGE = re.compile(
    r"(?:\btussen\s+(?:de\s+)?\d{1,2}\s+(?:en|and)|\bbetween\s+\d{1,2}\s+and|\d{1,2}\s*(?:à|-|–|tot|to))"
    r"\s*\d{1,2}\s*(?:uur|u|uren|hours?)\b",
    re.I,
)
# Hours in a clause about someone or something else: the jobcoach's, a training's
_HOURS_OF_OTHERS = re.compile(
    r"\b(?:job\s?coach\w*|coach|begeleid\w*|training\w*|cursus\w*|opleiding\w*|inwerk\w*|duurt"
    r"|overleg\w*|vergader\w*|reistijd|takes|lasts)\b",
    re.I,
)
_CLOCK_BEFORE = re.compile(
    r"(?:\b(?:om|at|vanaf|tot|from|until|sinds|before|after|ipv|i\.p\.v\.)|vóór)\s*$", re.I
)
_PER_DAY = re.compile(r"^\s*(?:per|in de|a|each)\s+(?:dag|day)", re.I)


_EACH = re.compile(
    r"\b(?:beiden|beide|allebei|allebij|baaide|allemaal|allen|elk|ieder|iedereen|each|both|all"
    r"|per persoon|contracten|contracts"
    r"|alle (?:twee|drie|vier|vijf|zes|[2-9])|all (?:two|three|four|five|[2-9]))"
    # "beide fulltime 36 uur", "each on a 24-hour contract", "ieder een contract van 20 uur"
    r"(?:\s+(?:fulltime|parttime|voltijds?|deeltijds?|full-time|part-time|on|a|an|met|een|op"
    r"|with|contract|van|voor|for|of))*\s*$",
    re.I,
)
_TOGETHER = re.compile(r"\b(?:samen|in totaal|totaal|together|in total|total)\s*$", re.I)
_EACH_AFTER = re.compile(r"^\s*(?:each|per persoon|per person|elk|ieder)\b", re.I)
_TIMES = re.compile(r"(?P<times>\d+)\s*[x×]\s*(?:[a-zà-ÿ]+\s+)?$")  # "2x schoonmaak 20u"
# "20 en 28 uur", "een voor 24 en een voor 16 uur": the first of two people
_HOURS_LIST = re.compile(
    r"(?P<first>(?:\d{1,2}\s*,\s*)*\d{1,2})\s*(?:en|and|&|\+)\s*"
    r"(?:(?:een|één|de andere|the other)\s+|[a-zà-ÿ]+\s+)?(?:(?:van|voor|op|for)\s+)?$",
    re.I,
)
# "de ene 15 uur, de andere 25": the second of two people, the unit said once
_OTHER_HOURS = re.compile(
    r"^[\s,;]*(?:en\s+|and\s+)?(?:(?:de andere|de ander|the other)\s+|(?P<count>\d|one|een|één)"
    r"\s+(?:on|op|met|van|voor|for)\s+|(?-i:[A-Z][a-zà-ÿ]+)\s+)(?P<hours>\d{1,2}(?:[.,]5)?)\b(?!\s*(?:uur|u|hours?)\b)",
    re.I,
)


# "Fenna 24 uur en Joris ook": the same hours for one more
_SAME_HOURS_TOO = re.compile(r"^\s*(?:en|and)\s+[A-Z][a-zà-ÿ]+\s+(?:ook|too|also)\b")
# "Uren: 20, 20 en 24", "uren 20/20/16", "Hours: 20 and 24", "Uren: twee keer 24"
_HOURS_LABEL = re.compile(
    # "Uren:", "Uren starters", "Uren van de starters:" (more words only with a colon)
    r"\b(?:uren|hours|contracturen)(?:(?:\s+[a-zà-ÿ]+)?\s*:?|(?:\s+[a-zà-ÿ]+){2,3}\s*:)\s*"
    r"(?:(?P<times>twee|drie|vier|\d)\s+(?:keer|x|times)\s+)?"
    r"(?P<list>\d{1,2}(?:\s*(?:,|/|\+|en|and|&)\s*\d{1,2})*)\b(?!\s*(?:uur|u|hours?|h)\b)",
    re.I,
)


def _labelled_hours(text: str) -> tuple[float, int] | None:
    """Hours listed after an "Uren:" label, and for how many people."""
    m = _HOURS_LABEL.search(text)
    if not m:
        return None
    figures = [float(f) for f in re.findall(r"\d{1,2}", m.group("list"))]
    if times := m.group("times"):
        count = int(times) if times.isdigit() else _WORDS[times.lower()]
        return figures[0] * count, count
    return sum(figures), len(figures)


def _hours(text: str, started: int) -> tuple[float | None, bool]:
    """Weekly hours of the people who started, and whether to ask: '2 mensen van 20 uur' is
    40, 'beiden 20 uur' 40, '20 en 28 uur' 48, '2x 20 uur' 40; hours for fewer people than
    started ('2 gestart, eentje voor 24 uur') are asked about."""
    total, covered = 0.0, 0
    if started and _HOURS_RANGE.search(text):
        return None, True
    for m in _HOURS.finditer(text):
        head = text[: m.start("hours")]
        clause = re.split(r"[.,;!?()]", head)[-1] + re.split(r"[.,;!?()]", text[m.end() :])[0]
        if _HOURS_OF_OTHERS.search(clause):
            continue  # "de jobcoach komt 4 uur per week": not the hours of who started
        days = _DAYS_BEFORE.search(head)
        if _CLOCK_BEFORE.search(head) or (_PER_DAY.match(text[m.end() :]) and not days):
            continue  # "om 6 uur" is a time of day; "4 uur per dag" is no weekly figure
        said = m.group("hours").lower()
        hours = float(_WORDS[said]) if said in _WORDS else float(said.replace(",", "."))
        if days:  # "3 dagen van 6 uur": 18 a week
            word = days.group("days").lower()
            hours *= int(word) if word.isdigit() else _WORDS.get(word, 1)
            head = head[: days.start()]
        people = m.group("people")
        tail = text[m.end() : m.end() + 20]
        if _TOGETHER.search(head.rstrip(" ,")) and started:  # "samen 72 uur": all of them
            total += hours
            covered += started
            continue
        if (_EACH.search(head.rstrip(" ,")) or _EACH_AFTER.match(tail)) and started:
            count = started
        elif times := _TIMES.search(head):
            count = int(times.group("times"))
        elif people:
            count = int(people) if people.isdigit() else _WORDS.get(people.lower(), 1)
        else:
            count = 1
        total += count * hours
        covered += count
        if listed := _HOURS_LIST.search(head):  # "20 en 28 uur", "16, 20 en 24 uur"
            firsts = re.findall(r"\d{1,2}", listed.group("first"))
            total += sum(map(float, firsts))
            covered += len(firsts)
        if other := _OTHER_HOURS.match(text[m.end() :]):  # "…, de andere 25", "en 1 met 16"
            times = other.group("count")
            times = int(times) if times and times.isdigit() else 1
            total += times * float(other.group("hours").replace(",", "."))
            covered += times
        if _SAME_HOURS_TOO.match(text[m.end() :]):
            total += hours
            covered += 1
    if not covered and started and (labelled := _labelled_hours(text)):
        total, covered = labelled
    if not covered or not started:
        return None, False
    return total, covered < started


_SOLVED = re.compile(
    r"(?:knelpunt(?:en)?\s+(?:rond|over|met|m\.?b\.?t\.?|van|:)?\s*)?"
    r"(?:het|de|ons|onze)?\s*(?P<topic>\b(?!(?:niet|nog|geen|not|never|nooit|eerst|wel|ook|al|pas|dan|moet)\b)[\w'-]{3,})"
    r"(?:\s+(?:probleem|issue|kwestie))?(?:\s+van\s+(?:de|het)\s+[\w'-]+)?"  # "X van de Y is rond"
    r"\s+(?:is|zijn|werd|was|has been|is now|are)?\s*(?:nu|inmiddels|eindelijk|now)?\s*"
    r"(?:opgelost|geregeld|verholpen|aangepast|solved|fixed|resolved|sorted"
    r"|(?<=is )rond\b(?!\s+(?:de|het|\d))|(?<=zijn )rond\b(?!\s+(?:de|het|\d)))",
    re.I,
)
_SOLVED_AFTER = re.compile(
    r"(?:opgelost|solved|resolved)\s*:?\s*(?:knelpunt\s+)?(?:het|de|the)?\s*(?P<topic>[\w'-]{3,})",
    re.I,
)
_LESSON = re.compile(
    r"\b(?:geleerd|lessons? learned|lessons? learnt|les(?:sen)?(?:\s+voor\s+[\w ]{0,30}?)?\s*:"
    r"|wat (?:goed )?werkt|what works|leerpunt\w*"
    r"|lessons?\s*:|tip(?:\s+(?:voor|for|van|from)\b[^:\n.!?]{0,40})?\s*:|wat we anders"
    r"|next time we|if we did this again|learned|learnt"
    r"|werkt (?:goed|het best|beter)|works (?:well|best))",
    re.I,
)
_LESSON_LABEL = re.compile(
    r"^\W*(?:geleerd|les|lessen|lessons?(?: learned| learnt)?|leerpunt(?:en)?)\s*:\s*", re.I
)
# "Knelpunt: …", "Wat werkt: …": a message that opens with a label
_OPENS_WITH_LABEL = re.compile(r"^\W*[^\W\d][^:\n?]{1,30}:\s*\S")
_ACTIVITY = re.compile(
    r"\b(?:gesprek(?:ken)? (?:gehad|gehat|gevoerd)|(?:gesproken|gebeld|overleg(?:d)?|afgestemd) met"
    r"|\w*overleg gehad|kick-?off?|werkbezoek|bezoek (?:gebracht|gehad)|bezocht|rondleiding"
    r"|training\b[^.!?\n]{0,60}\b(?:gegeven|gehad|gevolgd)|workshop|intake(?:gesprek)?s?"
    r"|presentatie|kennismaking(?:sgesprek)?|(?:had|held) (?:a |an )?(?:meeting|call|intake|visit)"
    r"|meeting with|spoke (?:with|to)|met with|visited|site visit|informatiebijeenkomst"
    r"|\w*sessie|\w*bijeenkomst\b[^.!?\n]{0,60}\b(?:gehad|bijgewoond|gehouden)"
    r"|bijgewoond|georganiseerd|om tafel (?:gezeten|gegaan)|gesproken over"
    r"|matchingsgesprek|driegesprek|evaluatie(?:gesprek)?"
    r"|(?:\w*(?:gesprek|call|overleg|meeting|sessie)|\w+(?<!werk)dag)\b[^.!?\n]{0,60}"
    r"\b(?:gehad|gehouden|gevoerd)"  # "Terugkomdag gehouden", not "eerste werkdag gehad"
    r"|\b(?:we|wij) (?:trained|organi[sz]ed|hosted|held|gave)\b"
    r"|\b(?:webinar|workshop|voorlichting|presentatie)\w*\s+(?:gegeven|gehouden)"
    r"|\bgebeld\b|\bcall (?:met|with)\b|\bbabbel\b|\bbekeken\b|\bkwam\s+(?:\w+\s+)?kijken\b"
    r"|\b(?:organised|organized) (?:a|an)\b)",
    re.I,
)


_PLANNED = re.compile(
    r"\b(?:gepland|inplannen|we gaan|gaan we|volgende (?:week|maand)|komende (?:week|maand)"
    r"|binnenkort|planning|planned|next (?:week|month)|we will|we're going)\b",
    re.I,
)


def _marked_sentence(text: str, rx: re.Pattern[str]) -> str | None:
    m = rx.search(text)
    if m is None:
        return None
    start, end = _sentence(text, m.start())
    found = text[start:end].strip(" ,;:–-")
    return found[: MAX_CLAUSE - 1].rstrip() + "…" if len(found) > MAX_CLAUSE else found or None


def _solved(text: str) -> tuple[str | None, list[Span]]:
    """The topic of the first solution, and every sentence that tells of one ("Noah's rooster
    is aangepast … Probleem opgelost!" is no knelpunt)."""
    m = _SOLVED.search(text) or _SOLVED_AFTER.search(text)
    if m is None:
        return None, []
    found = [*_SOLVED.finditer(text), *_SOLVED_AFTER.finditer(text)]
    return m.group("topic").lower(), sorted({_sentence(text, f.start()) for f in found})


def _own_words(original: str, corrected: str, read) -> str | None:
    """A clause as the person wrote it: read from the original text when its marker is
    spelt right there, else from the corrected text (the marker had a typo)."""
    return read(original) or read(corrected) if original != corrected else read(original)


@lru_cache(maxsize=256)  # a message is classified, then read: the second is free
def parse_progress(text: str) -> ParsedProgress:
    original, text = text, correct_typos(text)
    solved, solved_span = _solved(text)
    next_step = _own_words(original, text, lambda t: _clause(t, _NEXT, _OBSTACLE)[0])
    _, obstacle_span = _clause(_blank(text, solved_span), _OBSTACLE, _NEXT)
    obstacles = _own_words(
        original, text, lambda t: _clause(_blank(t, _solved(t)[1]), _OBSTACLE, _NEXT)[0]
    )
    if obstacles and _only_regret(text, obstacle_span):
        obstacles, obstacle_span = None, []
    if obstacles and _NONE_AFTER.match(obstacles):  # "Knelpunt: geen"
        obstacles, obstacle_span = None, []
    lesson = _own_words(original, text, lambda t: _marked_sentence(t, _LESSON))
    if lesson:  # shown as "Geleerd: …", so "geleerd: een buddy werkt" loses its own label
        lesson = _LESSON_LABEL.sub("", lesson) or lesson
    masked = _plans(text) + ([_lesson_span(text)] if lesson else [])
    counts = _scan(text, masked)
    started, ended, internships = counts.totals.values()
    if counts.netto is not None and not (started or ended):  # "netto 2 banen erbij"
        started = counts.netto
    hours, ask_hours = _hours(text, started)
    ask = tuple(dict.fromkeys(counts.ask + (["hours"] if ask_hours else [])))
    step = _step(text, masked + obstacle_span)
    lesson_span = [_lesson_span(text)] if lesson else []  # "Tip: bespreek het bij de intake"
    activity = _own_words(
        original, text, lambda t: _marked_sentence(_blank(t, lesson_span), _ACTIVITY)
    )
    if activity and _PLANNED.search(activity):  # "overleg met UWV staat gepland": a plan
        activity, next_step = None, next_step or activity
    figures = started or ended or internships or counts.candidates is not None
    found = figures or ask or counts.problems or step or obstacles or next_step
    found = found or solved or lesson or activity
    return ParsedProgress(
        jobs_realised=started,
        candidates=counts.candidates,
        internships=internships,
        step=step,
        obstacles=obstacles,
        next_step=next_step,
        recognised=bool(found),
        problems=tuple(counts.problems),
        jobs_ended=ended,
        hours=None if ask_hours else hours,
        solved=solved,
        lesson=lesson,
        activity=activity,
        ask=ask,
    )


_REGRET = re.compile(r"\b(helaas|unfortunately|sadly)\b", re.I)
_REASON = re.compile(r"\b(omdat|doordat|want|door|vanwege|wegens|ivm|because|due|since|as)\b", re.I)


_NONE_AFTER = re.compile(r"^\s*[:=-]?\s*(?:geen|none|nee|n\.?v\.?t\.?|-|nvt)\s*[.!]?\s*$", re.I)


def _only_regret(text: str, spans: list[Span]) -> bool:
    """ "Helaas zijn er twee uitgevallen" is news of a dropout, not a knelpunt: a regret word
    with only an end in its sentence and no reason or problem ("omdat het vervoer …")."""
    if not spans:
        return False
    start, end = _sentence(text, spans[0][0])
    sentence = text[start:end]
    if not _REGRET.search(sentence) or _REASON.search(sentence):
        return False
    if re.search(rf"\b(?:{_OBSTACLE_IN})\b|knelpunt|probleem|problem", sentence, re.I):
        return False
    counts = _scan(sentence, [])
    return counts.totals["ended"] > 0


def _lesson_span(text: str) -> Span:
    """From a lesson's marker's clause to its sentence end: "2 leerwerkplekken gestart, lesje
    geleerd: …" keeps the 2."""
    marker = _LESSON.search(text).start()
    start, end = _sentence(text, marker)
    breaks = [m.end() for m in re.finditer(r"[,;]\s*", text[start:marker])]
    return (start + breaks[-1] if breaks else start, end)


def _blank(text: str, spans: list[Span]) -> str:
    """The text with the spans blanked out (same length, so positions stay)."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


_QUESTION_WORD = re.compile(
    r"wat|hoe|wie|waar|wanneer|waarom|welke|hoeveel|kan|mag|moet|is|zijn"
    r"|what|how|who|when|why|which|can|does|do"
)
# a question without its mark opens with its verb: "Hebben jullie al overleg gehad met UWV"
_VERB_FIRST = set(
    """hebben heb hebt heeft gaan gaat komen komt weten weet zullen zal wil willen kunnen
    have has did will should would could""".split()
)
_PAST = re.compile(r"\b(geplaatst|aangenomen|getekend|ondertekend|gestart|we hebben)\b", re.I)


@lru_cache(maxsize=256)
def classify_message(text: str) -> Literal["question", "update", "unsure"]:
    if "?" not in text:
        # "Knelpunt: vervoer", "Les: …", "Wat werkt: …": a note the parser reads under its
        # label is an update without any figure, even when its label starts like a question;
        # so is "knelpunt vervoer is opgelost". (The reading is cached for the draft.)
        read = parse_progress(text)
        noted = read.obstacles or read.lesson or read.activity
        if read.solved or (noted and _OPENS_WITH_LABEL.match(correct_typos(text))):
            return "update"
        # "vandaag gesprek gehad met UWV": something done, told, not asked
        first_word = next((t.text for t in _tokens(text) if t.kind == "word"), "")
        asked = _QUESTION_WORD.fullmatch(first_word) or first_word in _VERB_FIRST
        if read.activity and not asked:
            return "update"
    question, mark, rest = text.partition("?")
    if mark and len(rest.strip()) >= 20 and "?" not in rest:
        # "Hoe staat het ervoor in Enschede? Nou, goed! Sinds 16 september werken er twee …":
        # the check-in's own question, answered in the same message
        read = parse_progress(rest)
        if read.jobs_realised or read.jobs_ended or read.internships or read.candidates:
            return "update"
    text = correct_typos(text)
    counts = _scan(text, _plans(text))
    numeral, article = counts.numeral, counts.article
    first = next((t.text for t in _tokens(text) if t.kind in ("word", "num")), "")
    # "Sinds maandag draait Ruud mee": a start read without a number is as strong as one
    said_start = any(counts.totals.values()) and not _QUESTION_WORD.fullmatch(first)
    strong = numeral or bool(_PAST.search(text)) or said_start
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
