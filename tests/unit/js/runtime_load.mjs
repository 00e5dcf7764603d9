// Runtime.load (app/runtime/client.js) against a fake worker: callers that ask for the same
// packages while they load share one "load" message (the shell's early boot, then the lesson's
// page.ready); a failed load fails them all once and the next load boots a fresh worker; the first
// boot waits for the page's gate (main.js: the service worker taking control on a first visit).
import assert from "node:assert/strict";

globalThis.self = globalThis;
globalThis.document = { baseURI: "http://lab.test/" };
const { Runtime } = await import("../../../app/runtime/client.js");

const tick = () => new Promise((r) => setTimeout(r, 0));

class FakeRuntime extends Runtime {
  spawn() {
    const sent = (this.sent ||= []);
    this.spawned = (this.spawned || 0) + 1;
    this.worker = { postMessage: (m) => sent.push(m), terminate() {} };
  }
  /** Answer the oldest message of this type as the worker would. */
  async answer(type, ok = true) {
    await tick();
    const i = this.sent.findIndex((m) => m.type === type && !m.answered);
    assert.ok(i >= 0, `a ${type} message was sent`);
    const m = this.sent[i];
    m.answered = true;
    this.receive(ok ? { id: m.id, ok: true, result: type === "init" ? { python: "3.8.2" } : null }
                    : { id: m.id, ok: false, error: { kind: "load", message: "numpy.data is truncated" } });
    await tick();
  }
}

const config = { pyodide: { gen: "0.17", indexURL: "pyodide/" }, py: { zip: "py/backprop_lab.zip" }, packages: ["numpy"] };

// Two loads of the same package while it loads: one message, both resolve.
{
  const rt = new FakeRuntime(config);
  const early = rt.load(["numpy"]);
  const lesson = rt.load(["numpy"]);
  await rt.answer("init");
  assert.equal(rt.sent.filter((m) => m.type === "load").length, 1, "one load message for two callers");
  await rt.answer("load");
  await Promise.all([early, lesson]);
  assert.ok(rt.loaded.has("numpy"));
  await rt.load(["numpy"]);   // loaded: no message at all
  assert.equal(rt.sent.filter((m) => m.type === "load").length, 1);
  assert.equal(rt.spawned, 1);
}

// A failed load rejects every caller with the same error, once; the next load boots afresh.
{
  const rt = new FakeRuntime(config);
  const faults = [];
  rt.on("fault", (e) => faults.push(e.message));
  const a = rt.load(["numpy"]).catch((e) => e);
  const b = rt.load(["numpy"]).catch((e) => e);
  await rt.answer("init");
  await rt.answer("load", false);
  assert.match((await a).message, /truncated/);
  assert.equal(await b, await a, "both callers get the same error");
  assert.deepEqual(faults, ["numpy.data is truncated"], "one fault for one failed load");
  const again = rt.load(["numpy"]);
  await tick();
  assert.equal(rt.spawned, 2, "a fresh worker after the failure");
  await rt.answer("init");
  await rt.answer("load");
  await again;
  assert.ok(rt.loaded.has("numpy"));
}

// Different package lists load one after the other (scikit-learn after numpy, asking only for it).
{
  const rt = new FakeRuntime(config);
  const n = rt.load(["numpy"]);
  await rt.answer("init");
  const s = rt.load(["numpy", "scikit-learn"]);
  await tick();
  const loads = () => rt.sent.filter((m) => m.type === "load").map((m) => m.packages.join(","));
  assert.deepEqual(loads(), ["numpy"], "the second load waits for the first");
  await rt.answer("load");
  await tick();
  assert.deepEqual(loads(), ["numpy", "scikit-learn"]);
  await rt.answer("load");
  await Promise.all([n, s]);
  assert.ok(rt.loaded.has("scikit-learn"));
}
// The first boot waits for the gate; a restart after that does not.
{
  const rt = new FakeRuntime(config);
  let open;
  rt.gate = new Promise((r) => { open = r; });
  const first = rt.load(["numpy"]);
  await tick();
  assert.equal(rt.spawned, undefined, "no worker before the gate opens");
  open();
  await tick();
  assert.equal(rt.spawned, 1);
  await rt.answer("init");
  await rt.answer("load");
  await first;
  rt.terminate();
  rt.load(["numpy"]).catch(() => {});
  await tick();
  assert.equal(rt.spawned, 2, "a restart does not wait for the gate again");
}
console.log("runtime_load: ok");

// A deck's slides ask the shared worker for ["numpy"] and ["numpy", "scikit-learn"] at once: the worker
// gets one load at a time (Pyodide 0.17 hangs on concurrent loadPackage calls), and the second asks
// only for what the first did not load.
{
  const rt = new FakeRuntime({ ...config, packages: ["numpy", "scikit-learn"] });
  const a = rt.load(["numpy", "scikit-learn"]);
  const b = rt.load(["numpy"]);
  await rt.answer("init");
  await tick();
  assert.equal(rt.sent.filter((m) => m.type === "load").length, 1, "one load in the worker at a time");
  await rt.answer("load");
  await a;
  await b;
  assert.deepEqual(rt.sent.filter((m) => m.type === "load").map((m) => m.packages), [["numpy", "scikit-learn"]],
    "numpy was loaded by the first: the second sends nothing");
  const c = rt.load(["numpy"]);
  const d = rt.load(["numpy", "scikit-learn", "matplotlib"]);
  await c;
  await tick();
  assert.deepEqual(rt.sent.filter((m) => m.type === "load").map((m) => m.packages).at(-1), ["matplotlib"]);
  await rt.answer("load");
  await d;
}
console.log("runtime load: serial ok");

// A deck's host loading for a slide (onProgress): that load's progress goes to the slide alone, not to
// the host's own loading line; the host's own loads, and the boot, still show on its line.
{
  const rt = new FakeRuntime({ ...config, packages: ["numpy", "scikit-learn"] });
  const shown = [];
  const toSlide = [];
  rt.on("progress", (m) => shown.push(m.detail));
  const own = rt.load(["numpy"]);
  await rt.answer("init");
  await tick();
  rt.receive({ type: "progress", stage: "package", detail: "numpy", fraction: 0 });
  await rt.answer("load");
  await own;
  const forSlide = rt.load(["scikit-learn"], { onProgress: (m) => toSlide.push(m.detail) });
  await tick();
  await tick();
  rt.receive({ type: "progress", stage: "package", detail: "scikit-learn", fraction: 0 });
  await rt.answer("load");
  await forSlide;
  rt.receive({ type: "progress", stage: "runtime", detail: "Python runtime", fraction: 1 });
  assert.deepEqual(toSlide, ["scikit-learn"], "the slide hears its own load");
  assert.deepEqual(shown, ["numpy", "Python runtime"], "the host's line shows only its own");
}
console.log("runtime load: progress to the slide that asked ok");
