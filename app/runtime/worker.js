// Backprop Lab's Python worker: the only code that touches Pyodide.
//
// The same file runs as a classic worker (Pyodide 0.17, which needs importScripts)
// and as a module worker (Pyodide 314, which is an ES module), so it has no
// top-level import/export and no top-level await.
//
// Messages in:  {id, type: "init" | "load" | "call" | "source" | "stats", ...}; a call names its
//               client (a slide of a deck that shares this worker; "" for the page that started it)
// Messages out: {id, ok, result | error}  and  {type: "progress", stage, detail, fraction}
//
// A Python error is caught in Python (callLesson below), so it never crosses into JS as an
// exception: Pyodide 0.17 would print every such crossing to the console itself. The page logs a
// real error's traceback once (client.js); a KeyboardInterrupt (Stop, Pause) is an expected
// outcome and logs nothing.
"use strict";

// Everything below lives in this function's scope, not in the worker's global scope: Python a student
// or a link runs here can reach the globals (js.self, and eval on 0.17), but not the channel to the
// page, nor the function that writes to it.
(() => {
let pyodide = null;     // the Pyodide API once booted
let bridge = null;      // backprop_lab.bridge, as PyProxy functions
let settings = null;    // the init message: gen, indexURL, packageBaseUrl, pyZip, packages
let pendingFault = null; // an uncaught error seen while loading (0.17 hides them)
let callLesson = null;  // Python: "0" + result JSON, "1" + traceback, or "2" + traceback (interrupted)

const LOAD_TIMEOUT_MS = 90000;

// The page trusts only messages on the MessagePort it hands over first ({type: "channel"}); what
// code posts with self.postMessage reaches nothing the page listens to. The port's postMessage is
// bound when it arrives, before any Python runs, so patching MessagePort.prototype later changes nothing.
let send = null;
function post(msg, transfer) { if (send) send(msg, transfer || []); }
self.addEventListener("message", function take(ev) {
  if (!ev.data || ev.data.type !== "channel" || !ev.ports[0]) return;
  ev.stopImmediatePropagation();
  self.removeEventListener("message", take);
  send = MessagePort.prototype.postMessage.bind(ev.ports[0]);
});
function progress(stage, detail, fraction) { post({ type: "progress", stage, detail, fraction }); }

// 0.17 reports a missing or broken .data file only as an uncaught error, and the
// loadPackage promise never settles. While loading, catch it here and fail the load with it.
let loading = false;
self.addEventListener("error", (e) => {
  if (!loading) return;   // otherwise it reaches the page, which restarts the worker
  e.preventDefault();
  pendingFault = e.message || String(e);
});
self.addEventListener("unhandledrejection", (e) => {
  if (!loading) return;
  e.preventDefault();
  pendingFault = (e.reason && e.reason.message) || String(e.reason);
});

function withTimeout(promise, ms, what) {
  loading = true;
  pendingFault = null;
  const done = new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (pendingFault) { clearInterval(timer); reject(new Error(pendingFault)); }
      else if (Date.now() - started > ms) { clearInterval(timer); reject(new Error(`${what} timed out`)); }
    }, 100);
    promise.then((v) => { clearInterval(timer); resolve(v); },
                 (e) => { clearInterval(timer); reject(e); });
  });
  return done.finally(() => { loading = false; });
}

// Check files before loading them, so a failure names the file: missing (HTTP status), or
// truncated or changed (its size differs from the build's record in config.json). A HEAD
// request that cannot be made (offline, served from the service worker's cache) checks nothing.
async function firstBadFile(urls) {
  for (const url of urls) {
    const name = url.split("/").pop();
    let r;
    try {
      r = await fetch(url, { method: "HEAD", cache: "no-store" });
    } catch (e) {
      continue;
    }
    if (!r.ok) return `${name} (HTTP ${r.status})`;
    const expected = settings.sizes && settings.sizes[name];
    const length = Number(r.headers.get("content-length"));
    if (expected && length && !r.headers.get("content-encoding") && length !== expected) {
      return `${name} is truncated or damaged (${length} of ${expected} bytes)`;
    }
  }
  return null;
}

const CORE_FILES = {
  "0.17": ["pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "pyodide.asm.data", "packages.json"],
  "314": ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"],
};

async function bootRuntime() {
  const { gen, indexURL } = settings;
  progress("runtime", `Python runtime (Pyodide ${gen})`, 0);
  if (settings.sizes) {
    const bad = await firstBadFile(CORE_FILES[gen].map((f) => indexURL + f));
    if (bad) throw new LoadError(`Could not load the Python runtime: ${bad}`);
  }
  try {
    if (gen === "0.17") {
      importScripts(indexURL + "pyodide.js");   // classic worker only
      pyodide = await withTimeout(self.loadPyodide({ indexURL }), LOAD_TIMEOUT_MS, "Pyodide");
    } else {
      const mod = await importChecked(indexURL + "pyodide.mjs", settings.integrity);  // module worker only
      // packageBaseUrl (absolute): wheels from there, each checked against the sha256 in the
      // lock file loaded from indexURL (the site's own copy).
      const options = settings.packageBaseUrl ? { indexURL, packageBaseUrl: settings.packageBaseUrl } : { indexURL };
      pyodide = await withTimeout(mod.loadPyodide(options), LOAD_TIMEOUT_MS, "Pyodide");
    }
  } catch (err) {
    const missing = await firstBadFile(CORE_FILES[gen].map((f) => indexURL + f));
    throw new LoadError(missing ? `Could not load the Python runtime: ${missing}` :
                        `Could not start the Python runtime: ${err.message}`);
  }
  progress("runtime", "Python runtime ready", 1);
}

class LoadError extends Error {}

// import() cannot check Subresource Integrity, so fetch the module with its hash (the fetch
// fails if the file differs) and import that very text.
async function importChecked(url, integrity) {
  if (!integrity) return import(url);
  const resp = await fetch(url, { integrity });
  if (!resp.ok) throw new LoadError(`${url.split("/").pop()} (HTTP ${resp.status})`);
  const code = URL.createObjectURL(new Blob([await resp.text()], { type: "text/javascript" }));
  return import(code);
}

// The worker holds a Web Lock for as long as it lives. The page asks for the same lock, and
// gets it the moment the worker dies (crash, close, out of memory): no polling needed.
function holdLifeLock(name) {
  if (!name || !self.navigator.locks) return;
  self.navigator.locks.request(name, () => {
    post({ type: "alive" });
    return new Promise(() => {});   // never released while the worker lives
  }).catch(() => {});   // denied (a frame of another site, storage blocked): the page watches nothing
}

function runPython(code) {
  // runPython(code, namespace) on 0.17; runPython(code, {globals}) on 314. We need neither.
  return pyodide.runPython(code);
}

async function mountPackage() {
  const resp = await fetch(settings.pyZip);
  const name = settings.pyZip.split("/").pop();
  if (!resp.ok) throw new LoadError(`Could not load the lab's Python code: ${name} (HTTP ${resp.status})`);
  const bytes = new Uint8Array(await resp.arrayBuffer());
  const FS = pyodide.FS || pyodide._module.FS;   // 314 / 0.17
  FS.mkdirTree("/lab");
  FS.writeFile("/lab/backprop_lab.zip", bytes);
  try {
    runPython([
      "import sys, zipfile",
      "zipfile.ZipFile('/lab/backprop_lab.zip').extractall('/lab/py')",
      "sys.path.insert(0, '/lab/py')",
    ].join("\n"));
  } catch (err) {   // a truncated or damaged zip: BadZipFile, or a bad CRC
    throw new LoadError(`Could not load the lab's Python code: ${name} is truncated or damaged (${pythonError(err).message})`);
  }
}

async function loadPackages(names) {
  const todo = names.filter((n) => !pyodide.loadedPackages[n]);
  for (let i = 0; i < todo.length; i++) {
    const name = todo[i];
    if (!settings.packages.includes(name)) {
      throw new LoadError(`Package ${name} is not in the lab's config (pyscript.toml)`);
    }
    const bad = await firstBadFile(packageFiles(name).map((f) => settings.indexURL + f));
    if (bad) throw new LoadError(`Could not load ${name}: ${bad}`);
    progress("package", name, i / todo.length);
    const errors = [];
    const onMessage = (m) => progress("package", `${name}: ${m}`, i / todo.length);
    const onError = (m) => errors.push(m);
    const loading = settings.gen === "0.17"
      ? pyodide.loadPackage([name], onMessage, onError)
      : pyodide.loadPackage([name], { messageCallback: onMessage, errorCallback: onError });
    try {
      await withTimeout(loading, LOAD_TIMEOUT_MS, `Loading ${name}`);
    } catch (err) {
      errors.push(err.message);
    }
    if (!pyodide.loadedPackages[name]) {
      throw new LoadError(await describePackageFailure(name, errors));
    }
    try {
      bridge.after_load(name);
    } catch (err) {
      throw Object.assign(new Error(), { python: pythonError(err) });
    }
  }
  progress("package", "packages ready", 1);
}

/** The files a package load fetches, where we can know them (0.17: a package and its dependencies). */
function packageFiles(name) {
  if (settings.gen !== "0.17") return [];
  const deps = (pyodide._module.packages && pyodide._module.packages.dependencies) || {};
  const closure = [name];
  for (let i = 0; i < closure.length; i++) {
    for (const d of deps[closure[i]] || []) if (!closure.includes(d)) closure.push(d);
  }
  return closure.filter((p) => p === name || !pyodide.loadedPackages[p]).flatMap((p) => [`${p}.js`, `${p}.data`]);
}

async function describePackageFailure(name, errors) {
  const missing = await firstBadFile(packageFiles(name).map((f) => settings.indexURL + f));
  if (missing) return `Could not load ${name}: ${missing}`;
  const detail = errors.filter(Boolean).join("; ");
  if (settings.packageBaseUrl) {
    const why = await whyNoWheel(name);
    if (why) return why;
  }
  if (settings.gen !== "0.17") {
    return `${name} is not available in this Pyodide ${settings.gen} build (${detail || "no package files"})`;
  }
  return `Could not load ${name}${detail ? ": " + detail : ""}`;
}

/**
 * Packages from the CDN (the Pages build): was the wheel out of reach, or not the file the site's own
 * pyodide-lock.json names (Pyodide checks its sha256 and refuses it)? Fetched again, unchecked, to tell.
 */
async function whyNoWheel(name) {
  let entry;
  try {
    const lock = await (await fetch(settings.indexURL + "pyodide-lock.json")).json();
    entry = lock.packages[name.toLowerCase()];
  } catch {
    return null;
  }
  if (!entry) return null;
  const url = settings.packageBaseUrl + entry.file_name;
  const host = new URL(url).host;
  let r;
  try {
    r = await fetch(url, { cache: "no-store" });
  } catch {
    return `Could not download ${name} from ${host}: there is no connection to it. Check the network, then Retry`;
  }
  if (!r.ok) return `Could not download ${name} from ${host}: HTTP ${r.status}`;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await r.arrayBuffer()));
  const hex = [...digest].map((x) => x.toString(16).padStart(2, "0")).join("");
  if (hex === entry.sha256) return `Could not download ${name} from ${host} (the connection failed). Retry`;
  return `${name} from ${host} is not the file the site's pyodide-lock.json names (its sha256 differs), ` +
    "so it was refused and nothing of it ran";
}

function pythonError(err) {
  // PythonError carries the traceback in .message on both versions.
  return tracebackError(String(err.message || err));
}

/** {kind: "python", message: the traceback's last line, traceback, interrupted: KeyboardInterrupt?} */
function tracebackError(text) {
  const lines = text.trim().split("\n").filter((l) => l.trim());
  const message = lines[lines.length - 1] || text;
  return { kind: "python", message, traceback: text, interrupted: /^KeyboardInterrupt\b/.test(message) };
}

const FATAL = /Maximum call stack size exceeded|hiwire|Internal error|RangeError/;

// bridge.run_lesson with every Python exception caught in Python and returned as text.
const CALL_LESSON = [
  "def _backprop_lab_call(module, fn, args_json, client):",
  "    import traceback",
  "    from backprop_lab import bridge",
  "    try:",
  "        return '0' + bridge.run_lesson(module, fn, args_json, client)",
  "    except KeyboardInterrupt:",
  "        return '2' + traceback.format_exc()",
  "    except BaseException:",
  "        return '1' + traceback.format_exc()",
  "_backprop_lab_call",
].join("\n");

// Turn the bridge's JSON (with array placeholders) back into data, copying each array's bytes.
function revive(json, transfer) {
  return JSON.parse(json, (key, value) => {
    if (value && typeof value === "object" && "__array__" in value) {
      const proxy = bridge.take_array(value.__array__);
      try {
        const buf = proxy.getBuffer();
        try {
          const copy = buf.data.slice();   // wasm memory cannot be transferred; copy it
          transfer.push(copy.buffer);
          return { data: copy, shape: value.shape, dtype: value.dtype };
        } finally { buf.release(); }
      } finally { proxy.destroy(); }
    }
    return value;
  });
}

const handlers = {
  async init(msg) {
    settings = msg;
    holdLifeLock(msg.lifeLock);
    await bootRuntime();
    await mountPackage();
    if (msg.interrupt && pyodide.setInterruptBuffer) pyodide.setInterruptBuffer(msg.interrupt);
    bridge = runPython("import backprop_lab.bridge\nbackprop_lab.bridge");
    callLesson = runPython(CALL_LESSON);
    const version = runPython("import sys; sys.version.split()[0]");
    return { python: version, pyodide: settings.gen };
  },
  async load(msg) {
    await loadPackages(msg.packages);
    return null;
  },
  async call(msg) {
    let out;
    try {
      out = callLesson(msg.module, msg.fn, JSON.stringify(msg.args || {}), String(msg.client || ""));
    } catch (err) {   // not a Python exception (callLesson catches those): the interpreter itself failed
      throw Object.assign(new Error(), { python: { ...pythonError(err), fatal: true } });
    }
    if (out[0] !== "0") {
      const python = tracebackError(out.slice(1));
      // The JavaScript stack overflowed under Python (a deep recursion with a raised recursion limit):
      // Pyodide's own state is not to be trusted after that, so the page restarts this worker.
      if (FATAL.test(python.message)) python.fatal = true;
      throw Object.assign(new Error(), { python });
    }
    const transfer = [];
    try {
      return { value: revive(out.slice(1), transfer), transfer };
    } catch (err) {   // an array the bridge cannot hand over: one line, like any Python error
      throw Object.assign(new Error(), { python: pythonError(err) });
    }
  },
  // For bench/memory.py: the interpreter's WebAssembly memory, in bytes; for the pre-class check:
  // every file this worker fetched, with the bytes that crossed the network (0 from a cache).
  async stats() {
    const module = pyodide._module;
    const files = performance.getEntriesByType("resource").map((e) =>
      ({ name: e.name, transfer: e.transferSize, size: e.decodedBodySize }));
    return { wasmBytes: module && module.HEAP8 ? module.HEAP8.length : null, files };
  },
  async source(msg) {
    return bridge.get_source(msg.module, msg.fn || null);
  },
};

self.addEventListener("message", async (ev) => {
  const msg = ev.data;
  try {
    if (!Object.hasOwn(handlers, msg.type)) throw new Error(`Unknown message ${String(msg.type).slice(0, 40)}`);
    const out = await handlers[msg.type](msg);
    if (out && out.transfer) post({ id: msg.id, ok: true, result: out.value }, out.transfer);
    else post({ id: msg.id, ok: true, result: out });
  } catch (err) {
    const error = err.python ||
      { kind: err instanceof LoadError ? "load" : "worker", message: err.message || String(err) };
    post({ id: msg.id, ok: false, error });   // the page logs a real error's traceback, once
  }
});
})();
