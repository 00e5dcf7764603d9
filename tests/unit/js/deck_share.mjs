// runtime/share.js: what a host sends a guest. Typed arrays of a result are transferred (not copied);
// the interrupt byte, on a SharedArrayBuffer, is shared and must not be listed (postMessage throws).
import assert from "node:assert/strict";
import { buffersOf, deckShare } from "../../../app/runtime/share.js";

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

// A host's answer that arrives after the guest stopped waiting: the guest hands the port back ("bye"),
// and the host no longer keeps it. Two frames of one page; the host's window posts slowly.
function frameOf(parent, delay) {
  const listeners = [];
  return {
    parent, location: { protocol: "http:", origin: "http://lab" }, delay, listeners,
    addEventListener(type, fn) { if (type === "message") listeners.push(fn); },
    removeEventListener(type, fn) { const i = listeners.indexOf(fn); if (i >= 0) listeners.splice(i, 1); },
  };
}
const top = { frames: [] };
const guestWin = frameOf(top, 0);
const hostWin = frameOf(top, 400);   // longer than a guest waits when it knows of no host
top.frames.push(guestWin, hostWin);
const shares = [deckShare(guestWin), deckShare(hostWin)];
for (const share of shares) {   // postMessage between the fake frames, delayed by the sender's delay
  share.post = (target, msg, transfer = []) => setTimeout(() => {
    const ev = { data: msg, origin: share.origin, source: share.win, ports: transfer.filter((t) => t instanceof MessagePort) };
    for (const fn of [...target.listeners]) fn(ev);
  }, share.win.delay);
}
const [guest, host] = shares;
host.runtime = { interrupt: null };   // serving, without the host-up broadcast
const late = await guest.find({ join: true });
assert.equal(late, null, "no answer within the guest's wait");
await new Promise((r) => setTimeout(r, 500));   // the late answer arrives, and the guest answers it
assert.equal(host.guests.size, 0, "the port of an answer that came too late is handed back, not kept");
hostWin.delay = 0;
const joined = await guest.find({ join: true });
assert.ok(joined && joined.port, "an answer in time gives the guest a port");
await new Promise((r) => setTimeout(r, 50));
assert.equal(host.guests.size, 1, "the port in use is kept");
joined.port.close();
for (const p of host.guests) p.close();
console.log("deck share ok");
