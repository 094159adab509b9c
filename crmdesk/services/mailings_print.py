"""Printing a mailing, and what a print leaves behind: one set of rules for window and CLI.

The use case, as both the DM wizard and ``crmdesk labels`` / ``postcards`` run it::

    with db.transaction() as session:              # one write transaction per action
        mailing = mailings.preview(session, "休眠6か月", one_per_household=True)
        job = make_job(session, mailing, PrintRequest(layout_code="hisago-elm008"))
        ...  # the caller draws job.addressees with crmdesk.reports (labels or postcards)
        done = record_print(session, job, last_position=result.last_position, per_sheet=12)

:func:`make_job` checks the request before anything is drawn (a control group needs a
name to record it under, the share and the cost must be in range), holds the control
group back, and fills in the start position and the printer's remembered offsets.
:func:`record_print` is called when labels are actually produced (printed, or the PDF
saved / written out; a preview in the window is not): it audits the print, saves where
the next sheet starts, remembers the offsets used with the printer, and records the
mailing once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from crmdesk.core.errors import DomainError
from crmdesk.services import audit, campaigns, label_offsets, shop
from crmdesk.services.label_offsets import Offsets
from crmdesk.services.mailings import (
    ControlGroup,
    MailingPreview,
    check_control_percent,
    hold_out_control,
)
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.db import set_setting, setting

KINDS = ("labels", "postcards")


@dataclass(frozen=True)
class PrintRequest:
    """What the owner chose. ``start_at`` / ``offsets`` None: where the sheet ended last
    time / the correction remembered for ``printer`` and the sheet."""

    kind: str = "labels"
    layout_code: str = ""
    start_at: int | None = None
    offsets: Offsets | None = None
    printer: str = label_offsets.DEFAULT_PRINTER
    outlines: bool = False
    show_customer_number: bool = False
    barcode: bool = False
    record_name: str = ""
    control_percent: int | None = None  # None: no control group
    control_seed: int | None = None
    cost_per_piece: int | None = None


@dataclass(frozen=True)
class PrintJob:
    """What to draw: ``mailing.addressees`` in order (the control group already held
    back), at ``start_at`` with ``offsets``; ``sender`` for postcards."""

    request: PrintRequest
    mailing: MailingPreview
    control: ControlGroup | None
    start_at: int = 1
    offsets: Offsets = field(default_factory=Offsets)
    sender: dict[str, str] | None = None

    @property
    def addressees(self) -> list[Any]:
        return self.mailing.addressees

    def label_options(self) -> dict[str, Any]:
        """The keywords of :class:`crmdesk.reports.labels.LabelOptions`."""
        r = self.request
        return {
            "start_at": self.start_at,
            "offset_x_mm": self.offsets.x_mm,
            "offset_y_mm": self.offsets.y_mm,
            "outlines": r.outlines,
            "show_customer_number": r.show_customer_number,
            "barcode": r.barcode,
        }


def check_request(request: PrintRequest) -> None:
    """Refuse a request that cannot be carried out, before anything is drawn or written."""
    if request.kind not in KINDS:
        raise DomainError("segment_bad_value", field="kind", value=request.kind)
    if request.kind == "labels" and not request.layout_code:
        raise DomainError("required", field="layout")
    if request.start_at is not None and request.start_at < 1:
        raise DomainError("invalid_number", field="start")
    if request.control_percent is not None:
        if not request.record_name.strip():
            raise DomainError("control_needs_record", field="control")
        check_control_percent(request.control_percent)
    cost, most = request.cost_per_piece, campaigns.MAX_COST_PER_PIECE
    if cost is not None and not 0 <= cost <= most:
        raise DomainError("invalid_cost_per_piece", field="cost_per_piece", max=most)


def make_job(session: Session, mailing: MailingPreview, request: PrintRequest) -> PrintJob:
    """The print job for a previewed mailing: checked, the control group held back (the
    people held back never get a label), the start and offsets filled in."""
    check_request(request)
    if not mailing.addressees:
        raise DomainError("no_recipients", field="segment")
    printed, control = mailing, None
    if request.control_percent is not None:
        printed, control = hold_out_control(
            mailing, request.control_percent, seed=request.control_seed
        )
    if request.kind == "postcards":
        return PrintJob(request, printed, control, sender=postcard_sender(session))
    start = request.start_at or next_start(session, request.layout_code)
    offsets = request.offsets or label_offsets.printer_offsets(
        session, request.printer, request.layout_code
    )
    return PrintJob(request, printed, control, start, offsets)


def postcard_sender(session: Session) -> dict[str, str] | None:
    """The shop's return address (:func:`crmdesk.services.shop.shop_info`, its one home)
    as :class:`crmdesk.reports.postcards.Sender` takes it; None when not set."""
    info = shop.shop_info(session)
    if info is None:
        return None
    return {k: info.to_json()[k] for k in ("postal_code", "address", "name", "phone")}


# -- where the last sheet ended ------------------------------------------------------------


def _start_key(layout_code: str) -> str:
    return f"labels.next_start.{layout_code}"


def next_start(session: Session, layout_code: str) -> int:
    """The first free label on the partly used sheet of this layout (1 for a new sheet)."""
    value = setting(session, _start_key(layout_code), 1)
    return value if isinstance(value, int) and value >= 1 else 1


def remember_next_start(
    session: Session, layout_code: str, last_position: int, per_sheet: int
) -> int:
    """Save where the next print starts after a sheet ended at ``last_position``."""
    following = last_position % per_sheet + 1 if per_sheet > 0 else 1
    set_setting(session, _start_key(layout_code), following)
    return following


# -- the print, recorded -------------------------------------------------------------------


@dataclass(frozen=True)
class PrintRecord:
    next_start: int | None  # labels: where the next print on this sheet starts
    campaign: campaigns.CampaignInfo | None


def record_print(
    session: Session,
    job: PrintJob,
    *,
    last_position: int = 0,
    per_sheet: int = 0,
    printer: str | None = None,
    campaign: campaigns.CampaignInfo | None = None,
    actor: Actor = CLI_ACTOR,
) -> PrintRecord:
    """The pieces were produced (printed, or the PDF saved / written): record it.

    Audits ``labels.print`` / ``postcards.print``; for labels saves where the next print
    starts (from ``last_position`` on a sheet of ``per_sheet``) and remembers the offsets
    used with ``printer`` (the request's printer when None); records the mailing under
    the request's name unless ``campaign`` (the one recorded by an earlier print of the
    same PDF) is given. Call it inside the action's one write transaction.
    """
    actor.require("bulk_print")
    request = job.request
    following = None
    if request.kind == "labels":
        label_offsets.remember_offsets(
            session, printer or request.printer, request.layout_code, job.offsets
        )
        following = remember_next_start(session, request.layout_code, last_position, per_sheet)
    if campaign is None and request.record_name.strip():
        options: dict[str, Any] = {"outlines": request.outlines}
        if request.kind == "labels":
            options |= {
                "start_at": job.start_at,
                "offset_x_mm": job.offsets.x_mm,
                "offset_y_mm": job.offsets.y_mm,
                "show_customer_number": request.show_customer_number,
                "barcode": request.barcode,
            }
        campaign = campaigns.create_campaign(
            session,
            request.record_name,
            job.mailing,
            kind=request.kind,
            layout_code=request.layout_code if request.kind == "labels" else "",
            options=options,
            actor=actor,
            control=job.control,
            cost_per_piece=request.cost_per_piece,
        )
    audit.record(
        session,
        f"{request.kind}.print",
        entity="segment",
        entity_id=job.mailing.segment_id,
        row_count=len(job.mailing.addressees),
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        campaign_id=campaign.id if campaign else None,
    )
    return PrintRecord(following, campaign)
