// One warm Python for every slide of a deck.
//
// A deck (the lab's static/slides.html, or a lecturer's reveal.js deck on any site that pastes the
// Embed snippets) holds many frames of the lab, one per demo slide. Each used to boot Pyodide on its
// own: 3–5 s per slide. Now the first frame that needs Python boots it and becomes the deck's HOST;
// every other frame of the same origin on the page finds the host among its sibling frames
// (window.parent.frames) and sends its calls to it through a MessagePort. Only postMessage between
// frames is used: it works where the browser denies a third-party frame its storage, SharedWorkers
// and service workers (a lecturer's slides on another site, Safari, incognito windows).
//
//   const share = deckShare();              // null outside a frame
//   runtime.share = share;                  // Runtime.start() joins a host, or boots and serves
//
// The messages between frames (window.postMessage, targetOrigin = this origin, so only the lab's own
// frames ever see them, and every receiver checks event.origin):
//   {lab: "host?", id, rank}          a frame looks for the host
//   {lab: "host", id, interrupt}      the host answers, with a MessagePort (and, where pages are
//                                     cross-origin isolated, its interrupt byte, so Stop works)
//   {lab: "electing", id, rank}       a frame that is itself looking answers with its rank: of two
//                                     frames that need Python at once, the lower rank boots it
//   {lab: "host-up"}                  a new host tells its siblings (hidden slides then warm up)
// On the port (the host relays to its Runtime; the guest's Runtime uses the port as its worker):
//   guest → host  {id, type: "start" | "load" | "call" | "source" | "stats", ...}, {type: "stop" | "restart"}
//   host → guest  {id, ok, result | error}, {type: "progress", ...} (of that guest's own loads),
//                 {type: "lost", message, gone}
// "lost": the host's worker died or was restarted (gone: the host's page itself closed); the guest
// fails its pending calls as a dead worker does, and its page restores the lesson from its link,
// joining the host again (or, when the host is gone, finding or becoming a new one).

const ANSWER_MS = 150;        // how long a frame waits for an answer when it knows of no host
const HOST_MS = 20000;        // … and when it knows one (its own frame, a restart: all the deck's frames
                              // share one busy main thread then, so an answer can take seconds)
const ELECTION_MS = 30000;    // how long it waits for a lower-ranked frame to become the host

export function deckShare(win = window) {
  let framed;
  try { framed = win.parent !== win; } catch { framed = true; }
  if (!framed || !/^https?:$/.test(win.location.protocol)) return null;
  return new DeckShare(win);
}

/** Every ArrayBuffer under `value` (the typed arrays of a result), to transfer, not copy. A
 *  SharedArrayBuffer (the interrupt byte) is shared, not transferred. */
export function buffersOf(value, out = new Set()) {
  if (ArrayBuffer.isView(value)) { if (value.buffer instanceof ArrayBuffer) out.add(value.buffer); }
  else if (Array.isArray(value)) value.forEach((v) => buffersOf(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => buffersOf(v, out));
  return out;
}

class DeckShare {
  constructor(win) {
    this.win = win;
    this.origin = win.location.origin;
    this.runtime = null;      // set by serve(): this frame is the host
    this.electing = null;     // the id of this frame's own search, while it looks for a host to elect
    this.asking = new Set();  // the ids of the searches in flight (a host's answer to any other is refused)
    this.guests = new Set();  // the host's ports
    this.hostSeen = false;    // a host has answered or announced itself, and has not gone since
    this.waiters = new Set(); // callbacks for "host-up"
    this.rank = this.indexAmongSiblings();
    win.addEventListener("message", (ev) => this.onMessage(ev));
    win.addEventListener("pagehide", () => this.close("the slide that ran Python for this deck was closed"));
  }

  siblings() {
    const out = [];
    try {
      const frames = this.win.parent.frames;
      for (let i = 0; i < frames.length; i++) if (frames[i] !== this.win) out.push(frames[i]);
    } catch { /* a parent that hides its frames: no siblings */ }
    return out;
  }

  indexAmongSiblings() {
    try {
      const frames = this.win.parent.frames;
      for (let i = 0; i < frames.length; i++) if (frames[i] === this.win) return i;
    } catch { /* ignore */ }
    return 1e9;
  }

  post(target, msg, transfer) {
    try { target.postMessage(msg, this.origin, transfer || []); } catch { /* a frame navigating away */ }
  }

  onMessage(ev) {
    const m = ev.data;
    if (ev.origin !== this.origin || !m || typeof m.lab !== "string" || ev.source === this.win) return;
    if (m.lab === "host?" && ev.source) {
      if (this.runtime) this.welcome(ev.source, m.id);
      else if (this.electing) this.post(ev.source, { lab: "electing", id: m.id, rank: this.rank });
    } else if (m.lab === "host" && ev.ports[0] && !this.asking.has(m.id)) {
      // An answer that came after this frame stopped waiting (or a second host's): hand the port
      // back, so the host does not keep it.
      ev.ports[0].postMessage({ type: "bye" });
      ev.ports[0].close();
    } else if (m.lab === "host-up") {
      this.hostSeen = true;
      for (const w of [...this.waiters]) w();
    }
  }

  /**
   * Look for the deck's host. Resolves to {port, interrupt} when one answers, or null: no host, and
   * no other frame with a lower rank is about to become one (then the caller boots and serves).
   * join: only join an existing host, never wait for an election (a hidden slide warming up).
   */
  async find({ join = false } = {}) {
    for (;;) {
      const id = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
      if (!join) this.electing = id;
      this.asking.add(id);
      let lower = false;
      const answer = await new Promise((resolve) => {
        const onAnswer = (ev) => {
          const m = ev.data;
          if (ev.origin !== this.origin || !m || m.id !== id) return;
          if (m.lab === "host" && ev.ports[0]) {
            this.hostSeen = true;
            done();
            resolve({ port: ev.ports[0], interrupt: m.interrupt || null });
          }
          if (m.lab === "electing" && m.rank < this.rank) lower = true;
        };
        // A host that exists answers, however long its frame takes: wait for it rather than boot a second.
        const timer = setTimeout(() => { done(); resolve(null); }, this.hostSeen && !join ? HOST_MS : ANSWER_MS);
        const done = () => { clearTimeout(timer); this.win.removeEventListener("message", onAnswer); };
        this.win.addEventListener("message", onAnswer);
        for (const w of this.siblings()) this.post(w, { lab: "host?", id, rank: this.rank });
      });
      this.asking.delete(id);
      if (answer || join || !lower) { this.electing = null; return answer; }
      // A lower-ranked frame is starting Python: wait for its "host-up", then ask again.
      const up = await this.hostUp(ELECTION_MS);
      if (!up) { this.electing = null; return null; }
    }
  }

  /** Resolves true when a host announces itself within ms, else false. */
  hostUp(ms) {
    return new Promise((resolve) => {
      const w = () => { clearTimeout(timer); this.waiters.delete(w); resolve(true); };
      const timer = setTimeout(() => { this.waiters.delete(w); resolve(false); }, ms);
      this.waiters.add(w);
    });
  }

  /** The host's page closed: the next search elects a new one. */
  hostGone() { this.hostSeen = false; }

  /** A function called whenever a host announces itself (the hidden slides' warm-up). */
  onHostUp(fn) { this.waiters.add(fn); }

  /** This frame boots Python: serve it to the deck's other frames, and tell them. */
  serve(runtime) {
    if (this.runtime === runtime) return;
    this.runtime = runtime;
    runtime.on("lost", (message) => this.guests.forEach((p) => p.postMessage({ type: "lost", message })));
    for (const w of this.siblings()) this.post(w, { lab: "host-up" });
  }

  welcome(guest, id) {
    const channel = new MessageChannel();
    const port = channel.port1;
    this.guests.add(port);
    port.onmessage = (ev) => this.relay(port, ev.data);
    this.post(guest, { lab: "host", id, interrupt: this.runtime.interrupt }, [channel.port2]);
  }

  async relay(port, m) {
    const rt = this.runtime;
    if (m.type === "stop") { rt.stop(); return; }
    // A guest's runaway code, where Python cannot be interrupted: the worker is restarted, and every
    // slide (this one too, through its fault handler) restores its lesson from its link.
    if (m.type === "restart") { rt.die("Python was restarted to stop code that ran away on another slide"); return; }
    if (m.type === "bye") { this.guests.delete(port); port.close(); return; }
    let result;
    try {
      if (m.type === "start") {
        const info = await rt.start();
        result = { ...info, interrupt: rt.interrupt };
      } else if (m.type === "load") {   // its progress goes to this slide alone, not to the host's own line
        result = await rt.load(m.packages, { onProgress: (msg) => port.postMessage(msg) }) ?? null;
      }
      else if (m.type === "call") result = await rt.call(m.module, m.fn, m.args, { client: m.client, quiet: true });
      else if (m.type === "source") result = await rt.source(m.module, m.fn);
      else if (m.type === "stats") result = await rt.stats();
      else throw new Error(`Unknown request ${String(m.type).slice(0, 40)}`);
    } catch (err) {
      port.postMessage({ id: m.id, ok: false, error: { kind: err.kind || "worker", message: err.message || String(err),
        traceback: err.traceback, interrupted: Boolean(err.interrupted) } });
      return;
    }
    try {
      port.postMessage({ id: m.id, ok: true, result }, [...buffersOf(result)]);
    } catch (err) {   // a result that cannot cross (it should not happen): the guest hears why
      port.postMessage({ id: m.id, ok: false, error: { kind: "worker", message: `The deck's Python answered with what cannot be sent: ${err.message}` } });
    }
  }

  /** The host's page closes: its guests must find (or become) a new host. */
  close(message) {
    for (const p of this.guests) p.postMessage({ type: "lost", message, gone: true });
    this.guests.clear();
  }
}
