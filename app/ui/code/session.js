// The state the lesson panels share across the page's life (one lesson page's PageCode replaces
// the last at every remount): the tab's edit store, what an action says after the remount it
// caused (shared.carried), code from a link not yet answered (shared.pendingShare), which editors
// were open, the edit Run last (shared.probation), and which edits each worker has installed.
import { tabStorage } from "../storage.js";
import { shareFromHash } from "../share-link.js";
import { editStore, editKey } from "./store.js";

export const LIVE = "backprop_lab.live";

export const shared = {
  order: Date.now(),   // the order edits were made in
  carried: null,       // {route, key, status, error, focus, where} shown after the next mount
  pendingShare: null,  // {route, code}, taken from the link before the lesson rewrites it
  activeCode: null,    // the PageCode of the lesson on screen
  probation: null,     // {key, answered}: the edit Run last, and the runtime's answered count then
};
export const store = editStore(tabStorage());
const workerEdits = new WeakMap();   // Worker -> Map(key -> source installed there)
const ensuring = new WeakMap();      // runtime -> promise of the edits being installed
export const openEditors = new Set();   // keys whose editor was open (kept across remounts)
/** How a message names the edits it took out: "your neuron", or "one of your edits (neuron, output_map)". */
export function naming(panels) {
  const names = panels.map((p) => p.fn).join(", ");
  return { names, who: panels.length > 1 ? `one of your edits (${names})` : `your ${names}` };
}

const watchedRuntimes = new WeakSet();

/** A call in which the interpreter itself failed (client.js: a fatal error; the worker is restarted
 *  and the lesson restored): the edits that may have caused it do not go into the new worker. */
export function watchFailures(runtime) {
  if (!runtime || typeof runtime.on !== "function" || watchedRuntimes.has(runtime)) return;
  watchedRuntimes.add(runtime);
  runtime.on("fault", (err) => {
    if (err && err.fatal && shared.activeCode && shared.activeCode.page.runtime === runtime) shared.activeCode.onPythonFailed(err);
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
    if (shared.activeCode && shared.activeCode.page.alive) shared.activeCode.onBadResult(reason);
  };
  addEventListener("unhandledrejection", (ev) => bad(ev.reason));
  addEventListener("error", (ev) => bad(ev.error));
}

if (typeof location !== "undefined") {
  shared.pendingShare = shareFromHash(location.hash);
  addEventListener("hashchange", () => { const s = shareFromHash(location.hash); if (s) shared.pendingShare = s; });
}

export function installedIn(runtime) {
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
