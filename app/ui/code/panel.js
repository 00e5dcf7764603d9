// One function's panel (<details class="python">): its source, Edit, Run, Reset and Share.
// See ../code-panel.js for the whole story.
import { el, button } from "../controls.js";
import { describe } from "../fault.js";
import { loadEditor } from "../editor.js";
import { storageNote } from "../storage.js";
import { encodeShare, withShare } from "../share-link.js";
import { editKey, errorText } from "./store.js";
import { LIVE, shared, store, openEditors, installedIn } from "./session.js";

const RESET_STOPS_S = 0.5;   // Reset while a call has run this long stops it first (it would wait behind it)

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

export class Panel {
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
      // Beside the code: its own status, or a short note of what the page's message says at length.
      if (c.note || (c.status && c.where !== "page")) this.status.textContent = c.note || c.status;
      if (c.error) this.showError(c.error);
      this.carriedFocus = c.focus;
    }
    // An edit's editor that was open opens again at once, with its own text: it need not wait for the lab's
    // source, which waits behind the demo's calls (for seconds, if the edit runs away).
    if (openEditors.has(this.key) && this.entry()) setTimeout(() => { if (this.page.alive) this.edit({ focus: false }); }, 0);
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
    if (shown != null && !this.editor && this.code.textContent !== shown) this.code.textContent = shown;
    this.view.hidden = !!this.editor;
    // Edit and Reset never wait for Python: with an edit of its own, the panel opens its text without the
    // lab's source (which a runaway call would hold up), and Reset stops a runaway call first.
    this.editB.disabled = this.original == null && !e;
    this.runB.disabled = (this.original == null && !e) || (!this.editor && !(e && e.draft));
    this.resetB.disabled = !e;
    this.shareB.disabled = !this.owner.running().length;
  }

  saveDraft(text) {
    const e = this.entry() || { module: this.module, name: this.name, running: null, order: ++shared.order };
    if (!store.set({ ...e, draft: text })) this.status.textContent = "This tab's storage is full: your text is not kept if you leave.";
  }

  /** The student's last good version: the text that ran before the one running now (never the same text). */
  lastGood() {
    const e = this.entry();
    return e && e.good && e.good !== e.running ? e.good : null;
  }

  /** The running edit failed: `back` (the last good text, or null for the lab's own) runs in its place;
   *  the failed text stays in the editor. */
  takeOut(back = null) {
    const e = this.entry();
    if (e) store.set({ ...e, running: back, draft: e.draft || e.running });
    openEditors.add(this.key);
  }

  /** Take a failed edit out of a worker that answers: the last good version goes in its place there, or
   *  the lab's own. Returns true if the last good version runs; throws if the worker cannot take it out. */
  async fallBack(rt) {
    const good = this.lastGood();
    let back = null;
    if (good) {
      try {
        const res = await rt.call(LIVE, "install", { module: this.module, name: this.name, source: good });
        if (res && res.ok) back = good;
      } catch { /* the reset below says whether the worker answers */ }
    }
    if (!back) await rt.call(LIVE, "reset", { module: this.module, name: this.name });
    if (back) installedIn(rt)?.set(this.key, back);
    else installedIn(rt)?.delete(this.key);
    this.takeOut(back);
    return Boolean(back);
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
    // The version running until now had not failed (a failure takes it out): it becomes the last good one.
    const good = e && e.running && e.running !== text ? e.running : (e && e.good) || null;
    store.set({ ...e, draft: text, running: text, good, order: ++shared.order });
    installedIn(this.page.runtime)?.set(this.key, text);
    shared.probation = { key: this.key, answered: this.page.runtime.answered };
    if (remount) {
      shared.carried = { route: this.page.route, key: this.key, focus: "run", where: "panel",
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
    if (this.owner.stalledFor() >= RESET_STOPS_S) { await this.owner.stop({ reset: this }); return; }
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
    shared.carried = { route: this.page.route, key: this.key, focus: "edit", where: "panel", status: restarted
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
