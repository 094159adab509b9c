"""The channel figures of a small shop worked out by hand (period 2026-01-01 to 2026-12-31).

チラシ: 2 new in April (one back on day 44, one on day 144), spend ¥40,000 in April.
Web: 1 new in May who never came back, spend ¥8,000 in May. SNS: spend only.
No channel: 1 new in November (her 90 days have not ended by the period's end).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crmdesk.services import channels
from crmdesk.services.analytics import Period
from crmdesk.services.channel_report import channel_monthly, channel_report, channel_summary
from crmdesk.store.models import Purchase
from tests.helpers.factories import add_customer

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))


def buy(session, customer_id: str, day: date, amount: int) -> None:
    at = datetime(day.year, day.month, day.day, 3, tzinfo=UTC)  # noon in Tokyo
    session.add(Purchase(customer_id=customer_id, amount=amount, purchased_at=at))


@pytest.fixture
def shop(session):
    channels.ensure_default_channels(session)
    c1 = add_customer(session, channel_id="チラシ", first_visit="2026-04-01")
    c2 = add_customer(session, family_name="佐藤", channel_id="チラシ", first_visit="2026-04-10")
    c3 = add_customer(session, family_name="鈴木", channel_id="Web", first_visit="2026-05-03")
    c4 = add_customer(session, family_name="高橋", first_visit="2026-11-20")
    c5 = add_customer(session, family_name="田中", channel_id="Web", first_visit="2025-12-01")
    for cid, day, amount in (
        (c1, date(2026, 4, 1), 3000),
        (c1, date(2026, 5, 15), 2000),
        (c2, date(2026, 4, 10), 1000),
        (c2, date(2026, 9, 1), 5000),
        (c3, date(2026, 5, 3), 800),
        (c4, date(2026, 11, 20), 1500),
        (c5, date(2026, 2, 1), 9999),
    ):
        buy(session, cid, day, amount)
    channels.set_spend(session, "チラシ", "2026-04", 40000)
    channels.set_spend(session, "Web", "2026-05", 8000)
    channels.set_spend(session, "SNS", "2026-06", 5000)
    session.flush()
    return session


def test_per_channel_and_month(shop) -> None:
    df = channel_monthly(shop, PERIOD)
    rows = {(r["channel"], r["month"]): r for r in df.to_dict("records")}
    flyer = rows[("チラシ", "2026-04")]
    assert (flyer["new_customers"], flyer["returned_90d"], flyer["returned_180d"]) == (2, 1, 2)
    assert flyer["repeat_rate_90d"] == 0.5 and flyer["repeat_rate_180d"] == 1.0
    assert flyer["revenue_180d"] == 11000
    assert (flyer["cost_per_new_yen"], flyer["cost_per_returning_yen"]) == (20000, 40000)
    web = rows[("Web", "2026-05")]
    assert web["new_customers"] == 1 and web["repeat_rate_90d"] == 0.0
    assert web["cost_per_new_yen"] == 8000 and pd_isna(web["cost_per_returning_yen"])
    sns = rows[("SNS", "2026-06")]
    assert sns["new_customers"] == 0 and sns["spend_yen"] == 5000
    assert pd_isna(sns["cost_per_new_yen"]) and pd_isna(sns["repeat_rate_90d"])
    unset = rows[(None, "2026-11")]
    assert unset["new_customers"] == 1 and unset["eligible_90d"] == 0
    assert pd_isna(unset["repeat_rate_90d"])  # too young to say: no rate, not 0 %
    assert ("Web", "2025-12") not in rows  # first visit before the period
    assert list(df["channel"])[:2] == ["チラシ", "Web"]  # the owner's order


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_summary_and_the_json_of_kpi_by_channel(shop) -> None:
    summary = channel_summary(shop, PERIOD)
    assert set(summary["channel"].fillna("-")) == {"チラシ", "Web", "SNS", "-"}
    data = channel_report(shop, PERIOD)
    by_name = {c["channel"]: c for c in data["channels"]}
    flyer = by_name["チラシ"]
    assert flyer["channel_label"] == "Flyer"
    assert flyer["new_customers"] == 2 and flyer["repeat_rate_90d"] == 0.5
    assert flyer["spend_yen"] == 40000 and flyer["cost_per_new_yen"] == 20000
    assert flyer["months"] == [{"month": "2026-04", "new_customers": 2, "eligible_90d": 2,
        "returned_90d": 1, "repeat_rate_90d": 0.5, "eligible_180d": 2, "returned_180d": 2,
        "repeat_rate_180d": 1.0, "revenue_180d": 11000, "spend_yen": 40000,
        "cost_per_new_yen": 20000, "cost_per_returning_yen": 40000}]  # fmt: skip
    assert by_name[None]["channel_label"] == "(not set)"
    assert by_name[None]["repeat_rate_90d"] is None and by_name[None]["spend_yen"] is None


def test_an_empty_shop_has_no_rows(session) -> None:
    assert channel_monthly(session, PERIOD).empty
    assert channel_report(session, PERIOD)["channels"] == []


def test_the_monthly_report_has_the_channel_section(shop, tmp_path) -> None:
    import pdfplumber

    from crmdesk.reports.monthly import write_monthly_report
    from crmdesk.services.analytics_dashboard import monthly_figures

    figures = monthly_figures(shop, Period.month("2026-12"))  # twelve months: 2026
    for lang, lines in (
        ("ja", ["流入経路別の新規顧客（2026-01-01〜2026-12-31に初来店）",
                "チラシ 2人 50.0% 100.0% ¥11,000 ¥40,000 ¥20,000 ¥40,000",
                "Web 1人 0.0% 0.0% ¥800 ¥8,000 ¥8,000 —",
                "（未設定） 1人 — — ¥1,500 — — —"]),
        ("en", ["New customers by channel (first visit 2026-01-01 to 2026-12-31)",
                "Flyer 2 50.0% 100.0% ¥11,000 ¥40,000 ¥20,000 ¥40,000",
                "(not set) 1 — — ¥1,500 — — —"]),
    ):  # fmt: skip
        pdf = tmp_path / f"{lang}.pdf"
        write_monthly_report(figures, pdf, lang=lang)
        with pdfplumber.open(pdf) as doc:
            text = "\n".join(page.extract_text() for page in doc.pages)
        for line in lines:
            assert line in text, (lang, line)
