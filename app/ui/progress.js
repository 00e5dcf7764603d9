// The boot progress bar: which stage the runtime is in (runtime, then each package).
export function connectProgress(runtime) {
  const box = document.getElementById("boot");
  const bar = document.getElementById("boot-progress");
  const stage = document.getElementById("boot-stage");
  runtime.on("progress", ({ stage: kind, detail, fraction }) => {
    box.hidden = kind === "package" && fraction === 1;   // "packages ready"
    stage.textContent = kind === "runtime" ? detail : `package ${detail}`;
    if (fraction == null) bar.removeAttribute("value");
    else bar.value = fraction;
  });
  runtime.on("state", (state) => {
    box.hidden = state !== "booting";
    if (state === "booting") { stage.textContent = "runtime"; bar.removeAttribute("value"); }
  });
}
