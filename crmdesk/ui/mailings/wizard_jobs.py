"""What the DM wizard runs off the UI thread: the preview (a read) and the drawing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crmdesk.services import mailings


def preview_job(db: Any, ref: str, one_per_household: bool, sort_postal: bool, actor: Any) -> Any:

    with db.reading() as session:
        return mailings.preview(
            session, ref, one_per_household=one_per_household, sort_postal=sort_postal, actor=actor
        )


def draw_job(job: Any, out: Path) -> Any:
    """Draw a print job with the renderers (off the UI thread)."""
    if job.request.kind == "labels":
        # deferred: reportlab / matplotlib load on the first print or chart, not at start-up
        from crmdesk.reports.labels import LabelOptions, render_labels

        # deferred: reportlab / matplotlib load on the first print or chart, not at start-up
        from crmdesk.reports.layouts import get_layout

        layout = get_layout(job.request.layout_code)
        return render_labels(job.addressees, layout, LabelOptions(**job.label_options()), out)
    # deferred: reportlab / matplotlib load on the first print or chart, not at start-up
    from crmdesk.reports.postcards import Sender, render_postcards

    sender = Sender(**job.sender) if job.sender else None
    r = job.request
    return render_postcards(job.addressees, sender, out, outlines=r.outlines, barcode=r.barcode)
