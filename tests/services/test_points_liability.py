"""The points' liability by expiry month and the breakage estimate, on a real file."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crmdesk.core.breakage import MIN_SETTLED_POINTS, redemption_rate
from crmdesk.core.points import PointRules
from crmdesk.services import points
from crmdesk.services.analytics import Period
from crmdesk.services.analytics_dashboard import kpi
from crmdesk.services.points_liability import liability
from crmdesk.services.staff import CLI_ACTOR
from tests.helpers.factories import add_customer


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 3, tzinfo=UTC)


def entry(session, customer: str, kind: str, n: int, when: datetime, expires=None) -> None:
    points.add_entry(session, customer_id=customer, kind=kind, points=n, at=when,
                     expires_on=expires)  # fmt: skip


def test_rate_needs_enough_settled_points() -> None:
    assert redemption_rate(600, 200).basis == "no_history"  # 800 < 1,000: too little
    assert redemption_rate(600, 200).rate == 1.0
    rate = redemption_rate(1_500, 500)
    assert (rate.basis, rate.rate, round(rate.breakage_rate, 2)) == ("history", 0.75, 0.25)
    assert redemption_rate(0, 5_000, never_expire=True).rate == 1.0
    assert redemption_rate(-10, MIN_SETTLED_POINTS).rate == 0.0  # voids gave more back


def test_outstanding_by_expiry_month_and_expected_cost(session) -> None:
    points.save_rules(session, PointRules(yen_per_point_redeemed=2), CLI_ACTOR)
    a, b = add_customer(session), add_customer(session)
    # history: 3,000 redeemed and 1,000 expired -> 75% of points get used
    entry(session, a, "earn", 4_000, at(2025, 1, 5), date(2025, 12, 31))
    entry(session, a, "redeem", -3_000, at(2025, 6, 1))
    entry(session, a, "expire", -1_000, at(2026, 1, 1))
    # outstanding: 300 expiring in March 2026 (100 of them used first), 500 in June
    entry(session, a, "earn", 400, at(2025, 3, 10), date(2026, 3, 9))
    entry(session, b, "earn", 500, at(2025, 6, 20), date(2026, 6, 19))
    entry(session, a, "redeem", -100, at(2026, 1, 20))
    entry(session, b, "earn", 999, at(2026, 2, 1), date(2027, 1, 31))  # after the as-of day

    got = liability(session, as_of=date(2026, 1, 31)).to_json()
    assert got["outstanding_points"] == 800 and got["outstanding_yen"] == 1_600
    rate = 3_100 / 4_100
    assert (got["redeemed_points"], got["expired_points"]) == (3_100, 1_000)
    assert got["basis"] == "history" and got["redemption_rate"] == round(rate, 4)
    assert got["by_expiry_month"] == [
        {"month": "2026-03", "points": 300, "yen": 600, "expected_yen": round(600 * rate)},
        {"month": "2026-06", "points": 500, "yen": 1_000, "expected_yen": round(1_000 * rate)},
    ]
    assert got["expected_yen"] == round(600 * rate) + round(1_000 * rate)
    assert got["breakage_yen"] == 1_600 - got["expected_yen"]


def test_last_visit_mode_dates_lots_by_the_customers_deadline(session) -> None:
    points.save_rules(session, PointRules(expiry_mode="last_visit", expiry_months=6), CLI_ACTOR)
    from crmdesk.services import cards, purchases

    customer = add_customer(session)
    card = cards.issue_card(session, customer, actor=CLI_ACTOR).card_number
    purchases.record_purchase(session, card_number=card, amount=10_000, actor=CLI_ACTOR,
                              at=at(2026, 2, 10))  # fmt: skip
    got = liability(session, as_of=date(2026, 3, 1)).to_json()
    assert got["basis"] == "no_history" and got["expected_yen"] == got["outstanding_yen"] == 100
    assert got["by_expiry_month"] == [
        {"month": "2026-08", "points": 100, "yen": 100, "expected_yen": 100}
    ]


def test_kpi_values_points_at_their_redemption_value(session) -> None:
    """Saved default rules earn 1 point per 100 yen; a point is still worth 1 yen."""
    points.save_rules(session, PointRules(), CLI_ACTOR)
    entry(session, add_customer(session), "earn", 250, at(2026, 3, 5))
    got = kpi(session, Period(date(2026, 3, 1), date(2026, 3, 31)))["points"]
    assert got["outstanding"] == 250 and got["liability_yen"] == 250
    assert got["expected_yen"] == 250 and got["redemption_rate"] == 1.0


def test_monthly_report_shows_the_expiry_months_and_expected_cost(session, tmp_path) -> None:
    import pdfplumber

    from crmdesk.reports.monthly import write_monthly_report
    from crmdesk.services.analytics_dashboard import monthly_figures

    a = add_customer(session)
    entry(session, a, "earn", 4_000, at(2025, 1, 5), date(2025, 12, 31))
    entry(session, a, "redeem", -3_000, at(2025, 6, 1))
    entry(session, a, "expire", -1_000, at(2026, 1, 1))
    entry(session, a, "earn", 400, at(2025, 3, 10), date(2026, 3, 9))
    figures = monthly_figures(session, Period.month("2026-01"))
    assert figures["current"]["points"]["expected_yen"] == 300  # 400 x 75%
    for lang, words in (("ja", ["ポイント残高の失効月別内訳（2026-01末）", "利用率 75.0%",
                                "2026-03 400pt ¥400 ¥300", "ポイント見込み負担（円） ¥300"]),
                        ("en", ["Points outstanding by expiry month (end of 2026-01)",
                                "Redemption rate 75.0%", "2026-03 400pt ¥400 ¥300"])):  # fmt: skip
        pdf = tmp_path / f"{lang}.pdf"
        write_monthly_report(figures, pdf, lang=lang)
        with pdfplumber.open(pdf) as doc:
            first = doc.pages[0].extract_text()
        for word in words:
            assert word in first, (lang, word)
