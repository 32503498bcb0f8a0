"""Every user-facing text exists in Dutch and in English, storage errors are worded in both,
and dates follow the language."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.meeting_dates import format_day
from bot.output.texts import EN, ERRORS, FIELDS, NL, describe
from bot.output.views import shorten
from storage.errors import Invalid, InviteInvalid, NotFound, TooOld

ROOT = Path(__file__).resolve().parents[2]
# Texts with no words in them: the same in both languages on purpose.
SAME_IN_BOTH = {"none", "open_question_item", "open_question_note", "herstel_item"}
# only placeholders, symbols and the word "passages", which both languages use
SAME_IN_BOTH |= {"answer_edit_button", "answer_item", "answer_remove_button"}
SAME_IN_BOTH |= {"source_builtin_line", "source_line", "source_remove_button"}


def test_every_text_exists_in_both_languages():
    assert sorted(set(NL) - set(EN)) == []
    assert sorted(set(EN) - set(NL)) == []


def test_english_texts_are_not_dutch_copies():
    copies = sorted(k for k in NL if EN[k] == NL[k] and k not in SAME_IN_BOTH)
    assert copies == []


def test_both_languages_take_the_same_values():
    for key in NL:
        assert set(re.findall(r"{(\w+)}", NL[key])) == set(re.findall(r"{(\w+)}", EN[key])), key


def test_english_help_names_the_english_commands():
    help_text = EN["help"] + EN["help_admin"]
    for dutch in ("/vraag", "/voortgang", "/herstel", "/bijeenkomsten", "/koppel", "/annuleer"):
        assert dutch not in help_text
    for english in ("/ask", "/progress", "/correct", "/meetings", "/link", "/cancelmeeting"):
        assert english in help_text


@pytest.mark.parametrize(
    ("error", "language", "expected"),
    [
        (Invalid("text_empty", what="proeftuin_name"), "nl", "De naam van de proeftuin mag niet"),
        (Invalid("text_empty", what="proeftuin_name"), "en", "The name of the proeftuin cannot"),
        (NotFound("proeftuin_name_unknown", name="<b>x"), "nl", "voor '&lt;b&gt;x'"),
        (NotFound("proeftuin_name_unknown", name="<b>x"), "en", "found for '&lt;b&gt;x'"),
        (TooOld("update_too_old", id=4, days=7), "en", "Update 4 is older than 7 days"),
        (InviteInvalid("invite_expired"), "en", "This invite has expired"),
        (Invalid("a_code_nobody_words"), "en", "a_code_nobody_words()"),
    ],
)
def test_storage_errors_are_worded_in_the_users_language(error, language, expected):
    assert expected in describe(error, language)


def test_every_storage_error_code_and_field_is_worded_in_both_languages():
    sources = [path.read_text(encoding="utf-8") for path in (ROOT / "storage").glob("*.py")]
    codes = {code for text in sources for code in re.findall(r'raise \w+\(\s*"([a-z_]+)"', text)}
    fields = {
        field
        for text in sources
        for field in re.findall(r'(?:required_text|count)\([^,()]+, "([a-z_]+)"\)', text)
    }
    assert len(codes) > 20 and len(fields) > 5, "the patterns no longer find the codes"
    fields |= {"jobs_realised", "candidates", "internships"}  # validated by name in a loop
    for language in ("nl", "en"):
        assert sorted(codes - set(ERRORS[language])) == [], language
        assert sorted(fields - set(FIELDS[language])) == [], language


@pytest.mark.parametrize(
    ("language", "year", "expected"),
    [("nl", False, "3 mrt"), ("en", False, "3 Mar"), ("nl", True, "3 mrt 2027")],
)
def test_short_dates_follow_the_language_and_the_time_zone(language, year, expected):
    late_evening = datetime(2027, 3, 2, 23, 30, tzinfo=UTC)  # already 3 March in Amsterdam
    assert format_day(late_evening, language, "Europe/Amsterdam", year=year) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("kort", 10, "kort"),
        ("Belastingdienst Apeldoorn schoonmaak", 28, "Belastingdienst Apeldoorn…"),
        ("een  tekst\nover   regels", 100, "een tekst over regels"),
        ("Onafgebrokenwoordzonderspaties", 10, "Onafgebro…"),
        ("twee banen, drie stages en meer", 20, "twee banen, drie…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit
