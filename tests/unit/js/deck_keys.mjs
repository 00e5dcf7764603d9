// In a slide (a frame), the keys that move slides go to the deck through reveal.js's postMessage API;
// a focused slider or text field keeps its arrows; outside a frame nothing is handed over.
import assert from "node:assert/strict";

globalThis.window = globalThis;
globalThis.parent = {};   // framed: the parent is another window
const { handToDeck, DECK_KEYS } = await import("../../../app/ui/shell.js");

const target = (match) => ({ closest: (sel) => (match(sel) ? {} : null) });
const button = target(() => false);                 // a demo's Play button has focus
const slider = target((sel) => sel.includes("input"));
function key(k, t = button, mods = {}) {
  return { key: k, target: t, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, prevented: 0,
    preventDefault() { this.prevented++; this.defaultPrevented = true; }, ...mods };
}

const sent = [];
const post = (m) => sent.push(JSON.parse(m));
for (const [k, method] of Object.entries({ ArrowRight: "right", ArrowLeft: "left", PageDown: "next", PageUp: "prev" })) {
  const ev = key(k);
  assert.equal(handToDeck(ev, post), true, `${k} goes to the deck`);
  assert.equal(ev.prevented, 1, `${k} does nothing else in the demo`);
  assert.deepEqual(sent.pop(), { method });
}
assert.equal(DECK_KEYS.ArrowRight, "right");
for (const k of [" ", "r", "s", "f"]) assert.equal(handToDeck(key(k), post), false, `${k} stays in the demo`);
assert.equal(handToDeck(key("ArrowRight", slider), post), false, "a focused slider keeps its arrows");
assert.equal(handToDeck(key("ArrowRight", button, { ctrlKey: true }), post), false);
assert.equal(sent.length, 0);

globalThis.parent = globalThis;   // a page of its own: nothing to hand over
assert.equal(handToDeck(key("ArrowRight"), post), false);
assert.equal(sent.length, 0);
console.log("deck keys ok");
