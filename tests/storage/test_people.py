import re

import pytest

from storage.access import (
    create_invite,
    group_proeftuin,
    invite_proeftuin,
    link_group,
    revoke_invite,
)
from storage.errors import Invalid, InviteInvalid, NotFound
from storage.people import (
    add_member,
    get_person,
    is_member,
    mark_inactive,
    memberships,
    set_language,
    set_reminders,
    upsert_person,
)


def test_upsert_creates_with_defaults(db, now):
    person = upsert_person(db, 7, name=" Ann ", username="ann", now=now)
    assert (person.telegram_id, person.name, person.username) == (7, "Ann", "ann")
    assert (person.language, person.reminders_on, person.active) == ("nl", True, True)
    assert person.created_at == now
    assert get_person(db, 7) == person


def test_upsert_refreshes_name_but_keeps_chosen_language_and_created_at(db, now):
    upsert_person(db, 7, name="Ann", language="en", now=now)
    person = upsert_person(db, 7, name="Ann B.", username=None)
    assert (person.name, person.language, person.created_at) == ("Ann B.", "en", now)


def test_upsert_reactivates_an_inactive_person(db):
    upsert_person(db, 7, name="Ann")
    mark_inactive(db, 7)
    assert upsert_person(db, 7, name="Ann").active is True


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [({"name": ""}, "text_empty"), ({"name": "A", "language": "de"}, "language_unknown")],
)
def test_upsert_rejects_bad_input(db, kwargs, code):
    with pytest.raises(Invalid) as raised:
        upsert_person(db, 7, **kwargs)
    assert raised.value.code == code


def test_get_person_unknown_is_none(db):
    assert get_person(db, 404) is None


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        (lambda db: set_reminders(db, 7, False), "reminders_on", False),
        (lambda db: set_reminders(db, 7, True), "reminders_on", True),
        (lambda db: mark_inactive(db, 7), "active", False),
        (lambda db: set_language(db, 7, "en"), "language", "en"),
    ],
)
def test_flags(db, change, field, value):
    upsert_person(db, 7, name="Ann")
    assert getattr(change(db), field) == value
    assert getattr(get_person(db, 7), field) == value


def test_flags_on_unknown_person_raise_not_found(db):
    with pytest.raises(NotFound):
        set_reminders(db, 404, False)


def test_invite_token_fits_telegram_deep_link(db, make_proeftuin, now):
    token = create_invite(db, make_proeftuin().id, created_by=1, now=now)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", token)


def test_invite_resolves_until_revoked(db, make_proeftuin, now):
    proeftuin = make_proeftuin()
    token = create_invite(db, proeftuin.id, created_by=1, now=now)
    assert invite_proeftuin(db, token) == proeftuin
    revoke_invite(db, token, now=now)
    revoke_invite(db, token, now=now)  # harmless the second time
    with pytest.raises(InviteInvalid) as raised:
        invite_proeftuin(db, token)
    assert raised.value.code == "invite_revoked"
    assert db["invites"].get(token)["revoked_at"] is not None


@pytest.mark.parametrize("action", [invite_proeftuin, revoke_invite])
def test_unknown_invite_is_invalid(db, action):
    with pytest.raises(InviteInvalid) as raised:
        action(db, "no-such-token")
    assert raised.value.code == "invite_unknown"


def test_invite_for_unknown_proeftuin(db):
    with pytest.raises(NotFound):
        create_invite(db, 42, created_by=1)


def test_add_member_is_idempotent_and_updates_role(db, make_proeftuin, now):
    proeftuin = make_proeftuin()
    upsert_person(db, 7, name="Ann")
    add_member(db, proeftuin.id, 7, "opdrachtgever", now=now)
    membership = add_member(db, proeftuin.id, 7, "anders")
    assert (membership.proeftuin, membership.role, membership.joined_at) == (
        proeftuin,
        "anders",
        now,
    )
    assert len(memberships(db, 7)) == 1
    assert is_member(db, proeftuin.id, 7)


@pytest.mark.parametrize(
    ("proeftuin_id", "telegram_id", "role", "error"),
    [(1, 7, "baas", Invalid), (99, 7, "anders", NotFound), (1, 404, "anders", NotFound)],
)
def test_add_member_rejects(db, make_proeftuin, proeftuin_id, telegram_id, role, error):
    make_proeftuin()
    upsert_person(db, 7, name="Ann")
    with pytest.raises(error):
        add_member(db, proeftuin_id, telegram_id, role)


def test_memberships_across_proeftuinen(db, make_proeftuin, make_member):
    zwolle, breda = make_proeftuin("Zwolle"), make_proeftuin("Breda")
    make_member(zwolle, 7, role="opdrachtgever")
    add_member(db, breda.id, 7, "anders")
    assert [(m.proeftuin.name, m.role) for m in memberships(db, 7)] == [
        ("Breda", "anders"),
        ("Zwolle", "opdrachtgever"),
    ]
    assert is_member(db, breda.id, 7) and not is_member(db, breda.id, 8)


def test_group_links(db, make_proeftuin, now):
    zwolle, breda = make_proeftuin("Zwolle"), make_proeftuin("Breda")
    assert group_proeftuin(db, -100) is None
    link_group(db, -100, zwolle.id, linked_by=7, now=now)
    assert group_proeftuin(db, -100) == zwolle
    link_group(db, -100, breda.id, linked_by=7, now=now)
    assert group_proeftuin(db, -100) == breda


def test_link_group_to_unknown_proeftuin(db):
    with pytest.raises(NotFound):
        link_group(db, -100, 42, linked_by=7)
