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
//   the message and its line show in the panel, the demo keeps the last good version. An exception
//   later, while the lesson runs it, puts the student's last good version back (the text that ran
//   before; entry.good), or the lab's own if there is none.
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
// {module, name, draft, running, good}). Before each of the page's calls (page.ready), the running edits
// are installed in the worker unless it already has them, so a reloaded page or a restarted worker
// gets them back. Code that arrives in a link never runs by itself: the page shows it and asks.
//
// Runaway code: while an edit runs and a call has lasted over 1.5 s, the demo's badge offers Stop, and
// the panels say so; after 6 s it is stopped by itself. Edit and Reset never wait: Reset stops it first.
// With SharedArrayBuffer, Stop interrupts Python (runtime.stop(): KeyboardInterrupt, within a second);
// without it (or if Python does not stop), the worker is restarted. Either way the edit that ran
// away is taken out (its text stays in the editor), the others stay, and the lesson is restored
//
// The code is in ui/code/: store.js (the edit store, error texts), session.js (the state the pages
// share), page-code.js (PageCode: one lesson page's panels, Stop, failures), panel.js (one panel),
// prompt.js (code from a link). This module is their front door.
import { PageCode } from "./code/page-code.js";

export { encodeShare, decodeShare, shareFromHash, withShare } from "./share-link.js";   // (their home)
export { editStore, editKey, STORE_PREFIX, errorText } from "./code/store.js";
export { ensureEdits } from "./code/session.js";
export { panelId, panelLink } from "./code/panel.js";

/** What LessonPage.python(fns, module) does. */
export function attachPythonPanels(page, fns, module, extra) {
  if (!page.codePanels) page.codePanels = new PageCode(page);
  page.codePanels.add(fns, module, extra);
  return page.codePanels;
}
