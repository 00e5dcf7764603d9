// The deck's warm-up (#/ready?embed=1&load=numpy): a small frame on a deck's title slide.
// Shown first, it starts Python for the whole deck (the first frame that needs Python becomes the
// deck's host, runtime/share.js), loads the packages the deck's demos need while the lecturer talks
// over the title, and says so in words: "Python ready for the demos: numpy (1.9 s)".
// The demo slides then join this Python instead of starting their own.
import { el } from "../ui/controls.js";
import { parseHash } from "../ui/state.js";
import { describe } from "../ui/fault.js";

/** The packages named by load= that the lab's config allows, in order; numpy when none is named. */
export function wantedPackages(load, allowed) {
  const named = String(load || "").split(",").map((p) => p.trim()).filter((p) => allowed.includes(p));
  return named.length ? [...new Set(named)] : ["numpy"];
}

export function mount(root, ctx) {
  const wanted = wantedPackages(parseHash(location.hash).params.get("load"), ctx.config.packages || []);
  const status = el("p", { class: "ready-status", role: "status", text: "Starting Python for the demos…" });
  root.append(el("article", { class: "lesson ready-page" }, el("h1", { text: "Python for this deck" }), status));
  let alive = true;
  const t0 = performance.now();
  ctx.runtime.load(wanted).then(() => {
    if (!alive) return;
    status.textContent = `✓ Python ready for the demos: ${wanted.join(", ")} (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
    status.classList.add("ok");
  }, (err) => {
    if (alive) status.textContent = `Python could not start: ${describe(err)}`;
  });
  return () => { alive = false; };
}
