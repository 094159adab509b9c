"""The numpy special functions of the CLV fits (scipy is no longer a dependency).

Reference values: mpmath 1.3.0 at 30 digits (``mpmath.hyp2f1``, ``mpmath.loggamma``,
``mpmath.log(mpmath.beta(a, b))``), computed on 2026-12-03 while scipy 1.17.1 was still
installed; scipy's ``hyp2f1``, ``gammaln`` and ``betaln`` agreed to 2e-14 or better on all
of them but betaln(0.142, 981.09), 8e-13 off.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from crmdesk.core import clv, special

GAMMALN = [  # z, log Γ(z)
    (1e-3, 6.907178885383853),
    (0.5, 0.5723649429247001),
    (1.0, 0.0),
    (2.5, 0.2846828704729192),
    (10.3, 13.482036786138359),
    (150.7, 603.5162155733925),
    (1e5, 1051287.7089736569),
]

HYP2F1 = [  # a, b, c, z, ₂F₁(a, b; c; z)
    # BG/NBD's expectation with the CDNOW estimates, the paper's worked example
    # (x = 2, T = 38.86 weeks, t = 39): a = r + x, b = b + x, c = a + b + x - 1
    (2.243, 4.426, 4.219, 0.4740258161752194, 4.575315897643689),
    # the 100,000-customer benchmark's fit in days (r 0.617, α 19.3, a 0.142, b 4.09),
    # t = 90: a first visit today, a regular with 300 visits in 700 days, one with 12
    (0.617, 4.09, 3.232, 0.8234217749313816, 4.973139227180251),
    (300.617, 304.09, 303.232, 0.11120721611268998, 2722737192623020.0),  # scipy: ...058.5
    (12.617, 16.09, 15.232, 0.2909796314258002, 98.45924167370575),
    (0.3, 0.4, -0.3, 0.6, 0.25733041000850987),  # c < 0: a + b < 1 and x = 0
    (1.5, 2.5, 3.5, 0.99, 39.959919938974764),  # z near 1; scipy 39.959919938974366
    (-3.0, 2.0, 4.0, 0.7, 0.3224),  # a polynomial: 1 - 1.05 + 0.441 - 0.0686
    (10.0, 20.0, 5.0, 0.3, 120483.50668326473),
    (0.5, 0.5, 1.5, 0.25, math.pi / 3),  # arcsin(z) / z at z = 1/2
]


def test_gammaln_and_betaln_match_the_reference_values() -> None:
    z, expected = np.array(GAMMALN).T
    assert special.gammaln(z) == pytest.approx(expected, rel=1e-14, abs=1e-15)
    betas = [(0.793, 2.426, -0.5115692885937033), (6.25, 3.74, -6.084705740212388),
             (0.142, 981.09, 0.9073716093560223)]  # fmt: skip
    a, b, expected = np.array(betas).T
    assert special.betaln(a, b) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("a", "b", "c", "z", "expected"), HYP2F1)
def test_hyp2f1_matches_the_reference_values(a, b, c, z, expected) -> None:
    assert float(special.hyp2f1(a, b, c, z)) == pytest.approx(expected, rel=1e-13)


def test_hyp2f1_works_element_by_element() -> None:
    a, b, c, z, expected = np.array(HYP2F1).T
    assert special.hyp2f1(a, b, c, z) == pytest.approx(expected, rel=1e-13)
    assert special.hyp2f1(1.0, 2.0, 3.0, 0.0) == 1.0


def test_hyp2f1_refuses_what_it_does_not_sum() -> None:
    with pytest.raises(ValueError, match="0 <= z < 1"):
        special.hyp2f1(1.0, 1.0, 2.0, -0.5)
    with pytest.raises(ValueError, match="0 <= z < 1"):
        special.hyp2f1(1.0, 1.0, 2.0, 1.0)
    # α of a tenth of a second and a first visit today: z = 1 - 1e-8 would take 3e9 terms;
    # a FitError, so the outlook falls back to RFM rather than show a made-up number
    fit, today = clv.BgNbd(r=0.01, alpha=1e-6, a=0.5, b=2.0), np.array([0.0])
    with pytest.raises(clv.FitError, match="too close to 1"):
        fit.expected_visits(90, today, today, today)
