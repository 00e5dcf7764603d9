// One exercise's help, a step at a time: the hints (from Python's list_exercises, one per click, from
// the idea down to the key line), then the line puzzle (the solution's lines shuffled, to put in
// order; Python's check_puzzle says if the order is right), and only once it is solved, the solution.
//
// The puzzle is a list of focusable lines. By keyboard: Alt+ArrowUp / Alt+ArrowDown move the focused
// line (ArrowUp / ArrowDown move the focus), or its "Move up" / "Move down" buttons; each move is
// announced (aria-live). By pointer: drag a line to its place. "Check the order" asks Python.
import { el, button } from "../../ui/controls.js";
import { mathText } from "../../ui/formula.js";

/**
 * ex: an exercise of list_exercises (hints, puzzle: {kind, pieces}); entry(): its kept work;
 * save(data): keep part of it; call(fn, args): a call to backprop_lab.exercises (null if it failed);
 * changed(): the help used changed (the pass's words follow).
 */
export function helpLadder(ex, { entry, save, call, changed }) {
  const hints = el("ol", { class: "exercise-hints", "aria-label": `Hints for ${ex.title}` });
  const hintB = button("Hint 1", () => showHint(), { class: "exercise-hint-button" });
  const puzzleB = button("Line puzzle", () => openPuzzle(true), { hidden: true, "aria-label": `Line puzzle for ${ex.title}` });
  const solutionB = button("Show the solution", () => showSolution(true), { hidden: true,
    "aria-label": `Show the solution of ${ex.title}` });
  const puzzleBox = el("div", { class: "exercise-puzzle", hidden: true });
  const solutionBox = el("div", { class: "exercise-solution", hidden: true });
  const tools = el("div", { class: "code-tools exercise-help-tools" }, hintB, puzzleB, solutionB);
  const node = el("div", { class: "exercise-ladder" }, hints, tools, puzzleBox, solutionBox);

  const shown = () => Math.min(entry().hints || 0, ex.hints.length);
  function render() {
    const n = shown();
    while (hints.children.length < n) {
      const i = hints.children.length;
      hints.append(mathText(`Hint ${i + 1} of ${ex.hints.length}: ${ex.hints[i]}`, "li"));
    }
    hints.hidden = !n;
    hintB.hidden = n >= ex.hints.length;
    hintB.textContent = `Hint ${n + 1}`;
    hintB.setAttribute("aria-label", `Hint ${n + 1} for ${ex.title}`);
    puzzleB.hidden = n < ex.hints.length || !puzzleBox.hidden || entry().solved;
    solutionB.hidden = !entry().solved || !solutionBox.hidden;
  }

  function showHint() {
    const n = shown();
    if (n >= ex.hints.length) return;
    save({ hints: n + 1 });
    render();
    changed();
    hints.lastElementChild.setAttribute("tabindex", "-1");
    hints.lastElementChild.focus();
    if (n + 1 >= ex.hints.length) puzzleB.focus();
  }

  // ---- the puzzle -------------------------------------------------------------------------
  const lines = el("ol", { class: `puzzle-lines puzzle-${ex.puzzle.kind}`,
    "aria-label": `Lines of ${ex.function} to put in order`,
    "aria-describedby": `puzzle-help-${ex.id}` });
  const announce = el("p", { class: "visually-hidden puzzle-announce", "aria-live": "assertive" });
  const verdict = el("p", { class: "puzzle-verdict", role: "status" });
  const preview = el("pre", { class: "puzzle-preview", "aria-label": "Your order reads" });
  const checkB = button("Check the order", () => checkOrder(), { class: "primary", "aria-label": `Check the order: ${ex.title}` });

  const order = () => [...lines.children].map((li) => li.dataset.text);
  function say(text) { announce.textContent = text; }
  function updatePreview() {
    preview.hidden = ex.puzzle.kind !== "tokens";
    preview.textContent = order().join(" ");
    const items = [...lines.children];
    items.forEach((li, i) => {
      li.setAttribute("aria-label", `Line ${i + 1} of ${items.length}: ${li.dataset.text}`);
      li.querySelector(".puzzle-up").disabled = i === 0;
      li.querySelector(".puzzle-down").disabled = i === items.length - 1;
    });
  }

  function move(li, by, { focus = true } = {}) {
    const items = [...lines.children];
    const from = items.indexOf(li);
    const to = Math.max(0, Math.min(items.length - 1, from + by));
    if (to === from) { say(`${li.dataset.text}: already ${from ? "last" : "first"}.`); return; }
    lines.insertBefore(li, to > from ? items[to].nextSibling : items[to]);
    verdict.textContent = "";
    updatePreview();
    say(`Moved ${li.dataset.text} to position ${to + 1} of ${items.length}.`);
    if (focus) li.focus();
  }

  function piece(text) {
    const up = button("Move up", () => move(li, -1), { class: "puzzle-up", "aria-label": `Move up: ${text}` });
    const down = button("Move down", () => move(li, 1), { class: "puzzle-down", "aria-label": `Move down: ${text}` });
    const li = el("li", { class: "puzzle-line", tabindex: "0", "data-text": text },
      el("code", { class: "puzzle-code", text }), el("span", { class: "puzzle-moves" }, up, down));
    li.addEventListener("keydown", (e) => {
      if (e.target !== li) return;
      if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
        e.preventDefault();
        move(li, e.key === "ArrowUp" ? -1 : 1);
      } else if (!e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
        e.preventDefault();
        const next = e.key === "ArrowUp" ? li.previousElementSibling : li.nextElementSibling;
        if (next) next.focus();
      }
    });
    dragging(li);
    return li;
  }

  /** Drag a line by pointer: it follows the pointer's height among the others, and stays where it is let go. */
  function dragging(li) {
    li.addEventListener("pointerdown", (e) => {
      if (e.button !== 0 || e.target.closest("button")) return;
      e.preventDefault();
      li.setPointerCapture(e.pointerId);
      li.classList.add("dragging");
      const start = [...lines.children].indexOf(li);
      const onMove = (ev) => {
        const others = [...lines.children].filter((x) => x !== li);
        const before = others.find((x) => { const r = x.getBoundingClientRect(); return ev.clientY < r.top + r.height / 2; });
        if ((before || null) !== li.nextElementSibling) lines.insertBefore(li, before || null);
      };
      const onUp = () => {
        li.removeEventListener("pointermove", onMove);
        li.removeEventListener("pointerup", onUp);
        li.removeEventListener("pointercancel", onUp);
        li.classList.remove("dragging");
        const end = [...lines.children].indexOf(li);
        updatePreview();
        if (end !== start) {
          verdict.textContent = "";
          say(`Moved ${li.dataset.text} to position ${end + 1} of ${lines.children.length}.`);
        }
        li.focus();
      };
      li.addEventListener("pointermove", onMove);
      li.addEventListener("pointerup", onUp);
      li.addEventListener("pointercancel", onUp);
    });
  }

  function openPuzzle(focus) {
    if (!puzzleBox.hidden) return;
    if (!entry().puzzle) { save({ puzzle: true }); changed(); }
    lines.replaceChildren(...ex.puzzle.pieces.map(piece));
    const what = ex.puzzle.kind === "tokens" ? "the pieces of the solution's line" : `the lines of ${ex.function}'s body`;
    puzzleBox.replaceChildren(
      el("h3", { text: "Line puzzle" }),
      el("p", { id: `puzzle-help-${ex.id}`, class: "hint",
        text: `Put ${what} in order. Keyboard: Alt+↑ and Alt+↓ move the focused line, ↑ and ↓ go to the next ` +
          "one; or use a line's Move up and Move down buttons, or drag it." }),
      lines, preview, el("div", { class: "code-tools" }, checkB), verdict, announce);
    puzzleBox.hidden = false;
    updatePreview();
    render();
    if (focus) lines.firstElementChild.focus();
  }

  async function checkOrder() {
    checkB.disabled = true;
    try {
      const res = await call("check_puzzle", { exercise_id: ex.id, arrangement: order() });
      if (!res) return;
      verdict.textContent = res.message;
      if (res.ok) {
        save({ solved: true });
        render();
        solutionB.focus();
      }
    } finally { checkB.disabled = false; }
  }

  async function showSolution(focus) {
    if (!entry().solved) return;
    const text = await call("solution", { exercise_id: ex.id });
    if (text == null) return;
    if (!entry().solution) { save({ solution: true }); changed(); }
    const pre = el("pre", { class: "exercise-solution-code", tabindex: "0", "aria-label": `Solution of ${ex.title}` },
      el("code", { text }));
    solutionBox.replaceChildren(el("h3", { text: "The solution" }), pre);
    solutionBox.hidden = false;
    render();
    if (focus) pre.focus();
  }

  render();
  if (entry().solution) showSolution(false);
  return node;
}
