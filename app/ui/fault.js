// One place for errors that stop a lesson: a clear message and a Retry button.
let retryHandler = null;

export function showFault(message, onRetry) {
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
  box.hidden = false;
}

export function clearFault() {
  document.getElementById("fault").hidden = true;
  retryHandler = null;
}

/** The message for a runtime error: Python's last line, or the load/worker failure. */
export function describe(err) {
  if (err.kind === "python") return `Python error: ${err.message}`;
  return err.message || String(err);
}
