// The Playground's page: three columns (data, network with its diagram, output) that fit a laptop's
// first screen, as TF Playground's do; the rarer settings under "More settings"; then the extras and
// classroom mode. It only builds nodes; every change goes to session.change(key, value, extra).
import { el, checkbox } from "../../ui/controls.js";
import { Heatmap } from "../../ui/heatmap.js";
import { dataPanel, featurePanel, networkPanel, stopPanel } from "./panels.js";
import { NetworkDiagram } from "./network.js";
import { pointEditor } from "./points.js";
import { classroomPanel } from "./classroom.js";
import { extrasPanel } from "./extras.js";

const OWN = { dataset: "own", problem: "classification" };   // what setting own points implies

/** The view of `session` (a PlaygroundSession); `player` is the shared Player's node. */
export function buildView(page, session) {
  const state = page.state;
  const change = (key, value, extra) => session.change(key, value, extra);
  const stats = {};
  const stat = (key, label) => {
    const id = `stat-${key}`;
    stats[key] = el("output", { id, text: "–" });
    return el("div", { class: "stat" }, el("label", { for: id, text: label }), stats[key]);
  };
  const canvas = el("canvas", { width: 400, height: 400, role: "img", class: "boundary",
    "aria-label": "Decision boundary: the network's output over the plane, with the data points" });
  const heatmap = new Heatmap(canvas, 6);
  const setPoints = (next) => change("points", next, OWN);
  const points = pointEditor(state, canvas, heatmap, () => session.data, setPoints);
  const v = {
    stats, canvas, heatmap,
    chartBox: el("div", { class: "chart", role: "img", "aria-label": "Loss curves: train and test loss per epoch" }),
    confusionBox: el("div", { class: "confusion" }),
    legend: el("p", { class: "legend" }),
    data: dataPanel(state, change, points.node),
    features: featurePanel(state, change),
    net: networkPanel(state, change),
    stop: stopPanel(state, change),
    diagram: new NetworkDiagram({ onHover: (l, u) => session.hover(l, u), onEdit: (...a) => session.editWeight(...a) }),
    points,
    showTest: checkbox("Show test data", state.showTest, (on) => change("showTest", on)),
    discretize: checkbox("Discretize output", state.discretize, (on) => change("discretize", on)),
    extras: extrasPanel({ runtime: page.runtime, state, serial: (fn) => page.serial(fn), setPoints,
      importModel: (info, text) => session.importModel(info, text),
      epoch: () => (session.player ? session.player.epoch : 0) }),
  };
  v.classroom = classroomPanel(state, change, () => controlMap(v));
  v.statsNode = el("div", { class: "stats" }, stat("train_loss", "Train loss"), stat("test_loss", "Test loss"),
    stat("train_acc", "Train accuracy"), stat("test_acc", "Test accuracy"));
  return v;
}

/**
 * The page's layout around the Player. Data: the tiles and the data's sliders. Network: its two key
 * settings, the features, the layers and the diagram, then "More settings" (the rest, folded). Output:
 * the Player's buttons beside its heading, the boundary with the numbers beside it, the loss chart.
 */
export function layout(v, player) {
  const body = el("div", { class: "more-body" }, ...v.net.more, v.stop);
  const more = el("details", { class: "more-settings" }, el("summary", { text: "More settings" }), body);
  // Opened at the foot of the first screen, the settings would unfold out of sight: bring them in.
  more.addEventListener("toggle", () => { if (more.open) body.scrollIntoView({ block: "nearest" }); });
  return [
    el("div", { class: "columns" },
      el("section", { class: "panel data", "aria-labelledby": "pg-data" }, el("h2", { id: "pg-data", text: "Data" }),
        v.data.node),
      el("section", { class: "panel net", "aria-labelledby": "pg-net" }, el("h2", { id: "pg-net", text: "Network" }),
        el("div", { class: "quick" }, ...v.net.quick), v.features.node, v.net.layers, v.diagram.node, more),
      el("section", { class: "panel output", "aria-labelledby": "pg-out" },
        el("div", { class: "output-head" }, el("h2", { id: "pg-out", text: "Output" }), player.node),
        el("div", { class: "output-main" }, v.canvas,
          el("div", { class: "output-side" }, v.statsNode, v.legend, v.showTest.node, v.discretize.node)),
        v.chartBox, v.confusionBox)),
    v.extras.node,
    v.classroom.node,
  ];
}

/**
 * The Playground alone (embed, a slide): the boundary is the figure; beside it the key numbers,
 * Play/Pause/Step/Reset with the epoch, the dataset and the learning rate. Everything else (problem,
 * noise, features, layers, the other rates, the loss chart, the diagram, the extras) folds into
 * "More settings". The controls are the same nodes as in the article, moved, so classroom mode's
 * hide= flags still hide them.
 */
export function partLayout(p, v, player) {
  p.figure.append(v.canvas, v.legend);
  p.numbers.append(v.statsNode);
  p.controls.append(player.node, v.data.controls.dataset, v.net.controls.learningRate);
  const [big, cost, ...rest] = v.net.more;   // the learning rate is among the controls above
  p.addMore(v.data.node, v.features.node, v.net.layers, big, cost, v.net.controls.activation, ...rest,
    v.showTest.node, v.discretize.node,
    v.stop, v.chartBox, v.confusionBox,
    el("section", { class: "diagram", "aria-labelledby": "pg-diagram" },
      el("h2", { id: "pg-diagram", text: "The network" }), v.diagram.node),
    v.extras.node);
}

/** {key: element} of the controls classroom mode can hide. */
function controlMap(v) {
  return { ...v.data.controls, features: v.features.node, ...v.net.controls, stop: v.stop,
    showTest: v.showTest.node, discretize: v.discretize.node, points: v.points.node, extras: v.extras.node };
}
