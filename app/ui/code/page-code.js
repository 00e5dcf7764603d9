// One lesson page's Python panels (PageCode): the "running your code" bar, Stop for runaway code, what
// happens when an edit fails (a fault, Python failing, a result the lesson cannot use), and telling
// the lesson its code changed. See ../code-panel.js for the whole story.
import { el, button } from "../controls.js";
import { clearFault } from "../fault.js";
import { storageNote, storageKept } from "../storage.js";
import { editKey } from "./store.js";
import { LIVE, shared, store, ensureEdits, installedIn, naming, openEditors, watchFailures } from "./session.js";
import { offerShare, acceptShare } from "./prompt.js";
import { Panel } from "./panel.js";

const STALL_S = 1.5;      // a call of edited code running longer than this offers Stop
const AUTO_STOP_S = 6;    // ... and is stopped by itself after this long without an answer
const STOP_WAIT_MS = 1000; // after runtime.stop(), wait this long before restarting the worker

function addStylesheet() {
  const href = new URL("../code-panel.css", import.meta.url).href;
  if ([...document.querySelectorAll("link[rel=stylesheet]")].some((l) => l.href === href)) return;
  document.head.append(el("link", { rel: "stylesheet", href }));
}

/** What runs instead of the edits taken out: "your last good neuron", "the lab's own neuron", or both kinds. */
function insteadOf(panels, kept) {
  const mine = panels.filter((p) => kept.has(p)).map((p) => p.fn);
  const labs = panels.filter((p) => !kept.has(p)).map((p) => p.fn);
  return [mine.length ? `your last good ${mine.join(", ")}` : "", labs.length ? `the lab's own ${labs.join(", ")}` : ""]
    .filter(Boolean).join(" and ");
}

const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// ---- one lesson page's panels --------------------------------------------------------------
export class PageCode {
  constructor(page) {
    this.page = page;
    this.panels = new Map();   // key -> Panel
    addStylesheet();
    const ready = page.ready.bind(page);
    page.ready = () => ready().then(async () => { await ensureEdits(page.runtime); this.armedWorker = page.runtime.worker; });
    this.stopButton = button("Stop", () => this.stop(), { class: "danger", hidden: true });
    this.badgeText = el("span", { class: "code-bar-text" });
    this.runaway = el("span", { class: "code-bar-runaway" });
    this.unkept = el("span", { class: "code-bar-unkept" });   // where the tab cannot store the edits
    this.bar = el("div", { class: "code-bar", role: "status", hidden: true }, this.badgeText, " ", this.unkept, " ",
      this.runaway, " ", this.stopButton);
    this.message = el("p", { class: "code-message", role: "status", "aria-live": "polite" });
    this.prompt = el("div", { class: "code-prompt", hidden: true });
    page.body.prepend(this.prompt, this.bar, this.message);
    // The state module reports code= as an unknown setting until it is a page key (PAGE_KEYS).
    page.notice.textContent = page.notice.textContent.replace(/Ignored unknown setting "code" in the link\.\s*/, "");
    // What the last action said (Run, Reset, Stop...), carried across the remount it caused.
    this.carried = shared.carried && shared.carried.route === page.route ? shared.carried : null;
    shared.carried = null;
    if (this.carried && this.carried.where === "page") this.message.textContent = this.carried.status;
    this.timer = setInterval(() => this.tick(), 250);
    shared.activeCode = this;
    watchFailures(page.runtime);
    const fault = document.getElementById("fault");
    if (fault) {
      this.observer = new MutationObserver(() => { if (!fault.hidden) this.onFault(); });
      this.observer.observe(fault, { attributes: true, attributeFilter: ["hidden"] });
    }
    setTimeout(() => this.offerShare(), 0);   // once the lesson has made all its panels
  }

  /** extra (optional): {calls: {fn: [[module, name], ...]}, notes: {fn: [paragraph: text, node or a list of them]}}:
   *  a panel's note and the functions it calls, as links to their panels. */
  add(fns, module, extra = {}) {
    for (const fn of fns) {
      const panel = new Panel(this, module, fn, {
        calls: (extra.calls && extra.calls[fn]) || [], notes: (extra.notes && extra.notes[fn]) || [] });
      this.panels.set(panel.key, panel);
      this.page.pythonBox.append(panel.node);
    }
    this.refresh();
  }

  running() { return [...this.panels.values()].filter((p) => p.entry() && p.entry().running); }

  refresh() {
    const running = this.running();
    this.bar.hidden = !running.length && this.stopButton.hidden;
    this.badgeText.textContent = running.length ? `Running your code: ${running.map((p) => p.fn).join(", ")}` : "";
    const note = running.length && storageKept() !== true ? storageNote("Your edits") : null;
    this.unkept.textContent = note ? note.textContent : "";
    for (const p of this.panels.values()) p.refresh();
  }

  tick() {
    if (!this.page.alive) { this.dispose(); return; }
    const rt = this.page.runtime;
    const pending = rt.pending ? [...rt.pending.keys()] : [];
    if (!rt.worker || this.armedWorker !== rt.worker || !this.running().length || !pending.length || this.stopping) {
      this.busy = null;
      if (!this.stopping) this.showRunaway(null);
      return;
    }
    const oldest = Math.min(...pending);
    if (!this.busy || this.busy.id !== oldest) this.busy = { id: oldest, since: performance.now() };
    const s = (performance.now() - this.busy.since) / 1000;
    // A runaway stops by itself; not while a package loads (that takes its own time, and says so).
    if (s >= AUTO_STOP_S && !(rt.loading && rt.loading.size)) { this.stop({ auto: true }); return; }
    this.showRunaway(s >= STALL_S ? s : null);
  }

  /** How long the oldest call has run while edits run (0 if none runs, or Stop is under way). */
  stalledFor() {
    return this.busy && !this.stopping ? (performance.now() - this.busy.since) / 1000 : 0;
  }

  showRunaway(seconds) {
    const text = seconds == null ? "" :
      `Your code has been running for ${Math.floor(seconds)} s. It is stopped at ${AUTO_STOP_S} s if it does not finish.`;
    if (text === this.runaway.textContent && this.stopButton.hidden === (seconds == null)) return;
    this.stopButton.hidden = seconds == null;
    this.runaway.textContent = text;
    // Beside the code too: the panels of the running edits say it under their buttons.
    for (const p of this.panels.values()) {
      if (text && p.entry() && p.entry().running) {
        p.status.textContent = `A call is still running after ${Math.floor(seconds)} s: it is stopped at ${AUTO_STOP_S} s.`;
        p.runawayShown = true;
      }
      else if (p.runawayShown) { p.status.textContent = ""; p.runawayShown = false; }
    }
    this.refresh();
  }

  dispose() {
    clearInterval(this.timer);
    if (this.observer) this.observer.disconnect();
  }

  /** The edits that ran away. Python interrupted: the edit the interrupt went through (live.last_interrupt
   *  names the innermost). Not interrupted: the edit Run last, if no call has come back since; else
   *  every running edit of the page: no guess takes out an innocent one and leaves the loop in place. */
  /** Without Python's word: the edit Run last if no call has come back since, else all running edits. */
  suspects() {
    const running = this.running();
    const fresh = shared.probation && running.find((p) => p.key === shared.probation.key);
    return fresh && this.page.runtime.answered === shared.probation.answered ? [fresh] : running;
  }

  async culprits(interrupted) {
    const running = this.running();
    if (!interrupted) return this.suspects();
    try {
      const hit = await this.page.runtime.call(LIVE, "last_interrupt", {});
      const panel = hit && this.panels.get(editKey(hit.module, hit.name));
      if (panel && running.includes(panel)) return [panel];
    } catch { /* the worker is replaced below */ }
    return running;
  }

  /** Stop a runaway call: interrupt Python (or restart it), take out the edits that ran away (their last good
   *  version, or the lab's own, runs instead), and say so on the page and beside the code.
   *  auto: the page stopped it by itself; reset: the panel whose Reset asked for it (its edit goes entirely). */
  async stop({ auto = false, reset = null } = {}) {
    if (this.stopping) return;
    this.stopping = true;
    const rt = this.page.runtime;
    const started = this.busy ? this.busy.since : performance.now();
    const id = this.busy && this.busy.id;
    this.runaway.textContent = "Stopping…";
    this.stopButton.disabled = true;
    let interrupted = false;
    if (rt.interrupt) {
      rt.stop();
      const until = performance.now() + STOP_WAIT_MS;
      while (performance.now() < until && rt.pending.has(id)) await new Promise((r) => setTimeout(r, 50));
      interrupted = !rt.pending.has(id);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const culprits = (await this.culprits(interrupted)).filter((p) => p !== reset);
    if (reset) {   // Reset: the lab's own, whatever it was
      store.remove(reset.module, reset.name);
      openEditors.delete(reset.key);
    }
    const kept = new Set();   // the culprits whose last good version runs now
    if (interrupted) {
      for (const p of culprits) {
        try { if (await p.fallBack(rt)) kept.add(p); } catch { p.takeOut(); }
      }
      if (reset) {
        try { await rt.call(LIVE, "reset", { module: reset.module, name: reset.name }); } catch { /* as Reset does */ }
        installedIn(rt)?.delete(reset.key);
      }
    } else {
      for (const p of culprits) { const good = p.lastGood(); p.takeOut(good); if (good) kept.add(p); }
      rt.restart().catch(() => {});
      await new Promise((r) => setTimeout(r, 0));   // the calls it failed open the fault box first
    }
    const blamed = culprits.length ? culprits : [reset];
    const { who } = naming(blamed);
    const ran = `${who} ran for ${seconds} s without ${auto ? "an answer" : "finishing"}`;
    const now = culprits.length ? `the demo runs ${insteadOf(culprits, kept)}` : `the demo runs the lab's own ${reset.fn}`;
    let status;
    if (interrupted) {
      status = `${auto ? "Stopped by itself" : "Stopped"}: ${ran}, so Python was interrupted. ` +
        `${capital(now)}; your text is kept in the editor.`;
    } else {
      const why = rt.interrupt ? "Python did not stop within a second of the interrupt" :
        "This browser cannot interrupt Python (no SharedArrayBuffer here)";
      status = `${auto ? "Stopped by itself" : "Stopped"}: ${ran}. ${why}, so Python was restarted; the lesson was ` +
        `restored from its link with your other edits, and ${now}. Your text is kept in the editor.`;
    }
    if (reset) status = `The lab's own ${reset.fn} is back. ${status}`;
    const note = `${auto ? "Stopped by itself" : "Stopped"} after ${seconds} s without an answer: ${now}. ` +
      "Look for a loop that never ends, then press Run.";
    clearFault();
    shared.carried = { route: this.page.route, key: blamed[0] && blamed[0].key, where: "page", status, note, focus: "edit" };
    this.stopping = false;
    this.changed(blamed[0]);
  }

  /** The page's fault box opened: if an edited function raised, take it out and say where. */
  async onFault() {
    if (this.checkingFault || this.stopping || !this.running().length) return;
    this.checkingFault = true;
    try {
      const err = await this.page.runtime.call(LIVE, "last_error", {});
      const panel = err && this.panels.get(editKey(err.module, err.name));
      if (!panel || !panel.entry() || !panel.entry().running) return;
      const good = await panel.fallBack(this.page.runtime);
      const back = good ? `your last good ${panel.fn}, the version before this one` : `the lab's own ${panel.fn}`;
      clearFault();
      shared.carried = { route: this.page.route, key: panel.key, error: err, focus: "edit", where: "page",
        note: `This version raised an error while the lesson ran it (below): the demo runs ${back}.`,
        status: (err.kind === "lab" ? `${err.message} The demo went back to ${back}. ` :
          `Your ${panel.fn} raised ${err.message} while the lesson ran it, so the demo went back to ${back}. `) +
          "Your text is kept: fix it and press Run." };
      this.changed(panel);
    } catch { /* nothing to add to the fault box */ } finally { this.checkingFault = false; }
  }

  /** Python failed in a call (err.fatal) and its worker is being restarted: the edits that ran are
   *  taken out (synchronously, before the restored lesson installs the tab's edits again). */
  onPythonFailed(err) {
    if (this.stopping) return;
    const culprits = this.suspects();
    if (!culprits.length) return;
    const kept = new Set();
    for (const p of culprits) { const good = p.lastGood(); p.takeOut(good); if (good) kept.add(p); }
    const { who } = naming(culprits);
    shared.carried = { route: this.page.route, key: culprits[0].key, focus: "edit", where: "page",
      status: `Python itself failed while ${who} ran (${String(err.message).replace(/^Python failed: /, "").slice(0, 160)}), ` +
        `so it was restarted, and the demo runs ${insteadOf(culprits, kept)}. A deep recursion does this: keep the ` +
        "recursion limit as it is, or write a loop. Your text is kept." };
  }

  /** The lesson threw while it used a result (err: what was thrown) and edits are running: they are
   *  taken out (an edit must return what the lab's own version returns), and the page says so. */
  async onBadResult(err) {
    const running = this.running();
    if (!running.length || this.checkingFault || this.stopping) return;
    this.checkingFault = true;
    try {
      const rt = this.page.runtime;
      let restart = false;
      const kept = new Set();
      for (const p of running) {
        try { if (await p.fallBack(rt)) kept.add(p); } catch { restart = true; p.takeOut(); }
      }
      if (restart) await rt.restart().catch(() => {});
      const names = running.map((p) => p.fn).join(", ");
      const what = String((err && err.message) || err || "an error").slice(0, 160);
      clearFault();
      shared.carried = { route: this.page.route, key: running[0].key, focus: "edit", where: "page",
        status: `The lesson could not use what your ${names} returned (${what}). An edit must return what the lab's ` +
          "own version returns: the same kind of value, with the same keys and shapes. The demo went back to " +
          `${insteadOf(running, kept)}; your text is kept.` };
      this.changed(running[0]);
    } finally { this.checkingFault = false; }
  }

  /** Tell the lesson its code changed; remount the route unless the lesson redraws by itself. */
  changed(panel) {
    if (!this.page.alive) return;
    const detail = panel ? { module: panel.module, name: panel.name, running: !!(panel.entry() && panel.entry().running) } : {};
    const ev = new CustomEvent("code-change", { bubbles: true, cancelable: true, detail });
    if (this.page.node.dispatchEvent(ev)) {
      dispatchEvent(new HashChangeEvent("hashchange", { oldURL: location.href, newURL: location.href }));
    } else {
      if (shared.carried && shared.carried.where === "page") this.message.textContent = shared.carried.status || "";
      shared.carried = null;
      this.refresh();
    }
  }

  offerShare() { return offerShare(this); }

  acceptShare(edits) { return acceptShare(this, edits); }
}
