"""Demo step: customers with real readings and real postal codes."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from sqlalchemy import insert

from crmdesk.core.channels import channel_id
from crmdesk.core.ids import new_id
from crmdesk.core.postal import postal_towns
from crmdesk.services.channels import ensure_default_channels
from crmdesk.services.customer_index import next_customer_number, search_keys
from crmdesk.services.demo import DemoContext
from crmdesk.services.demo.names import BUILDINGS, EMAIL_DOMAINS, FAMILY, GIVEN
from crmdesk.store.models import Customer

ORDER = 10
BATCH = 5_000
KANTO = ("東京都", "神奈川県", "埼玉県", "千葉県")
OFFICE_WORDS = (
    "ビル",
    "タワー",
    "ヒルズ",
    "センター",
    "プラザ",
    "スクエア",
    "ガーデン",
    "シティ",
    "トライ",
)


def postal_pool(rng: random.Random, size: int = 3_000) -> list[tuple[str, str, str, str]]:
    """Real (code, prefecture, city, town) rows from the offline postal database."""
    rows = [
        (code, prefecture, city, town)
        for code, prefecture, city, town in postal_towns()
        if town and not any(mark in town for mark in ("以下に掲載", "（", "、"))
    ]
    # Skyscrapers have a postal code per floor (丸の内ビルディング...): not where people live.
    rows = [r for r in rows if not any(word in r[3] for word in OFFICE_WORDS)]
    near = [r for r in rows if r[1] in KANTO]
    far = [r for r in rows if r[1] not in KANTO]
    return rng.sample(near, size * 2 // 3) + rng.sample(far, size // 3)


def make_customer(
    ctx: DemoContext, number: int, pool: list[Any], hlc: str, node: str
) -> dict[str, Any]:
    rng = ctx.rng
    family, family_kana, family_roma = rng.choice(FAMILY)
    given, given_kana, given_roma, gender = rng.choice(GIVEN)
    code, prefecture, city, town = rng.choice(pool)
    age_days = rng.randint(18 * 365, 85 * 365)
    birthday = ctx.today - timedelta(days=age_days) if rng.random() < 0.85 else None
    building = ""
    if rng.random() < 0.35:
        building = f"{family}{rng.choice(BUILDINGS)} {rng.randint(1, 12)}0{rng.randint(1, 9)}"
    phone2 = ""
    if rng.random() < 0.3:
        area = (
            "03"
            if prefecture == "東京都"
            else "06"
            if prefecture == "大阪府"
            else "0" + str(rng.randint(42, 99))
        )
        local = f"{rng.randint(1000, 9999)}" if len(area) == 2 else f"{rng.randint(100, 999)}"
        phone2 = f"{area}-{local}-{rng.randint(0, 9999):04d}"
    email = ""
    if rng.random() < 0.6:
        email = f"{given_roma}.{family_roma}{rng.randint(1, 999)}@{rng.choice(EMAIL_DOMAINS)}"
    values = {
        "customer_number": f"{number:06d}",
        "family_name": family,
        "given_name": given,
        "family_kana": family_kana,
        "given_kana": given_kana,
        "gender": gender if rng.random() < 0.95 else "",
        "birthday": birthday,
        "postal_code": code,
        "prefecture": prefecture,
        "city": city,
        "town": town,
        "street": f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}",
        "building": building,
        "phone1": f"0{rng.choice('789')}0-{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}",
        "phone2": phone2,
        "email": email,
        "dm_consent": rng.random() < 0.85,
        "email_consent": bool(email) and rng.random() < 0.5,
        "first_visit": ctx.today - timedelta(days=rng.randint(0, 5 * 365)),
        "notes": "",
    }
    values.update(search_keys(values))
    values.update(id=new_id(), hlc=hlc, deleted=False)
    values["channel_id"] = _channel(number)
    return values


#: How demo customers heard of the shop (a share of them left blank, as at a real counter).
CHANNEL_WEIGHTS = {"紹介": 22, "チラシ": 18, "Web": 15, "SNS": 14, "通りがかり": 12, "DM": 5,
                   "イベント": 4, "その他": 2, "": 8}  # fmt: skip


def _channel(number: int) -> str | None:
    """A channel per customer from its own seed: the other demo values stay as they were."""

    name = random.Random(f"channel:{number}").choices(
        list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values())
    )[0]
    return channel_id(name) if name else None


def run(ctx: DemoContext) -> None:
    db = ctx.session.info.get("db")
    node = db.node_id if db else ""
    hlc = db.clock.now().encode() if db else ""
    pool = postal_pool(ctx.rng)
    start = _first_free_number(ctx)
    ensure_default_channels(ctx.session)  # the demo's channels are the starting ones
    for first in range(0, ctx.customers, BATCH):
        rows = [
            make_customer(ctx, start + i, pool, hlc, node)
            for i in range(first, min(first + BATCH, ctx.customers))
        ]
        ctx.session.execute(insert(Customer), rows)
        ctx.customer_ids.extend(r["id"] for r in rows)
        ctx.progress("customers", first + len(rows), ctx.customers)
    ctx.summary["customers"] = ctx.customers


def _first_free_number(ctx: DemoContext) -> int:
    return int(next_customer_number(ctx.session))
