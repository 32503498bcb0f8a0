"""Small talk: greetings, thanks and one-word acknowledgements get a short friendly reply.

Pure: no I/O. A message like "hoi", "bedankt!", "top" or "👍" is neither a question for the
knowledge base nor a progress update; searching the documents for it only yields a refusal or a
random passage, and offering "vraag of update?" for it is noise.
"""

from __future__ import annotations

import re
import unicodedata

from .text import fold

# Each kind: the words (folded, without punctuation) that make up the whole message.
_KINDS: dict[str, frozenset[str]] = {
    "greeting": frozenset(
        """hoi hallo hai hey hee he hi hello heya hiya yo goedemorgen goedemiddag goedenavond
        morgen middag avond dag daag moi moin goeiemorgen goeiemiddag goeienavond
        good morning afternoon evening there allemaal iedereen vonkje""".split()
    ),
    "thanks": frozenset(
        """bedankt dank dankje dankjewel dankuwel danku je jullie wel u thanks thank thx tnx ty
        merci super top mooi fijn prima helder duidelijk geweldig perfect heel erg veel
        great nice cool awesome perfect much lot lots a very so helpful handig""".split()
    ),
    "ok": frozenset(
        """ok oke okay okido okee ja jep jup yes yep yup nee no nope goed prima begrepen
        snap het helder check alright sure fine gezien genoteerd klopt""".split()
    ),
    "bye": frozenset(
        """doei dag daag tot ziens straks later morgen bye goodbye see you cya ciao groetjes
        groet fijne dag avond weekend have a nice""".split()
    ),
}
_ORDER = ("bye", "thanks", "greeting", "ok")  # "dank je, doei" is a goodbye
_ANCHORS = {  # a message counts as a kind only when one of these words is in it
    "greeting": {
        "hoi",
        "hallo",
        "hai",
        "hey",
        "hee",
        "he",
        "hi",
        "hello",
        "heya",
        "hiya",
        "yo",
        "goedemorgen",
        "goedemiddag",
        "goedenavond",
        "goeiemorgen",
        "goeiemiddag",
        "goeienavond",
        "moi",
        "moin",
        "good",
    },
    "thanks": {
        "bedankt",
        "dank",
        "dankje",
        "dankjewel",
        "dankuwel",
        "danku",
        "thanks",
        "thank",
        "thx",
        "tnx",
        "ty",
        "merci",
        "super",
        "top",
        "mooi",
        "fijn",
        "geweldig",
        "great",
        "nice",
        "cool",
        "awesome",
        "perfect",
        "handig",
        "helpful",
    },
    "ok": {
        "ok",
        "oke",
        "okay",
        "okido",
        "okee",
        "ja",
        "jep",
        "jup",
        "yes",
        "yep",
        "yup",
        "nee",
        "no",
        "nope",
        "goed",
        "prima",
        "begrepen",
        "helder",
        "check",
        "alright",
        "sure",
        "fine",
        "gezien",
        "genoteerd",
        "klopt",
        "snap",
    },
    "bye": {"doei", "ziens", "bye", "goodbye", "cya", "ciao", "groetjes", "groet", "later"},
}
_MAX_WORDS = 6
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_POSITIVE_EMOJI = set("👍👌🙏😊🙂😀😃😄😁🤗❤💪🎉✅👏🌟⭐✨🔥😉☺")

REPLIES = {
    "nl": {
        "greeting": "Hoi! Stel gerust een vraag over social return, de banenafspraak of je "
        "proeftuin, of stuur een voortgangsupdate. /help laat zien wat ik kan.",
        "thanks": "Graag gedaan! Laat maar weten als je nog iets wilt weten.",
        "ok": "👍",
        "bye": "Tot ziens! Je kunt me altijd weer een bericht sturen.",
        "unclear": "Waar kan ik je mee helpen? Stel een vraag of stuur een update; /help laat "
        "zien wat ik kan.",
    },
    "en": {
        "greeting": "Hi! Ask me about social return, the banenafspraak or your proeftuin, or "
        "send a progress update. /help shows what I can do.",
        "thanks": "You're welcome! Let me know if there is anything else.",
        "ok": "👍",
        "bye": "Goodbye! You can message me any time.",
        "unclear": "How can I help? Ask a question or send an update; /help shows what I can do.",
    },
}


def small_talk_kind(text: str) -> str | None:
    """'greeting', 'thanks', 'ok', 'bye' or 'unclear' (only punctuation); None otherwise."""
    stripped = text.strip()
    if not stripped:
        return None
    words = _WORD.findall(fold(stripped))
    symbols = [ch for ch in stripped if not ch.isspace() and not ch.isalnum()]
    if not words:
        if any(ch.isdigit() for ch in stripped):
            return None  # "3" or "2026" may answer something; not small talk
        if any(ch in _POSITIVE_EMOJI or _is_emoji(ch) for ch in symbols):
            return "thanks" if any(ch in _POSITIVE_EMOJI for ch in symbols) else "ok"
        return "unclear"  # "?", "...", "!!"
    if len(words) > _MAX_WORDS or "?" in stripped and len(words) > 1:
        return None  # "hoi, hoe vraag ik LKS aan?" is a question with a greeting in front
    vocabulary = frozenset().union(*_KINDS.values())
    if not set(words) <= vocabulary:
        return None
    return next((kind for kind in _ORDER if set(words) & _ANCHORS[kind]), None)


def small_talk_reply(text: str, language: str) -> str | None:
    """The friendly reply to small talk in the user's language, or None for anything else."""
    kind = small_talk_kind(text)
    if kind is None:
        return None
    return REPLIES.get(language, REPLIES["nl"])[kind]


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So"
