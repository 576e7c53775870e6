// Run tests/lite_driver.py inside Pyodide (Node), offline: node lite_runner.mjs PYODIDE_DIR WORK_DIR
// WORK_DIR is mounted at /w: it holds site/ (unpacked wheels), main.py, request.json; the driver
// writes response.json there. WORK_DIR/data is mounted at /data, where xlwings Lite lets scripts
// write. Pyodide loads from the npm package folder only, never the network.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, workDir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const request = JSON.parse(readFileSync(join(workDir, "request.json"), "utf8"));
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", env: request.env, stdout: (s) => console.error(s) });
pyodide.FS.mkdir("/w");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: workDir }, "/w");
pyodide.FS.mkdir("/data");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: join(workDir, "data") }, "/data");
await pyodide.runPythonAsync(readFileSync(new URL("./lite_driver.py", import.meta.url), "utf8"));
