// Exercises (#/exercises): write a function of the lab, and pytest checks it in the browser.
// The list comes from Python (backprop_lab.exercises.list_exercises); each exercise has its
// statement, an editor holding the TODO stub (or what you wrote), Run checks, the help ladder
// (ladder.js: hints one at a time, then the line puzzle, then the solution), the results (each
// failed check's message) and a link to its lesson.
// Each exercise's work (its text, state, and the help it had) is kept in this browser across visits
// (progress.js: localStorage through ui/storage.js, or memory where the browser denies it, which a line
// then says). "Your work" exports it as one JSON file, imports such a file (checked whole by Python's
// check_progress: a bad file changes nothing and says why), and forgets it (after a confirm step).
// A pass says the help it had: "Passed, with 2 hints and the puzzle", for the student's own honesty.
// A passed exercise whose function a lesson runs offers "Use my <fn> in the lesson": the passing text
// becomes that function's running edit in the tab (as its Python panel's Run would make it), and
// the lesson opens running it, with its panel's "running your code" badge.
// Runaway code: Stop interrupts Python (SharedArrayBuffer) or, without it, restarts the worker.
import { el, button } from "../../ui/controls.js";
import { LessonPage } from "../../ui/lesson.js";
import { describe } from "../../ui/fault.js";
import { loadEditor } from "../../ui/editor.js";
import { editStore, errorText } from "../../ui/code/store.js";
import { tabStorage, lastingStorage, storageNote } from "../../ui/storage.js";
import { LESSONS } from "../registry.js";
import { progressStore, passedText } from "./progress.js";
import { helpLadder } from "./ladder.js";
import { workTools } from "./work.js";

const MODULE = "backprop_lab.exercises";
const STOP_WAIT_MS = 1000;
export const STATES = { new: "Not started", failing: "Failing", passed: "Passed" };
const progress = progressStore(lastingStorage());
const load = (id) => progress.load(id);
const save = (id, data) => progress.save(id, data);   // false: full; the work is kept in the page
let carried = "";   // what Import or Forget said, shown after the remount they cause

export function mount(root, ctx) {
  const page = new LessonPage(root, { ...ctx, packages: ["numpy", "pytest"] }, {
    route: "exercises", title: "Exercises", styles: ["lessons/exercises/exercises.css"],
    lede: "Write the functions the lessons run. Each exercise starts from a stub with a TODO; Run checks tests " +
      "your version with pytest, right here in the browser, and says what is wrong.",
  });
  const rt = ctx.runtime;
  const overview = el("tbody");
  const status = el("p", { class: "exercise-loading", role: "status", text: "Loading the exercises (Python and pytest)…" });
  page.add(status);
  const unkept = storageNote("Your progress and your code", { lasting: true });
  if (unkept) page.add(unkept);
  const list = el("div", { class: "exercise-list" });

  // Retry (after a failed load) mounts the page afresh, as following its link would.
  const remount = () => dispatchEvent(new HashChangeEvent("hashchange"));
  page.call(`${MODULE}:list_exercises`, {}, remount).then(async (exercises) => {
    if (!exercises || !page.alive) return;
    status.textContent = "";
    const { createEditor, fallback } = await loadEditor();
    if (!page.alive) return;
    if (fallback) status.textContent = fallback;
    page.add(workTools({ ids: exercises.map((ex) => ex.id), progress, call: (fn, args) => page.call(`${MODULE}:${fn}`, args),
      done: (message) => { carried = message; remount(); }, status: carried }));
    carried = "";
    page.add(el("table", { class: "exercise-overview" },
      el("caption", { text: "All exercises and how far you are (kept in this browser)" }),
      el("thead", {}, el("tr", {}, ...["Exercise", "Lesson", "State"].map((h) => el("th", { scope: "col", text: h })))),
      overview), list);
    for (const ex of exercises) list.append(exercise(ex, createEditor));
  });

  function exercise(ex, createEditor) {
    const saved = load(ex.id);
    const lesson = LESSONS.find((l) => l.route === ex.lesson);
    const headingId = `exercise-${ex.id}`;
    const stateCell = el("td");
    const stateBadge = el("span", { class: "exercise-state" });
    const setState = (state) => {
      const text = state === "passed" ? passedText(load(ex.id)) : STATES[state];
      stateCell.textContent = text;
      stateBadge.textContent = text;
      stateBadge.dataset.state = state;
    };
    setState(saved.state || "new");
    overview.append(el("tr", {},
      el("th", { scope: "row" }, el("a", { href: `#/exercises`, text: ex.title, onclick: (e) => {
        e.preventDefault();
        section.scrollIntoView();
        editor.focus();
      } })),
      el("td", { text: lesson ? lesson.title : ex.lesson }), stateCell));

    const host = el("div", { class: "editor-host" });
    host.addEventListener("keydown", (e) => { if (e.key === "?") e.stopPropagation(); });
    const editor = createEditor(host, {
      doc: saved.draft || ex.stub, label: `Your ${ex.function} for ${ex.title}`,
      onChange: (text) => save(ex.id, { draft: text }),
      onRun: () => run(),
    });
    const ladder = helpLadder(ex, { entry: () => load(ex.id), save: (data) => save(ex.id, data),
      call: (fn, args) => page.call(`${MODULE}:${fn}`, args), changed: () => setState(stateBadge.dataset.state) });
    const runB = button("Run checks", () => run(), { class: "primary", "aria-label": `Run checks: ${ex.title}`,
      "aria-keyshortcuts": "Control+Enter" });
    const stopB = button("Stop", () => stop(), { class: "danger", hidden: true, "aria-label": `Stop the checks of ${ex.title}` });
    const again = button("Start again", () => {
      editor.setText(ex.stub);
      save(ex.id, { draft: ex.stub });
    }, { "aria-label": `Start again: ${ex.title}, from the stub` });
    const target = ex.target && lesson ? lesson : null;
    const useB = button(`Use my ${ex.function} in the lesson`, () => useInLesson(), { hidden: true,
      "aria-label": target ? `Use my ${ex.function} in the lesson ${target.title}` : "" });
    const summary = el("p", { class: "exercise-summary" });
    const failures = el("ul", { class: "exercise-failures" });
    const errorTitle = el("p", { class: "code-error-title" });
    const errorDetail = el("pre", { class: "code-error-detail" });
    const errorBox = el("div", { class: "code-error", hidden: true }, errorTitle, errorDetail);
    const results = el("div", { class: "exercise-results", role: "region", "aria-label": `Results of ${ex.title}`,
      "aria-live": "polite" }, summary, errorBox, failures);
    const section = el("section", { class: "exercise", "aria-labelledby": headingId },
      el("h2", { id: headingId }, ex.title, " ", stateBadge),
      el("p", { class: "exercise-statement", text: ex.statement }),
      el("p", { class: "exercise-meta" }, `You write ${ex.function}. `,
        lesson ? el("a", { href: `#/${lesson.route}`, text: `Lesson: ${lesson.title}` }) : ""),
      host,
      el("div", { class: "code-tools" }, runB, stopB, again, useB),
      results, ladder);

    let started = 0;
    let stopping = false;

    /** One failed check: its title and message, a named mistake marked as such, and the first failing case
     *  (input, expected, got) in small print. */
    function failure(f) {
      const item = el("li", { class: f.mistake ? "exercise-mistake" : "" },
        el("strong", { text: f.mistake ? "Known mistake" : f.title || f.test }), `: ${f.message}`);
      if (f.case) {
        item.append(el("dl", { class: "exercise-case", "aria-label": "First failing case" },
          ...[["Input", f.case.input], ["Expected", f.case.expected], ["Got", f.case.got]]
            .filter(([, v]) => v)
            .flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])));
      }
      return item;
    }

    function show(res) {
      failures.replaceChildren();
      errorBox.hidden = true;
      editor.markLine(null);
      if (res.error) {
        const { title, detail } = errorText(res.error);
        errorTitle.textContent = title;
        errorDetail.textContent = detail;
        errorBox.hidden = false;
        if (res.error.line) editor.markLine(res.error.line);
      }
      const total = res.total || 0;
      const state = res.state || (res.ok ? "passed" : "failing");
      if (res.ok) summary.textContent = `Passed: all ${total} checks pass.`;
      else if (state === "new") summary.textContent = "Not started: the stub's TODO is still there. Write the function, then Run checks.";
      else if (!total) summary.textContent = "Not checked: the code could not run.";
      else summary.textContent = `Failing: ${res.passed.length} of ${total} checks pass.`;
      // Once "not written yet" is said above, the same words under every check add nothing.
      for (const f of state === "new" ? [] : res.failed || []) failures.append(failure(f));
      save(ex.id, res.ok ? { state, passed: res.source } : { state, passed: null });
      setState(state);
      useB.hidden = !(target && res.ok);
    }
    useB.hidden = !(target && saved.state === "passed" && saved.passed);

    async function useInLesson() {
      const text = load(ex.id).passed;
      const edit = text && await page.call(`${MODULE}:as_edit`, { exercise_id: ex.id, source: text });
      if (!edit || !page.alive) return;
      if (!editStore(tabStorage()).set({ module: edit.module, name: edit.name, draft: edit.source,
        running: edit.source, order: Date.now() })) {
        summary.textContent = "This tab's storage is full, so your function cannot be carried to the lesson.";
        return;
      }
      location.hash = `#/${target.route}`;
    }

    async function run() {
      if (!runB.hidden && runB.disabled) return;
      runB.disabled = true;
      stopB.hidden = false;
      summary.textContent = "Running the checks…";
      failures.replaceChildren();
      errorBox.hidden = true;
      const source = editor.text();
      save(ex.id, { draft: source });
      started = performance.now();
      try {
        await page.ready();
        const res = await rt.call(MODULE, "run_checks", { exercise_id: ex.id, source });
        if (page.alive) show({ ...res, source });
      } catch (err) {
        if (!page.alive) return;
        if (stopping || /KeyboardInterrupt|restarted/.test(err.message)) {
          const seconds = Math.round((performance.now() - started) / 100) / 10;
          const res = await rt.call(MODULE, "timed_out", { exercise_id: ex.id, seconds }).catch(() => null);
          if (res) show(res);
          summary.textContent = {
            restart: `Stopped after ${seconds} s: this browser cannot interrupt Python (no SharedArrayBuffer here), so it was restarted. Your text is kept.`,
            late: `Stopped after ${seconds} s: Python did not stop within a second of the interrupt, so it was restarted. Your text is kept.`,
          }[stopping] || `Stopped after ${seconds} s: Python was interrupted. Your text is kept.`;
        } else {
          summary.textContent = `The checks could not run: ${describe(err)}`;
        }
      } finally {
        stopping = false;
        runB.disabled = false;
        stopB.hidden = true;
        stopB.disabled = false;
      }
    }

    async function stop() {
      stopB.disabled = true;
      summary.textContent = "Stopping…";
      const before = rt.pending.size;
      if (rt.interrupt) {
        stopping = "interrupt";
        rt.stop();
        const until = performance.now() + STOP_WAIT_MS;
        while (performance.now() < until && rt.pending.size >= before && before > 0) await new Promise((r) => setTimeout(r, 50));
        if (rt.pending.size < before) return;
      }
      stopping = rt.interrupt ? "late" : "restart";
      rt.restart().catch(() => {});
    }

    return section;
  }

  return () => page.destroy();
}
