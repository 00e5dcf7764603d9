// The one Player for every lesson that trains: Play/Pause, Step, Reset and an epoch counter;
// training in short Python calls (chunks) with one call in flight; settings changed meanwhile
// applied before the next chunk; Pause that interrupts Python; the divergence stop; the
// instability notice; and the shortcuts Space (play/pause), → (step) and R (reset).
//
//   const call = pythonCall(page);                       // like page.call, but a failure throws
//   const player = new Player(page, {
//     reset: () => call("setup", { seed: s.seed }),      // → the epoch-0 result
//     train: (chunk) => call("train", chunk),            // → the result of one chunk
//     chunk: { epochs: 1, budget_ms: 15 },               // what Play sends (Python stops after budget_ms)
//     stepChunk: { epochs: 1 },                          // what Step sends (default: chunk)
//     show: (r) => draw(r),                              // every result, the reset's included
//     epoch: (r) => r.epoch,                             // the counter (default r.epoch)
//     losses: (r) => r.losses,                           // this chunk's losses, one per epoch (or
//                                                        //   {name: [...]} for several nets)
//     lowerEta: () => set("eta", eta / 10),              // optional: the notice's "Lower η ×10"
//   });
//   controls.append(player.node);                        // buttons, counter and the two notices
//   player.reset();                                      // the first frame (a promise)
//   player.change("eta", () => call("set_rates", { eta }));   // now, or before the next chunk
//   return () => player.destroy();                       // in the lesson's unmount
//
// Options (all but reset, train and show are optional):
//   chunk, stepChunk     the argument of train() for Play and for Step
//   epoch(r)             the number the counter shows (a non-number keeps the last one)
//   losses(r)            per-epoch losses of this result: a NaN or ±inf stops training (divergence);
//                        the finite ones feed the instability watch (app/ui/instability.js)
//   untrained(r)         the untrained loss, from the reset's result (default: losses(r)[0])
//   constant(r)          the best constant output's loss, from the reset's result (a number or
//                        {name: number}): the watch then also sees a run collapsed to a constant
//   diverged(r)          true when training diverged (default: a loss is not finite, or r.diverged
//                        is true or a non-empty list)
//   divergedText(r)      the message shown then (Reset clears it and recovers)
//   pauseWhen(r)         true: pause after showing r (a finished race, a trained net)
//   lowerEta()           the lesson divides its η by 10; without it the notice has no button
//   lowerReg()           the lesson divides its regularization rate λ by 10 ("Lower λ ×10")
//   regularized()        true while L1 or L2 is on: the notice then blames η or λ, with both buttons
//   unit                 what one loss stands for in the notice ("epochs", or "batches")
//   stop()               interrupts a running Python call (runtime.stop); called on Pause, Reset and
//                        destroy while a chunk runs. A KeyboardInterrupt is then an expected pause.
//   onError(err, retry)  a failed call (default: the page's fault box with Retry)
//   counter(n)           the counter's text for epoch n (default `Epoch ${n}`; e.g. `${n} batches`)
//   label, extra         the group's accessible name (default "Training"), more buttons in the group
//   onState(core)        after every change of state (running, busy, ready, diverged, epoch)
//   stepText, stepLabel  the Step button's text (default "Step") and accessible name ("Step one epoch")
//
// Pause is final, in every lesson: Pause during a call asks for no more chunks and (with stop)
// interrupts Python. The chunk in flight is still shown when it returns, since Python's state has
// moved on with it, and until then the button says "Pause", disabled (core.settling). So once the
// button says "Play", nothing the Player shows moves any more: the counter, the charts and the
// figure stay where the lecturer paused them.
//
// Behaviour: two quick Plays start one loop;
// Reset during a call throws that call's result away and starts afresh; a page left mid-call
// makes no further calls and writes nothing. Results of calls that resolve to null (a lesson's
// own page.call that already reported its failure) pause the Player.
//
// Shortcuts: every mounted Player registers itself; the one last used (pointer or focus in its
// controls), else the page's first, gets Space, S (step) and R, and → too on a page of its own. In a
// frame (a slide) →, ←, PageUp and PageDown belong to the deck: the Player never takes them, and
// shell.js hands them to a reveal.js parent. The Step button shows its key (S). They are ignored with Ctrl, Alt or Meta
// held and while focus is in an input, textarea, select, contenteditable, a code panel (pre,
// .python, .cm-editor) or a dialog; Space on a focused button is left to the button. shell.js
// keeps F and ? and leaves these three keys to the Player (it presses buttons only on a page with
// no Player).
//
// The DOM-free core is PlayerCore (the same options, with onDiverged(on, r), onUnstable(on, why)
// (why: {why: "above" | "constant", constant}) and onState(core) as its outputs); Player wraps it with the buttons, counter and notices.
import { el, button } from "./controls.js";
import { InstabilityWatch, instabilityNotice } from "./instability.js";
import { showFault, describe } from "./fault.js";
import { inFrame } from "./storage.js";

const MAX_QUEUED_STEPS = 3;   // a held → key queues at most this many steps

/** A Python call for a Player: `fn` of the page's module (or "module:fn"); a failure throws. */
export function pythonCall(page) {
  return async (fn, args = {}) => {
    const [module, name] = fn.includes(":") ? fn.split(":") : [page.module, fn];
    await page.ready();
    if (!page.alive) return null;
    return page.runtime.call(module, name, args);
  };
}

/** Pause stopped Python mid-call: the worker reports a KeyboardInterrupt. */
export function isInterrupt(err) {
  return Boolean(err) && /KeyboardInterrupt/.test(`${err.type || ""} ${err.message || ""}`);
}

const finite = (v) => typeof v === "number" && Number.isFinite(v);

export class PlayerCore {
  constructor(options) {
    this.o = options;
    this.alive = true;
    this.ready = false;        // a reset has been shown: there is something to train
    this.running = false;      // Play is on
    this.settling = false;     // paused, and the chunk in flight has not come back yet
    this.busy = null;          // the call in flight: "reset" | "train" | "setting" | null
    this.diverged = false;
    this.unstable = false;
    this.epoch = 0;
    this.steps = 0;            // Steps asked for and not yet run
    this.wantReset = false;
    this.settings = new Map(); // key -> fn, newest last; run before the next chunk
    this.gen = 0;              // bumped by Reset: results of older calls are thrown away
    this.watches = new Map();  // name -> InstabilityWatch
    this.resetWaiters = [];
    this.pumping = false;
  }

  play() {
    if (!this.alive || this.running || !this.ready || this.diverged) return;
    this.running = true;
    this.settling = false;
    this.changed();
    this.pump();
  }

  pause() {
    if (!this.running) return;
    this.running = false;
    this.settling = this.busy === "train";
    this.steps = 0;
    if (this.busy === "train" && this.o.stop) this.o.stop();   // Python stops at once where it can
    this.changed();
  }

  toggle() { if (this.running) this.pause(); else this.play(); }

  step() {
    if (!this.alive || this.running || !this.ready || this.diverged) return;
    this.steps = Math.min(this.steps + 1, MAX_QUEUED_STEPS);
    this.changed();
    this.pump();
  }

  /** Start afresh; resolves when the new epoch-0 result has been shown (or the reset failed). */
  reset() {
    if (!this.alive) return Promise.resolve();
    this.gen++;
    this.running = false;
    this.steps = 0;
    this.wantReset = true;
    if (this.busy === "train" && this.o.stop) this.o.stop();
    const done = new Promise((resolve) => this.resetWaiters.push(resolve));
    this.changed();
    this.pump();
    return done;
  }

  /** A setting changed: `fn` (a call that applies it) runs now, or before the next chunk. For
   *  each key only the newest fn runs. Before the first reset, settings wait for the reset. */
  change(key, fn) {
    if (!this.alive) return;
    this.settings.delete(key);
    this.settings.set(key, fn);
    this.pump();
  }

  /** The notice's "Lower η ×10" was used: the watch starts counting again. With `untrained`
   *  (a number, or {name: number}): the untrained loss changed too (weights edited at epoch 0). */
  restartWatch(untrained) {
    if (untrained != null) {
      const constants = new Map([...this.watches].map(([name, w]) => [name, w.constant]));   // the labels did not change
      this.watches.clear();
      for (const [name, loss] of named(untrained)) {
        const w = new InstabilityWatch();
        w.start(loss, constants.get(name));
        this.watches.set(name, w);
      }
    }
    for (const w of this.watches.values()) w.start(w.untrained, w.constant);
    this.setUnstable(false);
  }

  destroy() {
    if (!this.alive) return;
    if (this.busy === "train" && this.o.stop) this.o.stop();
    this.alive = false;
    this.running = false;
    this.settings.clear();
    this.resetWaiters.splice(0).forEach((r) => r());
  }

  // ----- the one loop: a single call in flight, reset first, then settings, then chunks -----
  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const job = this.alive && this.next();
        if (!job) break;
        await job();
      }
    } finally {
      this.pumping = false;
      this.changed();
    }
  }

  next() {
    if (this.wantReset) return () => this.runReset();
    if (!this.ready) { this.settings.clear(); return null; }   // the next reset reads the settings
    if (this.settings.size) {
      const [key, fn] = this.settings.entries().next().value;
      this.settings.delete(key);
      return () => this.runSetting(fn);
    }
    if (this.diverged) return null;
    if (this.running) return () => this.runChunk(this.o.chunk);
    if (this.steps > 0) { this.steps--; return () => this.runChunk(this.o.stepChunk ?? this.o.chunk); }
    return null;
  }

  async guarded(kind, call) {
    this.busy = kind;
    this.changed();
    try { return { value: await call() }; }
    catch (error) { return { error }; }
    finally { this.busy = null; }
  }

  async runReset() {
    this.wantReset = false;
    this.settings.clear();               // the reset reads every setting afresh
    const gen = this.gen;
    const { value, error } = await this.guarded("reset", () => this.o.reset());
    if (!this.alive || gen !== this.gen || this.wantReset) return;   // a newer Reset runs next
    const waiters = this.resetWaiters.splice(0);
    if (error || value == null) {
      this.ready = false;
      if (error) this.fail(error, () => this.reset());
      waiters.forEach((r) => r());
      return;
    }
    this.ready = true;
    this.setDiverged(false, value);
    this.watches.clear();
    const untrained = this.o.untrained ? this.o.untrained(value) : firstOf(this.lossesOf(value));
    const constants = new Map(this.o.constant ? named(this.o.constant(value)) : []);
    for (const [name, loss] of named(untrained)) {
      const w = new InstabilityWatch();
      w.start(loss, constants.has(name) ? constants.get(name) : NaN);
      this.watches.set(name, w);
    }
    this.setUnstable(false);
    this.accept(value, false);
    waiters.forEach((r) => r());
  }

  async runSetting(fn) {
    const gen = this.gen;
    const { error } = await this.guarded("setting", fn);
    if (!this.alive || gen !== this.gen) return;
    if (error) { this.running = false; this.steps = 0; this.fail(error); }
  }

  async runChunk(chunk) {
    const gen = this.gen;
    const { value, error } = await this.guarded("train", () => this.o.train(chunk));
    this.settling = false;                                   // shown next (or thrown away)
    if (!this.alive || gen !== this.gen) return;             // left, or Reset: thrown away
    if (error) {
      if (isInterrupt(error)) return;                          // Pause stopped it: no error
      this.running = false;
      this.steps = 0;
      this.fail(error, () => this.play());
      return;
    }
    if (value == null) { this.running = false; this.steps = 0; return; }
    this.accept(value, true);
  }

  accept(r, trained) {
    const e = this.o.epoch ? this.o.epoch(r) : r.epoch;
    if (finite(e)) this.epoch = e;
    this.o.show(r);
    if (!this.alive) return;
    if (trained) {
      const losses = this.lossesOf(r);
      const bad = this.o.diverged ? this.o.diverged(r) : divergedByDefault(r, losses);
      if (bad) {
        this.running = false;
        this.steps = 0;
        this.setDiverged(true, r);
      } else {
        let fired = null;
        for (const [name, values] of named(losses)) {
          const w = this.watches.get(name);
          if (w && w.pushAll(values.filter(finite)) && !fired) fired = w;
        }
        this.setUnstable(Boolean(fired), fired ? { why: fired.why, constant: fired.constant } : null);
      }
    }
    if (this.o.pauseWhen && this.o.pauseWhen(r)) { this.running = false; this.steps = 0; }
    this.changed();
  }

  lossesOf(r) { return this.o.losses ? this.o.losses(r) : r.losses; }

  setDiverged(on, r) {
    if (this.diverged === on) return;
    this.diverged = on;
    if (this.o.onDiverged) this.o.onDiverged(on, r);
  }

  setUnstable(on, why = null) {
    if (this.unstable === on) return;
    this.unstable = on;
    if (this.o.onUnstable) this.o.onUnstable(on, why);
  }

  fail(err, retry) {
    if (this.o.onError) this.o.onError(err, retry);
  }

  changed() { if (this.alive && this.o.onState) this.o.onState(this); }
}

/** Losses as [name, values] pairs: one unnamed series, or {name: values}. */
function named(losses) {
  if (losses == null) return [];
  if (typeof losses === "number") return [["", losses]];
  if (Array.isArray(losses) || ArrayBuffer.isView(losses)) return [["", Array.from(losses)]];
  return Object.entries(losses).map(([k, v]) => [k, typeof v === "number" ? v : Array.from(v || [])]);
}

function firstOf(losses) {
  const out = {};
  for (const [name, values] of named(losses)) out[name] = typeof values === "number" ? values : values[0];
  return out;
}

function divergedByDefault(r, losses) {
  if (r && (r.diverged === true || (Array.isArray(r.diverged) && r.diverged.length))) return true;
  return named(losses).some(([, values]) => values.some((v) => v == null || !Number.isFinite(v)));
}

// ----- shortcuts: Space, S (→ outside a frame) and R belong to the Player of the mounted lesson -----
export const PLAYER_KEYS = new Set([" ", "ArrowRight", "s", "S", "r", "R"]);
export const STEP_KEY = "S";

const TYPING = "input, textarea, select, [contenteditable]:not([contenteditable='false']), pre, .python, .cm-editor, " +
  "[role='textbox'], dialog";
const ACTIVATES = "button, a[href], summary, [role='button']";
const mounted = [];            // the mounted Players; the active one (last used) is last

/** The Player that the shortcuts drive: the one last used (pointer or focus in its controls), or
 *  else the first mounted (the first on the page). */
export function activePlayer() { return mounted[mounted.length - 1] || null; }

/** What a key press asks of a Player: "toggle" | "step" | "reset", or null (not a Player key, a
 *  modifier held, or typing: focus in a field, a code panel or an editor). */
export function shortcutFor(ev, { framed = inFrame() } = {}) {
  if (!PLAYER_KEYS.has(ev.key) || ev.ctrlKey || ev.metaKey || ev.altKey) return null;
  if (ev.key === "ArrowRight" && framed) return null;   // the deck's: the next slide
  const t = ev.target;
  if (t && t.closest && t.closest(TYPING)) return null;
  if (t && t.isContentEditable) return null;
  // Space on a focused button or link is that control's own click.
  if (ev.key === " " && t && t.closest && t.closest(ACTIVATES)) return null;
  return ev.key === " " ? "toggle" : /^(ArrowRight|s|S)$/.test(ev.key) ? "step" : "reset";
}

/** The document's keydown for the Players (also called by shell.js's onKey); true if it acted. */
export function onPlayerKey(ev) {
  const player = activePlayer();
  if (!player || ev.defaultPrevented) return false;
  const action = shortcutFor(ev);
  if (!action) return false;
  ev.preventDefault();
  player.core[action]();
  return true;
}

/** Register a Player (or anything with .core) for the shortcuts; returns the unregister fn. */
export function registerShortcuts(player) {
  if (!mounted.length && typeof document !== "undefined") document.addEventListener("keydown", onPlayerKey);
  mounted.unshift(player);   // a page's first Player stays active until another one is used
  return () => {
    const i = mounted.indexOf(player);
    if (i >= 0) mounted.splice(i, 1);
    if (!mounted.length && typeof document !== "undefined") document.removeEventListener("keydown", onPlayerKey);
  };
}

/** Pause every mounted Player: the slide that shows them was left (it then uses no CPU). */
export function pauseAll() {
  for (const p of mounted) p.core.pause();
}

function activate(player) {
  const i = mounted.indexOf(player);
  if (i >= 0 && i !== mounted.length - 1) { mounted.splice(i, 1); mounted.push(player); }
}

// ----- the DOM wrapper -----
export class Player {
  constructor(page, options) {
    this.page = page;
    const o = { ...options };
    const counter = o.counter || ((n) => `Epoch ${n}`);
    this.playButton = button("Play", () => this.core.toggle(), { class: "primary", disabled: true });
    this.stepButton = button(o.stepText || "Step", () => this.core.step(),
      { disabled: true, "aria-keyshortcuts": inFrame() ? STEP_KEY : `${STEP_KEY} ArrowRight`,
        ...(o.stepLabel ? { "aria-label": o.stepLabel } : {}) });
    // Its key, shown beside it (inside, it would make the visible label differ from an aria-label).
    this.stepKey = el("kbd", { class: "key-hint", "aria-hidden": "true", title: `Step: ${STEP_KEY}`, text: STEP_KEY });
    this.resetButton = button("Reset", () => this.core.reset(), { disabled: true });
    this.counter = el("output", { class: "epoch", "aria-live": "off", text: counter(0) });
    this.group = el("div", { class: "run player", role: "group", "aria-label": o.label || "Training" },
      this.playButton, this.stepButton, this.stepKey, this.resetButton, ...(o.extra || []), this.counter);
    this.divergedNote = el("p", { class: "notice diverged", role: "alert", hidden: true });
    const unit = o.unit || "epochs";
    this.instability = instabilityNotice(o.lowerEta ? () => {
      this.core.restartWatch();
      o.lowerEta();
    } : null, { unit, regularized: o.regularized, onLowerReg: o.lowerReg ? () => {
      this.core.restartWatch();
      o.lowerReg();
    } : null });
    this.notices = el("div", { class: "player-notices" }, this.divergedNote, this.instability.node);
    this.node = el("div", { class: "player-box" }, this.group, this.notices);
    const divergedText = o.divergedText || (() => (o.lowerEta
      ? "Training diverged (the loss is no longer finite): lower η, then press Reset."
      : "Training diverged (the loss is no longer finite): press Reset."));
    this.core = new PlayerCore({
      ...o,
      onError: o.onError || ((err, retry) => showFault(describe(err), retry)),
      onDiverged: (on, r) => {
        if (!page.alive) return;
        this.divergedNote.textContent = on ? divergedText(r) : "";
        this.divergedNote.hidden = !on;
      },
      onUnstable: (on, why) => { if (page.alive) this.instability.show(on, why); },
      onState: (core) => {
        if (!page.alive) return;
        this.playButton.textContent = core.running || core.settling ? "Pause" : "Play";
        this.playButton.disabled = core.settling || (!core.running && (!core.ready || core.diverged));
        this.stepButton.disabled = core.running || !core.ready || core.diverged;
        this.resetButton.disabled = core.busy === "reset";
        this.counter.textContent = counter(core.epoch);
        if (o.onState) o.onState(core);
      },
    });
    this.unregister = registerShortcuts(this);
    const use = () => activate(this);
    this.node.addEventListener("pointerdown", use);
    this.node.addEventListener("focusin", use);
  }

  play() { this.core.play(); }
  pause() { this.core.pause(); }
  step() { this.core.step(); }
  reset() { return this.core.reset(); }
  change(key, fn) { this.core.change(key, fn); }
  get running() { return this.core.running; }
  /** The regularization was switched on or off: the notice's words and buttons follow. */
  refreshNotice() { this.instability.show(this.core.unstable); }
  get epoch() { return this.core.epoch; }

  destroy() {
    this.core.destroy();
    this.unregister();
  }
}
