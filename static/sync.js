// The deck and its speaker view show the same slide: each window posts where it is on a
// BroadcastChannel (same origin, any window) and follows the other. A move made to follow is not
// posted back, so two windows never bounce a slide between them.
const CHANNEL = "backprop-lab-deck";

/** Keep `deck` (a reveal.js instance) in step with the other windows of this deck. Returns the channel. */
export function syncDeck(deck) {
  const channel = new BroadcastChannel(CHANNEL);
  let following = false;
  const where = () => { const { h, v, f } = deck.getIndices(); return { h, v, f: f === undefined ? -1 : f }; };
  const post = () => { if (!following) channel.postMessage({ type: "at", ...where() }); };
  channel.addEventListener("message", ({ data }) => {
    if (!data) return;
    if (data.type === "hello") { channel.postMessage({ type: "at", ...where() }); return; }
    if (data.type !== "at") return;
    const here = where();
    if (here.h === data.h && here.v === data.v && here.f === data.f) return;
    following = true;
    try { deck.slide(data.h, data.v, data.f); } finally { following = false; }
  });
  for (const event of ["slidechanged", "fragmentshown", "fragmenthidden"]) deck.on(event, post);
  return channel;
}
