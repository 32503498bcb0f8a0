"""Conversation flows in SQLite: random tokens, taken once, bounded, ended by /cancel."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from storage.conversations import (
    FLOW_LIFETIME,
    TOKEN_PATTERN,
    end_flows,
    get_flow,
    latest_flow,
    start_flow,
    take_flow,
    update_flow,
)
from storage.privacy import forget_person

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def test_a_flow_is_found_by_its_owner_only_and_taken_once(db):
    flow = start_flow(db, 11, "draft", {"text": "2 banen", "n": [1, 2]}, now=NOW, chat_id=11)
    assert re.fullmatch(TOKEN_PATTERN, flow.token)
    assert get_flow(db, flow.token, 12) is None  # someone else's token finds nothing
    assert get_flow(db, flow.token, 11, "pending") is None  # another kind neither
    assert get_flow(db, flow.token, 11).data == {"text": "2 banen", "n": [1, 2]}
    assert take_flow(db, flow.token, 11).data["text"] == "2 banen"
    assert take_flow(db, flow.token, 11) is None


def test_tokens_are_random(db):
    tokens = {start_flow(db, 11, "draft", {}, now=NOW).token for _ in range(50)}
    assert len(tokens) == 50


@pytest.mark.parametrize(("started", "keep", "left"), [(3, None, 3), (7, 5, 5), (2, 1, 1)])
def test_keep_bounds_the_flows_of_one_kind(db, started, keep, left):
    tokens = [
        start_flow(db, 11, "pending", {"n": n}, now=NOW + timedelta(seconds=n), keep=keep).token
        for n in range(started)
    ]
    start_flow(db, 12, "pending", {}, now=NOW)  # another person's are not counted
    kept = [t for t in tokens if get_flow(db, t, 11) is not None]
    assert kept == tokens[-left:]  # the newest stay
    assert latest_flow(db, 11, "pending").token == tokens[-1]


def test_abandoned_flows_expire(db):
    old = start_flow(db, 11, "draft", {}, now=NOW)
    start_flow(db, 12, "draft", {}, now=NOW + FLOW_LIFETIME + timedelta(minutes=1))
    assert get_flow(db, old.token, 11) is None


def test_update_keeps_the_token(db):
    flow = start_flow(db, 11, "draft", {"proeftuin_id": None}, now=NOW)
    update_flow(db, flow, {"proeftuin_id": 3})
    assert get_flow(db, flow.token, 11).data == {"proeftuin_id": 3}


def test_cancel_ends_flows_but_keeps_what_is_remembered(db):
    for kind in ("draft", "pending", "awaiting", "meeting_plan", "follow_up"):
        start_flow(db, 11, kind, {}, now=NOW)
    start_flow(db, 12, "draft", {}, now=NOW)
    assert end_flows(db, 11) == 4
    assert end_flows(db, 11) == 0
    assert latest_flow(db, 11, "follow_up") is not None
    assert latest_flow(db, 12, "draft") is not None
    forget_person(db, 11)
    assert latest_flow(db, 11, "follow_up") is None
