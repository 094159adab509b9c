"""The window's language: Japanese source strings, an English translation.

Every visible string in forms/*.ui and crmdesk/ui is written in Japanese, so the window
is Japanese even when no translation file can be found; English comes from
``resources/translations/crmdesk_en.qm`` (compiled from ``crmdesk_en.ts`` by
``python tools/build_translations.py``). Error messages of services come in both
languages from :mod:`crmdesk.core.messages`: ask :func:`language` which one to show.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crmdesk.paths import resource

_state: dict[str, object] = {"lang": "ja", "translators": []}


def system_language() -> str:
    """English when the system locale is English, else Japanese (the app's first language)."""
    return "en" if QLocale.system().name().lower().startswith("en") else "ja"


def resolve(setting: str) -> str:
    return setting if setting in ("ja", "en") else system_language()


def language() -> str:
    """The language the window shows now: ``"ja"`` or ``"en"``."""
    return str(_state["lang"])


def translation_file(lang: str) -> str:
    return str(resource("translations", f"crmdesk_{lang}.qm"))


def set_language(lang: str) -> bool:
    """Install the translators for ``lang``, removing the previous ones.

    Widgets made after this call show the new language; Qt's own texts (standard
    buttons, file dialogs) follow too. Returns False when our translation is missing.
    """
    app = QCoreApplication.instance()
    for old in list(_state["translators"]):  # type: ignore[call-overload]
        if app is not None:
            app.removeTranslator(old)
    _state["translators"] = []
    _state["lang"] = "ja"
    qt_file = f"qtbase_{lang}"
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wanted = [(qt_file, qt_dir)]
    if lang == "ja":  # after qtbase_ja, so it is searched first: what Qt's file lacks
        wanted.append((str(resource("translations", "qt_extra_ja.qm")), ""))
    if lang == "en":
        wanted.append((translation_file(lang), ""))
    ok = True
    for name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(name, folder):
            if app is not None:
                app.installTranslator(translator)
            _state["translators"].append(translator)  # type: ignore[attr-defined]
        elif name.startswith(str(resource())):
            ok = False
    if lang == "en" and ok:
        _state["lang"] = "en"
    return ok
