"""The xlwings Lite door: what the build puts in the workbook, and the scripts run in Pyodide.

The first tests read the built package. The others run the main.py stored in
the workbook inside Pyodide under Node, offline (tests/lite_harness.py), with only
the PyPI wheels of the workbook's requirements.txt installed (rak_xl comes from
main.py itself), on payloads made from the shipped workbook and from bad-input
corpus cases, and compare what Lite would do in Excel with what the RunPython door
does on CPython.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import inspect
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlwings as xw
from conftest import ROOT, WORKBOOK, edit_workbook
from lite_harness import read_properties
from lite_setup import PYODIDE_MARKERS, applies, project_requirements, workbook_requirements
from remote import payload_from_file

from rak_xl import __version__, buttons
from rak_xl.core import layout as L
from rak_xl.core.text import say
from rak_xl.adapters.lite_parts import NS, guide_drawing, relationships
from rak_xl.products.builder import lite

WE = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _shapes(path: Path) -> dict[str, tuple[str, int, int, str]]:
    """Lite buttons on Petunjuk: shape name -> (caption, anchor row, anchor column, hyperlink target)."""
    from xml.etree import ElementTree

    parts = _parts(path)
    drawing = guide_drawing(parts)
    assert drawing, "Petunjuk has no drawing"
    links = relationships(parts, drawing)
    found = {}
    for anchor in ElementTree.fromstring(parts[drawing]).findall("xdr:twoCellAnchor", NS):
        props = anchor.find("xdr:sp/xdr:nvSpPr/xdr:cNvPr", NS)
        link = props.find("a:hlinkClick", NS)
        caption = "".join(t.text or "" for t in anchor.iter(f"{{{NS['a']}}}t"))
        start = anchor.find("xdr:from", NS)
        found[props.get("name")] = (caption, int(start.find("xdr:row", NS).text), int(start.find("xdr:col", NS).text),
                                    links[link.get(f"{{{NS['r']}}}id")][1])
    return found


def _form_buttons(path: Path) -> dict[str, tuple[str, int]]:
    """Form buttons (VML): macro -> (caption, row)."""
    vml = next(v.decode() for n, v in _parts(path).items() if n.endswith(".vml"))
    return {m: (c, int(a.split(",")[2])) for c, a, m in re.findall(
        r"<font[^>]*>([^<]*)</font>.*?<x:Anchor>([^<]*)</x:Anchor>.*?<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml, re.DOTALL)}


def _scripts(main: str) -> dict[str, tuple[str, str, str]]:
    """main.py: script function -> (its button, its name, the rak_xl.buttons function it calls with the book)."""
    found = {}
    for node in ast.parse(main).body:
        if isinstance(node, ast.FunctionDef) and node.decorator_list:
            deco = next(d for d in node.decorator_list if isinstance(d, ast.Call) and d.func.id == "script")
            options = {k.arg: k.value for k in deco.keywords}
            assert options["show_taskpane"].value is True  # a press opens the pane: staff see it working
            assert options["exclude"].id == "NOT_SENT"
            (stmt,) = node.body
            call = stmt.value
            assert call.func.value.id == "buttons" and [a.id for a in call.args] == [node.args.args[0].arg]
            found[node.name] = (options["button"].value, options["name"].value, call.func.attr)
    return found


# -- the package --------------------------------------------------------------------------------

def test_the_workbook_carries_the_lite_web_extension():
    parts = _parts(WORKBOOK)
    types = parts["[Content_Types].xml"].decode()
    assert 'PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"' \
        in types
    assert 'PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"' \
        in types
    root = relationships(parts, "")
    assert (lite.REL_TASKPANES, lite.TASKPANES) in root.values()
    assert relationships(parts, lite.TASKPANES)["rId1"] == (lite.REL_WEBEXT, lite.WEBEXT)
    # Hidden task pane: a PC without xlwings Lite opens the workbook with no add-in pane or prompt.
    assert 'visibility="0"' in parts[lite.TASKPANES].decode()
    webext = parts[lite.WEBEXT].decode()
    assert f'<we:reference id="{lite.STORE_ID}"' in webext and 'storeType="OMEX"' in webext
    props = read_properties(WORKBOOK)
    assert list(props) == ["main.py", "requirements.txt", "pyodideVersion", "addinVersion"]  # as Lite writes them
    assert props["pyodideVersion"] == lite.PYODIDE_VERSION == "314.0.0"
    assert re.fullmatch(r"1\.0\.0\.0-\d+", props["addinVersion"]) and props["addinVersion"] == lite.ADDIN_VERSION
    assert props["requirements.txt"].splitlines() == [f"xlwings=={xw.__version__}", *lite.REQUIREMENTS]
    compile(props["main.py"], "main.py", "exec")
    # Sheets no script reads are not sent to Python: Petunjuk and the output sheets.
    namespace: dict = {}
    exec(props["main.py"].split("\n\n\n@script")[0], namespace)  # the header, up to the first script
    assert namespace["NOT_SENT"] == [L.SHEET_GUIDE, *L.OUTPUT_SHEETS]
    assert not set(namespace["NOT_SENT"]) & set(L.INPUT_SHEETS)


def test_requirements_name_only_pypi_packages_pinned_as_the_project_pins_them():
    """No rak_xl, no URL: Lite installs the PyPI packages the bundled modules import; xlwings pinned to
    the VBA module's version, the others with pyproject.toml's own bounds."""
    from packaging.requirements import Requirement

    project = {r.name.lower(): r for r in project_requirements()}
    lines = [Requirement(line) for line in read_properties(WORKBOOK)["requirements.txt"].splitlines()]
    assert [r.name.lower() for r in lines] == ["xlwings", "openpyxl", "defusedxml"]
    for r in lines:
        assert r.url is None and r.marker is None
        assert str(r.specifier) == str(project[r.name.lower()].specifier), r
    assert str(lines[0].specifier) == f"=={xw.__version__}"


def test_the_bundle_carries_what_the_buttons_import_and_fits_office_s_limit():
    """main.py ends with rak_xl's modules, zipped: all the buttons can import, none of the CLI, the builder,
    the province batch or LibreOffice's export; the Lite settings stay within Office's 2 MB."""
    import base64
    import io

    main = read_properties(WORKBOOK)["main.py"]
    encoded = main.split('_BUNDLE = """', 1)[1].split('"""', 1)[0]
    with zipfile.ZipFile(io.BytesIO(base64.b85decode("".join(encoded.split())))) as zf:
        names = set(zf.namelist())
    modules = lite.bundle_modules()
    assert names == {str(Path(*m.split(".")).with_suffix(".py")) if (ROOT / Path(*m.split(".")).with_suffix(".py"))
                     .is_file() else f"{m.replace('.', '/')}/__init__.py" for m in modules}
    assert "rak_xl.buttons" in modules and "rak_xl.products.submit" in modules
    for left_out in ("rak_xl.cli", "rak_xl.frames", "rak_xl.products.builder", "rak_xl.products.province",
                     "rak_xl.products.newyear", "rak_xl.adapters.pdf_export", "rak_xl.adapters.file_read"):
        assert not [m for m in modules if m == left_out or m.startswith(left_out + ".")], left_out
    size = lite.settings_size(WORKBOOK.read_bytes())
    assert 100_000 < size <= lite.SETTINGS_LIMIT == 2_000_000


def test_every_form_button_has_a_lite_button_beside_it():
    shapes, forms = _shapes(WORKBOOK), _form_buttons(WORKBOOK)
    assert set(forms) == {m for m, _c, _d in L.BUTTONS}
    assert set(shapes) == {lite.SHAPE_PREFIX + m for m in forms}
    for macro, (caption, row) in forms.items():
        shape_caption, shape_row, shape_col, target = shapes[lite.SHAPE_PREFIX + macro]
        assert (shape_caption, shape_row) == (caption, row)  # same label, same row
        assert shape_col == lite.COLUMN == 2  # column C, right of the form buttons in column B
        # The link points at the cell under the shape: without Lite a press only selects that cell.
        assert target == f"#{L.SHEET_GUIDE}!C{row + 1}"


def test_each_script_calls_what_the_runpython_button_calls():
    scripts = _scripts(read_properties(WORKBOOK)["main.py"])
    runpython = lite.runpython_functions(ROOT / "macros")
    shapes = _shapes(WORKBOOK)
    assert len(scripts) == len(L.BUTTONS)
    for macro, caption, _d in L.BUTTONS:
        name = lite.SHAPE_PREFIX + macro
        button, script_name, function = next(v for v in scripts.values() if v[0].startswith(f"[{name}]"))
        assert script_name == caption
        assert function == runpython[macro]
        # Lite hands the script its book; the RunPython door calls without one (Book.caller()).
        parameters = inspect.signature(getattr(buttons, function)).parameters
        assert list(parameters) == ["book"] and parameters["book"].default is None
        assert button == f"[{name}]{shapes[name][3].lstrip('#')}"


def test_a_form_button_without_python_points_to_the_lite_buttons():
    """The VBA door on a PC with only Lite: every Sub checks for Python before RunPython, and says
    in Indonesian where the Lite buttons are instead of ending in xlwings' interpreter error."""
    source = (ROOT / "macros" / "RakButtons.bas").read_text(encoding="utf-8")
    subs = re.findall(r"^Sub (\w+)\(\)\n(.*?)^End Sub", source, re.MULTILINE | re.DOTALL)
    assert {name for name, _body in subs} == {m for m, _c, _d in L.BUTTONS}
    for name, body in subs:
        assert body.lstrip().startswith("If Not PythonHere() Then Exit Sub\n"), name
    here = re.search(r"^Private Function PythonHere\(\) As Boolean\n(.*?)^End Function", source,
                     re.MULTILINE | re.DOTALL)[1]
    assert here.lstrip().startswith("' macros/PythonCheck.bas") and "PythonHere = PythonFound(\"" in here
    assert "tombol biru di kolom xlwings Lite" in here
    check = (ROOT / "macros" / "PythonCheck.bas").read_text(encoding="utf-8")
    assert "Public Function PythonFound(missing As String) As Boolean" in check
    assert check.replace("\r\n", "\n").rstrip().endswith(
        '    PythonFound = False\n    MsgBox missing, vbInformation, "RAK - KPU"\nEnd Function')
    assert 'GetConfig("INTERPRETER_WIN", "")' in check and "WindowsApps" in check


def test_the_lite_package_can_be_a_wheel_url(tmp_path):
    url = "https://kpu.example/rak_xl-0.1.0-py3-none-any.whl"
    out = tmp_path / "RAK.xlsm"
    done = subprocess.run([sys.executable, "-m", "rak_xl", "build", "-o", str(out), "--lite-package", url],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    props = read_properties(out)
    assert props["requirements.txt"].splitlines() == [f"xlwings=={xw.__version__}", url]
    assert "_BUNDLE" not in props["main.py"] and "\nfrom rak_xl import buttons\n" in props["main.py"]
    assert "xlwings Lite memasang rak_xl dari " + url in done.stdout


def test_build_reports_the_lite_settings_size_and_refuses_past_office_s_limit(tmp_path, monkeypatch):
    out = tmp_path / "RAK.xlsm"
    done = subprocess.run([sys.executable, "-m", "rak_xl", "build", "-o", str(out), "--province-output",
                           str(tmp_path / "Rekap.xlsm")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    size, modules = lite.settings_size(out.read_bytes()), len(lite.bundle_modules())
    assert (f"xlwings Lite: main.py membawa {modules} modul rak_xl; pengaturan add-in {size} byte dari batas "
            f"Office {lite.SETTINGS_LIMIT} byte") in done.stdout
    from rak_xl.core.errors import RakInputError

    monkeypatch.setattr(lite, "SETTINGS_LIMIT", size - 1)  # one byte short of what the door weighs
    with pytest.raises(RakInputError) as refused:
        lite.embed(WORKBOOK.read_bytes(), ROOT / "macros")
    assert refused.value.code == "RAK907" and f"{size} byte" in refused.value.text()


def test_rak_xl_run_keeps_the_lite_door(tmp_path):
    """openpyxl drops web extensions and shape-only drawings; the write puts them back unchanged."""
    out = tmp_path / "hasil.xlsm"
    done = subprocess.run([sys.executable, "-m", "rak_xl", "run", str(WORKBOOK), "-o", str(out)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    before, after = _parts(WORKBOOK), _parts(out)
    for name in (lite.WEBEXT, lite.TASKPANES, lite.TASKPANES_RELS):
        assert after[name] == before[name], name
    assert (lite.REL_TASKPANES, lite.TASKPANES) in relationships(after, "").values()
    assert _shapes(out) == _shapes(WORKBOOK)
    assert after[guide_drawing(after)] == before[guide_drawing(before)]
    import openpyxl  # the file still opens, with its buttons and macros

    assert openpyxl.load_workbook(out, keep_vba=True)[L.SHEET_GUIDE].legacy_drawing


def test_a_lite_snapshot_picture_is_carried_too(tmp_path):
    """Excel may store a picture of the task pane with the web extension; it goes along, typed."""
    source, out = tmp_path / "excel_saved.xlsm", tmp_path / "hasil.xlsm"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    with zipfile.ZipFile(WORKBOOK) as zin, zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
            zout.writestr(info, data)
        zout.writestr("xl/media/lite_snapshot.png", png)
        zout.writestr("xl/webextensions/_rels/webextension1.xml.rels",
                      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
                      '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                      'Target="../media/lite_snapshot.png"/></Relationships>')
    done = subprocess.run([sys.executable, "-m", "rak_xl", "run", str(source), "-o", str(out)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    parts = _parts(out)
    assert parts["xl/media/lite_snapshot.png"] == png
    assert 'Extension="png"' in parts["[Content_Types].xml"].decode()
    assert relationships(parts, lite.WEBEXT)["rId1"][1] == "xl/media/lite_snapshot.png"


def test_the_kiriman_package_carries_no_lite_code(tmp_path):
    """What goes to the province is macro-free and button-free: no web extension either."""
    done = subprocess.run([sys.executable, "-m", "rak_xl", "submit", str(WORKBOOK), "--force", "--no-pdf",
                           "-o", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (package,) = tmp_path.rglob("*.xlsx")
    parts = _parts(package)
    assert not [n for n in parts if n.startswith("xl/webextensions/")]
    assert lite.REL_TASKPANES not in parts["_rels/.rels"].decode()


def test_under_pyodide_the_dependency_set_has_pure_wheels_only():
    """What micropip installs for rak_xl's wheel under Lite (--lite-package): markers leave out what has
    no Pyodide wheel on PyPI. The workbook's own requirements.txt is the smaller set tests/lite_setup.py
    downloads for the harness."""
    assert PYODIDE_MARKERS["sys_platform"] == "emscripten"
    kept = {r.name.lower() for r in project_requirements() if applies(r)}
    assert kept == {"xlwings", "openpyxl", "defusedxml", "xlsxwriter"}
    assert {r.name.lower() for r in workbook_requirements()} == kept - {"xlsxwriter"}


# -- the scripts in Pyodide ------------------------------------------------------------------------

SCRIPTS = {"validasi": "validate", "rekap_anggaran": "rollup", "konsolidasi": "consolidate", "evaluasi": "evaluate"}


def _office_js(payload: dict) -> dict:
    """What Lite sends (the remote tests use the VBA client's). A deep copy: a press changes the
    payload it was given (added sheets), and the module's payloads serve several presses."""
    return {**copy.deepcopy(payload), "client": "Office.js"}


CLEAN_EDITS = {  # the shipped plan's four errors mended
    L.SHEET_IDENTITY: {"B10": 4_423_935_000, "B12": dt.datetime(2022, 1, 17)},
    L.SHEET_RAK_A: {"C19": "Indikator pengganti yang berbeda", "D32": 1}}


def _bloated() -> dict:
    payload = payload_from_file(WORKBOOK)
    for sheet in payload["sheets"]:
        if sheet["name"] == L.SHEET_RAK_A:
            sheet["used_range_address"] = "$A$1:$K$1048576"
    return payload


@pytest.fixture(scope="module")
def corpus_payloads(tmp_path_factory) -> dict[str, dict]:
    import make_bad_corpus as corpus

    folder = tmp_path_factory.mktemp("lite_corpus")
    made = {"shipped": WORKBOOK}
    for name, make in (("missing_sheet", corpus.missing_sheet), ("number_as_words", corpus.number_as_words),
                       ("formula_error_ref", corpus._formula_error("formula_error_ref")),
                       ("control_characters", corpus.control_characters), ("long_cell", corpus.long_cell)):
        made[name] = make(folder / f"{name}.xlsm")
    made["clean"] = edit_workbook(WORKBOOK, folder / "clean.xlsm", CLEAN_EDITS)
    payloads = {name: payload_from_file(path) for name, path in made.items()}
    payloads["too_large"] = _bloated()
    return payloads


@pytest.fixture(scope="module")
def lite_harness(tmp_path_factory):
    from lite_harness import Lite

    return Lite(tmp_path_factory.mktemp("lite"), WORKBOOK)


@pytest.fixture(scope="module")
def lite_run(lite_harness, corpus_payloads):
    """One Pyodide session pressing every case; (cases, response)."""
    cases = [(script, name) for name in ("shipped", "too_large") for script in SCRIPTS]
    cases += [("validasi", name) for name in corpus_payloads if name not in ("shipped", "too_large", "clean")]
    cases += [("evaluasi", "number_as_words"), ("siapkan_kiriman", "shipped"), ("siapkan_kiriman", "clean"),
              ("buat_rak_tahun_berikutnya", "shipped")]
    response = lite_harness.run([(script, _office_js(corpus_payloads[name])) for script, name in cases])
    return cases, response


def _cpython(payload: dict, function: str) -> list[dict]:
    """The RunPython door on CPython: the button function, its book found as Book.caller()."""
    book = xw.Book(json=payload)
    book.set_mock_caller()
    getattr(buttons, function)()
    return book.json()["actions"]


def _result(lite_run, script: str, name: str) -> dict:
    cases, response = lite_run
    return response["results"][cases.index((script, name))]


def test_the_scripts_run_in_pyodide_with_the_pinned_versions(lite_run):
    import json

    from lite_setup import node_package

    _cases, response = lite_run
    # The Pyodide that ran is the one the workbook names.
    package = json.loads((node_package() / "package.json").read_text(encoding="utf-8"))
    assert package["version"] == read_properties(WORKBOOK)["pyodideVersion"]
    assert response["platform"] == "emscripten" and response["python"] == PYODIDE_MARKERS["python_full_version"]
    assert response["xlwings"] == xw.__version__
    # rak_xl came out of main.py (its zip in the temporary folder), not from an installed package.
    assert re.fullmatch(r"/tmp/rak_xl-[0-9a-f]{16}\.zip/rak_xl/__init__\.py", response["rak_xl_from"])
    main = read_properties(WORKBOOK)["main.py"]
    assert {m["function_name"]: m["button"] for m in response["meta"]} == {
        name: button for name, (button, _n, _f) in _scripts(main).items()}
    assert [r["error"] for r in response["results"]] == [None] * len(response["results"])


def test_lite_actions_equal_the_runpython_actions_on_cpython(lite_run, corpus_payloads):
    """The same JSON from Excel: Pyodide (Lite) and CPython (RunPython) ask Excel for the same actions."""
    cases, response = lite_run
    compared = 0
    for (script, name), result in zip(cases, response["results"]):
        if script in SCRIPTS:
            assert result["actions"] == _cpython(_office_js(corpus_payloads[name]), SCRIPTS[script]), (script, name)
            compared += 1
    assert compared == len(cases) - 3  # all but Siapkan Kiriman (twice) and Buat RAK Tahun Berikutnya


SEEN = {"addSheet", "sheetDelete", "setValues", "sheetClearContents", "rangeClearContents", "setRangeColor",
        "activateSheet", "alert"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_lite_and_the_vba_client_show_the_same_sheets_values_and_highlights(lite_run, script):
    """Against the RunPython door as the VBA client drives it: the same sheets, values, colours and
    messages (Office.js offers more formatting, e.g. alignment, which only Lite then applies)."""
    vba = _cpython(payload_from_file(WORKBOOK), SCRIPTS[script])
    lite_actions = _result(lite_run, script, "shipped")["actions"]
    assert [a for a in lite_actions if a["func"] in SEEN] == [a for a in vba if a["func"] in SEEN]
    assert any(a["func"] == "setValues" for a in lite_actions)


def test_bad_input_gives_the_same_indonesian_answers_under_lite(lite_run):
    too_large = _result(lite_run, "validasi", "too_large")["actions"]
    assert [a["func"] for a in too_large] == ["alert"]
    assert f"Lembar '{L.SHEET_RAK_A}' terpakai sampai sel K1048576" in too_large[0]["args"][0]
    words = _result(lite_run, "validasi", "number_as_words")["actions"]
    assert any("RAK104" in row for a in words if a["func"] == "setValues" for row in a["values"])
    for name in ("control_characters", "long_cell", "formula_error_ref", "missing_sheet"):
        actions = _result(lite_run, "validasi", name)["actions"]
        assert actions[-1]["func"] == "alert" and "kesalahan program" not in actions[-1]["args"][0], name


def test_siapkan_kiriman_under_lite_writes_the_package_to_lite_s_files(lite_run, lite_harness, corpus_payloads,
                                                                    tmp_path):
    """Lite writes the package's .xlsx and e-mail text to /data (staff download them from the Files menu);
    they are the files `rak-xl submit --no-pdf` makes of the same plan. No PDF: Book.to_pdf is missing in
    Lite, so the alert says how to export it from Excel."""
    import openpyxl

    _cases, response = lite_run
    assert response["written"] == []  # nothing outside Lite's /data
    clean = _result(lite_run, "siapkan_kiriman", "clean")["actions"]
    added = [a["args"][1] for a in clean if a["func"] == "addSheet"]
    assert {L.SHEET_FINDINGS, L.SHEET_ROLLUP, L.SHEET_CONSOLIDATED} <= set(added)
    (folder,) = {Path(f).parent for f in response["data"]}
    assert folder.parent == Path("Kiriman")
    assert sorted(Path(f).name for f in response["data"]) == [f"{folder.name}.xlsx", f"{folder.name}_email.txt"]
    text = clean[-1]["args"][0]
    assert clean[-1]["func"] == "alert" and text.endswith(say("lite.submit_steps"))
    assert text.startswith(say("lite.package_ready", folder=folder.as_posix()))
    assert "Download All" in text and "Create PDF/XPS" in text and "tidak dapat menyimpan" not in text
    # The same package as the command line's (the clean plan, the same day).
    cli = tmp_path / "cli"
    source = tmp_path / "clean.xlsm"
    edit_workbook(WORKBOOK, source, CLEAN_EDITS)
    done = subprocess.run([sys.executable, "-m", "rak_xl", "submit", str(source), "--no-pdf", "-o", str(cli)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    theirs = cli / folder.name
    ours = lite_harness.data / folder
    assert (ours / f"{folder.name}_email.txt").read_text(encoding="utf-8") == \
        (theirs / f"{folder.name}_email.txt").read_text(encoding="utf-8")
    book, expected = (openpyxl.load_workbook(d / f"{folder.name}.xlsx") for d in (ours, theirs))
    # The same sheets (the hidden highlight sheet comes last here: there is no saved file to lend its place).
    assert sorted(book.sheetnames) == sorted(expected.sheetnames) and L.SHEET_GUIDE not in book.sheetnames
    for name in book.sheetnames:
        if name != "Stempel Kiriman":  # the stamp names the source file and its SHA-256, which Lite cannot read
            assert [[c.value for c in r] for r in book[name].iter_rows()] == \
                [[c.value for c in r] for r in expected[name].iter_rows()], name
    shipped = _result(lite_run, "siapkan_kiriman", "shipped")["actions"]
    assert "4 kesalahan" in shipped[-1]["args"][0] and "Kiriman tidak dibuat" in shipped[-1]["args"][0]


def test_buat_rak_tahun_berikutnya_under_lite_says_where_to_do_it(lite_run):
    actions = _result(lite_run, "buat_rak_tahun_berikutnya", "shipped")["actions"]
    assert [a["func"] for a in actions] == ["alert"] and actions[0]["args"][0] == say("lite.new_year")


# Bundled for paths the presses above do not take: a saved workbook as the template of a file write
# (archive, cell_census, rewrite_checks, lite_parts) and a bug's crash report (crash).
BUNDLED_FOR_OTHER_PATHS = {"rak_xl.adapters.archive", "rak_xl.adapters.cell_census", "rak_xl.adapters.rewrite_checks",
                           "rak_xl.adapters.lite_parts", "rak_xl.core.crash"}


def test_the_bundle_is_what_the_presses_import(lite_run):
    """Every module the scripts imported came from the bundle, and the bundle holds little more."""
    _cases, response = lite_run
    imported, bundled = set(response["modules"]), set(lite.bundle_modules())
    assert imported <= bundled
    assert bundled - imported == BUNDLED_FOR_OTHER_PATHS


FORBIDDEN = {"subprocess", "threading", "_thread", "multiprocessing", "concurrent"}


def test_no_module_a_button_imports_starts_processes_or_threads(lite_run):
    _cases, response = lite_run
    modules = response["modules"]
    assert "rak_xl.buttons" in modules and "rak_xl.products.submit" in modules
    for module in modules:
        path = ROOT / (module.replace(".", "/") + ".py")
        if not path.exists():
            path = ROOT / module.replace(".", "/") / "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
            assert not {n.split(".")[0] for n in names} & FORBIDDEN, (module, names)
