from datetime import timedelta

import pytest

from storage.errors import Invalid, NotAllowed, NotFound
from storage.progress import export_rows, get_update, overview, progress
from storage.updates import correct_update, recent_updates_by, save_update, withdraw_update


@pytest.fixture
def proeftuin(make_proeftuin):
    return make_proeftuin("Utrecht", jobs_target=20)


@pytest.fixture
def report(db, proeftuin, now):
    """Save an update by author 7, `days` after the fixed clock."""

    def save(days=0, author_id=7, proeftuin_id=None, **fields):
        fields = {"raw_text": "Twee mensen begonnen", "role": "opdrachtnemer"} | fields
        update, _ = save_update(
            db,
            proeftuin_id=proeftuin_id or proeftuin.id,
            author_id=author_id,
            author_name=f"Persoon {author_id}",
            now=now + timedelta(days=days),
            **fields,
        )
        return update

    return save


def test_save_update_stores_all_fields(db, proeftuin, now):
    update, created = save_update(
        db,
        proeftuin_id=proeftuin.id,
        author_id=7,
        author_name="Ann",
        role="opdrachtgever",
        raw_text=" 2 banen, 1 stage ",
        jobs_realised=2,
        internships=1,
        step=" werving ",
        obstacles="",
        next_step="intake",
        telegram_update_id=555,
        now=now,
    )
    assert created is True
    assert (update.raw_text, update.jobs_realised, update.candidates, update.internships) == (
        "2 banen, 1 stage",
        2,
        None,  # no candidates stated: no figure, not 0
        1,
    )
    assert (update.step, update.obstacles, update.next_step) == ("werving", None, "intake")
    assert (update.author_id, update.author_name, update.role) == (7, "Ann", "opdrachtgever")
    assert (update.created_at, update.withdrawn_at, update.corrected_at) == (now, None, None)
    assert get_update(db, update.id) == update


def test_same_telegram_update_is_stored_once(db, report):
    first = report(jobs_realised=2, telegram_update_id=555)
    again, created = save_update(
        db,
        proeftuin_id=first.proeftuin_id,
        author_id=7,
        author_name="Ann",
        role=None,
        raw_text="Twee mensen begonnen",
        jobs_realised=2,
        telegram_update_id=555,
    )
    assert (again, created) == (first, False)
    assert db["updates"].count == 1
    assert progress(db, first.proeftuin_id).totals.jobs_realised == 2


def test_updates_without_telegram_id_are_all_stored(db, report):
    report(telegram_update_id=None)
    report(telegram_update_id=None)
    assert db["updates"].count == 2


@pytest.mark.parametrize(
    ("fields", "code", "what"),
    [
        ({"jobs_realised": -1}, "count_out_of_range", "jobs_realised"),
        ({"candidates": 10_001}, "count_out_of_range", "candidates"),
        ({"internships": "3"}, "count_not_integer", "internships"),
        ({"raw_text": "  "}, "text_empty", "raw_text"),
        ({"role": "directeur"}, "role_unknown", None),
    ],
)
def test_save_update_rejects_bad_input(report, fields, code, what):
    with pytest.raises(Invalid) as raised:
        report(**fields)
    assert (raised.value.code, raised.value.details.get("what")) == (code, what)


def test_save_update_for_unknown_proeftuin(report):
    with pytest.raises(NotFound):
        report(proeftuin_id=99)


def test_recent_updates_by_window_author_and_withdrawn(db, report, now):
    old = report(days=-8)
    mine = report(days=-1)
    newest = report(days=0)
    withdrawn = report(days=0)
    report(author_id=8)
    withdraw_update(db, withdrawn.id, 7, now=now)
    recent = recent_updates_by(db, 7, now=now)
    assert [u.id for u in recent] == [newest.id, mine.id]
    long_window = recent_updates_by(db, 7, within=timedelta(days=30), now=now)
    assert old.id in [u.id for u in long_window]


def test_correct_update_by_author(db, report, now):
    update = report(jobs_realised=1)
    corrected = correct_update(db, update.id, 7, now=now, jobs_realised=3, obstacles=" vervoer ")
    assert (corrected.jobs_realised, corrected.obstacles, corrected.corrected_at) == (
        3,
        "vervoer",
        now,
    )
    assert progress(db, update.proeftuin_id).totals.jobs_realised == 3


@pytest.mark.parametrize(
    ("author_id", "fields", "withdraw_first", "error"),
    [
        (8, {"jobs_realised": 3}, False, NotAllowed),
        (7, {"jobs_realised": 3}, True, NotAllowed),
        (7, {"proeftuin_id": 2}, False, Invalid),
        (7, {}, False, Invalid),
        (7, {"candidates": -5}, False, Invalid),
    ],
)
def test_correct_update_rejects(db, report, now, author_id, fields, withdraw_first, error):
    update = report(jobs_realised=1)
    if withdraw_first:
        withdraw_update(db, update.id, 7, now=now)
    with pytest.raises(error):
        correct_update(db, update.id, author_id, now=now, **fields)
    assert get_update(db, update.id).jobs_realised == 1


def test_correct_unknown_update(db):
    with pytest.raises(NotFound):
        correct_update(db, 99, 7, jobs_realised=1)


def test_withdraw_only_by_author_and_idempotent(db, report, now):
    update = report(jobs_realised=4)
    with pytest.raises(NotAllowed):
        withdraw_update(db, update.id, 8)
    withdrawn = withdraw_update(db, update.id, 7, now=now)
    assert withdrawn.withdrawn and withdrawn.withdrawn_at == now
    assert withdraw_update(db, update.id, 7, now=now + timedelta(hours=1)) == withdrawn
    assert progress(db, update.proeftuin_id).totals.jobs_realised == 0


def test_progress_totals_series_latest_and_steps(db, report, proeftuin, now):
    report(days=0, jobs_realised=1, candidates=4, step="werving", obstacles="vervoer")
    gone = report(days=1, jobs_realised=50, obstacles="vergeten")
    report(days=2, jobs_realised=2, internships=1, obstacles="vervoer", next_step="intake")
    report(days=3, jobs_realised=0, candidates=1, step="plaatsing", obstacles="begeleiding")
    withdraw_update(db, gone.id, 7, now=now)

    result = progress(db, proeftuin.id)

    assert result.proeftuin == proeftuin and result.target == 20
    totals = result.totals
    # candidates in beeld is a stock: the latest figure (1), not a sum
    assert (totals.jobs_realised, totals.candidates, totals.internships) == (3, 1, 1)
    assert result.series == (
        (now, 1),
        (now + timedelta(days=2), 3),
        (now + timedelta(days=3), 3),
    )
    assert [u.created_at for u in result.latest] == [now + timedelta(days=d) for d in (3, 2, 0)]
    assert result.open_obstacles == ("begeleiding", "vervoer")
    assert (result.last_step, result.next_step) == ("plaatsing", "intake")
    assert result.last_update_at == now + timedelta(days=3)
    assert result.target_share == pytest.approx(3 / 20)


def test_progress_keeps_only_five_latest(db, report, proeftuin):
    for day in range(7):
        report(days=day, obstacles=f"obstakel {day}")
    result = progress(db, proeftuin.id)
    assert len(result.latest) == 5
    assert result.open_obstacles == tuple(f"obstakel {d}" for d in (6, 5, 4, 3, 2))


def test_progress_without_updates(db, make_proeftuin):
    empty = progress(db, make_proeftuin("Leeg", jobs_target=0).id)
    assert (empty.totals.jobs_realised, empty.series, empty.latest) == (0, (), ())
    assert (empty.last_update_at, empty.last_step, empty.target_share) == (None, None, None)


def test_progress_unknown_proeftuin(db):
    with pytest.raises(NotFound):
        progress(db, 99)


def test_overview_reported_since(db, report, make_proeftuin, now):
    breda = make_proeftuin("Breda")
    zwolle = make_proeftuin("Zwolle")
    report(days=-10, proeftuin_id=breda.id, jobs_realised=1)
    report(days=1, jobs_realised=2)  # Utrecht
    withdrawn = report(days=2, proeftuin_id=zwolle.id, jobs_realised=9)
    withdraw_update(db, withdrawn.id, 7, now=now)

    def flags(since):
        return {row.proeftuin.name: row.reported_since for row in overview(db, since=since)}

    assert flags(now) == {"Breda": False, "Utrecht": True, "Zwolle": False}
    assert flags(None) == {"Breda": True, "Utrecht": True, "Zwolle": False}
    assert [row.totals.jobs_realised for row in overview(db, since=now)] == [1, 2, 0]


def test_export_rows_include_status_and_proeftuin_name(db, report, now):
    active = report(days=0)
    corrected = report(days=1)
    withdrawn = report(days=2)
    correct_update(db, corrected.id, 7, now=now, jobs_realised=1)
    withdraw_update(db, withdrawn.id, 7, now=now)
    rows = export_rows(db)
    assert [(r["id"], r["status"]) for r in rows] == [
        (active.id, "active"),
        (corrected.id, "corrected"),
        (withdrawn.id, "withdrawn"),
    ]
    assert rows[0]["proeftuin"] == "Utrecht"
    assert "author_id" not in rows[0]
    assert rows[0]["created_at"] == "2025-03-03T09:00:00.000000+00:00"


def test_totals_match_progress_and_skip_withdrawn(db, make_proeftuin, now):
    from storage.progress import progress, totals
    from storage.updates import save_update, withdraw_update

    proeftuin = make_proeftuin()
    kept, _ = save_update(
        db,
        proeftuin_id=proeftuin.id,
        author_id=None,
        author_name=None,
        role=None,
        raw_text="2 banen",
        jobs_realised=2,
        candidates=3,
    )
    gone, _ = save_update(
        db,
        proeftuin_id=proeftuin.id,
        author_id=None,
        author_name=None,
        role=None,
        raw_text="5 banen",
        jobs_realised=5,
    )
    withdraw_update(db, gone.id, None, now=now)
    assert totals(db, proeftuin.id) == progress(db, proeftuin.id).totals
    assert totals(db, proeftuin.id).jobs_realised == 2


@pytest.mark.parametrize("change", ["withdraw", "correct"])
def test_the_correction_window_is_enforced_where_the_change_is_made(db, report, now, change):
    """A forged button must not withdraw a 60-day-old update or correct it to 9000 jobs."""
    from storage.errors import TooOld

    old = report(jobs_realised=2)
    later = now + timedelta(days=60)
    with pytest.raises(TooOld):
        if change == "withdraw":
            withdraw_update(db, old.id, 7, now=later)
        else:
            correct_update(db, old.id, 7, now=later, jobs_realised=9000)
    assert progress(db, old.proeftuin_id).totals.jobs_realised == 2
    within = now + timedelta(days=6)
    if change == "withdraw":
        assert withdraw_update(db, old.id, 7, now=within).withdrawn
    else:
        assert correct_update(db, old.id, 7, now=within, jobs_realised=3).jobs_realised == 3


def test_net_jobs_hours_and_knelpunten_live(db, report, proeftuin, now):
    from storage.knelpunten import knelpunten, solve_by_topic

    report(days=0, jobs_realised=3, hours=60.0, obstacles="vervoer naar de locatie")
    report(days=1, jobs_ended=1, candidates=5, lesson="begin klein", activity="gesprek UWV")
    report(days=2, candidates=4, obstacles="Vervoer naar de locatie")  # the same one, open
    result = progress(db, proeftuin.id)
    assert (result.totals.jobs_realised, result.totals.jobs_ended) == (3, 1)
    assert result.totals.net_jobs == 2 and result.target_share == pytest.approx(2 / 20)
    assert result.totals.candidates == 4  # the latest figure
    assert result.totals.banen_units == pytest.approx(60 / 25.5)
    assert [k.text for k in result.open_knelpunten] == ["vervoer naar de locatie"]
    assert [u.lesson for u in result.lessons] == ["begin klein"]
    assert [u.activity for u in result.activities] == ["gesprek UWV"]
    assert [point for _, point in result.series] == [3, 2, 2]
    solved = solve_by_topic(db, proeftuin.id, "vervoer", solved_by=7, now=now)
    assert len(solved) == 1 and knelpunten(db, proeftuin.id) == []
    assert [k.text for k in progress(db, proeftuin.id).solved_knelpunten] == [
        "vervoer naar de locatie"
    ]


def test_withdrawing_an_update_takes_its_open_knelpunt(db, report, proeftuin, now):
    from storage.knelpunten import knelpunten

    update = report(days=0, obstacles="rooster")
    withdraw_update(db, update.id, 7, now=now)
    assert knelpunten(db, proeftuin.id) == []


def test_migration_keeps_every_saved_update_and_its_figures(tmp_path):
    """An old database (migrations 1-9) with updates: after migration 10 nothing is lost,
    the sums are the same, and 'candidates 0' (the old 'not mentioned') becomes no figure."""
    import sqlite_utils

    from storage.db import open_database
    from storage.migrations import migrations

    path = tmp_path / "old.sqlite"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m010_progress_model")
    old["proeftuinen"].insert(
        {"id": 1, "name": "Utrecht", "jobs_target": 5, "created_at": "2026-01-01T00:00:00+00:00"}
    )
    for n, (jobs, candidates, obstacles) in enumerate([(2, 0, "vervoer"), (1, 3, None)], 1):
        old["updates"].insert(
            {
                "id": n,
                "proeftuin_id": 1,
                "created_at": f"2026-01-0{n}T00:00:00+00:00",
                "raw_text": f"update {n}",
                "jobs_realised": jobs,
                "candidates": candidates,
                "internships": 1,
                "obstacles": obstacles,
            }
        )
    old.close()
    db = open_database(path)
    rows = list(db["updates"].rows_where(order_by="id"))
    assert [(r["raw_text"], r["jobs_realised"], r["candidates"]) for r in rows] == [
        ("update 1", 2, None),
        ("update 2", 1, 3),
    ]
    result = progress(db, 1)
    assert (result.totals.jobs_realised, result.totals.internships) == (3, 2)
    assert result.totals.candidates == 3
    assert [k.text for k in result.open_knelpunten] == ["vervoer"]
