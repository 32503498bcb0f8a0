import re

import pytest

from storage.errors import Invalid, InviteInvalid, NotFound
from storage.people import (
    add_member,
    create_invite,
    get_person,
    group_proeftuin,
    invite_proeftuin,
    is_member,
    link_group,
    list_invites,
    mark_active,
    mark_inactive,
    members_of,
    memberships,
    remove_member,
    revoke_invite,
    set_language,
    set_reminders,
    unlink_group,
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
    ("kwargs", "message"), [({"name": ""}, "naam"), ({"name": "A", "language": "de"}, "taal")]
)
def test_upsert_rejects_bad_input(db, kwargs, message):
    with pytest.raises(Invalid, match=message):
        upsert_person(db, 7, **kwargs)


def test_get_person_unknown_is_none(db):
    assert get_person(db, 404) is None


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        (lambda db: set_reminders(db, 7, False), "reminders_on", False),
        (lambda db: set_reminders(db, 7, True), "reminders_on", True),
        (lambda db: mark_inactive(db, 7), "active", False),
        (lambda db: mark_active(db, 7), "active", True),
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
    with pytest.raises(InviteInvalid, match="ingetrokken"):
        invite_proeftuin(db, token)
    assert list_invites(db, proeftuin.id)[0]["revoked_at"] is not None


@pytest.mark.parametrize("action", [invite_proeftuin, revoke_invite])
def test_unknown_invite_is_invalid(db, action):
    with pytest.raises(InviteInvalid, match="onbekend"):
        action(db, "no-such-token")


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
    assert remove_member(db, breda.id, 7) is True
    assert remove_member(db, breda.id, 7) is False
    assert not is_member(db, breda.id, 7)


def test_members_of_filters(db, make_proeftuin, make_member):
    proeftuin = make_proeftuin()
    for telegram_id, name in [(1, "Cas"), (2, "Ann"), (3, "Bob")]:
        make_member(proeftuin, telegram_id, name)
    mark_inactive(db, 2)
    set_reminders(db, 3, False)
    names = lambda **kw: [p.name for p in members_of(db, proeftuin.id, **kw)]  # noqa: E731
    assert names() == ["Bob", "Cas"]
    assert names(active_only=False) == ["Ann", "Bob", "Cas"]
    assert names(reminders_only=True) == ["Cas"]


def test_group_links(db, make_proeftuin, now):
    zwolle, breda = make_proeftuin("Zwolle"), make_proeftuin("Breda")
    assert group_proeftuin(db, -100) is None
    link_group(db, -100, zwolle.id, linked_by=7, now=now)
    assert group_proeftuin(db, -100) == zwolle
    link_group(db, -100, breda.id, linked_by=7, now=now)
    assert group_proeftuin(db, -100) == breda
    assert unlink_group(db, -100) is True
    assert unlink_group(db, -100) is False
    assert group_proeftuin(db, -100) is None


def test_link_group_to_unknown_proeftuin(db):
    with pytest.raises(NotFound):
        link_group(db, -100, 42, linked_by=7)
