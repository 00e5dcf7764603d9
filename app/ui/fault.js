// One place for errors that stop a lesson: a clear message, a Retry button and, when the
// lesson itself could not be shown, a link home to the list of lessons.
import { el } from "./controls.js";

let retryHandler = null;

/**
 * Show `message` in the fault box (role=alert). onRetry: what Retry does (no button if null).
 * home: also offer a link to the list of lessons (for a lesson that could not be opened).
 */
export function showFault(message, onRetry, { home = false } = {}) {
  const box = document.getElementById("fault");
  document.getElementById("fault-message").textContent = message;
  retryHandler = onRetry;
  const retry = document.getElementById("fault-retry");
  retry.hidden = !onRetry;
  retry.onclick = () => {
    const handler = retryHandler;
    clearFault();
    if (handler) handler();
  };
  let link = document.getElementById("fault-home");
  if (!link) {
    link = el("a", { id: "fault-home", href: "#/", text: "All lessons" });
    box.append(link);
  }
  link.hidden = !home;
  box.dataset.home = home ? "1" : "";
  box.hidden = false;
}

export function clearFault() {
  const box = document.getElementById("fault");
  box.hidden = true;
  box.dataset.home = "";
  retryHandler = null;
}

/** Clear the fault box if it holds a lesson that could not be opened (we are leaving it). */
export function clearLessonFault() {
  if (document.getElementById("fault").dataset.home === "1") clearFault();
}

/** The message for a runtime error: Python's last line, or the load/worker failure. */
export function describe(err) {
  if (err.kind === "python") return `Python error: ${err.message}`;
  return err.message || String(err);
}
