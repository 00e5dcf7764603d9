// The code editor, loaded only when a panel's Edit is first pressed: the CodeMirror 6 bundle that
// build.py makes (vendor/codemirror/editor.js) is imported on demand, once, so no lesson pays for
// it at first paint. If it cannot be loaded, a plain text box stands in (Tab indents there too;
// Escape, then Tab, leaves it), and the reason is given.
//
//   const { createEditor, fallback } = await loadEditor();
//   const ed = createEditor(host, { doc, label, onChange, onRun });   // ed.text(), setText, focus, markLine, destroy
import { el } from "./controls.js";

export const BUNDLE_URL = new URL("../../vendor/codemirror/editor.js", import.meta.url).href;

let loading = null;

/** {createEditor, fallback: null | "why the plain text box is used"}. */
export function loadEditor() {
  if (!loading) {
    loading = import(BUNDLE_URL).then(
      (mod) => ({ createEditor: mod.createEditor, fallback: null }),
      (err) => {
        loading = null;   // a later Edit tries again
        return { createEditor: plainEditor, fallback: `The code editor could not load (${err.message}); a plain text box is used.` };
      });
  }
  return loading;
}

/** A <textarea> with the editor's interface: Tab indents by four spaces, Escape then Tab moves on. */
export function plainEditor(parent, { doc = "", label = "Python code", onChange, onRun } = {}) {
  const area = el("textarea", { class: "plain-editor", spellcheck: "false", rows: Math.min(30, doc.split("\n").length + 2),
    "aria-label": label });
  area.value = doc;
  let escaped = false;
  area.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { escaped = true; return; }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); if (onRun) onRun(); return; }
    if (e.key === "Tab" && !escaped && !e.shiftKey) {
      e.preventDefault();
      area.setRangeText("    ", area.selectionStart, area.selectionEnd, "end");
      if (onChange) onChange(area.value);
    }
    escaped = false;
  });
  area.addEventListener("input", () => { if (onChange) onChange(area.value); });
  parent.append(area);
  return {
    text: () => area.value,
    setText(s) { area.value = s; },
    focus: () => area.focus(),
    markLine() {},
    destroy: () => area.remove(),
  };
}
