// ui/storage.js: a denied sessionStorage (a frame of another site) becomes one in memory, and the
// page says edits are not kept; ui/progress.js: the loading line speaks words, never a URL.
import assert from "node:assert/strict";

// As in a third-party frame with storage blocked: merely reading the property throws.
Object.defineProperty(globalThis, "sessionStorage", {
  configurable: true,
  get() { throw new DOMException("Failed to read the 'sessionStorage' property from 'Window': Access is denied for this document."); },
});
// localStorage likewise (the exercises' lasting store).
Object.defineProperty(globalThis, "localStorage", {
  configurable: true,
  get() { throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document."); },
});
const { tabStorage, storageKept, usable, memoryStorage, overflowing, lastingStorage, lastingKept, storageNoteText } =
  await import("../../../app/ui/storage.js");
const { editStore } = await import("../../../app/ui/code-panel.js");
const { progressText } = await import("../../../app/ui/progress.js");

// ----- denied: the lab's storage is memory, and works like the real one -----
assert.equal(storageKept(), false, "a denied storage is reported as not kept");
const s = tabStorage();
assert.equal(s, tabStorage(), "one store for the whole page");
s.setItem("backprop-lab.exercise:sigmoid", JSON.stringify({ state: "passed" }));
assert.equal(JSON.parse(s.getItem("backprop-lab.exercise:sigmoid")).state, "passed");
const edits = editStore(s);
assert.equal(edits.set({ module: "backprop_lab.lessons.neuron", name: "neuron", draft: "x", running: "x" }), true);
assert.deepEqual(edits.all().map((e) => e.name), ["neuron"], "the edits' store lists what was set");
edits.remove("backprop_lab.lessons.neuron", "neuron");
assert.deepEqual(edits.all(), []);
assert.equal(s.getItem("nothing"), null);

// ----- denied localStorage: the exercises' store is memory too, apart from the tab's -----
assert.equal(lastingKept(), false, "a denied localStorage is reported as not kept");
const l = lastingStorage();
assert.equal(l, lastingStorage());
assert.notEqual(l, s, "the lasting store is not the tab's");
l.setItem("backprop-lab.exercise:neuron", "{}");
assert.equal(l.getItem("backprop-lab.exercise:neuron"), "{}");
assert.equal(s.getItem("backprop-lab.exercise:neuron"), null);
assert.match(storageNoteText("Your progress and your code", false, true),
  /^Your progress and your code will not be kept when this page closes: the browser does not let the lab store anything here\. Export them/);
assert.match(storageNoteText("Your progress and your code", "full", true), /storage for the lab is full/);
assert.match(storageNoteText("Your edits", false), /when this frame closes/);

// ----- usable(): a storage that throws on write (full, or disabled) is not used -----
const full = { setItem() { throw new DOMException("QuotaExceededError"); }, removeItem() {} };
assert.equal(usable(() => full), null);
const ok = memoryStorage();
assert.equal(usable(() => ok), ok);
assert.equal(ok.length, 0, "the probe leaves nothing behind");
assert.equal(usable(() => { throw new Error("denied"); }), null);

// ----- overflowing(): a tab whose storage fills up keeps every write, in memory from then on -----
const quota = memoryStorage();
const realSet = quota.setItem;
quota.setItem = (k, v) => { if (quota.length >= 2) throw new DOMException("QuotaExceededError"); realSet(k, v); };
let filled = 0;
const tabbed = overflowing(quota, () => { filled += 1; });
const store = editStore(tabbed);
for (const name of ["a", "b", "c", "d"]) {
  assert.equal(store.set({ module: "backprop_lab.lessons.neuron", name, draft: name, running: name }), true, `${name} is kept`);
}
assert.deepEqual(store.all().map((e) => e.name), ["a", "b", "c", "d"], "nothing written is lost when the quota is reached");
assert.equal(filled, 1, "the page is told once");
const inReal = quota.length;
store.remove("backprop_lab.lessons.neuron", "a");
assert.deepEqual(store.all().map((e) => e.name), ["b", "c", "d"]);
assert.equal(quota.length, inReal - 1, "removed from the real storage too (a reload must not bring it back)");

// ----- the loading line: words, never a URL -----
assert.equal(progressText({ stage: "runtime", detail: "Python runtime (Pyodide 0.17)" }), "Starting Python…");
assert.equal(progressText({ stage: "package", detail: "numpy: Loading numpy from http://127.0.0.1:8000/vendor/pyodide/numpy.js" }),
  "Loading numpy…");
assert.equal(progressText({ stage: "package", detail: "scikit-learn" }), "Loading scikit-learn…");
assert.equal(progressText({ stage: "package", detail: "http://evil.example/x.js" }), "Loading packages…");
for (const t of [progressText({ stage: "package", detail: "numpy: from https://cdn.jsdelivr.net/x" })]) {
  assert.ok(!/https?:|\//.test(t), `no URL in ${t}`);
}

console.log("storage ok");
