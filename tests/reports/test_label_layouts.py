"""Label sheet layouts: the published figures ship as given; owners' sheets are checked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.reports.layouts import (
    LabelLayout,
    get_layout,
    load_layouts,
    save_custom_layout,
    validate_layout,
)

# The table of ../shared/data/label-sheets.md (preferred values), copied by hand:
# code: (paper, w x h paper, cols, rows, label w, h, x0, y0, dx, dy, radius)
PUBLISHED = {
    "hisago-elm008": ("A4", 210, 297, 2, 6, 86.4, 42.3, 18.6, 21.2, 86.4, 42.3, 0),
    "hisago-elm007": ("A4", 210, 297, 2, 6, 83.8, 42.3, 20.3, 20.3, 87.6, 42.3, 1.5),
    "hisago-elm009": ("A4", 210, 297, 3, 6, 70, 42.3, 0, 21.2, 70, 42.3, 0),
    "hisago-elm012": ("A4", 210, 297, 3, 8, 66, 33.9, 6.0, 12.9, 66, 33.9, 0),
    "hisago-op3003": ("A4", 210, 297, 3, 8, 70, 33.9, 0, 12.7, 70, 33.9, 0),
    "a-one-72212": ("A4", 210, 297, 2, 6, 86.4, 42.3, 18.6, 21.5, 86.4, 42.3, 0),
    "a-one-72224": ("A4", 210, 297, 3, 8, 66, 33.9, 6, 12.9, 66, 33.9, 0),
    "kokuyo-kpc-e1121": ("A4", 210, 297, 2, 6, 86.4, 42.3, 18.6, 21.2, 86.4, 42.3, 0),
    "avery-l7160": ("A4", 210, 297, 3, 7, 63.5, 38.1, 7.2, 15.15, 66.04, 38.1, 0),
    "avery-l7161": ("A4", 210, 297, 3, 6, 63.5, 46.56, 7.21, 8.82, 66.04, 46.56, 0),
    "avery-l7163": ("A4", 210, 297, 2, 7, 99.06, 38.1, 4.67, 15.15, 101.6, 38.1, 0),
    "avery-5160": ("Letter", 215.9, 279.4, 3, 10, 66.68, 25.4, 4.78, 12.7, 69.85, 25.4, 0),
    "avery-5163": ("Letter", 215.9, 279.4, 2, 5, 101.6, 50.8, 3.96, 12.7, 106.36, 50.8, 0),
    "herma-4677": ("A4", 210, 297, 3, 7, 63.5, 38.1, 6.75, 15.5, 66.5, 38.1, 0),
}
FIELDS = [
    "paper",
    "paper_w_mm",
    "paper_h_mm",
    "cols",
    "rows",
    "label_w_mm",
    "label_h_mm",
    "x0_mm",
    "y0_mm",
    "dx_mm",
    "dy_mm",
    "radius_mm",
]


def test_every_published_sheet_ships_exactly_as_given() -> None:
    layouts = load_layouts()
    assert set(layouts) == set(PUBLISHED)
    for code, figures in PUBLISHED.items():
        layout = layouts[code]
        assert tuple(getattr(layout, f) for f in FIELDS) == figures, code
        assert layout.source and not layout.custom
    assert sorted({layout.per_sheet for layout in layouts.values()}) == [10, 12, 14, 18, 21, 24, 30]


def test_sheets_are_found_by_code_product_or_alias() -> None:
    assert get_layout("hisago-elm008").product == "ELM008"
    assert get_layout("ELM008").code == "hisago-elm008"
    assert get_layout("OP3001").code == "hisago-elm008"
    assert get_layout("Avery L7160").code == "avery-l7160"
    with pytest.raises(DomainError) as err:
        get_layout("ELM999")
    assert (err.value.code, err.value.field) == ("unknown_layout", "layout")
    assert "ELM999" in err.value.message("ja")


def test_label_rect_counts_left_to_right_then_down() -> None:
    layout = get_layout("avery-l7160")
    assert layout.label_rect(1) == (7.2, 15.15, 63.5, 38.1)
    assert layout.label_rect(2)[0] == pytest.approx(7.2 + 66.04)
    assert layout.label_rect(4)[:2] == pytest.approx((7.2, 15.15 + 38.1))
    assert layout.label_rect(21)[:2] == pytest.approx((7.2 + 2 * 66.04, 15.15 + 6 * 38.1))
    with pytest.raises(DomainError):
        layout.label_rect(22)


def mine(**changes: object) -> LabelLayout:
    base = LabelLayout(
        code="shop-sheet-10",
        maker="自作",
        product="10面",
        paper="A4",
        paper_w_mm=210,
        paper_h_mm=297,
        cols=2,
        rows=5,
        label_w_mm=90,
        label_h_mm=55,
        x0_mm=15,
        y0_mm=11,
        dx_mm=90,
        dy_mm=55,
        radius_mm=2,
        source="measured by the owner",
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"x0_mm": 40}, "labels_exceed_paper", "x0_mm"),
        ({"y0_mm": 30}, "labels_exceed_paper", "y0_mm"),
        ({"rows": 6}, "labels_exceed_paper", "y0_mm"),
        ({"dx_mm": 80}, "pitch_smaller_than_label", "dx_mm"),
        ({"label_w_mm": 0}, "must_be_positive", "label_w_mm"),
        ({"cols": 0}, "must_be_positive", "cols"),
        ({"y0_mm": -1}, "must_not_be_negative", "y0_mm"),
        ({"radius_mm": 30}, "radius_too_large", "radius_mm"),
        ({"code": "My Sheet"}, "invalid_layout_code", "code"),
    ],
)
def test_impossible_sheets_are_refused_naming_the_field(
    changes: dict, code: str, field: str, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as err:
        save_custom_layout(mine(**changes), tmp_path)
    assert (err.value.code, err.value.field) == (code, field)
    assert err.value.message("ja") and err.value.message("en") != code
    assert list(tmp_path.iterdir()) == []


def test_a_sheet_running_off_the_paper_says_how_far() -> None:
    with pytest.raises(ValidationError) as err:
        validate_layout(mine(x0_mm=40))
    assert "reach 220 mm" in err.value.message("en") and "210" in err.value.message("en")
    assert "左余白" in err.value.message("ja")


def test_owner_sheet_is_saved_and_loaded_with_the_built_in_ones(tmp_path: Path) -> None:
    path = save_custom_layout(mine(), tmp_path)
    assert path.name == "shop-sheet-10.toml"
    layouts = load_layouts(tmp_path)
    assert layouts["shop-sheet-10"] == dataclasses.replace(mine(), custom=True)
    assert "hisago-elm008" in layouts
    assert get_layout("shop-sheet-10", tmp_path).maker == "自作"


def test_owner_sheet_in_the_data_folder_by_default() -> None:
    save_custom_layout(mine())  # CRMDESK_DATA_DIR points at the test's folder
    assert load_layouts()["shop-sheet-10"].custom


def test_owner_cannot_take_a_built_in_code(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as err:
        save_custom_layout(mine(code="hisago-elm008"), tmp_path)
    assert (err.value.code, err.value.field) == ("layout_code_taken", "code")


def test_a_broken_owner_file_does_not_hide_the_others(tmp_path: Path) -> None:
    save_custom_layout(mine(), tmp_path)
    (tmp_path / "broken.toml").write_text('code = "broken"\ncols = 2\n', encoding="utf-8")
    (tmp_path / "too-wide.toml").write_text(
        (tmp_path / "shop-sheet-10.toml")
        .read_text(encoding="utf-8")
        .replace("shop-sheet-10", "too-wide")
        .replace("x0_mm = 15", "x0_mm = 50"),
        encoding="utf-8",
    )
    layouts = load_layouts(tmp_path)
    assert "shop-sheet-10" in layouts
    assert "broken" not in layouts and "too-wide" not in layouts
