"""Reading a shop's table file: CSV, TSV or xlsx, in whatever encoding Excel chose.

:func:`read_table` gives the headers and the data rows, each with the row number a
spreadsheet would show (the header is row 1; a quoted field holding a newline makes a
record span several lines, and the record is numbered by its first line). Blank lines
are skipped, never counted as data.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from crmdesk.core.errors import DomainError
from crmdesk.core.files import unneutralize

CANDIDATES = ("utf-8", "cp932", "euc_jp")
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "cp932": "Shift_JIS (cp932)",
    "euc_jp": "EUC-JP",
}
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    """A file read as a table."""

    path: Path
    kind: str  # csv | tsv | xlsx
    encoding: str  # codec name; "" for xlsx
    headers: list[str]
    # (row number, cells); tuples of text, which the garbage collector does not track
    rows: list[tuple[int, tuple[str, ...]]]
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    # xlsx only: row number -> indexes of the cells stored as numbers (a number has
    # lost any leading zero: a postal code 0600001 reads 600001).
    numeric: dict[int, frozenset[int]] = field(default_factory=dict)

    @property
    def encoding_label(self) -> str:
        return ENCODING_NAMES.get(self.encoding, self.encoding or "xlsx")


def check_encoding(name: str) -> str:
    """A codec's canonical name; unknown -> DomainError ``unknown_encoding``."""
    try:
        info = codecs.lookup(name.strip())
        b"\n".decode(info.name, "ignore")  # rot13, base64 ...: codecs, not text encodings
    except LookupError:
        raise DomainError("unknown_encoding", field="encoding", encoding=name) from None
    return {"shift_jis": "cp932", "ms932": "cp932", "sjis": "cp932"}.get(info.name, info.name)


def detect_encoding(data: bytes) -> str:
    """BOM, then strict decoding; charset-normalizer breaks a tie between Japanese codecs."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    fits = []
    for name in CANDIDATES:
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        fits.append(name)
    if not fits:
        raise DomainError("undecodable_file", field="encoding")
    if len(fits) == 1 or fits[0] == "utf-8":
        return fits[0]
    from charset_normalizer import from_bytes  # deferred: heavy, and only for unsure files

    best = from_bytes(data, cp_isolation=fits).best()
    if best is not None and best.encoding in fits:
        return best.encoding
    return max(fits, key=lambda name: _japanese_score(data.decode(name)))


def _japanese_score(text: str) -> float:
    """Share of ordinary Japanese letters (hiragana, kanji); mojibake scores low."""
    if not text:
        return 0.0
    good = sum(1 for c in text if "\u3040" <= c <= "\u309f" or "\u4e00" <= c <= "\u9fff")
    odd = sum(1 for c in text if "\uff61" <= c <= "\uff9f" or "\ue000" <= c <= "\uf8ff")
    return (good - 2 * odd) / len(text)


def read_table(path: str | Path, *, encoding: str | None = None, sheet: str | None = None) -> Table:
    """Read ``path`` as a table (see the module doc). Raises DomainError for bad files."""
    path = Path(path)
    if not path.is_file():
        raise DomainError("file_not_found", field="file", path=str(path))
    data = path.read_bytes()
    if not data.strip():
        raise DomainError("empty_file", field="file")
    if data.startswith(XLSX_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if not encoding and _utf16(data):
        encoding = "utf-16"  # Excel's "Unicode text" (tab-separated UTF-16)
    elif b"\x00" in data[:4096] and not encoding:
        raise DomainError("not_a_table", field="file")
    codec = check_encoding(encoding) if encoding else detect_encoding(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DomainError("wrong_encoding", field="encoding", encoding=codec, line=line) from None
    if codec == "utf-8" and text.startswith("\ufeff"):
        text, codec = text[1:], "utf-8-sig"
    text = text.removeprefix("\ufeff")
    if "\x00" in text:  # a NUL never belongs in a cell: say where it is
        line = text[: text.index("\x00")].count("\n") + 1
        raise DomainError("nul_in_file", field="file", line=line)
    delimiter = _delimiter(path, text)
    records = list(_records(text, delimiter))
    if not records:
        raise DomainError("empty_file", field="file")
    headers = _unique_headers([h.strip() for h in records[0][1]])
    kind = "tsv" if delimiter == "\t" else "csv"
    return Table(path, kind, codec, headers, records[1:])


def _utf16(data: bytes) -> bool:
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    try:
        return "\n" in data.decode("utf-16")
    except UnicodeDecodeError:
        return False


def _delimiter(path: Path, text: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "\t" if first.count("\t") > first.count(",") else ","


def _unique_headers(headers: list[str]) -> list[str]:
    """Refuse a header written twice: which column is meant cannot be told."""
    seen: dict[str, int] = {}
    for column, header in enumerate(headers, start=1):
        if header and header in seen:
            raise DomainError(
                "duplicate_header", field="file", header=header, first=seen[header], second=column
            )
        seen.setdefault(header, column)
    return headers


#: Longer cells are read whole (csv's default stops at 128 KB with a misleading error)
#: and then refused by the field's own length check, naming the row and column.
MAX_CELL = 16 * 1024 * 1024


def _records(text: str, delimiter: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    if csv.field_size_limit() < MAX_CELL:
        csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            line = "".join(cells)
            if line.strip():  # some cell is not blank
                # a cell crmdesk neutralised starts with a quote: most lines have none
                yield start, tuple([unneutralize(c) for c in cells] if "'" in line else cells)
            start = reader.line_num + 1
    except csv.Error:
        raise DomainError("not_a_table", field="file") from None


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    try:
        return _xlsx_table(path, sheet)
    except DomainError:
        raise
    except Exception:  # a zip of junk, a DTD, broken XML: openpyxl raises anything
        raise DomainError("not_a_table", field="file") from None


def _has_dtd(path: Path) -> bool:
    """Office never writes a DTD (ECMA-376 forbids them); one is an entity bomb or worse."""
    with zipfile.ZipFile(path) as archive:
        for item in archive.infolist():
            if item.filename.endswith((".xml", ".rels")):
                with archive.open(item) as part:
                    if b"<!DOCTYPE" in part.read(4096).upper():
                        return True
    return False


def _xlsx_table(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook  # deferred: heavy, and only for .xlsx files

    if _has_dtd(path):
        raise DomainError("not_a_table", field="file")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DomainError("not_a_table", field="file") from None
    try:
        names = list(book.sheetnames)
        if sheet is None and len(names) > 1:
            raise DomainError("several_sheets", field="sheet", sheets=", ".join(names))
        name = sheet if sheet is not None else names[0]
        if name not in names:
            raise DomainError("unknown_sheet", field="sheet", sheet=name, sheets=", ".join(names))
        rows: list[tuple[int, tuple[str, ...]]] = []
        numeric: dict[int, frozenset[int]] = {}
        for number, values in enumerate(book[name].iter_rows(values_only=True), start=1):
            cells = [unneutralize(_cell_text(v)) for v in values]
            while cells and not cells[-1].strip():
                cells.pop()
            if cells:
                rows.append((number, tuple(cells)))
                numbers = [i for i, v in enumerate(values) if _is_number(v)]
                if numbers:
                    numeric[number] = frozenset(numbers)
    finally:
        book.close()
    if not rows:
        raise DomainError("empty_file", field="file")
    headers = _unique_headers([h.strip() for h in rows[0][1]])
    return Table(path, "xlsx", "", headers, rows[1:], sheet=name, sheets=names, numeric=numeric)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
