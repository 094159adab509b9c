"""Numerics for the CLV fits (:mod:`crmdesk.core.clv`) in numpy and the math module.

``gammaln``, ``betaln``, ``hyp2f1`` and a small bounded BFGS: what crmdesk needed of scipy,
which weighed about 70 MB in the packaged app (issue 17). Checked against mpmath (and
scipy where they agreed) in ``tests/core/test_clv_special.py``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]

_lgamma = np.frompyfunc(math.lgamma, 1, 1)


def gammaln(z: ArrayLike) -> Array:
    """log Γ(z) element by element (Python's ``math.lgamma``, C99 ``lgamma``).

    The fits call it on the distinct frequencies only, a few hundred values.
    """
    return np.asarray(_lgamma(np.asarray(z, dtype=np.float64)), dtype=np.float64)


def betaln(a: ArrayLike, b: ArrayLike) -> Array:
    """log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return gammaln(a) + gammaln(b) - gammaln(a + b)


def hyp2f1(a: ArrayLike, b: ArrayLike, c: ArrayLike, z: ArrayLike) -> Array:
    """Gauss's hypergeometric function ₂F₁(a, b; c; z) for 0 <= z < 1, element by element.

    Raises:
        ValueError: z outside [0, 1), or so close to 1 that the series would need more
            than :data:`MAX_TERMS` terms.
    """
    return hyp2f1_times(a, b, c, z, 0.0)


MAX_TERMS = 1_000_000  # 1 - z down to about 4e-5: in BG/NBD α + T of 5 minutes or more


def hyp2f1_times(a: ArrayLike, b: ArrayLike, c: ArrayLike, z: ArrayLike, power: ArrayLike) -> Array:
    """(1 - z)^power ₂F₁(a, b; c; z) for 0 <= z < 1, without overflow in between.

    Summed as Gauss's series. Where it is shorter, Euler's transformation (DLMF 15.8.1)
    sums (1 - z)^(c-a-b) ₂F₁(c - a, c - b; c; z) instead: in BG/NBD's conditional
    expectation c - a and c - b do not grow with the frequency while a, b and c do, so a
    regular with 900 visits needs a dozen terms instead of thousands, and the power of
    (1 - z) is taken once, so neither ₂F₁ nor (1 - z)^(r + x) has to be huge or tiny.
    Each element stops when the rest of its series is below 1e-16 of its sum; the terms
    shrink like z^n, so z close to 1 costs many terms (about 37 / (1 - z)).
    """
    arrays = (np.asarray(v, dtype=np.float64) for v in (a, b, c, z, power))
    a, b, c, z, power = np.broadcast_arrays(*arrays)
    if ((z < 0) | (z >= 1)).any():
        raise ValueError("hyp2f1 here needs 0 <= z < 1")
    ea, eb = c - a, c - b
    # Euler's series where it is the shorter one and its terms cannot cancel: at most one
    # sign change each, or every term smaller than the one before
    calm = ((ea > -1) & (eb > -1)) | ((c >= np.abs(ea * eb)) & (c + 1 >= np.abs(ea) + np.abs(eb)))
    euler = calm & (np.abs(ea * eb) < np.abs(a * b))
    exponent = power + np.where(euler, c - a - b, 0.0)
    a, b = np.where(euler, ea, a), np.where(euler, eb, b)
    series = _gauss_series(a.ravel(), b.ravel(), c.ravel(), z.ravel()).reshape(z.shape)
    return np.asarray(np.exp(exponent * np.log1p(-z)) * series, dtype=np.float64)


def _gauss_series(a: Array, b: Array, c: Array, z: Array) -> Array:
    """Σ (a)_n (b)_n / ((c)_n n!) z^n, each element until its tail is negligible."""
    total = np.ones_like(z)
    live = np.flatnonzero(z != 0)
    a, b, c, z = a[live], b[live], c[live], z[live]
    term, acc = np.ones_like(z), np.ones_like(z)  # the last term and the sum, of the live
    for n in range(MAX_TERMS):
        if len(live) <= 16:  # the few with z near 1: plain floats cost less than numpy's calls
            for j, i in enumerate(live.tolist()):
                one = float(a[j]), float(b[j]), float(c[j]), float(z[j])
                total[i] = _gauss_tail(*one, float(term[j]), float(acc[j]), n)
            return total
        ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z
        term *= ratio
        acc += term
        # the ratios tend to z; once they are below 1 the rest is at most term q / (1 - q)
        q = np.maximum(np.abs(ratio), z)
        done = (q < 1) & (np.abs(term) * q <= 1e-16 * (1 - q) * np.abs(acc))
        if done.any():
            total[live[done]] = acc[done]
            keep = ~done
            live, a, b, c, z = live[keep], a[keep], b[keep], c[keep], z[keep]
            term, acc = term[keep], acc[keep]
    raise ValueError(f"hyp2f1: z = {z.max():.9f} is too close to 1 for {MAX_TERMS:,} terms")


def _gauss_tail(a: float, b: float, c: float, z: float, term: float, total: float, n: int) -> float:
    """One element's series on from its term n (given, as is the sum so far)."""
    for k in range(n, MAX_TERMS):
        ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z
        term *= ratio
        total += term
        q = max(abs(ratio), z)
        if q < 1 and abs(term) * q <= 1e-16 * (1 - q) * abs(total):
            return total
    raise ValueError(f"hyp2f1: z = {z:.9f} is too close to 1 for {MAX_TERMS:,} terms")


def minimize(
    cost: Callable[[Array], float], start: Array, low: float, high: float
) -> tuple[Array, float]:
    """The minimum of ``cost`` in the box [low, high]^n and its value.

    BFGS with central-difference gradients and a backtracking (Armijo) line search, each
    step at most a factor e on a parameter. A variable at a bound stays there while the
    gradient pushes it out: L-BFGS-B's projection, with the whole inverse Hessian kept
    (four parameters afford it). Stops when the gradient is below 1e-9 of the cost or two
    steps in a row gain less than 1e-13 of it (the rounding floor of a sum of 100,000
    terms): tighter than scipy's defaults, which stopped up to 2e-3 short on our data.
    """
    x = np.clip(np.asarray(start, dtype=np.float64), low, high)
    f, g = cost(x), _gradient(cost, x, low, high)
    h_inv: Array | None = None  # the inverse Hessian, learnt from the steps
    stalled = 0  # steps in a row that gained (next to) nothing: the rounding floor
    was_held = np.zeros(len(x), dtype=bool)
    for _ in range(500):
        held = ((x <= low) & (g > 0)) | ((x >= high) & (g < 0))
        if (held != was_held).any():  # another set of free variables: learn it afresh
            h_inv, was_held = None, held
        pg = np.where(held, 0.0, g)
        if np.max(np.abs(pg)) <= 1e-9 * max(1.0, abs(f)) or stalled == 2:
            break
        d = -pg if h_inv is None else np.where(held, 0.0, -(h_inv @ pg))
        if d @ pg >= 0:  # not downhill: forget the curvature learnt so far
            h_inv, d = None, -pg
        d *= min(1.0, 1.0 / np.max(np.abs(d)))  # at most a factor e per step
        step = 1.0
        while True:
            x_new = np.clip(x + step * d, low, high)
            f_new = cost(x_new)
            if f_new <= f + 1e-4 * (pg @ (x_new - x)):
                break
            step /= 2
            if step < 1e-12:
                return x, f  # no lower point along the way: as low as the rounding allows
        g_new = _gradient(cost, x_new, low, high)
        s, y = x_new - x, g_new - g
        if s @ y > 1e-12 * np.sqrt((s @ s) * (y @ y)):
            rho = 1.0 / (s @ y)
            if h_inv is None:  # Nocedal & Wright (6.20): start from the step's curvature
                h_inv = np.eye(len(x)) * (s @ y) / (y @ y)
            v = np.eye(len(x)) - rho * np.outer(s, y)
            h_inv = v @ h_inv @ v.T + rho * np.outer(s, s)
        stalled = stalled + 1 if f - f_new <= 1e-13 * max(1.0, abs(f)) else 0
        x, f, g = x_new, f_new, g_new
    return x, f


def _gradient(cost: Callable[[Array], float], x: Array, low: float, high: float) -> Array:
    g = np.empty_like(x)
    for i in range(len(x)):
        up, down = x.copy(), x.copy()
        up[i], down[i] = min(x[i] + 1e-5, high), max(x[i] - 1e-5, low)
        g[i] = (cost(up) - cost(down)) / (up[i] - down[i])
    return g
