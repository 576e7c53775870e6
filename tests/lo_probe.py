"""Open a workbook in LibreOffice through UNO and report what a person would see.

Run with the Python that has LibreOffice's `uno` module (Debian: /usr/bin/python3
with python3-uno), not the project's interpreter:

    python3 tests/lo_probe.py BOOK.xlsm [--pdf SHEET OUT.pdf]... [--locked SHEET!A5:L5 ...]

Prints JSON: the Basic/VBA libraries and their modules, every form control
with the script its action event is bound to, the named drawing shapes (the
xlwings Lite buttons), the sheet names, each sheet's protection and visibility,
and for each --locked range the cells' locked flags.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    path = os.path.abspath(sys.argv[1])
    # --pdf SHEET OUT, as many times as wanted: one LibreOffice start for every sheet.
    pdfs = [tuple(sys.argv[i + 1:i + 3]) for i, a in enumerate(sys.argv) if a == "--pdf"]
    pipe = "rakxl" + uuid.uuid4().hex[:8]
    profile = tempfile.mkdtemp(prefix="lo_profile_")
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.25)
        if ctx is None:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # MacroExecutionMode 0 = never run macros: we inspect, we do not execute.
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                           (prop("Hidden", True), prop("MacroExecutionMode", 0)))
        result = {"sheets": list(doc.Sheets.ElementNames), "libraries": {}, "controls": [], "shapes": [],
                  "state": {}, "locked": {}}
        for name in doc.Sheets.ElementNames:
            sheet = doc.Sheets.getByName(name)
            result["state"][name] = {"protected": bool(sheet.isProtected()), "visible": bool(sheet.IsVisible)}
        for i, arg in enumerate(sys.argv):
            if arg == "--locked":
                ref = sys.argv[i + 1]
                name, cells = ref.rsplit("!", 1)
                area = doc.Sheets.getByName(name).getCellRangeByName(cells)
                result["locked"][ref] = [
                    [bool(area.getCellByPosition(c, r).CellProtection.IsLocked) for c in range(area.Columns.Count)]
                    for r in range(area.Rows.Count)]
        libs = doc.BasicLibraries
        for name in libs.ElementNames:
            libs.loadLibrary(name)
            result["libraries"][name] = list(libs.getByName(name).ElementNames)
        for sheet_name in doc.Sheets.ElementNames:
            page = doc.Sheets.getByName(sheet_name).DrawPage
            for si in range(page.Count):
                shape = page.getByIndex(si)
                if shape.supportsService("com.sun.star.drawing.Text") and not shape.supportsService(
                        "com.sun.star.drawing.ControlShape"):
                    result["shapes"].append({"sheet": sheet_name, "name": shape.Name, "text": shape.String})
            forms = page.Forms
            for fi in range(forms.Count):
                form = forms.getByIndex(fi)
                for ci in range(form.Count):
                    control = form.getByIndex(ci)
                    events = [e.ScriptCode for e in form.getScriptEvents(ci) if e.EventMethod == "actionPerformed"]
                    result["controls"].append({"sheet": sheet_name, "label": getattr(control, "Label", ""),
                                               "scripts": events})
        for sheet, out in pdfs:
            controller = doc.CurrentController
            controller.setActiveSheet(doc.Sheets.getByName(sheet))
            selection = doc.Sheets.getByName(sheet)
            filter_data = uno.Any("[]com.sun.star.beans.PropertyValue",
                                  tuple([prop("Selection", selection)]))
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                           (prop("FilterName", "calc_pdf_Export"), prop("FilterData", filter_data)))
            result["pdf"] = os.path.abspath(out)
        doc.close(True)
        print(json.dumps(result))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
