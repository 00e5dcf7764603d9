// The loading line: what the runtime is doing, in words, with a bar. Never a URL or a file name:
// it is read from the back of a lecture hall. It is a fixed-height bar pinned to the bottom of the
// window (style.css .boot), so showing and hiding it never moves the lesson.
//
//   "Starting Python…"  then  "Loading numpy…", "Loading scikit-learn…"  then hidden.

/** The words for a progress event {stage, detail}: the package's name only, never Pyodide's message. */
export function progressText({ stage, detail }) {
  if (stage === "runtime") return "Starting Python…";
  const name = String(detail || "").split(": ")[0].trim();
  return /^[A-Za-z0-9_.-]+$/.test(name) ? `Loading ${name}…` : "Loading packages…";
}

export function connectProgress(runtime) {
  const box = document.getElementById("boot");
  const bar = document.getElementById("boot-progress");
  const stage = document.getElementById("boot-stage");
  runtime.on("progress", (ev) => {
    box.hidden = ev.stage === "package" && ev.fraction === 1;   // "packages ready"
    stage.textContent = progressText(ev);
    if (ev.fraction == null) bar.removeAttribute("value");
    else bar.value = ev.fraction;
  });
  runtime.on("state", (state) => {
    box.hidden = state !== "booting";
    if (state === "booting") { stage.textContent = progressText({ stage: "runtime" }); bar.removeAttribute("value"); }
  });
}
