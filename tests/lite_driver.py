"""Runs inside Pyodide (tests/lite_runner.mjs): press each requested xlwings Lite script as Lite does.

Lite's runtime, like xlwings Server, sets XLWINGS_ON_SERVER=true before importing xlwings (so
`from xlwings import script` is the real decorator; tests/lite_harness.py passes it in the
environment). It loads main.py (which carries rak_xl itself), sends each script the workbook's JSON
less the cells of the sheets its include/exclude leave out (xlwings' clients list such a sheet with
empty values), builds the book from it (`xw.Book(json=...)`), calls the @script function through
xlwings' own `custom_scripts_call` with that book injected, then carries out the actions
`book.json()` lists. Here the actions are written to /w/response.json instead, with the scripts'
metadata (their buttons), the rak_xl modules that were imported and where from, the files a script
wrote to Lite's /data, and any file written elsewhere.
"""

import importlib.util
import json
import os
import sys
import time
import traceback

sys.path.insert(0, "/w/site")
sys.dont_write_bytecode = True  # /w is the host's folder: leave nothing behind but response.json

import xlwings as xw
from xlwings.server import custom_scripts_call, custom_scripts_meta


def _files(top):
    found = set()
    for folder, _dirs, names in os.walk(top):
        found.update(os.path.join(folder, n) for n in names)
    return found


def _sent(payload, meta):
    names = lambda key: [n for n in (meta.get(key) or "").split(",") if n]  # noqa: E731
    include, exclude = names("include"), names("exclude")
    sheets = [{**s, "values": [[]]} if (include and s["name"] not in include) or s["name"] in exclude else s
              for s in payload["sheets"]]
    return {**payload, "sheets": sheets}


request = json.load(open("/w/request.json", encoding="utf-8"))
spec = importlib.util.spec_from_file_location("main", "/w/main.py")
main = importlib.util.module_from_spec(spec)
spec.loader.exec_module(main)
meta = {m["function_name"]: m for m in custom_scripts_meta(main)}
watched = ("/home", "/tmp")
before = {top: _files(top) for top in watched}
results = []
for case in request["cases"]:
    book = xw.Book(json=_sent(case["payload"], meta.get(case["script"], {})))
    error = None
    start = time.perf_counter()
    try:
        await custom_scripts_call(main, case["script"], typehint_to_value={xw.Book: book})  # noqa: F704, PLE1142
    except Exception:
        error = traceback.format_exc()
    results.append({"script": case["script"], "actions": book.json()["actions"], "error": error,
                    "seconds": round(time.perf_counter() - start, 3)})
written = sorted(f for top in watched for f in _files(top) - before[top])
response = {
    "platform": sys.platform,
    "python": sys.version.split()[0],
    "xlwings": xw.__version__,
    "meta": list(meta.values()),
    "modules": sorted(m for m in sys.modules if m == "rak_xl" or m.startswith("rak_xl.")),
    "rak_xl_from": sys.modules["rak_xl"].__file__ if "rak_xl" in sys.modules else None,
    "data": sorted(os.path.relpath(f, "/data") for f in _files("/data")),
    "written": written,
    "results": results,
}
with open("/w/response.json", "w", encoding="utf-8") as fh:
    json.dump(response, fh, ensure_ascii=False)
