// The Player's core loop (app/ui/player.js) against a fake Python runtime whose calls resolve
// when the test says so, and its shortcut rule against fake key events.
import assert from "node:assert/strict";
import { PlayerCore, shortcutFor, onPlayerKey, registerShortcuts, isInterrupt, activePlayer } from "../../../app/ui/player.js";

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A fake runtime: each call waits in `pending` until resolve()/reject() is called on it. */
function fakeRuntime() {
  const rt = {
    calls: [], pending: [], stops: 0, epoch: 0, loss: 1.0, eta: 0.1,
    call(name, args) {
      rt.calls.push([name, args]);
      return new Promise((resolve, reject) => rt.pending.push({ name, args, resolve, reject }));
    },
    stop() { rt.stops++; },
    /** Answer the oldest pending call as Python would. */
    async answer(losses = [0.5]) {
      await tick();
      const c = rt.pending.shift();
      assert.ok(c, "a call is pending");
      if (c.name === "setup") { rt.epoch = 0; c.resolve({ epoch: 0, losses: [rt.loss] }); }
      else if (c.name === "train") {
        const first = rt.epoch + 1;
        rt.epoch += losses.length;
        c.resolve({ epoch: rt.epoch, first, losses });
      } else c.resolve({ ok: true });
      await tick();
      return c;
    },
    async fail(err) { await tick(); const c = rt.pending.shift(); c.reject(err); await tick(); return c; },
  };
  return rt;
}

function makePlayer(rt, extra = {}) {
  const log = { shown: [], errors: [], diverged: [], unstable: [] };
  const core = new PlayerCore({
    reset: () => rt.call("setup", {}),
    train: (chunk) => rt.call("train", chunk),
    chunk: { epochs: 5, budget_ms: 15 },
    stepChunk: { epochs: 1 },
    show: (r) => log.shown.push(r.epoch),
    stop: () => rt.stop(),
    onError: (err, retry) => log.errors.push([err, retry]),
    onDiverged: (on) => log.diverged.push(on),
    onUnstable: (on) => log.unstable.push(on),
    ...extra,
  });
  return { core, log };
}

async function started(extra) {
  const rt = fakeRuntime();
  const p = makePlayer(rt, extra);
  const done = p.core.reset();
  await rt.answer();
  await done;
  assert.equal(p.core.ready, true);
  return { rt, ...p };
}

// ----- Play runs chunks one at a time; two quick Plays start one loop -----
{
  const { rt, core, log } = await started();
  core.play();
  core.play();
  await tick();
  assert.equal(rt.pending.length, 1, "two quick Plays: one call in flight");
  await rt.answer([0.9, 0.8]);
  assert.equal(rt.pending.length, 1, "the loop asks for the next chunk");
  assert.deepEqual(rt.calls.filter(([n]) => n === "train").map(([, a]) => a), [{ epochs: 5, budget_ms: 15 }, { epochs: 5, budget_ms: 15 }]);
  assert.equal(core.epoch, 2);
  assert.deepEqual(log.shown, [0, 2]);
  core.destroy();
}

// ----- Pause during a call: Python is interrupted; the chunk's result is still shown; no more calls -----
{
  const { rt, core, log } = await started();
  core.play();
  await tick();
  core.pause();
  assert.equal(rt.stops, 1, "Pause interrupts the running chunk");
  assert.equal(core.running, false);
  await rt.answer([0.9]);           // the chunk finished before the interrupt landed
  assert.deepEqual(log.shown, [0, 1]);
  await tick();
  assert.equal(rt.pending.length, 0, "paused: no further calls");
  // The same with the interrupt landing: a KeyboardInterrupt is an expected pause, not an error.
  core.play();
  await tick();
  core.pause();
  await rt.fail({ kind: "python", message: "KeyboardInterrupt" });
  assert.equal(log.errors.length, 0, "a KeyboardInterrupt is no error");
  assert.equal(rt.pending.length, 0);
  assert.equal(core.running, false);
  // Pause, then Play again before the interrupted chunk returns: one loop goes on.
  core.play();
  await tick();
  core.pause();
  core.play();
  await rt.fail({ kind: "python", message: "Traceback ...\nKeyboardInterrupt" });
  assert.equal(rt.pending.length, 1, "Play won: the loop goes on after the interrupted chunk");
  assert.equal(log.errors.length, 0);
  core.destroy();
}

// ----- Pause is final: "Play" shows only once the chunk in flight is shown; nothing moves after -----
{
  const label = (core) => (core.running || core.settling ? "Pause" : "Play");
  const seen = [];        // [label, what was shown so far] at every change of state
  let shownLog = null;
  const { rt, core, log } = await started({ onState: (c) => seen.push([label(c), shownLog ? shownLog.length : 0]) });
  shownLog = log.shown;
  core.play();
  await tick();
  assert.equal(label(core), "Pause");
  core.pause();
  assert.equal(core.settling, true, "paused with a chunk in flight: still settling");
  assert.equal(label(core), "Pause", "the button does not say Play while a chunk may still be shown");
  seen.length = 0;
  await rt.answer([0.9, 0.8]);     // the chunk returns after Pause (the interrupt came too late)
  assert.deepEqual(log.shown, [0, 2], "the chunk Python ran is shown: the page matches Python's state");
  assert.equal(core.settling, false);
  assert.equal(label(core), "Play");
  const firstPlay = seen.findIndex(([l]) => l === "Play");
  assert.ok(firstPlay >= 0, "the button says Play again");
  assert.equal(seen[firstPlay][1], 2, "when Play shows, the last chunk has already been shown");
  for (let i = 0; i < 5; i++) await tick();
  assert.equal(rt.pending.length, 0, "no call after Pause");
  assert.deepEqual(log.shown, [0, 2], "nothing changes after Play shows");
  assert.equal(core.epoch, 2);
  // Interrupted instead: "Play" shows once the KeyboardInterrupt is back, and nothing is shown.
  core.play();
  await tick();
  core.pause();
  assert.equal(label(core), "Pause");
  await rt.fail({ kind: "python", message: "KeyboardInterrupt" });
  assert.equal(label(core), "Play");
  assert.deepEqual(log.shown, [0, 2]);
  // Pause between chunks (nothing in flight): "Play" at once.
  core.step();
  await rt.answer([0.7]);
  assert.equal(core.settling, false, "a Step is not a Pause");
  core.destroy();
}

// ----- Reset during a call: that call's result is thrown away, then setup runs -----
{
  const { rt, core, log } = await started();
  core.play();
  await tick();
  const resetDone = core.reset();
  assert.equal(rt.stops, 1, "Reset interrupts the chunk it will throw away");
  assert.equal(core.running, false);
  assert.equal(rt.pending.length, 1, "the reset waits: one call in flight");
  await rt.answer([0.9, 0.8, 0.7]);
  assert.deepEqual(log.shown, [0], "the old chunk is not shown");
  assert.equal(rt.pending.length, 1);
  assert.equal(rt.pending[0].name, "setup");
  await rt.answer();
  await resetDone;
  assert.deepEqual(log.shown, [0, 0]);
  assert.equal(core.epoch, 0);
  await tick();
  assert.equal(rt.pending.length, 0, "Reset does not play on");
  core.destroy();
}

// ----- Settings changed during a chunk are applied before the next one; the newest wins -----
{
  const { rt, core } = await started();
  core.play();
  await tick();
  core.change("eta", () => rt.call("set_rates", { eta: 0.5 }));
  core.change("eta", () => rt.call("set_rates", { eta: 0.05 }));
  core.change("M", () => rt.call("set_rates", { M: 8 }));
  assert.equal(rt.pending.length, 1, "nothing is sent while the chunk runs");
  await rt.answer([0.9]);
  assert.deepEqual([rt.pending[0].name, rt.pending[0].args], ["set_rates", { eta: 0.05 }]);
  await rt.answer();
  assert.deepEqual([rt.pending[0].name, rt.pending[0].args], ["set_rates", { M: 8 }]);
  await rt.answer();
  assert.equal(rt.pending[0].name, "train");
  core.pause();
  await rt.answer([0.8]);
  // Idle: a setting is sent at once.
  core.change("eta", () => rt.call("set_rates", { eta: 1 }));
  assert.equal(rt.pending.length, 1);
  await rt.answer();
  core.destroy();
}

// ----- Step: one step chunk per press, queued while a call runs -----
{
  const { rt, core, log } = await started();
  core.step();
  core.step();
  await tick();
  assert.equal(rt.pending.length, 1);
  assert.deepEqual(rt.pending[0].args, { epochs: 1 });
  await rt.answer([0.9]);
  assert.equal(rt.pending.length, 1, "the second Step runs after the first");
  await rt.answer([0.8]);
  assert.equal(rt.pending.length, 0);
  assert.deepEqual(log.shown, [0, 1, 2]);
  core.destroy();
}

// ----- A failing call pauses, reports the error with a Retry, and the Player keeps working -----
{
  const { rt, core, log } = await started();
  core.play();
  await tick();
  await rt.fail({ kind: "python", message: "ValueError: bad" });
  assert.equal(core.running, false);
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0][0].message, /ValueError/);
  assert.equal(rt.pending.length, 0);
  log.errors[0][1]();               // Retry plays again
  await tick();
  assert.equal(rt.pending.length, 1);
  await rt.answer([0.7]);
  assert.equal(core.epoch, 1);
  core.destroy();
  // A reset that fails leaves the Player not ready (Play does nothing) until a Reset works.
  const rt2 = fakeRuntime();
  const p2 = makePlayer(rt2);
  const done = p2.core.reset();
  await rt2.fail(new Error("Python could not start"));
  await done;
  assert.equal(p2.core.ready, false);
  p2.core.play();
  await tick();
  assert.equal(rt2.pending.length, 0);
  p2.log.errors[0][1]();            // its Retry is a Reset
  await rt2.answer();
  assert.equal(p2.core.ready, true);
  p2.core.destroy();
  assert.equal(isInterrupt({ kind: "python", message: "ValueError" }), false);
  assert.equal(isInterrupt({ kind: "python", type: "KeyboardInterrupt", message: "" }), true);
}

// ----- A page left mid-call: no further calls, nothing shown, no state callbacks -----
{
  const rt = fakeRuntime();
  let states = 0;
  const { core, log } = makePlayer(rt, { onState: () => states++ });
  core.reset();
  await rt.answer();
  core.play();
  await tick();
  core.destroy();
  assert.equal(rt.stops, 1, "leaving interrupts the running chunk");
  const before = states;
  await rt.answer([0.5]);
  await tick();
  assert.deepEqual(log.shown, [0]);
  assert.equal(rt.pending.length, 0, "no call after the page was left");
  assert.equal(states, before, "no redraw after the page was left");
  core.play(); core.step(); core.change("eta", () => rt.call("set_rates", {}));
  await core.reset();
  await tick();
  assert.equal(rt.pending.length, 0);
}

// ----- Divergence: a NaN pauses with the message; Play is refused; Reset recovers -----
{
  const { rt, core, log } = await started();
  core.play();
  await tick();
  await rt.answer([0.9, NaN]);
  assert.equal(core.diverged, true);
  assert.equal(core.running, false);
  assert.deepEqual(log.diverged, [true]);
  await tick();
  assert.equal(rt.pending.length, 0, "no training after divergence");
  core.play();
  core.step();
  await tick();
  assert.equal(rt.pending.length, 0, "Play and Step do nothing while diverged");
  core.reset();
  await rt.answer();
  assert.equal(core.diverged, false);
  assert.deepEqual(log.diverged, [true, false]);
  core.play();
  await tick();
  assert.equal(rt.pending.length, 1, "after Reset it trains again");
  await rt.answer([Infinity]);
  assert.equal(core.diverged, true, "infinity diverges too");
  core.destroy();
  // A lesson's own flag (Python stopped a diverged net), and named series
  const s2 = await started({ losses: (r) => ({ a: r.losses, b: r.losses }) });
  s2.core.play();
  await tick();
  s2.rt.pending[0].resolve({ epoch: 1, losses: [0.5], diverged: ["b"] });
  await tick(); await tick();
  assert.equal(s2.core.diverged, true);
  s2.core.destroy();
}

// ----- Instability: fires after 10 losses above the untrained one, stays until η is lowered or Reset -----
{
  const { rt, core, log } = await started();     // untrained loss 1.0
  core.play();
  await tick();
  await rt.answer([1.5, 2, 1.2, 3, 1.1]);
  assert.deepEqual(log.unstable, [], "five epochs are not enough");
  await rt.answer([1.4, 1.3, 1.2, 2.5, 1.9]);
  assert.deepEqual(log.unstable, [true], "ten epochs above the start");
  assert.equal(core.running, true, "instability warns, it does not stop");
  await rt.answer([0.9]);
  assert.deepEqual(log.unstable, [true], "one dip below the start does not clear it");
  await rt.answer(Array(10).fill(1.5));
  assert.deepEqual(log.unstable, [true]);
  core.restartWatch();              // "Lower η ×10": the watch counts afresh
  assert.deepEqual(log.unstable, [true, false]);
  await rt.answer([1.5, 1.5]);
  assert.equal(core.unstable, false, "two epochs after lowering η are not enough");
  core.pause();
  await rt.answer([1.5]);
  core.reset();
  await rt.answer();
  assert.equal(core.unstable, false);
  core.destroy();
  // Several nets: any one of them unstable fires it; the untrained losses come from the reset.
  const s = await started({
    losses: (r) => ({ good: r.losses.map((l) => l / 4), bad: r.losses }),
    untrained: () => ({ good: 1.0, bad: 1.0 }),
  });
  s.core.play();
  await tick();
  await s.rt.answer(Array(10).fill(2));
  assert.equal(s.core.unstable, true);
  s.core.destroy();
}

// ----- pauseWhen: a finished run pauses itself; Play goes on from there -----
{
  const { rt, core } = await started({ pauseWhen: (r) => r.epoch >= 3 });
  core.play();
  await tick();
  await rt.answer([0.9, 0.8, 0.7]);
  assert.equal(core.running, false);
  await tick();
  assert.equal(rt.pending.length, 0);
  core.destroy();
}

// ----- Shortcuts: Space, → and R, never while typing or with a modifier -----
{
  const target = (match) => ({ closest: (sel) => (match && sel.split(",").some((s) => match(s.trim())) ? {} : null) });
  const key = (k, t = target(null), mods = {}) => ({ key: k, target: t, ...mods });
  assert.equal(shortcutFor(key(" ")), "toggle");
  assert.equal(shortcutFor(key("ArrowRight")), "step");
  assert.equal(shortcutFor(key("s")), "step", "S steps everywhere");
  assert.equal(shortcutFor(key("S")), "step");
  assert.equal(shortcutFor(key("ArrowRight"), { framed: true }), null, "in a slide, → is the deck's");
  assert.equal(shortcutFor(key("s"), { framed: true }), "step", "in a slide, S steps");
  assert.equal(shortcutFor(key(" "), { framed: true }), "toggle", "in a slide, Space still plays");
  assert.equal(shortcutFor(key("r"), { framed: true }), "reset", "in a slide, R still resets");
  assert.equal(shortcutFor(key("r")), "reset");
  assert.equal(shortcutFor(key("R")), "reset");
  assert.equal(shortcutFor(key("f")), null, "F is the shell's");
  assert.equal(shortcutFor(key("r", undefined, { ctrlKey: true })), null);
  assert.equal(shortcutFor(key(" ", undefined, { metaKey: true })), null);
  assert.equal(shortcutFor(key("ArrowRight", undefined, { altKey: true })), null);
  for (const sel of ["input", "textarea", "select", "pre", ".python", ".cm-editor"]) {
    for (const k of [" ", "ArrowRight", "r"]) {
      assert.equal(shortcutFor(key(k, target((s) => s === sel))), null, `${JSON.stringify(k)} in ${sel}`);
    }
  }
  assert.equal(shortcutFor(key("r", target((s) => s.startsWith("[contenteditable")))), null);
  assert.equal(shortcutFor(key("r", { closest: () => null, isContentEditable: true })), null);
  // Space on a focused button is the button's own click; → and R still work there.
  assert.equal(shortcutFor(key(" ", target((s) => s === "button"))), null);
  assert.equal(shortcutFor(key("ArrowRight", target((s) => s === "button"))), "step");

  // The active Player gets the key; typing in a code panel moves nothing.
  const rt = fakeRuntime();
  const a = makePlayer(rt);
  const b = makePlayer(rt);
  const offA = registerShortcuts(a);
  const offB = registerShortcuts(b);
  assert.equal(activePlayer(), a, "the first mounted is active");
  offA();
  const offA2 = registerShortcuts(a);
  assert.equal(activePlayer(), b);
  a.core.reset();
  await rt.answer();
  b.core.reset();
  await rt.answer();
  let prevented = 0;
  const ev = (k, t) => ({ ...key(k, t), defaultPrevented: false, preventDefault() { prevented++; } });
  assert.equal(onPlayerKey(ev("r", target((s) => s === "pre"))), false);
  assert.equal(onPlayerKey(ev(" ", target((s) => s === ".python"))), false);
  await tick();
  assert.equal(rt.pending.length, 0, "keys typed in a code panel start nothing");
  assert.equal(prevented, 0);
  assert.equal(onPlayerKey(ev("ArrowRight")), true);
  assert.equal(prevented, 1);
  await tick();
  assert.equal(rt.pending.length, 1);
  await rt.answer([0.5]);
  assert.equal(b.core.epoch, 1);
  assert.equal(a.core.epoch, 0);
  offB();
  assert.equal(activePlayer(), a, "destroying a Player removes its shortcuts");
  offA2();
  offA();
  assert.equal(activePlayer(), null);
  assert.equal(onPlayerKey(ev(" ")), false, "no Player mounted: the key is not taken");
  a.core.destroy();
  b.core.destroy();
}

console.log("player ok");
