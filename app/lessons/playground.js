// The Playground: pick data and a network, press Play, watch backprop draw the boundary.
// Python (backprop_lab.lessons.playground) trains in the worker in short chunks; the page
// draws the newest frame at most once per animation frame.
import { el, button, checkbox } from "../ui/controls.js";
import { readState, writeState, parseHash } from "../ui/state.js";
import { showFault, describe } from "../ui/fault.js";
import { Heatmap, drawThumbnail } from "../ui/heatmap.js";
import { LineChart } from "../ui/chart.js";
import { dataPanel, networkPanel, DATASETS, LEARNING_RATES, REG_RATES } from "./playground-panels.js";
import { lessonNav } from "../ui/lesson.js";

const MODULE = "backprop_lab.lessons.playground";
const ROUTE = "playground";
const CHUNK_MS = 12;   // Python trains about this long per call, so Pause is prompt

const DATASET_PACKAGES = { moons: ["scikit-learn"] };   // loaded only when chosen

export const SCHEMA = {
  dataset: { type: "choice", values: DATASETS, default: "circle" },
  noise: { type: "int", min: 0, max: 50, default: 0 },
  trainRatio: { type: "int", min: 10, max: 90, default: 50 },
  batchSize: { type: "int", min: 1, max: 30, default: 10 },
  hidden: { type: "ints", min: 1, max: 8, minLength: 0, maxLength: 6, default: [4, 2] },
  activation: { type: "choice", values: ["tanh", "relu", "sigmoid", "linear"], default: "tanh" },
  learningRate: { type: "choice", values: LEARNING_RATES, default: "0.03" },
  regularization: { type: "choice", values: ["none", "L1", "L2"], default: "none" },
  regRate: { type: "choice", values: REG_RATES, default: "0" },
  showTest: { type: "bool", default: false },
  seed: { type: "int", min: 0, max: 999999, default: 0 },
};

// Which settings rebuild the data or the network, and which only change the training.
const RESETS = new Set(["dataset", "noise", "trainRatio", "hidden", "activation", "seed"]);
const RATES = new Set(["learningRate", "regularization", "regRate", "batchSize"]);

export function mount(root, { runtime, packages }) {
  const { values: state, problems } = readState(SCHEMA, parseHash(location.hash).params);
  let data = null;          // train/test points from the last setup
  let running = false;
  let queue = Promise.resolve();   // Python calls run one after another
  let drawPending = false;
  let alive = true;

  const serial = (fn) => (queue = queue.then(fn, fn));

  // ----- the page -----
  const epochText = el("output", { class: "epoch", "aria-live": "off", text: "Epoch 0" });
  const playButton = button("Play", () => (running ? pause() : play()), { class: "primary", disabled: true });
  const stepButton = button("Step", () => step(), { disabled: true });
  const resetButton = button("Reset", () => reset(), { disabled: true });
  const notice = el("p", { class: "notice", role: "status" });
  const stats = {};
  const stat = (key, label) => {
    const id = `stat-${key}`;
    stats[key] = el("output", { id, text: "–" });
    return el("div", { class: "stat" }, el("label", { for: id, text: label }), stats[key]);
  };
  const canvas = el("canvas", { width: 400, height: 400, role: "img", class: "boundary",
    "aria-label": "Decision boundary: the network's output over the plane, with the data points" });
  const heatmap = new Heatmap(canvas, 6);
  const chartBox = el("div", { class: "chart", role: "img", "aria-label": "Loss curves: train and test loss per epoch" });

  const onChange = (key, value) => {
    state[key] = value;
    writeState(ROUTE, SCHEMA, state);
    if (RESETS.has(key)) reset();
    else if (RATES.has(key)) serial(() => runtime.call(MODULE, "set_rates", rates()).catch(report));
    else draw();
  };
  const data_ = dataPanel(state, onChange);
  const net_ = networkPanel(state, onChange);
  const showTest = checkbox("Show test data", state.showTest, (v) => onChange("showTest", v));

  root.append(el("div", { class: "playground" },
    el("h1", { text: "Playground" }),
    el("p", { class: "lede", text: "A real numpy network, trained by backpropagation in Python inside your browser. Choose data and a network, then press Play." }),
    notice,
    el("div", { class: "columns" },
      el("section", { class: "panel", "aria-labelledby": "pg-data" }, el("h2", { id: "pg-data", text: "Data" }), data_.node),
      el("section", { class: "panel", "aria-labelledby": "pg-net" }, el("h2", { id: "pg-net", text: "Network" }), net_.node),
      el("section", { class: "panel output", "aria-labelledby": "pg-out" },
        el("h2", { id: "pg-out", text: "Output" }),
        el("div", { class: "run", role: "group", "aria-label": "Training" }, playButton, stepButton, resetButton, epochText),
        canvas, showTest.node,
        el("div", { class: "stats" }, stat("train_loss", "Train loss"), stat("test_loss", "Test loss"),
          stat("train_acc", "Train accuracy"), stat("test_acc", "Test accuracy")),
        chartBox)),
    lessonNav(ROUTE),
  ));
  const chart = new LineChart(chartBox, [
    { label: "train loss", stroke: "#1f1f1f" },
    { label: "test loss", stroke: "#c5221f", dash: [6, 4] },
  ]);
  if (problems.length) notice.textContent = problems.join(" ");
  writeState(ROUTE, SCHEMA, state);

  // ----- talking to Python -----
  function rates() {
    return { eta: Number(state.learningRate), regularization: state.regularization,
             reg_rate: Number(state.regRate), batch_size: state.batchSize };
  }

  function report(err) {
    pause();
    if (!alive) return;
    showFault(describe(err), () => reset());
  }

  function setupArgs() {
    return { dataset: state.dataset, noise: state.noise / 100, train_ratio: state.trainRatio / 100,
             batch_size: state.batchSize, hidden: state.hidden, activation: state.activation,
             eta: Number(state.learningRate), regularization: state.regularization,
             reg_rate: Number(state.regRate), seed: state.seed };
  }

  function reset() {
    pause();
    setEnabled(false);
    return serial(async () => {
      try {
        await runtime.load([...packages, ...(DATASET_PACKAGES[state.dataset] || [])]);
        const result = await runtime.call(MODULE, "setup", setupArgs());
        data = result;
        chart.reset();
        notice.textContent = problems.splice(0).join(" ");
        applyFrame(result.frame);
        setEnabled(true);
      } catch (err) { report(err); }
    });
  }

  function applyFrame(f) {
    epochText.textContent = `Epoch ${f.epoch}`;
    chart.push(f.epochs, f.train_loss, f.test_loss);
    const last = f.train_loss.length - 1;
    if (last >= 0) {
      stats.train_loss.textContent = fmt(f.train_loss[last]);
      stats.test_loss.textContent = fmt(f.test_loss[last]);
    }
    stats.train_acc.textContent = pct(f.train_acc);
    stats.test_acc.textContent = pct(f.test_acc);
    if (f.boundary) heatmap.setBoundary(f.boundary);
    if (f.diverged) {
      pause();
      notice.textContent = "Training diverged: lower the learning rate, then press Reset.";
    }
    draw();
  }

  function draw() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(() => {
      drawPending = false;
      if (!alive) return;
      if (data) heatmap.draw(state.showTest ? [data.train, { ...data.test, hollow: true }] : [data.train]);
      chart.render();
    });
  }

  function play() {
    if (running) return;
    running = true;
    playButton.textContent = "Pause";
    stepButton.disabled = true;
    const loop = async () => {
      while (running && alive) {
        await serial(async () => {
          if (!running) return;
          try { applyFrame(await runtime.call(MODULE, "train", { epochs: 1, budget_ms: CHUNK_MS })); }
          catch (err) { report(err); }
        });
      }
      // The last chunk has been drawn: only now is it paused.
      playButton.textContent = "Play";
      stepButton.disabled = playButton.disabled;
    };
    loop();
  }

  function pause() {
    running = false;   // the loop stops after the chunk in flight (at most CHUNK_MS of work)
  }

  function step() {
    serial(async () => {
      try { applyFrame(await runtime.call(MODULE, "train", { epochs: 1 })); }
      catch (err) { report(err); }
    });
  }

  function setEnabled(on) {
    for (const b of [playButton, stepButton, resetButton]) b.disabled = !on;
  }

  // ----- start -----
  serial(async () => {
    try {
      await runtime.load(packages);
      const thumbs = await runtime.call(MODULE, "thumbnails");
      for (const [name, picture] of Object.entries(thumbs)) data_.thumbnail(name, (c) => drawThumbnail(c, picture));
    } catch (err) { report(err); }
  });
  reset();

  return () => {
    alive = false;
    running = false;
    chart.destroy();
  };
}

const fmt = (v) => (v == null ? "–" : v.toFixed(3));
const pct = (v) => (v == null ? "–" : `${(v * 100).toFixed(1)}%`);
