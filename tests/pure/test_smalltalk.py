import pytest

from knowledge.smalltalk import REPLIES, small_talk_kind, small_talk_reply


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hoi", "greeting"),
        ("Hallo Vonkje!", "greeting"),
        ("goedemorgen allemaal", "greeting"),
        ("hi there", "greeting"),
        ("bedankt!", "thanks"),
        ("dank je wel", "thanks"),
        ("super, bedankt", "thanks"),
        ("thanks a lot", "thanks"),
        ("top", "thanks"),
        ("👍", "thanks"),
        ("🙏🙏", "thanks"),
        ("ok", "ok"),
        ("oké", "ok"),
        ("nee", "ok"),
        ("doei", "bye"),
        ("tot ziens!", "bye"),
        ("?", "unclear"),
        ("...", "unclear"),
        # not small talk: questions, updates, figures
        ("hoi, hoe vraag ik LKS aan?", None),
        ("Wat is de no-riskpolis?", None),
        ("2 banen erbij", None),
        ("3", None),
        ("Hallo, ik heb een vraag over de banenafspraak", None),
        ("", None),
    ],
)
def test_small_talk_kind(text, kind):
    assert small_talk_kind(text) == kind


def test_replies_exist_in_both_languages_and_differ():
    assert REPLIES["nl"].keys() == REPLIES["en"].keys()
    assert small_talk_reply("hoi", "en").startswith("Hi")
    assert small_talk_reply("hoi", "nl").startswith("Hoi")
    assert small_talk_reply("Wat is SROI?", "nl") is None
