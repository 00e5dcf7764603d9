// The page's promise API to the Python worker.
//
//   const rt = new Runtime(config);
//   rt.gate = somePromise;                     // optional: the first boot waits for it
//   await rt.start();                          // boot Pyodide, mount py/
//   await rt.load(["numpy", "scikit-learn"]);  // packages, on demand, in order
//   const r = await rt.call("backprop_lab.lessons.playground", "train", {epochs: 1});
//
// Events (rt.on(name, fn)): "progress" {stage, detail, fraction}, "state" ("booting" |
// "ready" | "failed"), "fault" (an error that needs a Retry).
// A worker that dies fails every pending call; restart() makes a fresh one.

export class RuntimeError extends Error {
  constructor({ kind, message, traceback, interrupted }) {
    super(message);
    this.kind = kind;           // "load" | "python" | "worker"
    this.traceback = traceback;
    this.interrupted = !!interrupted;   // a KeyboardInterrupt: the call was stopped on purpose
  }
}

export class Runtime {
  constructor(config) {
    this.config = config;
    this.listeners = {};
    this.pending = new Map();
    this.nextId = 1;
    this.worker = null;
    this.info = null;
    this.loaded = new Set();
    this.loading = new Map();   // "numpy,scikit-learn" -> the promise of that load in flight
    // Stop for long calls: Python raises KeyboardInterrupt when this byte is 2.
    // It needs SharedArrayBuffer (COOP/COEP headers); without them training stops between chunks.
    this.interrupt = self.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
    // Test-only: the page event "backprop-lab:test-kill-worker" (no control dispatches it) makes
    // the worker close itself, as a crash would, so tests can run the restart path for real.
    if (typeof addEventListener === "function") {
      addEventListener("backprop-lab:test-kill-worker", () => { if (this.worker) this.worker.postMessage({ id: 0, type: "die" }); });
    }
  }

  on(name, fn) { (this.listeners[name] ||= []).push(fn); return this; }
  emit(name, data) { for (const fn of this.listeners[name] || []) fn(data); }

  workerURL() {
    return new URL("app/runtime/worker.js", document.baseURI);
  }

  spawn() {
    const gen = this.config.pyodide.gen;
    // 0.17 only boots in a classic worker, 314 only in a module worker.
    const worker = new Worker(this.workerURL(), gen === "0.17" ? {} : { type: "module" });
    this.worker = worker;
    this.lifeLock = `backprop-lab-worker-${Math.random().toString(36).slice(2)}`;
    worker.onmessage = (ev) => this.receive(ev.data);
    worker.onerror = (ev) => {
      ev.preventDefault();
      if (this.worker === worker) this.die(`The Python worker stopped: ${ev.message || "unknown error"}`);
    };
  }

  /** Once the worker holds its life lock, wait for the lock: we get it when the worker dies. */
  watch() {
    const worker = this.worker;
    if (!navigator.locks) return;
    // Denied in a frame of another site with third-party storage blocked: no death watch there.
    navigator.locks.request(this.lifeLock, () => {
      if (this.worker === worker) this.die("The Python worker stopped unexpectedly");
    }).catch(() => {});
  }

  receive(msg) {
    if (msg.type === "progress") { this.emit("progress", msg); return; }
    if (msg.type === "alive") { this.watch(); return; }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new RuntimeError(msg.error));
  }

  die(message) {
    const err = new RuntimeError({ kind: "worker", message });
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.fail(err);
  }

  send(msg) {
    if (!this.worker) return Promise.reject(new RuntimeError({ kind: "worker", message: "The Python worker is not running" }));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...msg });
    });
  }

  /**
   * Boot the worker once; later calls share the same promise. The first boot waits for `gate`
   * if the page set one (main.js: until the service worker controls the page on a first visit,
   * so the worker's downloads go through it and are cached once, not fetched twice).
   */
  start() {
    if (this.ready) return this.ready;
    this.emit("state", "booting");
    const gate = this.gate || Promise.resolve();
    this.gate = null;
    const base = document.baseURI;
    this.ready = gate.then(() => { this.spawn(); }).then(() => this.send({
      type: "init",
      gen: this.config.pyodide.gen,
      indexURL: new URL(this.config.pyodide.indexURL, base).href,
      // Where the package wheels come from, when not from indexURL (the Pages build: the CDN).
      packageBaseUrl: this.config.pyodide.packageBaseUrl || null,
      integrity: this.config.pyodide.integrity || null,
      sizes: this.config.pyodide.sizes || null,
      pyZip: new URL(this.config.py.zip, base).href,
      packages: this.config.packages,
      interrupt: this.interrupt,
      lifeLock: this.lifeLock,
    })).then((info) => {
      this.info = info;
      this.loaded = new Set();
      this.emit("state", "ready");
      return info;
    }, (err) => {
      this.fail(err);
      throw err;
    });
    return this.ready;
  }

  fail(err) {
    this.terminate();
    this.emit("state", "failed");
    this.emit("fault", err);
  }

  /**
   * Load packages (in order) unless already loaded. A failed load needs a restart. Callers that ask
   * for the same packages while they load (the shell's early load, then the lesson's) share one load.
   */
  async load(packages) {
    await this.start();
    const todo = packages.filter((p) => !this.loaded.has(p));
    if (!todo.length) return;
    const key = todo.join(",");
    if (!this.loading.has(key)) {
      const worker = this.worker;
      const done = this.send({ type: "load", packages: todo }).then(
        () => { if (this.worker === worker) todo.forEach((p) => this.loaded.add(p)); },
        (err) => { this.fail(err); throw err; })   // 0.17 cannot load anything after a broken package: start afresh
        .finally(() => { if (this.loading.get(key) === done) this.loading.delete(key); });
      this.loading.set(key, done);
    }
    return this.loading.get(key);
  }

  /** Call module.fn(**args) in Python; resolves to its data (arrays as {data, shape, dtype}). */
  async call(module, fn, args = {}) {
    await this.start();
    if (this.interrupt) this.interrupt[0] = 0;
    try {
      return await this.send({ type: "call", module, fn, args });
    } catch (err) {
      // A real Python error: its full traceback, once. Stop/Pause (KeyboardInterrupt) is no error.
      if (err.kind === "python" && !err.interrupted) console.error(err.traceback);
      throw err;
    }
  }

  /** Source of a Python function, read from the files the worker actually loaded. */
  async source(module, fn) {
    await this.start();
    return this.send({ type: "source", module, fn });
  }

  /** Memory figures of the worker (bench/memory.py). */
  async stats() {
    await this.start();
    return this.send({ type: "stats" });
  }

  /** Ask a running Python call to stop (KeyboardInterrupt); no-op without SharedArrayBuffer. */
  stop() { if (this.interrupt) this.interrupt[0] = 2; }

  terminate() {
    const worker = this.worker;
    this.worker = null;   // first, so the life-lock watcher knows this death was ours
    this.ready = null;
    this.loading = new Map();
    if (worker) worker.terminate();
  }

  /** Terminate the worker and boot a fresh one. */
  restart() {
    this.terminate();
    for (const p of this.pending.values()) p.reject(new RuntimeError({ kind: "worker", message: "restarted" }));
    this.pending.clear();
    return this.start();
  }
}
