"""The pure steps between reading a form (a progress message, the /plan form) and saving it."""

from datetime import UTC, datetime

import pytest

from bot.domain.drafts import new_draft, reading_problem, stored_values
from bot.domain.meeting_form import meeting_values
from bot.domain.progress_parser import ParsedProgress


@pytest.mark.parametrize(
    ("parsed", "problem"),
    [
        (ParsedProgress(jobs_realised=2, recognised=True), None),
        (ParsedProgress(recognised=False), "nothing_recognised"),
        (ParsedProgress(recognised=True, problems=("unclear",)), "unclear_number"),
        (ParsedProgress(recognised=True, problems=("too_big",)), "bad_number"),
    ],
)
def test_reading_problem(parsed, problem):
    assert reading_problem(parsed) == problem


@pytest.mark.parametrize(
    ("ids", "correcting", "proeftuin_id", "update_id", "message"),
    [
        ([3], None, 3, 41, "11:7"),  # one proeftuin: chosen
        ([3, 4], None, None, 41, "11:7"),  # several: asked with buttons
        ([3], 9, 3, None, None),  # a correction changes update 9, it has no message of its own
    ],
)
def test_new_draft(ids, correcting, proeftuin_id, update_id, message):
    parsed = ParsedProgress(jobs_realised=2, step="intentieverklaring", recognised=True)
    draft = new_draft(
        "2 banen", parsed, proeftuin_ids=ids, correcting=correcting, update_id=41, message="11:7"
    )
    assert (draft["proeftuin_id"], draft["update_id"], draft["message"]) == (
        proeftuin_id,
        update_id,
        message,
    )
    assert stored_values(draft) == {
        "raw_text": "2 banen",
        "jobs_realised": 2,
        "jobs_ended": 0,
        "candidates": None,  # not stated: no figure
        "internships": 0,
        "hours": None,
        "step": "intentieverklaring",
        "obstacles": None,
        "next_step": None,
        "lesson": None,
        "activity": None,
    }


@pytest.mark.parametrize(
    ("form", "place", "agenda", "ids"),
    [
        (
            {"title": "T", "place": "Utrecht", "agenda": "-", "proeftuin_ids": None},
            "Utrecht",
            None,
            None,
        ),
        (
            {"title": "T", "place": " ", "agenda": " Resultaten ", "proeftuin_ids": [2]},
            None,
            "Resultaten",
            [2],
        ),
        ({"title": "T"}, None, None, None),  # a one-go /plan without place or agenda
    ],
)
def test_a_confirmed_plan_form_becomes_meeting_values(form, place, agenda, ids):
    moment = datetime(2027, 3, 29, 12, tzinfo=UTC)
    values = meeting_values(form, moment)
    assert (values["place"], values["agenda"], values["proeftuin_ids"]) == (place, agenda, ids)
    assert (values["title"], values["starts_at"]) == ("T", moment)


@pytest.mark.parametrize(
    ("ask", "field", "value", "left", "buttons"),
    [
        (["started"], "started", 3, [], 6),
        (["started", "hours"], "started", 2, ["hours"], 6),
        (["hours"], None, None, ["hours"], 0),  # hours are typed, not a button of 0 to 5
    ],
)
def test_an_unsure_figure_is_answered_with_a_button(ask, field, value, left, buttons):
    from bot.domain.drafts import answer_unsure, unsure_buttons

    fields = {"jobs_realised": 0, "ask": ask}
    assert len(unsure_buttons(fields, "t" * 16)) == buttons
    if field:
        answered = answer_unsure(fields, field, value)
        assert (answered["jobs_realised"], answered["ask"]) == (value, left)
