"""Label sheet layouts: the makers' published dimensions, kept as data.

Built-in sheets are ``resources/labels/*.toml`` (one file per sheet, with the source of
its figures); sheets the owner measures and defines in mm are TOML files of the same
shape in the user data folder (``<data_dir>/labels``). All lengths are millimetres from
the top-left corner of the paper; positions on a sheet count from 1, left to right and
then top to bottom.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import tomllib
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from crmdesk import paths
from crmdesk.core.errors import DomainError, ValidationError

log = logging.getLogger(__name__)

#: Rounding slack when checking that labels fit the paper (published figures have 2 decimals).
FIT_SLACK_MM = 0.05
_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@dataclass(frozen=True)
class LabelLayout:
    """One label sheet. ``x0/y0``: the first label's top-left corner; ``dx/dy``: pitch."""

    code: str
    maker: str
    product: str
    paper: str
    paper_w_mm: float
    paper_h_mm: float
    cols: int
    rows: int
    label_w_mm: float
    label_h_mm: float
    x0_mm: float
    y0_mm: float
    dx_mm: float
    dy_mm: float
    radius_mm: float
    source: str
    aliases: tuple[str, ...] = ()
    note: str = ""
    custom: bool = False

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def title(self) -> str:
        """``"Hisago ELM008 (A4, 12面)"`` for lists and messages."""
        return f"{self.maker} {self.product} ({self.paper}, {self.per_sheet}面)"

    def label_rect(self, position: int) -> tuple[float, float, float, float]:
        """``(left, top, width, height)`` in mm from the paper's top-left corner.

        Args:
            position: 1-based, left to right, then top to bottom.
        """
        if not 1 <= position <= self.per_sheet:
            raise DomainError("start_beyond_sheet", field="start", max=self.per_sheet)
        row, col = divmod(position - 1, self.cols)
        return (
            self.x0_mm + col * self.dx_mm,
            self.y0_mm + row * self.dy_mm,
            self.label_w_mm,
            self.label_h_mm,
        )


def validate_layout(layout: LabelLayout) -> None:
    """Raise a :class:`ValidationError` naming every field that makes the sheet impossible."""
    errors: list[DomainError] = []
    if not _CODE.fullmatch(layout.code or ""):
        errors.append(DomainError("invalid_layout_code", field="code"))
    for name in ("paper_w_mm", "paper_h_mm", "label_w_mm", "label_h_mm", "cols", "rows"):
        if not getattr(layout, name) > 0:
            errors.append(DomainError("must_be_positive", field=name))
    for name in ("x0_mm", "y0_mm", "dx_mm", "dy_mm", "radius_mm"):
        if not getattr(layout, name) >= 0:
            errors.append(DomainError("must_not_be_negative", field=name))
    if errors:
        raise ValidationError(errors)
    for pitch, size, count in (("dx_mm", "label_w_mm", "cols"), ("dy_mm", "label_h_mm", "rows")):
        if getattr(layout, count) > 1 and getattr(layout, pitch) < getattr(layout, size) - 1e-9:
            errors.append(
                DomainError(
                    "pitch_smaller_than_label",
                    field=pitch,
                    pitch=getattr(layout, pitch),
                    size=getattr(layout, size),
                )
            )
    right = layout.x0_mm + (layout.cols - 1) * layout.dx_mm + layout.label_w_mm
    bottom = layout.y0_mm + (layout.rows - 1) * layout.dy_mm + layout.label_h_mm
    if right > layout.paper_w_mm + FIT_SLACK_MM:
        errors.append(
            DomainError(
                "labels_exceed_paper",
                field="x0_mm",
                needed=round(right, 2),
                paper=layout.paper_w_mm,
            )
        )
    if bottom > layout.paper_h_mm + FIT_SLACK_MM:
        errors.append(
            DomainError(
                "labels_exceed_paper",
                field="y0_mm",
                needed=round(bottom, 2),
                paper=layout.paper_h_mm,
            )
        )
    half = min(layout.label_w_mm, layout.label_h_mm) / 2
    if layout.radius_mm > half:
        errors.append(DomainError("radius_too_large", field="radius_mm", max=round(half, 2)))
    if errors:
        raise ValidationError(errors)


def _from_toml(path: Path, *, custom: bool) -> LabelLayout:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        known = {f.name for f in fields(LabelLayout)}
        values = {k: v for k, v in data.items() if k in known}
        values["aliases"] = tuple(values.get("aliases", ()))
        values["custom"] = custom
        for name in ("cols", "rows"):
            values[name] = int(values[name])
        layout = LabelLayout(**values)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise DomainError("invalid_layout_file", file=path.name, detail=str(exc)) from exc
    validate_layout(layout)
    return layout


@lru_cache(maxsize=1)
def _builtin_layouts() -> dict[str, LabelLayout]:
    found = {}
    for path in sorted(paths.resource("labels").glob("*.toml")):
        layout = _from_toml(path, custom=False)
        found[layout.code] = layout
    return found


def custom_layout_dir() -> Path:
    return paths.data_dir() / "labels"


def load_layouts(extra_dir: Path | None = None) -> dict[str, LabelLayout]:
    """Every sheet by code: the built-in ones, then the owner's (built-in codes win).

    An owner's file that cannot be read is left out and logged, so one bad file never
    hides the others.
    """
    layouts = dict(_builtin_layouts())
    folder = custom_layout_dir() if extra_dir is None else extra_dir
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            try:
                layout = _from_toml(path, custom=True)
            except DomainError as exc:
                log.warning("skipping label sheet %s: %s", path.name, exc)
                continue
            layouts.setdefault(layout.code, layout)
    return layouts


def _key(text: str) -> str:
    return re.sub(r"[\s_]+", "-", text.strip().lower())


def get_layout(code: str, extra_dir: Path | None = None) -> LabelLayout:
    """A sheet by its code, also found by product code (``ELM008``) or an alias (``OP3001``)."""
    layouts = load_layouts(extra_dir)
    key = _key(code)
    if key in layouts:
        return layouts[key]
    matches = [
        layout
        for layout in layouts.values()
        if key in {_key(layout.product), *(_key(a) for a in layout.aliases)}
        or key == _key(f"{layout.maker} {layout.product}")
    ]
    if len(matches) == 1:
        return matches[0]
    raise DomainError("unknown_layout", field="layout", sheet=code)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a valid TOML basic string


def save_custom_layout(layout: LabelLayout, directory: Path | None = None) -> Path:
    """Validate and store an owner-defined sheet; returns the file written.

    Raises:
        ValidationError: the sheet does not fit its paper, or a size is not positive.
        DomainError: ``layout_code_taken`` when a built-in sheet has the same code.
    """
    validate_layout(layout)
    if layout.code in _builtin_layouts():
        raise DomainError("layout_code_taken", field="code", sheet=layout.code)
    folder = custom_layout_dir() if directory is None else directory
    folder.mkdir(parents=True, exist_ok=True)
    values = asdict(layout)
    values.pop("custom")
    text = "# A label sheet defined by the owner, in mm.\n" + "".join(
        f"{name} = {_toml_value(value)}\n" for name, value in values.items()
    )
    target = folder / f"{layout.code}.toml"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".toml.tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
