// The Python panels of a lesson: read the source, edit it, run your version in the lesson's demo.
//
//   attachPythonPanels(page, ["output_map", "neuron"], "backprop_lab.lessons.neuron");   // = page.python(...)
//
// Each panel (<details class="python">, summary "Python: <module>.<fn>") shows the source of the
// function the demo runs (aria-label "Source of <fn>"; read from the worker when the panel is first
// opened, so a lesson's panels never delay its demo) with Edit, Run, Reset and Share:
// - Edit loads the code editor (app/ui/editor.js, a bundle fetched only then) with the source.
// - Run puts your function in place of the lab's in the worker (backprop_lab.live.install). A syntax
//   error, an exception while the code runs or other arguments than the original's changes nothing:
//   the message and its line show in the panel, the demo keeps the last good version.
// - Reset puts the lab's own function back (live.reset).
// - Share writes your running edits into the link: code=<deflate-raw, base64url> after the '#'
//   (ui/share-link.js encodes and checks it).
//
// How the demo learns of a change: a "code-change" CustomEvent (cancelable, detail {module, name,
// running}) is dispatched on the lesson's node (page.node). A lesson that redraws itself calls
// preventDefault(); otherwise the route is mounted afresh from its URL (a hashchange event, which
// main.js answers by remounting the lesson with the state in its link), so every follow() and call
// runs again, now with the edited function. Focus goes back to the panel's button after that.
//
// Edits live in the tab (sessionStorage through ui/storage.js, which keeps them in memory where the
// browser denies storage, as in a frame of another site; one key per function: "backprop-lab.edit:<module>.<fn>",
// {module, name, draft, running}). Before each of the page's calls (page.ready), the running edits
// are installed in the worker unless it already has them, so a reloaded page or a restarted worker
// gets them back. Code that arrives in a link never runs by itself: the page shows it and asks.
//
// Runaway code: while an edit runs and a call has lasted over 1.5 s, the demo's badge offers Stop.
// With SharedArrayBuffer, Stop interrupts Python (runtime.stop(): KeyboardInterrupt, within a second);
// without it (or if Python does not stop), the worker is restarted. Either way the edit that ran
// away is taken out (its text stays in the editor), the others stay, and the lesson is restored
// from its URL. An exception raised by an edited function while the lesson runs it (the page's
// fault box opens and live.last_error() names the edit) takes that edit out the same way.
import { el, button } from "./controls.js";
import { parseHash, withPageSetting } from "./state.js";
import { clearFault, describe } from "./fault.js";
import { loadEditor } from "./editor.js";
import { tabStorage, storageNote, storageKept, inFrame } from "./storage.js";
import { encodeShare, decodeShare, shareFromHash, withShare } from "./share-link.js";

export { encodeShare, decodeShare, shareFromHash, withShare };   // (their home is share-link.js)

const LIVE = "backprop_lab.live";
export const STORE_PREFIX = "backprop-lab.edit:";
const STALL_S = 1.5;      // a call of edited code running longer than this offers Stop
const STOP_WAIT_MS = 1000; // after runtime.stop(), wait this long before restarting the worker

// ---- pure helpers (tests/unit/js/code_panel.mjs) -------------------------------------------
export const editKey = (module, name) => `${module}.${name}`;

/** The tab's edits: get/set/remove one, all() of them. `storage` is tabStorage() in the page. */
export function editStore(storage) {
  const read = (k) => {
    try { const v = JSON.parse(storage.getItem(k)); return v && typeof v.module === "string" ? v : null; } catch { return null; }
  };
  return {
    get: (module, name) => read(STORE_PREFIX + editKey(module, name)),
    set(entry) {
      try { storage.setItem(STORE_PREFIX + editKey(entry.module, entry.name), JSON.stringify(entry)); return true; } catch { return false; }
    },
    remove: (module, name) => storage.removeItem(STORE_PREFIX + editKey(module, name)),
    all() {
      const out = [];
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (k && k.startsWith(STORE_PREFIX)) { const v = read(k); if (v) out.push(v); }
      }
      return out.sort((a, b) => (a.order || 0) - (b.order || 0));
    },
  };
}

/** The lines shown for an error dict of live.install / the exercise runner. */
export function errorText(error) {
  const where = error.line ? `Line ${error.line}: ` : "";
  const kind = { syntax: "Syntax error", exception: "Your code raised an exception", not_written: "Not written yet",
    missing: "Missing function", signature: "Wrong arguments", timeout: "Stopped",
    lab: "Not accepted", shortcut: "Not accepted" }[error.kind] || "Error";
  return { title: `${kind}. ${where}${error.message}`, detail: error.traceback || error.message };
}

// ---- the page's state ---------------------------------------------------------------------
const store = editStore(tabStorage());
const workerEdits = new WeakMap();   // Worker -> Map(key -> source installed there)
const ensuring = new WeakMap();      // runtime -> promise of the edits being installed
let order = Date.now();
let carried = null;     // {route, key, status, error, focus, editing} shown after the next mount
let pendingShare = null; // {route, code}, taken from the link before the lesson rewrites it
const openEditors = new Set();   // keys whose editor was open (kept across remounts)
/** How a message names the edits it took out: "your neuron", or "one of your edits (neuron, output_map)". */
function naming(panels) {
  const names = panels.map((p) => p.fn).join(", ");
  return { names, who: panels.length > 1 ? `one of your edits (${names})` : `your ${names}` };
}

let activeCode = null;   // the PageCode of the lesson on screen
let probation = null;    // {key, answered}: the edit Run last, and the runtime's answered count then
const watchedRuntimes = new WeakSet();

/** A call in which the interpreter itself failed (client.js: a fatal error; the worker is restarted
 *  and the lesson restored): the edits that may have caused it do not go into the new worker. */
function watchFailures(runtime) {
  if (!runtime || typeof runtime.on !== "function" || watchedRuntimes.has(runtime)) return;
  watchedRuntimes.add(runtime);
  runtime.on("fault", (err) => {
    if (err && err.fatal && activeCode && activeCode.page.runtime === runtime) activeCode.onPythonFailed(err);
  });
}

if (typeof addEventListener !== "undefined") {
  // The page threw on what Python returned (an uncaught error in a draw or a promise): with edits
  // running, an edited function most likely returned something else than the lab's own.
  // Only a thrown Error counts. Not a failed call (a RuntimeError, with its kind: the fault box and
  // the worker's restart deal with those), and not the browser's own reports that carry no Error
  // ("ResizeObserver loop completed with undelivered notifications" is an ErrorEvent with error null).
  const bad = (reason) => {
    if (!(reason instanceof Error) || typeof reason.kind === "string") return;
    if (activeCode && activeCode.page.alive) activeCode.onBadResult(reason);
  };
  addEventListener("unhandledrejection", (ev) => bad(ev.reason));
  addEventListener("error", (ev) => bad(ev.error));
}

if (typeof location !== "undefined") {
  pendingShare = shareFromHash(location.hash);
  addEventListener("hashchange", () => { const s = shareFromHash(location.hash); if (s) pendingShare = s; });
}

function installedIn(runtime) {
  const w = runtime.worker;
  if (!w) return null;
  if (!workerEdits.has(w)) workerEdits.set(w, new Map());
  return workerEdits.get(w);
}

/** Install every running edit of the tab that the worker does not have yet (after a reload or restart). */
export function ensureEdits(runtime) {
  const todo = () => {
    const have = installedIn(runtime);
    return have ? store.all().filter((e) => e.running && have.get(editKey(e.module, e.name)) !== e.running) : [];
  };
  if (!todo().length) return ensuring.get(runtime) || Promise.resolve();
  const previous = ensuring.get(runtime) || Promise.resolve();
  const next = previous.then(async () => {
    for (const e of todo()) {
      const have = installedIn(runtime);
      let res;
      try {
        res = await runtime.call(LIVE, "install", { module: e.module, name: e.name, source: e.running });
      } catch (err) {
        continue;   // the worker died or was restarted: the next call tries again
      }
      if (res && res.ok) have.set(editKey(e.module, e.name), e.running);
      else if (res && res.error && res.error.kind !== "missing") store.set({ ...e, running: null });
      else have.set(editKey(e.module, e.name), e.running);   // not importable here (its packages): do not retry each call
    }
  });
  ensuring.set(runtime, next.catch(() => {}));
  return next.catch(() => {});
}

function addStylesheet() {
  const href = new URL("./code-panel.css", import.meta.url).href;
  if ([...document.querySelectorAll("link[rel=stylesheet]")].some((l) => l.href === href)) return;
  document.head.append(el("link", { rel: "stylesheet", href }));
}

// ---- one lesson page's panels --------------------------------------------------------------
class PageCode {
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
    this.carried = carried && carried.route === page.route ? carried : null;
    carried = null;
    if (this.carried && this.carried.where === "page") this.message.textContent = this.carried.status;
    this.timer = setInterval(() => this.tick(), 250);
    activeCode = this;
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
    this.showRunaway(s >= STALL_S ? s : null);
  }

  showRunaway(seconds) {
    const text = seconds == null ? "" : `Your code has been running for ${Math.floor(seconds)} s.`;
    if (text === this.runaway.textContent && this.stopButton.hidden === (seconds == null)) return;
    this.stopButton.hidden = seconds == null;
    this.runaway.textContent = text;
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
    const fresh = probation && running.find((p) => p.key === probation.key);
    return fresh && this.page.runtime.answered === probation.answered ? [fresh] : running;
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

  async stop() {
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
    const culprits = await this.culprits(interrupted);
    for (const p of culprits) p.takeOut();
    const { names, who } = naming(culprits);
    let status;
    if (interrupted) {
      for (const p of culprits) {
        try { await rt.call(LIVE, "reset", { module: p.module, name: p.name }); } catch { /* the worker is replaced below */ }
        installedIn(rt)?.delete(p.key);
      }
      status = `Stopped: ${who} ran for ${seconds} s without finishing, so Python was interrupted. ` +
        "The demo runs the lab's own version again; your text is kept in the editor.";
    } else {
      rt.restart().catch(() => {});
      await new Promise((r) => setTimeout(r, 0));   // the calls it failed open the fault box first
      const why = rt.interrupt ? "Python did not stop within a second of the interrupt" :
        "This browser cannot interrupt Python (no SharedArrayBuffer here)";
      status = `Stopped: ${who} ran for ${seconds} s without finishing. ${why}, ` +
        "so Python was restarted; the lesson was restored from its link with your other " +
        "edits, and the demo runs the lab's own " + names + ". Your text is kept in the editor.";
    }
    clearFault();
    carried = { route: this.page.route, key: culprits[0] && culprits[0].key, where: "page", status, focus: "edit" };
    this.stopping = false;
    this.changed(culprits[0]);
  }

  /** The page's fault box opened: if an edited function raised, take it out and say where. */
  async onFault() {
    if (this.checkingFault || this.stopping || !this.running().length) return;
    this.checkingFault = true;
    try {
      const err = await this.page.runtime.call(LIVE, "last_error", {});
      const panel = err && this.panels.get(editKey(err.module, err.name));
      if (!panel || !panel.entry() || !panel.entry().running) return;
      await this.page.runtime.call(LIVE, "reset", { module: panel.module, name: panel.name });
      installedIn(this.page.runtime)?.delete(panel.key);
      panel.takeOut();
      clearFault();
      carried = { route: this.page.route, key: panel.key, error: err, focus: "edit", where: "page",
        status: (err.kind === "lab" ? `${err.message} The demo went back to the lab's own ${panel.fn}. ` :
          `Your ${panel.fn} raised ${err.message} while the lesson ran it, so the demo went back to the lab's own version. `) +
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
    for (const p of culprits) p.takeOut();
    const { names, who } = naming(culprits);
    carried = { route: this.page.route, key: culprits[0].key, focus: "edit", where: "page",
      status: `Python itself failed while ${who} ran (${String(err.message).replace(/^Python failed: /, "").slice(0, 160)}), ` +
        `so it was restarted, and the demo runs the lab's own ${names}. A deep recursion does this: keep the ` +
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
      for (const p of running) {
        try { await rt.call(LIVE, "reset", { module: p.module, name: p.name }); } catch { restart = true; }
        installedIn(rt)?.delete(p.key);
        p.takeOut();
      }
      if (restart) await rt.restart().catch(() => {});
      const names = running.map((p) => p.fn).join(", ");
      const what = String((err && err.message) || err || "an error").slice(0, 160);
      clearFault();
      carried = { route: this.page.route, key: running[0].key, focus: "edit", where: "page",
        status: `The lesson could not use what your ${names} returned (${what}). An edit must return what the lab's ` +
          "own version returns: the same kind of value, with the same keys and shapes. The demo went back to the " +
          "lab's own version; your text is kept." };
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
      if (carried && carried.where === "page") this.message.textContent = carried.status || "";
      carried = null;
      this.refresh();
    }
  }

  async offerShare() {
    if (!pendingShare || pendingShare.route !== this.page.route || !this.page.alive) return;
    const { code } = pendingShare;
    pendingShare = null;
    let edits;
    try {
      edits = await decodeShare(code);
    } catch (err) {
      this.message.textContent = `This link's edited Python was not used: ${err.message}.`;
      return;
    }
    const known = edits.filter((e) => this.panels.has(editKey(e.module, e.name)));
    if (!known.length) {
      this.message.textContent = "This link's edited Python is for functions this page does not show; it was not used.";
      return;
    }
    // In a frame, another site's page could hide this prompt under a decoy and have the Run pressed
    // for someone (clickjacking): a frame never offers Run for a link's code, and never takes the focus.
    const framed = inFrame();
    const heading = el("h2", { id: `${this.page.route}-code-prompt`,
      text: framed ? "This link contains edited Python" : "This link contains edited Python. Run it?" });
    const dismiss = (text) => {
      forgetShare();
      this.prompt.hidden = true;
      this.prompt.replaceChildren();
      this.message.textContent = text;
    };
    const choices = framed
      ? [el("a", { href: location.href, target: "_blank", rel: "noopener", class: "button primary", text: "Open in a new tab" }),
        button("Don't run", () => dismiss("The edited Python from the link was not run. The demo runs the lab's own code."))]
      : [button("Run", () => this.acceptShare(known), { class: "primary" }),
        button("Don't run", () => dismiss("The edited Python from the link was not run. The demo runs the lab's own code."))];
    this.prompt.replaceChildren(heading,
      el("p", { text: framed
        ? "Code from a link never runs inside a frame of another page. Open the lesson in a tab of its own to read the code and choose."
        : "Someone changed these functions. Read the code first: nothing runs unless you press Run. Once running, it can do " +
          "whatever this page can, so run it only if you trust whoever sent the link." }),
      ...known.map((e) => {
        const lines = e.source.replace(/\n$/, "").split("\n").length;
        return el("div", { class: "code-prompt-item" },
          el("p", { text: `${e.module}.${e.name}: ${lines} line${lines === 1 ? "" : "s"}` +
            (lines > 12 ? " (scroll the box to read them all)" : "") }),
          el("pre", { tabindex: "0", "aria-label": `Code from the link: ${e.name}` }, el("code", { text: e.source })));
      }),
      el("div", { class: "code-tools" }, ...choices),
      edits.length > known.length ? el("p", { text: `${edits.length - known.length} other function(s) in the link are not on this page and were left out.` }) : "");
    this.prompt.setAttribute("role", "region");
    this.prompt.setAttribute("aria-labelledby", heading.id);
    this.prompt.hidden = false;
    if (!framed) choices[0].focus();
  }

  async acceptShare(edits) {
    forgetShare();   // answered: the remount that follows must not ask again
    this.prompt.hidden = true;
    this.prompt.replaceChildren();
    let last = null;
    for (const e of edits) {
      const panel = this.panels.get(editKey(e.module, e.name));
      panel.saveDraft(e.source);
      openEditors.add(panel.key);
      const ok = await panel.install(e.source, { remount: false });
      if (!ok) { this.message.textContent = `The link's ${panel.fn} could not run: see its panel.`; panel.node.open = true; return; }
      last = panel;
    }
    carried = { route: this.page.route, key: last.key, where: "page", status: "The edited Python from the link is running.", focus: "run" };
    this.changed(last);
  }
}

/** The link's code has been answered (Run or Don't run): take code= out of the URL, so a remount or
 *  the lesson's own URL updates do not offer it again. */
function forgetShare() {
  pendingShare = null;
  if (parseHash(location.hash).params.has("code")) history.replaceState(null, "", withPageSetting("code", false));
}

/** The id of the panel of module.name: links from other panels ("Calls: ...") point at it. */
export const panelId = (module, name) => `py-${editKey(module, name).replace(/[^A-Za-z0-9]/g, "-")}`;

/** A link to another function's panel: opens it, scrolls to it and focuses its summary. The route
 *  lives in the URL's '#', so the click does not follow the href (which only names the target). */
export function panelLink(module, name) {
  const id = panelId(module, name);
  return el("a", { href: `#${id}`, class: "code-call", text: name, onclick: (e) => {
    const target = document.getElementById(id);
    if (!target) return;
    e.preventDefault();
    target.open = true;
    target.scrollIntoView({ block: "start" });
    target.querySelector("summary").focus();
  } });
}

class Panel {
  constructor(owner, module, fn, { calls = [], notes = [] } = {}) {
    this.owner = owner;
    this.page = owner.page;
    this.module = module;
    this.fn = this.name = fn;
    this.key = editKey(module, fn);
    this.original = null;
    this.code = el("code", { text: "Loading the source…" });
    this.view = el("pre", { tabindex: "0", "aria-label": `Source of ${fn}` }, this.code);
    this.badge = el("span", { class: "code-badge", hidden: true, text: "running your code" });
    this.editB = button("Edit", () => this.edit(), { "aria-label": `Edit ${fn}`, disabled: true });
    this.runB = button("Run", () => this.run(), { "aria-label": `Run ${fn}`, disabled: true, "aria-keyshortcuts": "Control+Enter" });
    this.resetB = button("Reset", () => this.reset(), { "aria-label": `Reset ${fn}`, disabled: true });
    this.shareB = button("Share", () => this.share(), { "aria-label": `Share ${fn}`, disabled: true });
    this.tools = el("div", { class: "code-tools" }, this.editB, this.runB, this.resetB, this.shareB);
    this.host = el("div", { class: "editor-host", hidden: true });
    // "?" typed in the editor is code, not the shell's shortcut for the shortcuts dialog.
    this.host.addEventListener("keydown", (e) => { if (e.key === "?") e.stopPropagation(); });
    this.status = el("p", { class: "code-status", role: "status", "aria-live": "polite" });
    this.errorTitle = el("p", { class: "code-error-title" });
    this.errorDetail = el("pre", { class: "code-error-detail", "aria-label": `Error in ${fn}` });
    this.error = el("div", { class: "code-error", role: "alert", hidden: true }, this.errorTitle, this.errorDetail);
    this.shareBox = el("div", { class: "code-share", hidden: true });
    const links = calls.flatMap(([m, n], i) => (i ? [", ", panelLink(m, n)] : [panelLink(m, n)]));
    this.node = el("details", { class: "python code-panel", id: panelId(module, fn) },
      el("summary", {}, el("span", { text: `Python: ${module}.${fn}` }), " ", this.badge),
      ...notes.map((n) => el("p", { class: "code-note" }, ...[].concat(n))),
      storageNote("Your edits") || "",
      calls.length ? el("p", { class: "code-calls" }, "Calls: ", ...links) : "",
      this.view, this.tools, this.host, this.status, this.error, this.shareBox);
    // The source is read when the panel is first opened, not when the lesson mounts: a page with 20
    // panels would otherwise queue 20 calls ahead of its demo's first one (0.7 s of the Playground's boot).
    this.node.addEventListener("toggle", () => { if (this.node.open) this.loadSource(); });
    const c = owner.carried && owner.carried.key === this.key ? owner.carried : null;
    if (openEditors.has(this.key)) this.node.open = true;   // its editor was open before the remount
    if (c) {
      this.node.open = true;
      if (c.status && c.where !== "page") this.status.textContent = c.status;
      if (c.error) this.showError(c.error);
      this.carriedFocus = c.focus;
    }
  }

  entry() { return store.get(this.module, this.name); }

  /** Read the function's source from the worker, once. */
  loadSource() {
    this.sourceLoading ||= this.page.ready()
      // live.source: the lab's own text even while an edit runs; reads methods ("Trainer._step") dedented
      // and table entries ("ACTIVATIONS.tanh.df", a lambda) as the def that live.install expects.
      .then(() => this.page.runtime.call(LIVE, "source", { module: this.module, name: this.fn }))
      .then((src) => this.loaded(src))
      .catch((err) => {
        this.sourceLoading = null;   // opening the panel again tries again
        this.code.textContent = `(source unavailable: ${describe(err)})`;
      });
    return this.sourceLoading;
  }

  loaded(src) {
    this.original = src;
    if (/^\s*(@[^\n]*\n\s*)*class\s/.test(src)) {   // a class: live.install replaces functions, not classes
      this.tools.replaceChildren(el("p", { class: "hint", text: "A class cannot be swapped while the lab runs; edit one of its " +
        "methods instead (the Exercises page has some)." }));
      this.code.textContent = src;
      return;
    }
    this.editB.disabled = false;
    this.refresh();
    if (openEditors.has(this.key)) this.edit({ focus: false });
    if (this.carriedFocus) {
      const target = { edit: this.editB, run: this.runB }[this.carriedFocus] || this.editB;
      this.carriedFocus = null;
      target.focus();
    }
  }

  refresh() {
    const e = this.entry();
    const running = !!(e && e.running);
    this.badge.hidden = !running;
    const shown = running ? e.running : this.original;
    if (this.original != null && !this.editor && this.code.textContent !== shown) this.code.textContent = shown;
    this.view.hidden = !!this.editor;
    this.runB.disabled = this.original == null || (!this.editor && !(e && e.draft));
    this.resetB.disabled = !e;
    this.shareB.disabled = !this.owner.running().length;
  }

  saveDraft(text) {
    const e = this.entry() || { module: this.module, name: this.name, running: null, order: ++order };
    if (!store.set({ ...e, draft: text })) this.status.textContent = "This tab's storage is full: your text is not kept if you leave.";
  }

  takeOut() {
    const e = this.entry();
    if (e) store.set({ ...e, running: null, draft: e.draft || e.running });
    openEditors.add(this.key);
  }

  async edit({ focus = true } = {}) {
    if (this.editor || this.loadingEditor) { if (this.editor && focus) this.editor.focus(); return; }
    this.loadingEditor = true;
    if (!this.status.textContent) this.status.textContent = "Loading the editor…";
    const { createEditor, fallback } = await loadEditor();
    this.loadingEditor = false;
    if (!this.page.alive) return;
    const e = this.entry();
    const doc = (e && (e.draft || e.running)) || this.original;
    this.host.hidden = false;
    this.editor = createEditor(this.host, {
      doc, label: `Edit ${this.fn}`,
      onChange: (text) => { this.saveDraft(text); this.refresh(); },
      onRun: () => this.run(),
    });
    // A CodeMirror view keeps document-wide listeners and observers: end it with the page, or every
    // remount (each Run) would keep its editor alive (bench/soak.py: +84 KB of JS heap per Run).
    const editor = this.editor;
    this.page.cleanups.push(() => editor.destroy());
    openEditors.add(this.key);
    if (this.pendingMark) { this.editor.markLine(this.pendingMark); this.pendingMark = null; }
    this.node.open = true;
    if (fallback || !this.status.textContent || this.status.textContent === "Loading the editor…") this.status.textContent = fallback || "Edit the function, then press Run (Ctrl+Enter). Escape, then Tab, leaves the editor.";
    this.refresh();
    if (focus) this.editor.focus();
  }

  async run() {
    const e = this.entry();
    const text = this.editor ? this.editor.text() : e && e.draft;
    if (text == null) return;
    this.saveDraft(text);
    await this.install(text, { remount: true });
  }

  /** live.install in the worker; true if it is running now. */
  async install(text, { remount }) {
    this.runB.disabled = true;
    this.status.textContent = `Running your ${this.fn}…`;
    this.hideError();
    let res;
    try {
      await this.page.ready();
      res = await this.page.runtime.call(LIVE, "install", { module: this.module, name: this.name, source: text });
    } catch (err) {
      this.status.textContent = `Your ${this.fn} could not be installed: ${describe(err)}`;
      this.refresh();
      return false;
    }
    if (!this.page.alive) return false;
    if (!res || !res.ok) {
      const err = res ? res.error : { kind: "missing", line: null, message: "no answer", traceback: "" };
      this.showError(err);
      const e = this.entry();
      this.status.textContent = `Not run: the demo keeps ${e && e.running ? "your last good version" : "the lab's own version"}.`;
      this.refresh();
      return false;
    }
    const e = this.entry();
    store.set({ ...e, draft: text, running: text, order: ++order });
    installedIn(this.page.runtime)?.set(this.key, text);
    probation = { key: this.key, answered: this.page.runtime.answered };
    if (remount) {
      carried = { route: this.page.route, key: this.key, focus: "run", where: "panel",
        status: `Your ${this.fn} is running in the demo${res.reference_path ? " (training takes the reference path, which calls it)" : ""}.` };
      this.owner.changed(this);
    }
    return true;
  }

  showError(error) {
    const { title, detail } = errorText(error);
    this.errorTitle.textContent = title;
    this.errorDetail.textContent = detail;
    this.error.hidden = false;
    this.node.open = true;
    if (this.editor && error.line) this.editor.markLine(error.line);
    else this.pendingMark = error.line;
  }

  hideError() { this.error.hidden = true; if (this.editor) this.editor.markLine(null); }

  /** Put the lab's own function back. The stored edit goes whatever happens: an edit that broke the
   *  worker (say, by replacing the bridge) must not be able to block its own removal, so when the worker
   *  cannot take it out, the worker is restarted, and the new one never gets this edit. */
  async reset() {
    const e = this.entry();
    if (!e) return;
    let restarted = false;
    if (e.running) {
      try {
        await this.page.ready();
        await this.page.runtime.call(LIVE, "reset", { module: this.module, name: this.name });
      } catch {
        restarted = true;
      }
    }
    store.remove(this.module, this.name);
    installedIn(this.page.runtime)?.delete(this.key);
    openEditors.delete(this.key);
    if (restarted) await this.page.runtime.restart().catch(() => {});
    carried = { route: this.page.route, key: this.key, focus: "edit", where: "panel", status: restarted
      ? `The lab's own ${this.fn} is back: Python could not take your edit out, so it was restarted without it.`
      : `The lab's own ${this.fn} is back.` };
    this.owner.changed(this);
  }

  async share() {
    const edits = this.owner.running().map((p) => ({ module: p.module, name: p.name, source: p.entry().running }));
    let link;
    try {
      link = withShare(location.href, await encodeShare(edits));
    } catch (err) {
      this.status.textContent = `Could not make the link: ${err.message}`;
      return;
    }
    history.replaceState(null, "", link);
    const id = `share-${this.key.replace(/[^A-Za-z0-9]/g, "-")}`;
    const area = el("textarea", { id, readonly: true, rows: 3, text: link });
    const copied = el("span", { role: "status" });
    const copy = button("Copy link", async () => {
      area.select();
      try { await navigator.clipboard.writeText(link); copied.textContent = "Copied."; }
      catch { copied.textContent = "Select the link and copy it (Ctrl+C)."; }
    });
    this.shareBox.replaceChildren(el("label", { for: id, text: "Link with your code (it asks before running it)" }), area, copy, copied);
    this.shareBox.hidden = false;
    this.status.textContent = `The link now holds your ${edits.map((e) => e.name).join(", ")}.`;
    area.focus();
    area.select();
  }
}

/** What LessonPage.python(fns, module) does. */
export function attachPythonPanels(page, fns, module, extra) {
  if (!page.codePanels) page.codePanels = new PageCode(page);
  page.codePanels.add(fns, module, extra);
  return page.codePanels;
}
