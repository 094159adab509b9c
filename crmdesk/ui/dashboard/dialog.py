"""The owner's dashboard: a period, headline figures and a grid of charts.

The figures and the matplotlib Figures are computed off the UI thread
(:func:`crmdesk.ui.workers.run_in_background`, with progress); the UI thread only wraps
each Figure in a canvas. Each chart can be saved as PNG / PDF / SVG and its data as
CSV / xlsx; the table under each chart shows the numbers the chart draws.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clock
from crmdesk.core.errors import DomainError
from crmdesk.core.money import format_yen
from crmdesk.reports.charts import CHARTS, count, percent, save
from crmdesk.reports.hover import value_at
from crmdesk.reports.tables import column_label, display_text, export_frame
from crmdesk.services import analytics_dashboard as service
from crmdesk.services.analytics import Period, add_months
from crmdesk.ui import i18n
from crmdesk.ui.operations import in_label, run_check
from crmdesk.ui.outlook.at_risk import AtRiskBox
from crmdesk.ui.save_guard import checked_target
from crmdesk.ui.screen_fit import fit_to_screen
from crmdesk.ui.workers import Progress, run_in_background

PRESETS = [
    QT_TRANSLATE_NOOP("DashboardDialog", "過去12か月"),
    QT_TRANSLATE_NOOP("DashboardDialog", "今月"),
    QT_TRANSLATE_NOOP("DashboardDialog", "先月"),
    QT_TRANSLATE_NOOP("DashboardDialog", "今年"),
    QT_TRANSLATE_NOOP("DashboardDialog", "期間を指定"),
]


def compute_job(db: Any, period: Period, lang: str = "ja") -> Any:
    """Background job: every figure, then every chart Figure (Agg, no widgets) in ``lang``.

    A read transaction: the counter keeps recording sales while the charts are drawn.
    """
    with db.reading() as session:
        gen = service.iter_dashboard(session, period)
        try:
            while True:
                done, total, name = next(gen)
                yield Progress(done, total + 1, name)
        except StopIteration as stop:
            board = stop.value
        figures = {name: chart.build(board[name], lang=lang) for name, chart in CHARTS.items()}
        headline = service.kpi_from(board, session)
    yield Progress(1, 1, "charts")
    return board, figures, headline


class ChartCell(QGroupBox):
    """One chart, the export buttons and the table of its numbers."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        self.lang = i18n.language()
        super().__init__(CHARTS[name].label(self.lang), parent)
        self.name = name
        self.canvas: FigureCanvasQTAgg | None = None
        self.layout_ = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.save_chart_button = QPushButton(self.tr("画像を保存…"))
        self.save_data_button = QPushButton(self.tr("データを保存…"))
        buttons.addStretch(1)
        buttons.addWidget(self.save_chart_button)
        buttons.addWidget(self.save_data_button)
        self.layout_.addLayout(buttons)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(150)
        self.table.verticalHeader().setVisible(False)
        self.layout_.addWidget(self.table)

    def show_figure(self, figure: Figure, frame: Any) -> None:
        if self.canvas is not None:
            self.layout_.removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setMinimumSize(480, 270)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.layout_.insertWidget(0, self.canvas)
        self._fill_table(frame)

    def _on_motion(self, event: Any) -> None:
        """The value of the bar / point / cell under the mouse, as a tooltip."""
        canvas = self.canvas
        if canvas is None:
            return
        text = value_at(canvas.figure, event.x, event.y)
        if not text:
            QToolTip.hideText()
            return
        ratio = canvas.device_pixel_ratio or 1
        at = QPoint(int(event.x / ratio), int(canvas.height() - event.y / ratio))
        QToolTip.showText(canvas.mapToGlobal(at), text, canvas)

    def _fill_table(self, frame: Any) -> None:
        columns = list(frame.columns)
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(len(frame))
        self.table.setHorizontalHeaderLabels([column_label(c, self.lang) for c in columns])
        for row, values in enumerate(frame.itertuples(index=False)):
            for col, (column, value) in enumerate(zip(columns, values, strict=True)):
                item = QTableWidgetItem(display_text(column, value, self.lang))
                if column not in ("day", "month", "cohort", "category", "campaign"):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()


class DashboardDialog(QDialog):
    """The dashboard window; works standalone given a Database."""

    computed = Signal()

    def __init__(self, db: Any, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today or clock.local_today()
        self.board: Any = None
        self.figures: dict[str, Figure] = {}
        self._worker: Any = None
        self.setWindowTitle(self.tr("ダッシュボード"))
        fit_to_screen(self, 1200, 860)
        self._build()
        self._connect_signals()
        self._apply_preset(0)

    # --- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.preset = QComboBox()
        self.preset.addItems([QCoreApplication.translate("DashboardDialog", p) for p in PRESETS])
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.branch = QComboBox()
        self.branch.addItem(self.tr("全店"), None)
        with self.db.transaction() as session:
            for branch_id, code, name in service.branches(session):
                self.branch.addItem(
                    self.tr("{name}（{code}）").format(name=name, code=code), branch_id
                )
        self.refresh_button = QPushButton(self.tr("集計"))
        for widget in (QLabel(self.tr("期間")), self.preset, self.date_from, QLabel("〜"),
                       self.date_to, QLabel(self.tr("店舗")), self.branch,
                       self.refresh_button):  # fmt: skip
            bar.addWidget(widget)
        bar.addStretch(1)
        root.addLayout(bar)
        status = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.message = QLabel("")
        status.addWidget(self.progress)
        status.addWidget(self.message, 1)
        root.addLayout(status)
        self.tiles = QLabel("")
        self.tiles.setWordWrap(True)
        self.tiles.setStyleSheet("font-size: 14px; padding: 4px;")
        root.addWidget(self.tiles)
        self.at_risk = AtRiskBox()
        root.addWidget(self.at_risk)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        self.cells = {name: ChartCell(name) for name in CHARTS}
        for i, cell in enumerate(self.cells.values()):
            grid.addWidget(cell, i // 2, i % 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        root.addWidget(scroll, 1)

    def _connect_signals(self) -> None:
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.refresh_button.clicked.connect(self.refresh)
        for name, cell in self.cells.items():
            cell.save_chart_button.clicked.connect(lambda _=False, n=name: self._ask_chart(n))
            cell.save_data_button.clicked.connect(lambda _=False, n=name: self._ask_data(n))

    def _apply_preset(self, index: int) -> None:
        today = self.today
        month = today.replace(day=1)
        last_month_end = date.fromordinal(month.toordinal() - 1)
        chosen = {
            0: (add_months(month, -11), today),
            1: (month, today),
            2: (add_months(month, -1), last_month_end),
            3: (date(today.year, 1, 1), today),
        }.get(index)
        if chosen is None:  # 期間を指定: the dates stay as they are
            return
        start, end = chosen
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))

    # --- computing -------------------------------------------------------------------

    def period(self) -> Period:
        start = self.date_from.date().toPython()
        end = self.date_to.date().toPython()
        return Period(start, end, self.branch.currentData())

    def refresh(self) -> None:
        checked = run_check(self.period, on_error=in_label(self.message))
        if not checked.ok:
            return
        period = checked.value
        self.refresh_button.setEnabled(False)
        self.message.setText(self.tr("集計しています…"))
        self.progress.setRange(0, 0)
        self._worker = run_in_background(
            compute_job, self.db, period, i18n.language(), on_done=self._show,
            on_error=self._failed, on_progress=self._on_progress, owner=self
        )  # fmt: skip

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _failed(self, error: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.progress.setRange(0, 1)
        text = error.message(i18n.language()) if isinstance(error, DomainError) else str(error)
        self.message.setText(self.tr("集計できませんでした: {error}").format(error=text))

    def _show(self, result: tuple[Any, dict[str, Figure], dict[str, Any]]) -> None:
        self.board, self.figures, headline = result
        for name, cell in self.cells.items():
            cell.show_figure(self.figures[name], self.board[name])
        self.tiles.setText(headline_text(headline))
        self.at_risk.load(self.db)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        p = self.board.period
        self.message.setText(
            self.tr("{start} 〜 {end} を集計しました").format(start=p.start, end=p.end)
        )
        self.refresh_button.setEnabled(True)
        self.computed.emit()

    # --- exporting -------------------------------------------------------------------

    def _ask_chart(self, name: str) -> None:
        if name not in self.figures:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("画像を保存"), f"{name}.png", "PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"
        )
        if path:
            self.export_chart(name, Path(path))

    def _ask_data(self, name: str) -> None:
        if self.board is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("データを保存"), f"{name}.csv", "CSV (*.csv);;Excel (*.xlsx)"
        )
        if path:
            self.export_data(name, Path(path))

    def export_chart(self, name: str, path: Path) -> Path:
        if path.suffix.lower() not in (".png", ".pdf", ".svg"):
            path = path.with_suffix(".png")
        checked, problem = checked_target(self.db, path)
        if checked is None:
            self.message.setText(problem)
            return path
        save(self.figures[name], checked)
        self._audit(name, path.suffix.lstrip("."))
        self.message.setText(self.tr("保存しました: {path}").format(path=path))
        return path

    def export_data(self, name: str, path: Path) -> Path:
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv")
        checked, problem = checked_target(self.db, path)
        if checked is None:
            self.message.setText(problem)
            return path
        export_frame(self.board[name], checked, i18n.language())
        self._audit(name, path.suffix.lstrip("."))
        self.message.setText(self.tr("保存しました: {path}").format(path=path))
        return path

    def _audit(self, name: str, kind: str) -> None:
        with self.db.transaction() as session:
            service.record_export(session, name, kind, len(self.board[name]), self.board.period)


def headline_text(k: dict[str, Any]) -> str:
    c, pts = k["customers"], k["points"]
    n = {key: count(c[key], "") for key in ("total", "new", "active", "dormant")}
    gap = "　" if i18n.language() == "ja" else " · "
    return gap.join([
        QCoreApplication.translate("DashboardDialog", "売上 <b>{sales}</b>").format(
            sales=format_yen(k["sales"])),
        QCoreApplication.translate("DashboardDialog", "来店 <b>{visits}回</b>").format(
            visits=count(k["visits"], "")),
        QCoreApplication.translate("DashboardDialog", "平均購入単価 <b>{spend}</b>").format(
            spend=format_yen(k["average_spend"])),
        QCoreApplication.translate(
            "DashboardDialog",
            "顧客 <b>{total}人</b>（新規 {new}人・来店 {active}人・休眠 {dormant}人）",
        ).format(**n),
        QCoreApplication.translate("DashboardDialog", "リピート率 <b>{rate}</b>").format(
            rate=percent(k["repeat_rate"])),
        QCoreApplication.translate("DashboardDialog", "ポイント残高 <b>{points}pt</b>（{yen}）")
        .format(points=f"{pts['outstanding']:,}", yen=format_yen(pts["liability_yen"])),
        *_expected_text(pts),
    ])  # fmt: skip


def _expected_text(pts: dict[str, Any]) -> list[str]:
    """The expected cost of the points: an estimate from the shop's own redemption rate."""
    if pts.get("expected_yen") is None:
        return []
    return [
        QCoreApplication.translate(
            "DashboardDialog", "見込み負担 <b>{yen}</b>（推定・利用率 {rate}）"
        ).format(yen=format_yen(pts["expected_yen"]), rate=percent(pts["redemption_rate"]))
    ]
