"""Staff accounts and signing in: hashed PINs and cards, the back-off, the owner's resets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from crmdesk.core.errors import DomainError
from crmdesk.core.pins import check_pin, hash_pin
from crmdesk.services import audit
from crmdesk.services.staff import (
    CLI_ACTOR,
    CLI_STAFF,
    Actor,
    add_staff,
    authenticate,
    cli_actor,
    edit_staff,
    has_staff,
    retire_staff,
    try_sign_in,
)
from crmdesk.store.models import Staff

OWNER = Actor(None, "cli", "owner")
T0 = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.fixture
def shop(db):
    with db.transaction() as session:
        add_staff(session, "店主", "owner", "2468")
        add_staff(session, "佐藤", "staff", "1357", card="2900000000017", actor=OWNER)
    return db


def test_pins_and_cards_are_stored_as_slow_salted_hashes(shop) -> None:
    with shop.transaction() as session:
        rows = {s.name: s for s in session.scalars(select(Staff))}
    sato = rows["佐藤"]
    assert sato.pin_hash.startswith("scrypt$16384$8$1$") and "1357" not in sato.pin_hash
    assert "2900000000017" not in sato.card_hash and len(sato.card_hash) == 64
    assert hash_pin("1357") != hash_pin("1357")  # salted
    assert check_pin("1357", sato.pin_hash) and not check_pin("1358", sato.pin_hash)
    assert not check_pin("1357", "scrypt$broken")


def test_sign_in_by_pin_or_card_and_the_log_names_ids_only(shop) -> None:
    actor = authenticate(shop, name="佐藤", pin="1357")
    assert (actor.name, actor.role, actor.can("export")) == ("佐藤", "staff", False)
    assert authenticate(shop, card=" 2900000000017 ").staff_id == actor.staff_id
    with shop.transaction() as session:
        entries = audit.entries(session, action="staff.sign_in")
    assert [e.staff_id for e in entries] == [actor.staff_id] * 2
    assert all("佐藤" not in (e.actor + e.detail) for e in entries)


def test_wrong_pins_slow_down_and_a_right_one_resets(shop) -> None:
    def attempt(pin: str, at: datetime) -> DomainError | None:
        with shop.transaction() as session:
            return try_sign_in(session, name="佐藤", pin=pin, now=at).error

    for i in range(3):  # three free tries
        error = attempt("0000", T0 + timedelta(seconds=i))
        assert error is not None and error.code == "wrong_pin" and error.field == "pin"
    waiting = attempt("1357", T0 + timedelta(seconds=3))  # even the right PIN must wait
    assert waiting is not None and waiting.code == "pin_wait"
    assert waiting.params["seconds"] == 4 and "4秒" in waiting.message("ja")
    assert attempt("0000", T0 + timedelta(seconds=8)).code == "wrong_pin"  # after 5 s
    assert attempt("1357", T0 + timedelta(seconds=12)).code == "pin_wait"  # now 10 s
    assert attempt("1357", T0 + timedelta(seconds=18)) is None
    assert attempt("0000", T0 + timedelta(seconds=19)).code == "wrong_pin"  # count reset


def test_an_unknown_card_is_refused_and_counted(shop) -> None:
    with pytest.raises(DomainError) as caught:
        authenticate(shop, card="1234567")
    assert (caught.value.code, caught.value.field) == ("unknown_staff_card", "card")
    assert "登録されていません" in caught.value.message("ja")
    with shop.transaction() as session:
        assert [e.action for e in audit.entries(session)][-1] == "staff.sign_in_failed"


def test_a_shop_without_accounts_is_the_owner_until_the_first_is_added(db) -> None:
    assert cli_actor(db, None, None) == CLI_ACTOR
    with pytest.raises(DomainError) as caught, db.transaction() as session:
        add_staff(session, "佐藤", "staff", "1357")
    assert caught.value.code == "first_staff_owner"
    with db.transaction() as session:
        assert not has_staff(session)
        add_staff(session, "店主", "owner", "2468")
    assert cli_actor(db, None, None) == CLI_STAFF
    assert cli_actor(db, None, "2468").name == "店主"
    with pytest.raises(DomainError) as caught:
        cli_actor(db, None, "9999")
    assert caught.value.code == "wrong_pin"


def test_the_owner_resets_a_pin_and_the_last_owner_stays(shop) -> None:
    owner = authenticate(shop, name="店主", pin="2468")
    with shop.transaction() as session:
        edit_staff(session, "佐藤", actor=owner, pin="8642")
    assert authenticate(shop, name="佐藤", pin="8642").name == "佐藤"
    sato = authenticate(shop, name="佐藤", pin="8642")
    with pytest.raises(DomainError) as caught, shop.transaction() as session:
        edit_staff(session, "佐藤", actor=sato, pin="1111")
    assert caught.value.field == "settings"
    for change in (
        lambda s: retire_staff(s, "店主", actor=owner),
        lambda s: edit_staff(s, "店主", actor=owner, role="staff"),
    ):
        with pytest.raises(DomainError) as caught, shop.transaction() as session:
            change(session)
        assert caught.value.code == "last_owner"
    with pytest.raises(DomainError) as caught, shop.transaction() as session:
        add_staff(session, "鈴木", "staff", "12", actor=owner)
    assert caught.value.code == "invalid_pin"
    with shop.transaction() as session:
        retire_staff(session, "佐藤", actor=owner)
    with pytest.raises(DomainError):
        authenticate(shop, name="佐藤", pin="8642")
