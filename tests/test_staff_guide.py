"""Every command of the staff guide (docs/panduan-staf.md) works as written (`py` -> `python`), its
`rak-xl` lines too.

The guide is what staff type on a fresh PC; a command that fails there (as
`py -m xlwings config create` did: xlwings has no `__main__`) leaves the buttons
running whatever `python` is first on PATH. Each command is run in order, in a
temporary home (HOME and USERPROFILE), against the package built from this
repository: `pip install` goes into a temporary folder (never into the test's
interpreter), and the commands after it import rak_xl from there.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import tomllib

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conftest import ROOT, WORKBOOK
from rak_xl.products.excel_setup import KEY_ADD_DIR, store_alias, write_user_config

pytestmark = pytest.mark.skipif(sys.platform == "darwin", reason="xlwings keeps the macOS settings elsewhere")


def guide_commands() -> list[str]:
    """The `py ...` commands of the staff guide: fenced lines and inline code, in reading order."""
    guide = (ROOT / "docs" / "panduan-staf.md").read_text(encoding="utf-8")
    found = re.finditer(r"^\s*(py [^\n`]+?)\s*$|`(py [^`]+)`", guide, re.MULTILINE)
    return [m[1] or m[2] for m in found]


def _package(tmp: Path) -> tuple[Path, Path]:
    """The repository's package source (a copy: building writes beside it) and its wheel."""
    src = tmp / "src"
    src.mkdir()
    for folder in ("rak_xl", "macros"):  # macros/ ships inside the package (pyproject package-dir)
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE", "docs/pypi.md"):  # docs/pypi.md: the long description
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, src / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"),
                           str(src)], cwd=tmp, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return src, next((tmp / "dist").glob("rak_xl-*.whl"))


def test_every_staff_guide_command_works(tmp_path):
    commands = guide_commands()
    assert any("pip install" in c for c in commands) and any("setup-excel" in c for c in commands), commands
    assert commands[0] == "py install 3.13", commands  # Python through the install manager comes first
    requires_python = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                                   ["project"]["requires-python"])
    # What the checkout held before (an editable install leaves rak_xl.egg-info there): the guide's
    # commands must add nothing to it.
    before = (set(ROOT.glob("*.egg-info")), (ROOT / "build" / "lib").exists())
    src, wheel = _package(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "XLWINGS_LICENSE_KEY")}
    env.update(HOME=str(home), USERPROFILE=str(home))
    installed = None
    for i, command in enumerate(commands):
        argv = command.split()
        if argv[:2] == ["py", "install"]:
            # The Python install manager (Windows only): the version it installs is one rak_xl runs on,
            # and the Python running these commands is what `py` then starts.
            (version,) = argv[2:]
            assert Version(version) in requires_python, command
            continue
        assert argv[:2] == ["py", "-m"], f"not a `py -m` command: {command}"
        if argv[2:4] == ["pip", "install"]:
            target = argv[4]
            if target.startswith("rak_xl-"):
                assert re.fullmatch(r"rak_xl-<versi>\.whl", target), command
                target = str(wheel)
            else:
                assert target == ".", command  # "from the folder of a copy of this repository"
            installed = tmp_path / f"site{i}"
            argv = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(installed), target]
            done = subprocess.run(argv, cwd=src, env=env, capture_output=True, text=True)
            assert done.returncode == 0, f"{command}: {done.stderr}"
            assert (installed / "rak_xl" / "__init__.py").is_file()
            continue
        assert installed is not None, f"{command} comes before rak_xl is installed"
        done = subprocess.run([sys.executable, *argv[1:]], cwd=tmp_path, env={**env, "PYTHONPATH": str(installed)},
                              capture_output=True, text=True)
        assert done.returncode == 0, f"{command}: {done.stderr}"
    conf = home / ".xlwings" / "xlwings.conf"
    settings = {row[0]: row[1] for row in csv.reader(conf.read_text(encoding="utf-8").splitlines())}
    assert settings["INTERPRETER_WIN"] == sys.executable
    assert settings[KEY_ADD_DIR] == "False"  # xlwings adds the workbook's folder only for "true"
    assert (set(ROOT.glob("*.egg-info")), (ROOT / "build" / "lib").exists()) == before


def test_setup_keeps_other_settings_and_replaces_its_own(tmp_path):
    conf = tmp_path / "xlwings.conf"
    conf.write_text('"INTERPRETER_WIN","C:\\old\\python.exe"\n"PYTHONPATH","C:\\kantor"\n'
                    '"ADD_WORKBOOK_TO_PYTHONPATH","True"\n', encoding="utf-8")
    write_user_config(conf, executable="C:\\Python311\\python.exe")
    rows = list(csv.reader(conf.read_text(encoding="utf-8").splitlines()))
    assert rows == [["INTERPRETER_WIN", "C:\\Python311\\python.exe"], [KEY_ADD_DIR, "False"],
                    ["PYTHONPATH", "C:\\kantor"]]


def test_microsoft_store_alias_is_recognised():
    assert store_alias(r"C:\Users\staf\AppData\Local\Microsoft\WindowsApps\python.exe")
    assert not store_alias(r"C:\Users\staf\AppData\Local\Programs\Python\Python311\python.exe")


def test_a_non_ascii_user_folder_reaches_vba_in_its_code_page(tmp_path):
    """VBA's `Input #` reads xlwings.conf in Windows' ANSI code page (cp1252 on an Indonesian Windows): a
    Python under C:\\Users\\Dwi Agustín\\... must come out of the file as that path, not as UTF-8 mojibake."""
    home = tmp_path / "Dwi Agustín"
    python = r"C:\Users\Dwi Agustín\AppData\Local\Python\pythoncore-3.13-64\python.exe"
    conf = home / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir(parents=True)
    conf.write_bytes('"PYTHONPATH","C:\\Users\\Dwi Agustín\\kantor"\n'.encode("cp1252"))  # as xlwings writes it
    write_user_config(conf, executable=python, encoding="cp1252")
    raw = conf.read_bytes()
    assert "í".encode("cp1252") in raw and "í".encode("utf-8") not in raw
    rows = list(csv.reader(raw.decode("cp1252").splitlines()))  # what VBA's reader gets
    assert rows == [["INTERPRETER_WIN", python], [KEY_ADD_DIR, "False"], ["PYTHONPATH", r"C:\Users\Dwi Agustín\kantor"]]


def test_a_path_the_code_page_cannot_hold_is_refused_and_nothing_written(tmp_path):
    from rak_xl.core.errors import RakInputError

    conf = tmp_path / "xlwings.conf"
    conf.write_bytes(b'"PYTHONPATH","C:\\\\kantor"\n')
    with pytest.raises(RakInputError) as refused:
        write_user_config(conf, executable=r"C:\Users\Łukasz\Python313\python.exe", encoding="cp1252")
    assert refused.value.code == "RAK908"
    assert "tidak dapat dibaca tombol Excel" in refused.value.text() and "cp1252" in refused.value.text()
    assert conf.read_bytes() == b'"PYTHONPATH","C:\\\\kantor"\n'  # the old file as it was


def test_the_guide_tells_windows_and_lite_as_they_are():
    """Python through the install manager (the python.org installer as the alternative), no PATH
    checkbox; the ASR rule named by its GUID with Warn/Audit; the Lite workbook trusted, then saved once
    so it starts by itself; no claim that Lite cannot save files."""
    guide = (ROOT / "docs" / "panduan-staf.md").read_text(encoding="utf-8")
    assert "Python install manager" in guide and "py install 3.13" in guide
    assert "centang **\"Add python.exe to PATH\"**" not in guide
    assert "d4f940ab-401b-4efc-aadc-ad5f3c50688a" in guide and "**Warn**" in guide and "**Audit**" in guide
    assert "pengecualian untuk folder workbook RAK tidak berpengaruh" in guide
    assert "Allow Trusted Locations on my network" in guide
    lite = guide[guide.index("## 7. Tanpa Python (xlwings Lite)"):]
    assert "**mempercayainya**" in lite and "Simpan workbook sekali (Ctrl+S)" in lite and "autostart" in lite
    assert "Files → Import/Export" in lite and "tidak dapat menyimpan berkas" not in guide
def guide_rak_xl_commands() -> list[str]:
    """The `rak-xl ...` commands of the staff guide with at least one argument (fenced lines and inline
    code); a bare `rak-xl run` in a sentence names the command rather than giving one to type."""
    guide = (ROOT / "docs" / "panduan-staf.md").read_text(encoding="utf-8")
    found = re.finditer(r"^\s*(rak-xl [^\n`]+?)\s*$|`(rak-xl [^`]+)`", guide, re.MULTILINE)
    return [c for m in found if len((c := m[1] or m[2]).split()) > 2]


def test_every_rak_xl_command_of_the_guide_runs(tmp_path):
    """Each in a folder of its own holding what it names: RAK_2022.xlsm (the shipped plan), FOLDER with
    a satker workbook, and a copy of the repository for `rak-xl build`. The shipped plan has its real
    defects, so a command that stops on errors (`submit` without --force) exits 1, never 2 or 3."""
    import shlex

    commands = guide_rak_xl_commands()
    assert any(c.startswith("rak-xl baru") for c in commands) and any("province" in c for c in commands), commands
    base = tmp_path / "base"
    for folder in ("macros", "workbook"):  # what `rak-xl build` reads
        shutil.copytree(ROOT / folder, base / folder)
    shutil.copy(WORKBOOK, base / "RAK_2022.xlsm")
    (base / "FOLDER").mkdir()
    shutil.copy(WORKBOOK, base / "FOLDER" / "RAK_2022.xlsm")
    for i, command in enumerate(commands):
        work = shutil.copytree(base, tmp_path / f"cmd{i}")
        done = subprocess.run([sys.executable, "-m", "rak_xl", *shlex.split(command)[1:]], cwd=work,
                              capture_output=True, text=True)
        assert done.returncode in (0, 1), f"{command}: {done.stderr}"
        assert "Traceback" not in done.stderr, command
