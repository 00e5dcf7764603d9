// Your own data: click the plane to add a point of the chosen class (shift-click: the other
// class), or pick "Remove" and click near a point. The points live in the URL, so a link
// brings them back. The first click on a generated dataset copies its points to start from.
import { el } from "../../ui/controls.js";
import { classColour } from "../../ui/heatmap.js";

const MAX_CLASSES = 8;
const round2 = (v) => Math.round(v * 100) / 100;

export function pointEditor(state, canvas, heatmap, getData, setPoints) {
  const brush = el("select", { id: "brush" },
    ...Array.from({ length: MAX_CLASSES }, (_, c) => el("option", { value: String(c), text: `Add class ${c}` })),
    el("option", { value: "remove", text: "Remove points" }));
  const hint = el("p", { class: "hint", text: "Click the plane to add a point of this class; shift-click adds the other of classes 0 and 1." });
  const clear = el("button", { type: "button", text: "Clear my points", onclick: () => setPoints([]) });

  function startingPoints() {
    if (state.dataset === "own") return state.points.map((p) => p.slice());
    const data = getData();   // start from the generated data on screen
    if (!data || data.kind === "regression") return [];
    const out = [];
    for (const set of [data.train, data.test]) {
      const X = set.X.data;
      for (let i = 0; i < set.y.data.length; i++) out.push([round2(X[2 * i]), round2(X[2 * i + 1]), set.y.data[i]]);
    }
    return out;
  }

  canvas.addEventListener("click", (ev) => {
    const rect = canvas.getBoundingClientRect();
    const [x1, x2] = heatmap.toPlane((ev.clientX - rect.left) * canvas.width / rect.width,
      (ev.clientY - rect.top) * canvas.height / rect.height);
    const points = startingPoints();
    if (brush.value === "remove") {
      let best = -1, bestD = 0.5 * 0.5;   // within 0.5 of the click
      points.forEach(([a, b], i) => { const d = (a - x1) ** 2 + (b - x2) ** 2; if (d < bestD) { bestD = d; best = i; } });
      if (best < 0) return;
      points.splice(best, 1);
    } else {
      let c = Number(brush.value);
      if (ev.shiftKey && c < 2) c = 1 - c;
      points.push([round2(x1), round2(x2), c]);
    }
    setPoints(points);
  });
  brush.addEventListener("change", () => {
    const c = Number(brush.value);
    brush.style.borderLeft = Number.isNaN(c) ? "" : `6px solid ${classColour(c, c < 2 ? 2 : 8)}`;
  });
  return {
    node: el("fieldset", { class: "own-data" }, el("legend", { text: "Your own data" }),
      el("div", { class: "field" }, el("label", { for: "brush", text: "Clicking the plane" }), brush), hint, clear),
  };
}
