"""The BG/NBD and Gamma-Gamma fits against the published CDNOW results, and against what
the scipy fits (L-BFGS-B, scipy 1.17.1, until 2026-12-03) gave on the same data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmdesk.core import clv

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return pd.read_csv(DATA / "cdnow_customers_summary.csv")


def test_bgnbd_matches_fader_hardie_lee_2005(cdnow) -> None:
    """Published: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426; tolerance 0.5%."""
    assert len(cdnow) == 2357
    fit = clv.fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    for name, value in published.items():
        assert getattr(fit, name) == pytest.approx(value, rel=0.005), name
    # the paper's worked example: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases
    # in the next 39 weeks
    one = [np.array([v]) for v in (2.0, 30.43, 38.86)]
    assert fit.expected_visits(39, *one)[0] == pytest.approx(1.226, abs=0.002)
    # whoever has not come back since the first visit is surely still "alive"
    assert fit.p_alive(np.array([0.0]), np.array([0.0]), np.array([38.86]))[0] == 1.0
    # a regular who has stopped coming is less likely alive than one who came lately
    late, lately = (fit.p_alive(np.array([8.0]), np.array([t]), np.array([38.86]))[0]
                    for t in (5.0, 38.0))  # fmt: skip
    assert late < 0.05 < 0.9 < lately


def test_gamma_gamma_matches_published_spend_parameters() -> None:
    """Published: p = 6.25, q = 3.74, v = 15.45 (FHL 2005, "RFM and CLV"); tolerance 1%."""
    spend = pd.read_csv(DATA / "cdnow_customers_summary_with_transactions.csv")
    fit = clv.fit_gamma_gamma(spend["x"], spend["zbar"])
    for name, value in {"p": 6.25, "q": 3.74, "v": 15.45}.items():
        assert getattr(fit, name) == pytest.approx(value, rel=0.01), name
    # the population mean spend p v / (q - 1) for someone with no repeat visit yet
    none = fit.expected_spend(np.array([0.0]), np.array([0.0]))[0]
    assert none == pytest.approx(fit.p * fit.v / (fit.q - 1))


# scipy's L-BFGS-B on CDNOW (weeks): the numbers the outlook showed before scipy went
SCIPY_BGNBD = {"r": 0.24259294360121308, "alpha": 4.413534287499594,
               "a": 0.792897668898466, "b": 2.4258010237985754}  # fmt: skip
SCIPY_GAMMA_GAMMA = {"p": 6.248462231511647, "q": 3.744607091232383, "v": 15.448695322462736}


def test_the_numbers_are_those_of_the_scipy_fit(cdnow) -> None:
    """Parameters and predictions within 1e-4 of scipy's, the likelihood no lower."""
    x, t_x, T = (cdnow[k].to_numpy(float) for k in ("frequency", "recency", "T"))  # noqa: N806
    fit = clv.fit_bgnbd(x, t_x, T)
    for name, value in SCIPY_BGNBD.items():
        assert getattr(fit, name) == pytest.approx(value, rel=1e-4), name
    ones = np.ones_like(x)
    ours = clv.bgnbd_log_likelihood(np.array(list(fit.to_json().values())), x, t_x, T, ones)
    theirs = clv.bgnbd_log_likelihood(np.array(list(SCIPY_BGNBD.values())), x, t_x, T, ones)
    assert ours >= theirs
    # scipy's predictions over all 2,357 customers and for three of them (rows 1, 2, 151)
    visits, alive = fit.expected_visits(39, x, t_x, T), fit.p_alive(x, t_x, T)
    assert visits.sum() == pytest.approx(1653.420258231934, rel=1e-4)
    assert alive.sum() == pytest.approx(1917.2765360222907, rel=1e-4)
    expected = [1.225909262719615, 0.20325146438052602, 2.646948398466141]
    assert visits[[0, 1, 150]] == pytest.approx(expected, rel=1e-4)
    assert alive[[0, 1, 150]] == pytest.approx([0.7266090298083538, 0.21222832681272938,
                                                0.837956267802059], rel=1e-4)  # fmt: skip
    spend = pd.read_csv(DATA / "cdnow_customers_summary_with_transactions.csv")
    gg = clv.fit_gamma_gamma(spend["x"], spend["zbar"])
    for name, value in SCIPY_GAMMA_GAMMA.items():
        assert getattr(gg, name) == pytest.approx(value, rel=1e-4), name
    per_visit = gg.expected_spend(spend["x"].to_numpy(float), spend["zbar"].to_numpy(float))
    assert per_visit.sum() == pytest.approx(83091.23766581401, rel=1e-4)


def test_a_shop_where_nobody_drops_out() -> None:
    """Regulars visiting every 20 days on average who never leave: a and b run to the
    edge of the likelihood, and the fit still says they are alive and coming back."""
    rng = np.random.default_rng(3)
    rows = []
    for _ in range(200):
        age = float(rng.integers(100, 400))
        days = np.unique(np.ceil(np.cumsum(rng.exponential(20, 60))))
        days = days[days < age]
        rows.append((len(days), days[-1] if len(days) else 0.0, age))
    x, t_x, T = (np.array(c, dtype=float) for c in zip(*rows, strict=True))  # noqa: N806
    fit = clv.fit_bgnbd(x, t_x, T)
    assert fit.p_alive(x, t_x, T).min() > 0.99
    assert fit.expected_visits(90, x, t_x, T).mean() == pytest.approx(90 / 20, rel=0.1)


def test_bad_tables_are_refused_with_a_reason() -> None:
    with pytest.raises(clv.FitError, match="too few"):
        clv.fit_bgnbd(np.array([1.0]), np.array([2.0]), np.array([3.0]))
    with pytest.raises(clv.FitError, match="impossible"):
        clv.fit_bgnbd(np.array([1.0, 0, 2]), np.array([5.0, 0, 9]), np.array([4.0, 3, 10]))
    with pytest.raises(clv.FitError, match="nobody came back"):
        clv.fit_bgnbd(np.zeros(5), np.zeros(5), np.full(5, 30.0))
