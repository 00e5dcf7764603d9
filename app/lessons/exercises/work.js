// "Your work" on the Exercises page: Export (one JSON file, downloaded), Import (a file input; Python's
// check_progress checks the file whole, and only then does it replace the work kept here) and
// Forget my work (a confirm step first). A bad file changes nothing, and the status line says why.
import { el, button } from "../../ui/controls.js";
import { exportText, readProgressFile } from "./progress.js";

/**
 * ids: the exercises on the page; progress: progressStore(lastingStorage()); call(fn, args): a call
 * to backprop_lab.exercises (null if it failed); done(message): the work changed, remount the page
 * and show the message; status: a message carried over from the last remount.
 */
export function workTools({ ids, progress, call, done, status: carried = "" }) {
  const status = el("p", { class: "exercise-work-status", role: "status", text: carried });
  const exportB = button("Export my work", () => {
    const blob = new Blob([exportText(progress, ids)], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: "backprop-lab-exercises.json", hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    status.textContent = "Exported: your code and progress are in backprop-lab-exercises.json.";
  });

  const input = el("input", { id: "exercise-import", type: "file", accept: ".json,application/json" });
  input.addEventListener("change", async () => {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    status.textContent = `Reading ${file.name}…`;
    let res;
    try {
      res = await call("check_progress", { text: await readProgressFile(file) });
    } catch (err) {
      res = { ok: false, message: err.message };
    }
    if (!res) { status.textContent = "Not imported: Python could not check the file. Nothing changed."; return; }
    if (!res.ok) { status.textContent = `Not imported: ${res.message}. Nothing changed.`; return; }
    const entries = res.exercises;
    const n = Object.keys(entries).length;
    const passed = Object.values(entries).filter((e) => e.state === "passed").length;
    if (!progress.replace(entries)) {
      done(`Imported ${file.name} for this page only: the browser's storage for the lab is full.`);
      return;
    }
    done(`Imported ${file.name}: ${n} exercise${n === 1 ? "" : "s"}, ${passed} passed.`);
  });

  const confirmBox = el("div", { class: "exercise-forget-confirm", role: "group", "aria-label": "Forget my work?", hidden: true });
  const forgetB = button("Forget my work", () => {
    confirmBox.hidden = false;
    forgetB.hidden = true;
    yes.focus();
  }, { class: "danger" });
  const yes = button("Yes, forget it", () => {
    progress.forget();
    done("Forgotten: the exercises' code and progress are no longer kept in this browser.");
  }, { class: "danger" });
  const no = button("Keep my work", () => {
    confirmBox.hidden = true;
    forgetB.hidden = false;
    forgetB.focus();
  });
  confirmBox.append(el("p", { text: "Forget the code, passes, hints and puzzles of every exercise in this browser? " +
    "Export first if you may want them back." }), yes, no);

  return el("section", { class: "exercise-work", "aria-labelledby": "exercise-work-title" },
    el("h2", { id: "exercise-work-title", text: "Your work" }),
    el("p", { class: "hint", text: "Your code and progress are kept in this browser. Export them to hand in your " +
      "work or move to another machine; import such a file to bring them back (it replaces what is kept here)." }),
    el("div", { class: "code-tools" }, exportB,
      el("label", { for: "exercise-import", class: "exercise-import" }, "Import my work (JSON) ", input), forgetB),
    confirmBox, status);
}
