// runtime/share.js: what a host sends a guest. Typed arrays of a result are transferred (not copied);
// the interrupt byte, on a SharedArrayBuffer, is shared and must not be listed (postMessage throws).
import assert from "node:assert/strict";
import { buffersOf } from "../../../app/runtime/share.js";

const image = new Uint8Array(16);
const weights = new Float64Array(4);
const interrupt = new Uint8Array(new SharedArrayBuffer(1));
const found = buffersOf({ image: { data: image, shape: [4, 4] }, W: [{ data: weights }], interrupt, n: 3, s: "x", z: null });
assert.deepEqual([...found], [image.buffer, weights.buffer]);
assert.equal(buffersOf({ a: { data: image }, b: { data: image } }).size, 1, "each buffer once");
// The list really transfers: a MessageChannel takes it, and the arrays arrive.
const { port1, port2 } = new MessageChannel();
const got = new Promise((resolve) => { port2.onmessage = (ev) => resolve(ev.data); });
port1.postMessage({ image, interrupt }, [...buffersOf({ image, interrupt })]);
const data = await got;
assert.equal(data.image.length, 16);
assert.equal(image.byteLength, 0, "transferred, not copied");
port1.close();
port2.close();
console.log("deck share ok");
