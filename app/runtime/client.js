// The page's promise API to the Python worker.
//
//   const rt = new Runtime(config);
//   rt.gate = somePromise;                     // optional: the first boot waits for it
//   await rt.start();                          // boot Pyodide, mount py/
//   await rt.load(["numpy", "scikit-learn"]);  // packages, on demand, in order
//   const r = await rt.call("backprop_lab.lessons.playground", "train", {epochs: 1});
//
// Events (rt.on(name, fn)): "progress" {stage, detail, fraction}, "state" ("booting" |
// "ready" | "failed"), "fault" (an error that needs a Retry), "lost" (this runtime's worker is gone:
// died, restarted or terminated; runtime/share.js tells the deck's other slides).
// A worker that dies fails every pending call; restart() makes a fresh one.
//
// In a deck (rt.share = deckShare(), runtime/share.js): start() first looks for the deck's host
// among the sibling frames. Found, this runtime is its GUEST: its "worker" is a MessagePort to the
// host, which relays every request to its own worker, and its calls carry this page's client id, so
// its lessons keep their own state in the shared interpreter. Not found, it boots as usual and
// serves the deck's other frames. warm(packages) joins a host that is already up (never boots one):
// a hidden slide gets its packages loaded before it is shown.

export class RuntimeError extends Error {
  constructor({ kind, message, traceback, interrupted }) {
    super(message);
    this.kind = kind;           // "load" | "python" | "worker"
    this.traceback = traceback;
    this.interrupted = !!interrupted;   // a KeyboardInterrupt: the call was stopped on purpose
  }
}

/**
 * The worker's script URL. A worker started from a blob: URL inherits the page's Content-Security-
 * Policy, while one loaded from its own URL gets only what its response's headers say (GitHub Pages
 * sends none). So on Pyodide 314 (the Pages build) the worker starts from a blob that loads the real
 * file, and it, with any Python a student or a link runs in it, is held to the page's policy: no
 * fetch, XHR, beacon or script from another site (connect-src, script-src), and no eval. Pyodide 0.17
 * evaluates strings as it starts, which that policy forbids: its worker keeps its own URL, and
 * serve.py sends it the page's policy as a header, with 'unsafe-eval' added.
 */
export function policyBound(url, gen) {
  if (gen === "0.17") return url;
  return URL.createObjectURL(new Blob([`import ${JSON.stringify(String(url))};`], { type: "text/javascript" }));
}

export class Runtime {
  constructor(config) {
    this.config = config;
    this.listeners = {};
    this.pending = new Map();
    this.nextId = 1;
    this.answered = 0;          // calls answered so far (code-panel's Stop reads it)
    this.worker = null;
    this.info = null;
    this.loaded = new Set();
    this.loading = new Map();   // "numpy,scikit-learn" -> the promise of that load in flight
    this.share = null;          // a deck's sharing (runtime/share.js), set by main.js in a frame
    this.guest = false;         // true: this.worker is a port to the deck's host, not a Worker
    this.finding = null;        // the search for a host in flight (warm())
    // This page's name in a shared interpreter ("" when it boots its own worker: the host, or a page).
    this.client = `c${Math.random().toString(36).slice(2, 10)}`;
    // Stop for long calls: Python raises KeyboardInterrupt when this byte is 2.
    // It needs SharedArrayBuffer (COOP/COEP headers); without them training stops between chunks.
    this.interrupt = self.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
    // Test-only: the page event "backprop-lab:test-kill-worker" (no control dispatches it) ends the
    // worker from outside, as a crash or an out-of-memory abort does, even in the middle of a long
    // call; the page then learns of it only as it learns of a crash (the life lock), so tests run
    // the restart path for real.
    if (typeof addEventListener === "function") {
      addEventListener("backprop-lab:test-kill-worker", () => { if (this.worker) this.worker.terminate(); });
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
    const worker = new Worker(policyBound(this.workerURL(), gen), gen === "0.17" ? {} : { type: "module" });
    this.worker = worker;
    this.lifeLock = `backprop-lab-worker-${Math.random().toString(36).slice(2)}`;
    // The worker answers only on this port, handed over first. Whatever code in the worker posts with
    // self.postMessage (a forged progress line, a forged result) arrives on worker.onmessage, which
    // nothing listens to.
    const channel = new MessageChannel();
    channel.port1.onmessage = (ev) => { if (this.worker === worker) this.receive(ev.data); };
    worker.postMessage({ type: "channel" }, [channel.port2]);
    this.channel = channel.port1;
    worker.onerror = (ev) => {
      ev.preventDefault();
      if (this.worker === worker) this.die(`The Python worker stopped: ${ev.message || "unknown error"}`);
    };
  }

  /** Once the worker holds its life lock, wait for the lock: we get it when the worker dies. */
  watch() {
    const worker = this.worker;
    if (!navigator.locks || this.guest) return;
    // Denied in a frame of another site with third-party storage blocked: no death watch there.
    navigator.locks.request(this.lifeLock, () => {
      if (this.worker === worker) this.die("The Python worker stopped unexpectedly");
    }).catch(() => {});
  }

  receive(msg) {
    if (msg.type === "progress") {
      // A deck's host loading for one of its slides tells that slide, not its own loading line.
      if (this.progressTo && msg.stage === "package") this.progressTo(msg);
      else this.emit("progress", msg);
      return;
    }
    if (msg.type === "alive") { this.watch(); return; }
    if (msg.type === "lost") {
      if (!this.guest) return;
      if (msg.gone && this.share) this.share.hostGone();
      this.die(msg.message || "The deck's Python stopped");
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) { this.answered += 1; p.resolve(msg.result); } else p.reject(new RuntimeError(msg.error));
    // The interpreter itself failed (its JavaScript stack overflowed, say): this worker cannot be
    // trusted with another call. It is ended as a crash is, so the page restarts it and restores.
    if (!msg.ok && msg.error && msg.error.fatal && !this.guest) this.die(`Python failed: ${msg.error.message}`, true);
  }

  /** The worker is gone or cannot be trusted (fatal: its interpreter failed in a call). */
  die(message, fatal = false) {
    const err = new RuntimeError({ kind: "worker", message });
    err.fatal = fatal;
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
    const gate = this.gate || Promise.resolve();
    this.gate = null;
    return this.begin(gate.then(() => this.findHost()));
  }

  /** The deck's host, if this page is a slide of one and a host answers (or is about to). */
  async findHost() {
    if (!this.share) return null;
    if (this.finding) { const host = await this.finding; if (host) return host; }
    return this.share.find();
  }

  /** Join `host` (from the deck) or, when it is null, boot a worker of our own. */
  begin(hostPromise) {
    this.emit("state", "booting");
    this.ready = hostPromise.then((host) => (host ? this.join(host) : this.boot())).then((info) => {
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

  /** A guest of the deck's host: requests go through its port; Stop writes its interrupt byte. */
  join(host) {
    this.guest = true;
    this.worker = host.port;
    host.port.onmessage = (ev) => this.receive(ev.data);
    this.interrupt = host.interrupt || null;
    return this.send({ type: "start" }).then(({ interrupt, ...info }) => {
      if (interrupt) this.interrupt = interrupt;
      return info;
    });
  }

  /**
   * A slide not yet shown: if the deck's Python is already up, join it and load this lesson's
   * packages, so the slide is ready when it shows. Never boots Python itself.
   */
  async warm(packages) {
    if (this.ready || !this.share || this.finding) return;
    this.finding = this.share.find({ join: true });
    const host = await this.finding;
    this.finding = null;
    if (!host || this.ready) return;
    this.begin(Promise.resolve(host));
    await this.load(packages).catch(() => {});
  }

  boot() {
    this.guest = false;
    this.client = "";
    if (this.share) this.share.serve(this);   // at once: frames that ask meanwhile wait for this boot
    const base = document.baseURI;
    return Promise.resolve().then(() => { this.spawn(); }).then(() => this.send({
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
    }));
  }

  fail(err) {
    this.terminate(err && err.message);
    this.emit("state", "failed");
    this.emit("fault", err);
  }

  /**
   * Load packages (in order) unless already loaded; onProgress, if given, gets this load's progress
   * instead of the page's loading line (a deck's host loading for a slide). A failed load needs a restart. Callers that ask
   * for the same packages while they load (the shell's early load, then the lesson's) share one load.
   * Loads run one after another, never two at once in the worker (Pyodide 0.17 hangs on concurrent
   * loadPackage calls): a deck's slides ask the one shared worker for numpy and for numpy with
   * scikit-learn at the same moment.
   */
  async load(packages, { onProgress = null } = {}) {
    await this.start();
    if (packages.every((p) => this.loaded.has(p))) return;
    const key = packages.join(",");
    if (!this.loading.has(key)) {
      const worker = this.worker;
      const done = (this.lastLoad || Promise.resolve()).catch(() => {}).then(() => {
        const todo = packages.filter((p) => !this.loaded.has(p));
        if (!todo.length) return;
        if (this.worker !== worker) throw new RuntimeError({ kind: "worker", message: "restarted" });
        this.progressTo = onProgress;   // loads run one at a time: this one's progress goes there
        return this.send({ type: "load", packages: todo }).then(
          () => { if (this.worker === worker) todo.forEach((p) => this.loaded.add(p)); },
          (err) => { this.fail(err); throw err; })   // 0.17 cannot load anything after a broken package: start afresh
          .finally(() => { this.progressTo = null; });
      }).finally(() => { if (this.loading.get(key) === done) this.loading.delete(key); });
      this.loading.set(key, done);
      this.lastLoad = done;
    }
    return this.loading.get(key);
  }

  /** Call module.fn(**args) in Python; resolves to its data (arrays as {data, shape, dtype}). */
  async call(module, fn, args = {}, { client = this.client, quiet = false } = {}) {
    await this.start();
    if (this.interrupt) this.interrupt[0] = 0;
    try {
      return await this.send({ type: "call", module, fn, args, client });
    } catch (err) {
      // A real Python error: its full traceback, once (a guest's, in the guest). Stop/Pause
      // (KeyboardInterrupt) is no error.
      if (err.kind === "python" && !err.interrupted && !quiet) console.error(err.traceback);
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

  terminate(why = "Python was restarted") {
    const worker = this.worker;
    this.worker = null;   // first, so the life-lock watcher knows this death was ours
    this.ready = null;
    this.loading = new Map();
    this.lastLoad = null;
    if (!worker) return;
    if (this.guest) {     // leave the host (its worker lives on for the other slides)
      worker.postMessage({ type: "bye" });
      worker.close();
      this.guest = false;
    } else {
      worker.terminate();
      if (this.channel) this.channel.close();
      this.emit("lost", why);
    }
  }

  /** Terminate the worker and boot a fresh one (a guest asks the deck's host to). */
  restart() {
    if (this.guest && this.worker) this.worker.postMessage({ type: "restart" });
    this.terminate();
    for (const p of this.pending.values()) p.reject(new RuntimeError({ kind: "worker", message: "restarted" }));
    this.pending.clear();
    return this.start();
  }
}
