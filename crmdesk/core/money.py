"""How an amount of yen is written: the one home for ¥1,234 (and ¥1.2万 / ¥12k on axes).

The window, the charts and their tables, the monthly report, the timeline and the CLI all
write amounts through :func:`format_yen`. A yen amount reads the same in Japanese and in
English (``¥1,234``); only the short form for axes differs: 万 and 億 in Japanese, k, M
and B in English.
"""

from __future__ import annotations

LANGS = ("ja", "en")


def _check(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def man(value: float) -> str:
    """1.2万, 3.4億, 1,234 below ten thousand (Japanese axes)."""
    v = float(value)
    if abs(v) >= 1e8:
        return f"{v / 1e8:,.1f}億".replace(".0億", "億")
    if abs(v) >= 1e4:
        return f"{v / 1e4:,.1f}万".replace(".0万", "万")
    return f"{v:,.0f}"


def kilo(value: float) -> str:
    """12k, 1.2M, 3.4B; 1,234 below ten thousand (English axes)."""
    v = float(value)
    for above, size, suffix in ((1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if abs(v) >= above:
            return f"{v / size:,.1f}".removesuffix(".0") + suffix
    return f"{v:,.0f}"


def short_number(value: float, lang: str = "ja") -> str:
    """A large figure in few characters: 1.2万 / 12k."""
    return man(value) if _check(lang) == "ja" else kilo(value)


def format_yen(amount: float, lang: str = "ja", *, short: bool = False) -> str:
    """¥1,234 (rounded to the yen); ¥1.2万 / ¥12.3k when ``short`` and the amount is large."""
    if short:
        return f"¥{short_number(amount, lang)}"
    _check(lang)
    return f"¥{round(float(amount)):,}"
