"""What packaging/crmdesk_bundle.py keeps out of the app, checked without a build."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy
import PySide6

ROOT = Path(__file__).parents[1]


def _load_rules():
    """packaging/crmdesk_bundle.py by its path: packaging/ is no package (and not on sys.path)."""
    spec = importlib.util.spec_from_file_location(
        "crmdesk_bundle", ROOT / "packaging" / "crmdesk_bundle.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules = _load_rules()

QT = "PySide6/Qt"


def test_qt_translations_other_than_japanese_and_english_stay_out() -> None:
    kept = [n for n in ("qtbase_ja", "qtbase_en", "qtbase_de", "qt_fr", "qt_help_ja")
            if rules.keep_data(f"{QT}/translations/{n}.qm")]  # fmt: skip
    assert kept == ["qtbase_ja", "qtbase_en"]


def test_unused_qt_modules_and_plugins_stay_out_and_used_ones_stay_in() -> None:
    def keep(dest: str) -> bool:
        return rules.keep_binary(dest, f"/site-packages/{dest}")

    assert not keep(f"{QT}/lib/libQt6Network.so.6")  # sync is psycopg, not QtNetwork
    assert not keep(f"{QT}/lib/libQt6Quick.so.6") and not keep(f"{QT}/lib/libQt6Qml.so.6")
    assert not keep(f"{QT}/plugins/platforms/libqvnc.so")
    assert not keep(f"{QT}/plugins/sqldrivers/libqsqlite.so")
    for used in ("lib/libQt6Widgets.so.6", "lib/libQt6PrintSupport.so.6",
                 "plugins/platforms/libqxcb.so", "plugins/platforms/libqwayland.so",
                 "plugins/platforms/libqoffscreen.so", "lib/libQt6OpenGL.so.6",
                 "plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
                 "plugins/printsupport/libcupsprintersupport.so"):  # fmt: skip
        assert keep(f"{QT}/{used}"), used
    assert not rules.keep_data("PySide6/Qt/qml/QtQuick/Controls/qmldir")
    assert not rules.keep_data("matplotlib/mpl-data/sample_data/goog.npz")
    assert rules.keep_data("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf")
    assert not rules.keep_data("matplotlib/mpl-data/fonts/ttf/STIXGeneral.ttf")
    assert rules.keep_data("resources/labels/avery-5160.toml")


def test_only_the_interpreters_system_libraries_are_bundled() -> None:
    system = "/usr/lib/x86_64-linux-gnu"
    assert rules.keep_binary("libsqlite3.so.0", f"{system}/libsqlite3.so.0")
    assert rules.keep_binary("libcrypto.so.3", f"{system}/libcrypto.so.3")
    assert rules.keep_binary("libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1")
    for name in ("libxkbcommon.so.0", "libfontconfig.so.1", "libglib-2.0.so.0", "libX11.so.6",
                 "libstdc++.so.6", "libzstd.so.1", "libcups.so.2"):  # fmt: skip
        assert not rules.keep_binary(name, f"{system}/{name}"), name
    wheel = "/x/site-packages/psycopg_binary.libs/libcrypto-3a0647ea.so.3"
    assert rules.keep_binary("psycopg_binary.libs/libcrypto-3a0647ea.so.3", wheel)


def test_strip_spares_what_auditwheel_patched() -> None:
    numpy_dir = Path(numpy.__file__).parent
    extension = next(numpy_dir.glob("_core/_multiarray_umath*.so"))
    assert rules.patched_by_auditwheel(str(extension))  # numpy.libs/ beside it
    qt = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6Core.so.6"
    assert not rules.patched_by_auditwheel(str(qt))


def test_icu_keeps_japanese_english_and_their_codecs() -> None:
    items = ["ja.res", "ja_JP.res", "en.res", "en_GB.res", "de.res", "zh_Hant_TW.res",
             "root.res", "pool.res", "res_index.res", "coll/ja.res", "coll/de.res",
             "coll/de_.res", "supplementalData.res", "ibm-943_P15A-2003.cnv",
             "euc-jp-2007.cnv", "gb18030.cnv", "brkitr/cjdict.dict", "brkitr/thaidict.dict",
             "uprops.icu", "zoneinfo64.res"]  # fmt: skip
    assert rules.icu_items_to_remove(items) == [
        "de.res", "zh_Hant_TW.res", "coll/de.res", "coll/de_.res", "gb18030.cnv",
        "brkitr/thaidict.dict",
    ]  # fmt: skip


def test_the_windows_version_resource_carries_the_package_version() -> None:
    assert rules.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert rules.version_tuple("1.2.3.4.5+local") == (1, 2, 3, 4)
    text = rules.windows_version_info("0.1.0", "crmdesk-cli")
    assert "filevers=(0, 1, 0, 0)" in text
    assert "StringStruct('FileVersion', '0.1.0')" in text
    assert "StringStruct('OriginalFilename', 'crmdesk-cli.exe')" in text


def test_scipy_is_bundled_only_while_crmdesk_imports_it(tmp_path: Path) -> None:
    (tmp_path / "crmdesk" / "core").mkdir(parents=True)
    module = tmp_path / "crmdesk" / "core" / "clv.py"
    module.write_text('"""scipy was used here."""\nimport numpy as np\n', encoding="utf-8")
    assert not rules.imported_by(tmp_path, "scipy")
    module.write_text("from scipy.special import gammaln\n", encoding="utf-8")
    assert rules.imported_by(tmp_path, "scipy")
