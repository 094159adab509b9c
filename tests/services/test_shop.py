"""The shop's return address: owner only, validated, kept in the database, audited."""

from __future__ import annotations

import pytest

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.services import audit
from crmdesk.services.mailings_print import postcard_sender
from crmdesk.services.shop import carry_over_name, set_shop_info, shop_info, shop_name
from crmdesk.services.staff import CLI_ACTOR, Actor

STAFF = Actor(staff_id=None, name="counter", role="staff")


def test_set_then_change_one_field(session) -> None:
    assert shop_info(session) is None
    info = set_shop_info(
        session,
        {"name": "花屋さくら", "postal_code": "〒150-0001", "address": "東京都渋谷区神宮前1-2-3",
         "phone": "０３－１２３４－５６７８"},
        actor=CLI_ACTOR,
    )  # fmt: skip
    assert (info.postal_code, info.phone) == ("1500001", "03-1234-5678")
    set_shop_info(session, {"phone": "03-9999-0000"}, actor=CLI_ACTOR)
    assert shop_info(session).name == "花屋さくら"  # fields not given stay
    assert postcard_sender(session)["phone"] == "03-9999-0000"  # what postcards print
    entry = audit.entries(session, action="settings.shop")[-1]
    assert "花屋" not in entry.detail and "phone" in entry.detail


def test_bad_input_names_every_field_and_writes_nothing(session) -> None:
    with pytest.raises(ValidationError) as caught:
        set_shop_info(session, {"name": "", "postal_code": "12", "phone": "12"}, actor=CLI_ACTOR)
    assert {e.field for e in caught.value.errors} == {"shop_name", "postal_code", "phone"}
    assert "差出人名" in caught.value.errors[0].message("ja")
    assert shop_info(session) is None


def test_only_the_owner_changes_it(session) -> None:
    with pytest.raises(DomainError) as caught:
        set_shop_info(session, {"name": "x", "postal_code": "1000001"}, actor=STAFF)
    assert (caught.value.code, caught.value.field) == ("permission_denied", "settings")
    assert shop_info(session) is None


def test_a_name_kept_on_the_computer_is_carried_over_only_into_an_empty_shop(session) -> None:
    assert not carry_over_name(session, "　")  # blank: nothing to keep
    assert carry_over_name(session, " 花屋さくら ") and shop_name(session) == "花屋さくら"
    assert audit.entries(session, action="settings.shop")[-1].actor == "carry-over"
    assert not carry_over_name(session, "旧い店名")  # the database has one: it stays
    set_shop_info(session, {"postal_code": "150-0001"}, actor=CLI_ACTOR)
    assert (shop_info(session).name, shop_info(session).postal_code) == ("花屋さくら", "1500001")
