"""The BG/NBD and Gamma-Gamma fits against the published CDNOW results."""

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


def test_bad_tables_are_refused_with_a_reason() -> None:
    with pytest.raises(clv.FitError, match="too few"):
        clv.fit_bgnbd(np.array([1.0]), np.array([2.0]), np.array([3.0]))
    with pytest.raises(clv.FitError, match="impossible"):
        clv.fit_bgnbd(np.array([1.0, 0, 2]), np.array([5.0, 0, 9]), np.array([4.0, 3, 10]))
    with pytest.raises(clv.FitError, match="nobody came back"):
        clv.fit_bgnbd(np.zeros(5), np.zeros(5), np.full(5, 30.0))
