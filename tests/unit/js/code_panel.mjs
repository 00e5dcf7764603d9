// The Python panels' pure pieces: the tab's edit store, the share link's code= round trip
// (deflate-raw + base64url) and what a damaged or hostile link gives, and error texts.
import assert from "node:assert/strict";
import { editStore, editKey, STORE_PREFIX, encodeShare, decodeShare, shareFromHash, withShare, errorText }
  from "../../../app/ui/code-panel.js";
import { readState, parseHash, PAGE_KEYS, formatState } from "../../../app/ui/state.js";

// ---- the store (a Map standing in for sessionStorage) ----
class FakeStorage {
  constructor() { this.m = new Map(); this.full = false; }
  get length() { return this.m.size; }
  key(i) { return [...this.m.keys()][i] ?? null; }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { if (this.full) throw new Error("QuotaExceededError"); this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
}
const storage = new FakeStorage();
const store = editStore(storage);
assert.equal(editKey("backprop_lab.nn", "MLP.loss_and_grads"), "backprop_lab.nn.MLP.loss_and_grads");
assert.equal(store.get("m", "f"), null);
assert.ok(store.set({ module: "backprop_lab.a", name: "g", draft: "x", running: null, order: 2 }));
assert.ok(store.set({ module: "backprop_lab.a", name: "f", draft: "y", running: "y", order: 1 }));
assert.deepEqual(store.all().map((e) => e.name), ["f", "g"], "in the order they were made");
assert.equal(storage.getItem(STORE_PREFIX + "backprop_lab.a.f") !== null, true, "keyed by module.fn");
storage.setItem(STORE_PREFIX + "broken", "{not json");
storage.setItem("other-key", "{}");
assert.equal(store.all().length, 2, "a broken or foreign entry is skipped");
store.remove("backprop_lab.a", "g");
assert.deepEqual(store.all().map((e) => e.name), ["f"]);
storage.full = true;
assert.equal(store.set({ module: "backprop_lab.a", name: "h" }), false, "a full storage is reported, not thrown");

// ---- share links ----
const edits = [
  { module: "backprop_lab.lessons.neuron", name: "neuron", source: 'def neuron(X, w1, w2, b, f="sign"):\n    return -X[:, 0]  # ü ∑ "quotes"\n' },
  { module: "backprop_lab.nn", name: "MLP.loss_and_grads", source: "def loss_and_grads(self, X, y):\n" + "    pass\n".repeat(200) },
];
const code = await encodeShare(edits);
assert.match(code, /^[A-Za-z0-9_-]+$/, "base64url, no padding");
assert.ok(code.length < JSON.stringify(edits).length / 3, "compressed");
assert.deepEqual(await decodeShare(code), edits);

const href = "https://example.org/lab/index.html#/neuron?w1=1&w2=1&b=-0.5&f=sign&projector=1";
const shared = withShare(href, code);
assert.equal(shareFromHash(new URL(shared).hash).code, code);
assert.equal(shareFromHash(new URL(shared).hash).route, "neuron");
assert.equal(shareFromHash("#/neuron?w1=1"), null);
assert.equal(withShare(shared, code), shared, "sharing twice keeps one code=");
const { params } = parseHash(new URL(shared).hash);
assert.equal(params.get("w1"), "1", "the lesson's settings stay");
// state.js reports code= as an unknown setting unless "code" is in PAGE_KEYS (the panel hides that
// line meanwhile), and the lesson's own URL writes drop it: the panel reads it before that happens.
const schema = { w1: { type: "number", min: -3, max: 3, default: 1 } };
const { problems } = readState(schema, params);
assert.equal(problems.some((p) => p.includes('"code"')), !PAGE_KEYS.includes("code"));
assert.ok(!formatState(schema, { w1: 1 }, { projector: true }).includes("code="));

const rejects = async (text, pattern) => {
  await assert.rejects(decodeShare(text), (err) => { assert.match(err.message, pattern); return true; });
};
await rejects("AAAA-not-deflate", /damaged/);
await rejects("not base64!", /damaged|base64/);
await rejects("x".repeat(70000), /too long/);
const pack = async (obj) => {
  const stream = new Blob([JSON.stringify(obj)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return Buffer.from(await new Response(stream).arrayBuffer()).toString("base64url");
};
await rejects(await pack({ v: 2, e: [] }), /format/);
await rejects(await pack({ v: 1, e: [["os", "system", "x"]] }), /names no function of the lab/);
await rejects(await pack({ v: 1, e: [["backprop_lab.nn", "__import__('os')", "x"]] }), /names no function of the lab/);
await rejects(await pack({ v: 1, e: [["backprop_lab.nn", "f", 3]] }), /names no function of the lab/);
await rejects(await pack({ v: 1, e: [["backprop_lab.nn", "f", "x".repeat(50001)]] }), /names no function of the lab/);
const notJson = Buffer.from(await new Response(new Blob(["{oops"]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer()).toString("base64url");
await rejects(notJson, /not the lab's format/);

// ---- error texts ----
const t = errorText({ kind: "syntax", line: 3, message: "SyntaxError: invalid syntax (line 3)", traceback: "line 3\n    return (\nSyntaxError: invalid syntax" });
assert.equal(t.title, "Syntax error. Line 3: SyntaxError: invalid syntax (line 3)");
assert.match(t.detail, /return \(/);
assert.equal(errorText({ kind: "missing", line: null, message: "Define a function called f" }).title, "Missing function. Define a function called f");
console.log("code_panel: ok");

// Trojan Source: code from a link with bidirectional controls (shown in one order, run in another) is refused.
for (const ch of ["\u202E", "\u2066", "\u2067", "\u2069", "\u202A"]) {
  const trojan = "def neuron(X, w, b, f):\n    \"\"\"doc " + ch + "\"\"\"\n    return X[:, 0] * 0 + 1\n";
  await rejects(await pack({ v: 1, e: [["backprop_lab.lessons.neuron", "neuron", trojan]] }), /invisible text-direction character \(U\+2[06]/);
}
assert.equal((await decodeShare(await pack({ v: 1, e: [["backprop_lab.lessons.neuron", "neuron", "x = 'é ü → σ'"]] })))[0].source,
  "x = 'é ü → σ'", "other non-ASCII text is fine");
console.log("code_panel: trojan source refused");
