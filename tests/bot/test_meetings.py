"""Bijeenkomsten and reminders, with an injectable clock."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.reminders.jobs import start_reminders
from storage import people, reminders, updates
from storage.meetings import create_meeting, get_meeting
from storage.proeftuinen import find_proeftuin
from tests.bot.conftest import ANNA, BOB, COORDINATOR, EVA

MEETING = datetime(2027, 3, 29, 12, 0, tzinfo=UTC)  # 14:00 in Amsterdam, summer time


class PowerCut(Exception):
    """Stands in for the process dying; asyncio does not let SystemExit pass through tasks."""


def _meeting(kit, starts_at=MEETING, **kwargs):
    return create_meeting(
        kit.db,
        title="Bijeenkomst voorjaar",
        starts_at=starts_at,
        place="Utrecht",
        agenda="Resultaten",
        created_by=COORDINATOR.id,
        now=kit.clock(),
        **kwargs,
    )


def _jobs(kit):
    return {job.name: job.next_t.astimezone(UTC) for job in kit.app.job_queue.jobs()}


def _log(kit, meeting_id):
    return {
        (r["telegram_id"], r["kind"]): r["status"]
        for r in reminders.sent_reminders(kit.db, meeting_id)
    }


async def test_plan_in_one_go_confirms_the_date_and_schedules_reminders(world):
    calls = await world.send(
        COORDINATOR, "/plan Bijeenkomst voorjaar; 29-3 om 14u; Utrecht; Resultaten delen"
    )
    assert "maandag 29 maart 2027 om 14:00" in calls[-1].text
    await world.press(COORDINATOR, world.button(COORDINATOR.id, "Ja"))
    assert "Gepland: <b>Bijeenkomst voorjaar</b>" in world.last_text(COORDINATOR.id)
    meeting = get_meeting(world.db, 1)
    assert meeting.starts_at == MEETING
    # day reminders at 10:00 local; the day before this Monday meeting is a Sunday, so d1 and
    # the summary go on Friday 26 March; h2 is two real hours before, in summer time
    assert _jobs(world) == {
        "meeting-1-d7": datetime(2027, 3, 22, 9, 0, tzinfo=UTC),
        "meeting-1-nudge": datetime(2027, 3, 24, 9, 0, tzinfo=UTC),
        "meeting-1-d1": datetime(2027, 3, 26, 9, 0, tzinfo=UTC),
        "meeting-1-summary": datetime(2027, 3, 26, 9, 0, tzinfo=UTC),
        "meeting-1-h2": datetime(2027, 3, 29, 10, 0, tzinfo=UTC),
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("vrijdag 15 maart 14:00", "maandag 15 maart 2027 om 14:00"),
        ("15-3 om 14u", "maandag 15 maart 2027 om 14:00"),
        ("volgende week dinsdag 10 uur", "dinsdag 9 maart 2027 om 10:00"),
    ],
)
async def test_dutch_dates_are_read_and_repeated(world, typed, expected):
    calls = await world.send(COORDINATOR, f"/plan Overleg; {typed}; Zoom; -")
    assert expected in calls[-1].text


async def test_guided_plan_rejects_unreadable_and_past_dates(world):
    await world.send(COORDINATOR, "/plan")
    await world.send(COORDINATOR, "Bijeenkomst voorjaar")
    calls = await world.send(COORDINATOR, "ergens volgend jaar misschien")
    assert "kan ik niet lezen" in calls[-1].text
    calls = await world.send(COORDINATOR, "1 januari 2020 10:00")
    assert "in het verleden" in calls[-1].text
    await world.send(COORDINATOR, "29 maart 2027 14:00")
    await world.send(COORDINATOR, "https://meet.example/vonkje")
    await world.send(COORDINATOR, "-")
    calls = await world.send(COORDINATOR, "alle")
    assert "voor alle proeftuinen. Klopt dat?" in calls[-1].text
    await world.press(COORDINATOR, world.button(COORDINATOR.id, "Ja"))
    assert world.db["meetings"].count == 1
    assert get_meeting(world.db, 1).place == "https://meet.example/vonkje"


async def test_meeting_for_one_proeftuin_reaches_only_its_members(world):
    calls = await world.send(
        COORDINATOR, "/plan Catering-overleg; 29-3 om 14u; Den Haag; -; Catering Den Haag"
    )
    assert "voor Catering Den Haag. Klopt dat?" in calls[-1].text
    await world.press(COORDINATOR, world.button(COORDINATOR.id, "Ja"))
    world.api.clear()
    world.clock.moment = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)
    await start_reminders(world.app)
    assert {c.chat_id for c in world.api.sent("sendDocument")} == {BOB.id, EVA.id}
    calls = await world.send(ANNA, "/bijeenkomsten")
    assert "geen bijeenkomsten" in calls[-1].text
    calls = await world.send(COORDINATOR, "/plan X; 29-3 om 14u; -; -; Bestaat Niet")
    assert "Bestaat Niet" in calls[-1].text and world.db["meetings"].count == 1


async def test_only_coordinators_plan_move_cancel(world):
    _meeting(world)
    for command in ["/plan A; 29-3 14:00; B; C", "/verplaats 1 30-3 14:00", "/annuleer 1"]:
        calls = await world.send(ANNA, command)
        assert calls[-1].text == "Dit kan alleen een coördinator."
    assert get_meeting(world.db, 1).version == 1 and not get_meeting(world.db, 1).cancelled


async def test_bijeenkomsten_lists_coming_meetings(world):
    _meeting(world)
    calls = await world.send(ANNA, "/bijeenkomsten")
    assert "#1 maandag 29 maart 2027 om 14:00: <b>Bijeenkomst voorjaar</b>" in calls[-1].text
    calls = await world.send(EVA, "/bijeenkomsten")
    assert "Monday 29 March 2027 at 14:00" in calls[-1].text


async def test_a_question_for_the_next_meeting_is_answered_with_the_planned_ones(world):
    calls = await world.send(ANNA, "Wanneer is de volgende bijeenkomst?")
    assert calls[-1].text == "Er zijn geen bijeenkomsten gepland."  # nor in the knowledge base
    _meeting(world)
    calls = await world.send(ANNA, "Wanneer is de volgende bijeenkomst?")
    assert "#1 maandag 29 maart 2027 om 14:00: <b>Bijeenkomst voorjaar</b>" in calls[-1].text
    calls = await world.send(EVA, "When is the next meeting?")
    assert "Monday 29 March 2027 at 14:00" in calls[-1].text


async def test_a_next_meeting_question_is_not_answered_with_a_passage_about_something_else(world):
    """'When do we meet again?' drew the doelgroepregister from the knowledge base."""
    calls = await world.send(EVA, "When do we meet again?")
    assert calls[-1].text == "No meetings are planned."
    calls = await world.send(ANNA, "Wanneer en waar komen we de volgende keer bij elkaar?")
    assert calls[-1].text == "Er zijn geen bijeenkomsten gepland."


async def test_restart_before_due_reminder_sends_nothing_and_schedules(world):
    meeting = _meeting(world)
    world.clock.moment = datetime(2027, 3, 20, 9, 0, tzinfo=UTC)
    await start_reminders(world.app)
    assert world.api.sent("sendDocument") == [] and world.api.sent("sendMessage") == []
    assert "meeting-1-d7" in _jobs(world)
    assert _log(world, meeting.id) == {}


async def test_restart_after_due_reminder_sends_it_once_with_ics(world):
    meeting = _meeting(world)
    world.clock.moment = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)  # d7 passed, d1 ahead
    await start_reminders(world.app)
    documents = world.api.sent("sendDocument")
    assert sorted(c.chat_id for c in documents) == sorted([ANNA.id, BOB.id, EVA.id])
    ics = documents[0].files["document"].decode()
    assert "BEGIN:VCALENDAR" in ics and "DTSTART:20270329T120000Z" in ics
    captions = {c.chat_id: c.text for c in documents}
    assert captions[ANNA.id].startswith("⏰ Herinnering: <b>Bijeenkomst voorjaar</b>")
    assert captions[EVA.id].startswith("⏰ Reminder: <b>Bijeenkomst voorjaar</b>")
    assert "meeting-1-d7" not in _jobs(world) and "meeting-1-d1" in _jobs(world)
    world.api.clear()
    await start_reminders(world.app)  # a second restart sends nothing again
    assert world.api.sent("sendDocument") == [] and world.api.sent("sendMessage") == []
    assert _log(world, meeting.id)[(ANNA.id, "d7")] == "sent"


async def test_several_missed_reminders_fold_into_one(world):
    meeting = _meeting(world)
    world.clock.moment = datetime(2027, 3, 29, 9, 0, tzinfo=UTC)  # d7 and d1 missed, h2 ahead
    await start_reminders(world.app)
    to_anna = [c for c in world.api.calls if c.chat_id == ANNA.id and c.method == "sendDocument"]
    assert len(to_anna) == 1
    log = _log(world, meeting.id)
    assert log[(ANNA.id, "d1")] == "sent" and log[(ANNA.id, "d7")] == "folded"


async def test_meeting_already_started_sends_nothing(world):
    _meeting(world)
    world.clock.moment = MEETING + timedelta(minutes=5)
    await start_reminders(world.app)
    assert world.api.calls == []


async def test_blocked_participant_is_marked_inactive_and_others_get_theirs(world):
    meeting = _meeting(world)
    world.api.blocked_chats.add(BOB.id)
    world.clock.moment = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)
    await start_reminders(world.app)
    assert sorted(c.chat_id for c in world.api.sent("sendDocument")) == sorted([ANNA.id, EVA.id])
    assert not people.get_person(world.db, BOB.id).active
    assert _log(world, meeting.id)[(BOB.id, "d7")] == "blocked"


async def test_moved_meeting_tells_participants_with_ics_and_reschedules(world):
    _meeting(world)
    await world.send(COORDINATOR, "/verplaats 1 30 maart 2027 15:00")
    await world.press(COORDINATOR, world.button(COORDINATOR.id, "Ja"))
    assert "3 deelnemer(s) zijn ingelicht" in world.last_text(COORDINATOR.id)
    to_anna = [c for c in world.api.sent("sendDocument") if c.chat_id == ANNA.id][0]
    assert "verplaatst naar dinsdag 30 maart 2027 om 15:00" in to_anna.text
    assert "SEQUENCE:1" in to_anna.files["document"].decode()
    assert _jobs(world)["meeting-1-h2"] == datetime(2027, 3, 30, 11, 0, tzinfo=UTC)


async def test_cancelled_meeting_tells_participants_and_refuses_changes(world):
    _meeting(world)
    await start_reminders(world.app)
    await world.send(COORDINATOR, "/annuleer 1")
    await world.press(COORDINATOR, world.button(COORDINATOR.id, "Ja"))
    to_eva = [c for c in world.api.sent("sendDocument") if c.chat_id == EVA.id][0]
    assert "is cancelled" in to_eva.text
    assert "METHOD:CANCEL" in to_eva.files["document"].decode()
    assert not any(name.startswith("meeting-1-") for name in _jobs(world))
    calls = await world.send(COORDINATOR, "/verplaats 1 30 maart 2027 15:00")
    assert "al geannuleerd" in calls[-1].text
    calls = await world.send(COORDINATOR, "/annuleer 1")
    assert "al geannuleerd" in calls[-1].text


async def test_nudge_goes_only_to_proeftuinen_without_update(world):
    schoonmaak = find_proeftuin(world.db, "Schoonmaak").id
    updates.save_update(
        world.db,
        proeftuin_id=schoonmaak,
        author_id=ANNA.id,
        author_name="Anna",
        role="opdrachtgever",
        raw_text="2 banen",
        jobs_realised=2,
        now=world.clock(),
    )
    meeting = _meeting(world)
    world.clock.moment = datetime(2027, 3, 24, 9, 30, tzinfo=UTC)  # after the nudge time
    await start_reminders(world.app)
    nudged = {
        c.chat_id
        for c in world.api.sent("sendMessage")
        if c.buttons and c.buttons[0][1] == "nu:update"
    }
    assert nudged == {BOB.id, EVA.id}  # Bob is also in Catering, which did not report
    await world.press(EVA, "nu:update")
    calls = await world.send(EVA, "We hired 2 new colleagues")
    assert "Started in a job: <b>2</b>" in calls[-1].text
    assert (ANNA.id, "nudge") not in _log(world, meeting.id)


async def test_summary_for_coordinators_the_day_before(world):
    people.upsert_person(world.db, COORDINATOR.id, name="Carla")
    _meeting(world)
    world.clock.moment = datetime(2027, 3, 28, 8, 30, tzinfo=UTC)
    await start_reminders(world.app)
    to_coordinator = world.api.sent(chat_id=COORDINATOR.id)
    assert "Morgen: Bijeenkomst voorjaar" in to_coordinator[0].text
    assert (
        "Geen update sinds de vorige bijeenkomst: Catering Den Haag, Schoonmaak Utrecht"
        in to_coordinator[0].text
    )
    assert to_coordinator[1].method == "sendPhoto"


async def test_reminders_off_means_no_reminders(world):
    calls = await world.send(ANNA, "/herinneringen")
    assert "staan <b>aan</b>" in calls[-1].text
    await world.press(ANNA, "rm:off")
    world.api.clear()
    _meeting(world)
    world.clock.moment = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)
    await start_reminders(world.app)
    assert ANNA.id not in {c.chat_id for c in world.api.calls}


async def test_no_double_send_after_crash_between_sending_and_logging(world, monkeypatch):
    meeting = _meeting(world)
    world.clock.moment = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)
    real_mark = reminders.mark_reminder

    def crash_once(db, meeting_id, telegram_id, kind, version, status, now=None):
        if telegram_id == ANNA.id and status == "sent":
            raise PowerCut  # the process dies after Telegram accepted the message
        return real_mark(db, meeting_id, telegram_id, kind, version, status, now=now)

    monkeypatch.setattr(reminders, "mark_reminder", crash_once)
    with pytest.raises(PowerCut):
        await start_reminders(world.app)
    monkeypatch.setattr(reminders, "mark_reminder", real_mark)
    sent_to_anna = len([c for c in world.api.calls if c.chat_id == ANNA.id])
    assert sent_to_anna == 1
    people.upsert_person(world.db, COORDINATOR.id, name="Carla")
    await start_reminders(world.app)  # the restart
    assert len([c for c in world.api.calls if c.chat_id == ANNA.id]) == 1  # not twice
    report = world.api.sent(chat_id=COORDINATOR.id)[0].text
    assert "onderbroken tussen versturen en vastleggen" in report and str(ANNA.id) in report
    assert _log(world, meeting.id)[(ANNA.id, "d7")] == "unknown"
    assert {_log(world, meeting.id)[(p.id, "d7")] for p in (BOB, EVA)} == {"sent"}


@pytest.mark.rate_limited
async def test_retry_after_is_waited_out(world):
    _meeting(world)
    world.api.flood_once[ANNA.id] = 1
    world.clock.moment = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)
    await start_reminders(world.app)
    assert [c.chat_id for c in world.api.sent("sendDocument")].count(ANNA.id) == 1


async def test_changes_made_from_the_command_line_reach_participants_while_running(world):
    from bot.reminders.jobs import sync_all
    from storage.meetings import cancel_meeting

    _meeting(world)
    await start_reminders(world.app)
    assert "meetings-resync" in _jobs(world)
    cancel_meeting(world.db, 1, now=world.clock())  # `vonkje meetings cancel 1`
    await sync_all(world.app)  # what the resync job runs every few minutes
    told = {
        c.chat_id
        for c in world.api.sent("sendDocument")
        if "gaat niet door" in c.text or "is cancelled" in c.text
    }
    assert told == {ANNA.id, BOB.id, EVA.id}


async def test_a_long_agenda_still_reaches_everyone_with_the_calendar_file(world):
    """Captions stop at 1,024 characters: the text goes as a message, the .ics after it."""
    meeting = create_meeting(
        world.db,
        title="Bijeenkomst voorjaar",
        starts_at=MEETING,
        place="Utrecht",
        agenda="Resultaten van alle proeftuinen en wat we leerden. " * 30,
        created_by=COORDINATOR.id,
        now=world.clock(),
    )
    world.clock.moment = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)
    await start_reminders(world.app)
    assert world.api.rejected == []
    assert sorted(c.chat_id for c in world.api.sent("sendDocument")) == sorted(
        [ANNA.id, BOB.id, EVA.id]
    )
    assert all("Resultaten" in world.api.texts(p.id)[0] for p in (ANNA, BOB, EVA))
    assert set(_log(world, meeting.id).values()) == {"sent"}


async def test_a_failed_reminder_is_retried_at_the_next_rebuild_and_sent_once(world):
    """Issue 9, item 16: a failure other than a block is retried, not left as 'failed'."""
    meeting = _meeting(world)
    world.api.fail_once.add(BOB.id)
    world.clock.moment = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)
    await start_reminders(world.app)
    assert _log(world, meeting.id)[(BOB.id, "d7")] == "failed"
    await start_reminders(world.app)  # what the 5-minute rebuild does
    documents = world.api.sent("sendDocument")
    assert sorted(c.chat_id for c in documents) == sorted([ANNA.id, BOB.id, EVA.id])
    assert set(_log(world, meeting.id).values()) == {"sent"}


async def test_a_reminder_that_cannot_be_made_is_marked_failed_not_left_sending(world, monkeypatch):
    import bot.reminders.messages

    meeting = _meeting(world)

    def broken(**kwargs):
        raise ValueError("kapotte agenda")

    monkeypatch.setattr(bot.reminders.messages, "meeting_ics", broken)
    world.clock.moment = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)
    await start_reminders(world.app)
    assert set(_log(world, meeting.id).values()) == {"failed"}


async def test_a_weekday_that_does_not_match_the_date_is_asked_about(world):
    calls = await world.send(COORDINATOR, "/plan Voorjaar; vrijdag 29 maart 14:00; Utrecht; -")
    assert "Je schreef vrijdag, maar die datum valt op een maandag" in calls[-1].text
    assert world.db["meetings"].count == 0
    await world.send(COORDINATOR, "/plan")
    await world.send(COORDINATOR, "Voorjaar")
    calls = await world.send(COORDINATOR, "vrijdag 29 maart half drie")
    assert "valt op een maandag" in calls[-1].text
    calls = await world.send(COORDINATOR, "maandag 29 maart half drie")  # asked again: fine now
    assert "Waar?" in calls[-1].text


async def test_meetings_list_shows_place_and_agenda_and_offers_the_calendar_file(world):
    meeting = _meeting(world)
    calls = await world.send(ANNA, "/bijeenkomsten")
    assert "Waar: Utrecht" in calls[-1].text and "Agenda: Resultaten" in calls[-1].text
    calls = await world.press(ANNA, world.button(ANNA.id, "Agenda-bestand"))
    document = next(c for c in calls if c.method == "sendDocument")
    ics = document.files["document"].decode()
    assert f"UID:vonkje-meeting-{meeting.id}@vonkje" in ics
    assert "ORGANIZER;CN=Vonkje:mailto:noreply@vonkje.invalid" in ics and "BEGIN:VALARM" in ics


async def test_planning_can_send_the_invitation_at_once(world):
    await world.send(COORDINATOR, "/plan Voorjaar; 29-3 om 14u; Utrecht; Resultaten")
    await world.press(COORDINATOR, world.button(COORDINATOR.id, "Ja"))
    invite = world.button(COORDINATOR.id, "Uitnodiging nu sturen")
    world.api.clear()
    await world.press(COORDINATOR, invite)
    documents = world.api.sent("sendDocument")
    assert sorted(c.chat_id for c in documents) == sorted([ANNA.id, BOB.id, EVA.id])
    assert all("BEGIN:VCALENDAR" in c.files["document"].decode() for c in documents)
    english = next(c for c in documents if c.chat_id == EVA.id)
    assert english.params["caption"].startswith("📨 Invitation: <b>Voorjaar</b>")
    assert "3 deelnemer(s)" in world.last_text(COORDINATOR.id)
    await world.press(COORDINATOR, invite)  # a second press sends nobody anything again
    assert len(world.api.sent("sendDocument")) == 3


async def test_check_ins_ask_silent_proeftuinen_once_and_the_reply_is_an_update(world):
    from storage.checkins import checkin_of

    calls = await world.send(COORDINATOR, "/checkin Schoonmaak Utrecht; zaterdag 10:00")
    assert "Nooit in het weekend" in calls[-1].text
    calls = await world.send(
        COORDINATOR, "/checkin Schoonmaak Utrecht; elke 2 weken donderdag 10:00"
    )
    assert "elke 2 week/weken op donderdag om 10:00" in calls[-1].text
    await world.send(COORDINATOR, "/checkin Catering Den Haag; aan")
    assert checkin_of(world.db, find_proeftuin(world.db, "Catering").id).every_days == 14
    # Catering reports before its first check-in; Schoonmaak does not
    await world.send(EVA, "2 jobs realised")
    await world.press(EVA, world.button(EVA.id, "Save"))
    world.api.clear()
    world.clock.moment = datetime(2027, 3, 4, 9, 1, tzinfo=UTC)  # Thursday 10:01 in Amsterdam
    await start_reminders(world.app)
    asked = {c.chat_id for c in world.api.sent("sendMessage") if "Hoe staat het ervoor" in c.text}
    assert asked == {ANNA.id, BOB.id}  # Eve's proeftuin reported in the period
    await start_reminders(world.app)  # a restart, or the 5-minute round: nobody asked twice
    again = [c for c in world.api.sent("sendMessage") if "Hoe staat het ervoor" in (c.text or "")]
    assert len(again) == 2
    await world.press(ANNA, world.button(ANNA.id, "update sturen"))
    calls = await world.send(ANNA, "vandaag gesprek gehad met de werkgeversservicepunt")
    assert "Activiteit:" in calls[-1].text  # read as an update, with the same confirmation
    calls = await world.send(COORDINATOR, "/checkin Schoonmaak Utrecht; uit")
    assert "staan uit" in calls[-1].text
