"""What ``crmdesk self-test`` does: every part a shop relies on, once, on a temporary file.

Each step is a function returning a short detail and raising when the part does not work;
its time is measured and a failure does not stop the steps after it, so one run names
every broken part. The window's own steps (the English translation, the window started
offscreen and closed) live in the UI layer and come in through :class:`CliContext`
(``crmdesk.launch`` passes them), so this module loads no Qt.
"""

from __future__ import annotations

import os
import struct
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from crmdesk.cli import EXIT_BUG, EXIT_OK, CliContext, WindowChecks
from crmdesk.core.errors import DomainError
from crmdesk.core.messages import locale_language
from crmdesk.core.version import version

#: (Japanese, English) of each step, in the order they run.
TITLES: dict[str, tuple[str, str]] = {
    "database": ("一時データベースを作成して移行", "temporary database opened and migrated"),
    "search": ("顧客を登録して検索", "customer added and found by search"),
    "label_pdf": ("宛名ラベルのPDFを作成して読み戻し", "label PDF rendered and read back"),
    "chart": ("グラフを描画", "chart rendered"),
    "postal": ("郵便番号から住所を検索", "postal code looked up"),
    "translation": ("英語の翻訳を読み込み", "English translation loaded"),
    "window": ("画面を表示して閉じる（オフスクリーン）", "window started offscreen and closed"),
}
POSTAL = "1000001"
CUSTOMER = {
    "family_name": "山田",
    "given_name": "花子",
    "family_kana": "やまだ",
    "given_kana": "はなこ",
    "postal_code": POSTAL,
    "street": "1-1",
    "phone1": "0312345678",
}


@dataclass(frozen=True)
class StepResult:
    name: str
    ok: bool
    seconds: float
    detail: str = ""
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def run_step(name: str, check: Callable[[], str], lang: str = "en") -> StepResult:
    """Run one check; any exception is its failure, reported by type and message."""
    start = time.perf_counter()
    try:
        detail = check()
    except DomainError as error:
        return StepResult(name, False, _since(start), error=f"{error.message(lang)} ({error.code})")
    except Exception as error:  # the step's failure is what the self-test reports
        return StepResult(name, False, _since(start), error=f"{type(error).__name__}: {error}")
    return StepResult(name, True, _since(start), detail=detail)


def _since(start: float) -> float:
    return round(time.perf_counter() - start, 3)


class CoreChecks:
    """The steps below the window, on one temporary database in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db_path = folder / "self-test.sqlite3"
        self.db: Any = None

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("database", self.database),
            ("search", self.search),
            ("label_pdf", self.label_pdf),
            ("chart", self.chart),
            ("postal", self.postal),
        ]

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def _database(self) -> Any:
        if self.db is None:
            raise RuntimeError("no database (its step failed)")
        return self.db

    def database(self) -> str:
        from crmdesk.store.db import open_database
        from crmdesk.store.migrate import current_revision
        from crmdesk.store.revisions import head_revision

        self.db = open_database(self.db_path)
        current, head = current_revision(self.db.engine), head_revision()
        if current != head:
            raise RuntimeError(f"schema {current}, expected {head}")
        return f"schema {current}"

    def search(self) -> str:
        from crmdesk.services.customers import create_customer
        from crmdesk.services.search import find_customers

        with self._database().transaction() as session:
            made = create_customer(session, CUSTOMER, actor="self-test")
            for query in ("やまだ", "ﾔﾏﾀﾞ ﾊﾅｺ", "03-1234-5678"):
                page = find_customers(session, query)
                if made.customer_id not in [hit.id for hit in page.hits]:
                    raise RuntimeError(f"{query!r} did not find the customer")
        return "3 queries"

    def label_pdf(self) -> str:
        import pypdfium2

        from crmdesk.core.address import Addressee
        from crmdesk.reports.labels import LabelOptions, render_labels
        from crmdesk.reports.layouts import get_layout

        out = self.folder / "labels.pdf"
        addressee = Addressee(POSTAL, "東京都", "千代田区", "千代田", "1-1", name="山田 花子")
        result = render_labels([addressee], get_layout("a-one-72212"), LabelOptions(), out)
        pdf = pypdfium2.PdfDocument(out)
        try:
            page = pdf[0]
            text = page.get_textpage().get_text_range()
        finally:
            pdf.close()
        wanted = ("100-0001", "東京都千代田区千代田", "山田", "様")
        missing = [w for w in wanted if w not in text.replace(" ", "").replace("\n", "")]
        if missing:
            raise RuntimeError(f"not in the PDF: {', '.join(missing)}")
        return f"{result.pages} page, {out.stat().st_size:,} bytes"

    def chart(self) -> str:
        from crmdesk.reports.charts import CHARTS, save
        from crmdesk.services.analytics import Period
        from crmdesk.services.analytics_dashboard import compute_dashboard

        with self._database().transaction() as session:
            board = compute_dashboard(session, Period.parse(None, None), ["area"])
        out = save(CHARTS["area"].build(board["area"]), self.folder / "chart.png")
        width, height = png_size(out.read_bytes())
        if width < 100 or height < 100:
            raise RuntimeError(f"a {width}x{height} image")
        return f"{width}x{height} PNG"

    def postal(self) -> str:
        from crmdesk.core.postal import lookup_postal

        found = lookup_postal(POSTAL)
        got = f"{found.prefecture}{found.city}{found.town}" if found else "nothing"
        if got != "東京都千代田区千代田":
            raise RuntimeError(f"100-0001 gave {got}")
        return f"100-0001 {got}"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG (its IHDR chunk); ValueError when it is no PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _window_missing(*_: Any) -> list[tuple[str, Callable[[], str]]]:
    def missing() -> str:
        raise RuntimeError("this program has no window (run the crmdesk command)")

    return [("translation", missing), ("window", missing)]


def run_self_test(
    window_checks: WindowChecks | None, translations: Path | None, lang: str = "en"
) -> list[StepResult]:
    """Every step, in order, on a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="crmdesk-self-test-") as folder:
        core = CoreChecks(Path(folder))
        try:
            results = [run_step(name, check, lang) for name, check in core.steps()]
        finally:
            core.close()  # the window opens the file itself; Windows removes no open file
        later = (window_checks or _window_missing)(core.db_path, translations)
        results += [run_step(name, check, lang) for name, check in later]
    return results


def report_line(result: StepResult, lang: str) -> str:
    ja, en = TITLES.get(result.name, (result.name, result.name))
    mark = "OK" if result.ok else ("NG" if lang == "ja" else "FAILED")
    said = result.detail if result.ok else result.error
    return f"{mark:<6} {result.seconds:6.2f} s  {result.name}: {ja if lang == 'ja' else en}" + (
        f" ({said})" if said else ""
    )


def summary_line(results: list[StepResult], lang: str) -> str:
    passed = sum(r.ok for r in results)
    total = round(sum(r.seconds for r in results), 2)
    failed = ", ".join(r.name for r in results if not r.ok)
    if lang == "ja":
        if not failed:
            return f"自己診断: {passed}項目すべて成功（{total} 秒）"
        return f"自己診断: 失敗あり（{failed}）{passed}/{len(results)}項目成功（{total} 秒）"
    if not failed:
        return f"self-test passed: {passed}/{len(results)} steps in {total} s"
    return f"self-test FAILED ({failed}): {passed}/{len(results)} steps passed in {total} s"


def cmd_self_test(ctx: CliContext) -> int:
    lang = locale_language(os.environ)
    translations = Path(ctx.args.translations) if ctx.args.translations else None
    results = run_self_test(ctx.window_checks, translations, lang)
    ok = all(r.ok for r in results)
    data = {
        "ok": ok,
        "version": version(),
        "seconds": round(sum(r.seconds for r in results), 3),
        "steps": [r.to_json() for r in results],
        "failed": [r.name for r in results if not r.ok],
    }
    lines = [report_line(r, lang) for r in results] + [summary_line(results, lang)]
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK if ok else EXIT_BUG
