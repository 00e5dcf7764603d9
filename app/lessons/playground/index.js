// The Playground: pick data and a network, press Play, watch backprop draw the boundary.
// Python (backprop_lab.lessons.playground) trains in the worker in short chunks; the page
// draws the newest frame at most once per animation frame.
import { el, button, checkbox } from "../../ui/controls.js";
import { readState, writeState, parseHash } from "../../ui/state.js";
import { showFault, describe } from "../../ui/fault.js";
import { Heatmap, drawThumbnail, classColour, paletteColour } from "../../ui/heatmap.js";
import { LineChart } from "../../ui/chart.js";
import { lessonNav } from "../../ui/lesson.js";
import { confusionTable } from "../../ui/confusion.js";
import { InstabilityWatch, instabilityNotice } from "../../ui/instability.js";
import { dataPanel, featurePanel, networkPanel, stopPanel, LIMITS, LEARNING_RATES } from "./panels.js";
import { SCHEMA } from "./schema.js";
import { NetworkDiagram } from "./network.js";
import { pointEditor } from "./points.js";
import { classroomPanel } from "./classroom.js";
import { extrasPanel } from "./extras.js";

const MODULE = "backprop_lab.lessons.playground";
const ROUTE = "playground";
const CHUNK_MS = 12;   // Python trains about this long per call, so Pause is prompt
const DATASET_PACKAGES = new Map([["moons", ["scikit-learn"]]]);   // loaded only when chosen
const THUMB_CLASSES = new Map([["spiral3", 3], ["blobs", 4]]);


// Which settings rebuild the data or the network, and which only change the training.
const RESETS = new Set(["problem", "dataset", "noise", "trainRatio", "hidden", "activation", "seed", "features", "loss", "points"]);
const RATES = new Set(["learningRate", "regularization", "regRate", "batchSize", "optimizer", "beta"]);

/** Settings a link may hold that contradict each other: fix them, and say so. */
function reconcile(state, problems) {
  const regression = ["plane", "reg-gauss"].includes(state.dataset);
  if ((state.problem === "regression") !== regression) state.problem = regression ? "regression" : "classification";
  if (regression && state.loss === "cross_entropy") state.loss = "squared";
  const { layers, neurons } = LIMITS[state.big ? "big" : "normal"];
  if (state.hidden.length > layers || state.hidden.some((n) => n > neurons)) {
    problems.push(`Ignored hidden=${state.hidden.join(",")}: without "bigger networks" the limit is ${layers} layers of ${neurons}.`);
    state.hidden = SCHEMA.hidden.default.slice();
  }
}

export function mount(root, { runtime, packages, neighbours }) {
  const { values: state, problems } = readState(SCHEMA, parseHash(location.hash).params);
  reconcile(state, problems);
  let data = null;          // points and problem from the last setup
  let latest = null;        // the last frame
  let hovered = null;       // a neuron's picture shown instead of the output
  let running = false;
  let inFlight = false;     // a training chunk is running in Python
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
  // "Unstable": the smallest of the last 10 epoch train losses is above the untrained (epoch 0) loss.
  const watch = new InstabilityWatch();
  let watchedEpoch = -1;    // the last epoch whose loss the watch has seen
  const unstable = instabilityNotice(() => lowerEta());
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
  const confusionBox = el("div", { class: "confusion" });
  const legend = el("p", { class: "legend" });

  const onChange = (key, value, extra = {}) => {
    state[key] = value;
    Object.assign(state, extra);
    writeState(ROUTE, SCHEMA, state);
    net_.sync();
    data_.sync();
    if ([key, ...Object.keys(extra)].some((k) => RESETS.has(k) || k === "big")) reset();
    else if (RATES.has(key)) serial(() => runtime.call(MODULE, "set_rates", rates()).catch(report));
    else if (key === "hide") classroom.apply();
    else { if (latest) applyPicture(); draw(); }
  };
  const data_ = dataPanel(state, onChange);
  const features_ = featurePanel(state, onChange);
  const net_ = networkPanel(state, onChange);
  const stop_ = stopPanel(state, onChange);
  const diagram = new NetworkDiagram({ onHover: hover, onEdit: editWeight });
  const points = pointEditor(state, canvas, heatmap, () => data, (next) => onChange("points", next, { dataset: "own", problem: "classification" }));
  const showTest = checkbox("Show test data", state.showTest, (v) => onChange("showTest", v));
  const discretize = checkbox("Discretize output", state.discretize, (v) => onChange("discretize", v));
  const classroom = classroomPanel(state, onChange, () => controlMap());
  const extras = extrasPanel({ runtime, state, serial,
    setPoints: (next) => onChange("points", next, { dataset: "own", problem: "classification" }),
    importModel });

  root.append(el("div", { class: "playground" },
    el("h1", { text: "Playground" }),
    el("p", { class: "lede", text: "A real numpy network, trained by backpropagation in Python inside your browser. Choose data and a network, then press Play." }),
    notice,
    unstable.node,
    el("div", { class: "columns" },
      el("section", { class: "panel", "aria-labelledby": "pg-data" }, el("h2", { id: "pg-data", text: "Data" }), data_.node, points.node),
      el("section", { class: "panel", "aria-labelledby": "pg-net" }, el("h2", { id: "pg-net", text: "Network" }),
        features_.node, net_.node),
      el("section", { class: "panel output", "aria-labelledby": "pg-out" },
        el("h2", { id: "pg-out", text: "Output" }),
        el("div", { class: "run", role: "group", "aria-label": "Training" }, playButton, stepButton, resetButton, epochText),
        canvas, legend, showTest.node, discretize.node,
        el("div", { class: "stats" }, stat("train_loss", "Train loss"), stat("test_loss", "Test loss"),
          stat("train_acc", "Train accuracy"), stat("test_acc", "Test accuracy")),
        chartBox, stop_, confusionBox)),
    el("section", { class: "panel diagram", "aria-labelledby": "pg-diagram" },
      el("h2", { id: "pg-diagram", text: "The network" }), diagram.node),
    extras.node,
    classroom.node,
    lessonNav(neighbours),
  ));
  const chart = new LineChart(chartBox, [
    { label: "train loss", stroke: "#1f1f1f" },
    { label: "test loss", stroke: "#c5221f", dash: [6, 4] },
  ]);
  if (problems.length) notice.textContent = problems.join(" ");
  writeState(ROUTE, SCHEMA, state);
  classroom.apply();

  function controlMap() {
    return { ...data_.controls, features: features_.node, ...net_.controls, stop: stop_,
      showTest: showTest.node, discretize: discretize.node, points: points.node, extras: extras.node };
  }

  // ----- talking to Python -----
  function rates() {
    return { eta: Number(state.learningRate), regularization: state.regularization, reg_rate: Number(state.regRate),
             batch_size: state.batchSize, optimizer: state.optimizer, beta: Number(state.beta) };
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
             reg_rate: Number(state.regRate), loss: state.loss, optimizer: state.optimizer,
             beta: Number(state.beta), features: state.features, points: state.points, seed: state.seed };
  }

  function reset() {
    pause();
    setEnabled(false);
    unstable.show(false);
    return serial(async () => {
      if (state.dataset === "own" && state.points.length < 2) {
        notice.textContent = "Your own data: click on the plane to add points (shift-click for the other class), or load a CSV.";
        data = { kind: "binary", classes: 2, train: emptySet(), test: emptySet() };
        latest = null;
        heatmap.image = null;
        draw();
        return;
      }
      try {
        await runtime.load([...packages, ...(DATASET_PACKAGES.get(state.dataset) || [])]);
        const result = await runtime.call(MODULE, "setup", setupArgs());
        data = result;
        data.train.colours = pointColours(data.train.y.data);
        data.test.colours = pointColours(data.test.y.data);
        chart.reset();
        notice.textContent = problems.splice(0).join(" ");
        diagram.setStructure([result.features.length, ...state.hidden, result.kind === "multiclass" ? result.classes : 1],
          result.features);
        net_.setCost(costText(result));
        diagram.update({}, result.inputs);
        applyFrame(result.frame);
        setEnabled(true);
      } catch (err) { report(err); }
    });
  }

  function pointColours(y) {
    return Array.from(y, (v) => (data.kind === "regression" ? paletteColour((v + 1) * 127.5) : classColour(v, data.classes)));
  }

  function costText(result) {
    const sizes = [result.features.length, ...state.hidden, result.kind === "multiclass" ? result.classes : 1];
    let params = 0;
    for (let l = 1; l < sizes.length; l++) params += (sizes[l - 1] + 1) * sizes[l];
    const points = result.train.y.data.length;
    // one epoch: forward + backward over every training point, about 3 multiply-adds per weight each
    const flops = 3 * params * points;
    return `${params} weights and biases; an epoch is about ${(flops / 1e6).toFixed(2)} M multiply-adds` +
      (params > 2000 ? " — expect fewer epochs per second." : ".");
  }

  /** Feed the frame's epoch train losses to the watch (epoch 0 is the untrained network's). */
  function watchLosses(f) {
    f.epochs.forEach((e, i) => {
      if (e === 0) { watch.start(f.train_loss[i]); watchedEpoch = 0; }   // a new (or hand-edited) untrained net
      else if (e > watchedEpoch) { watch.push(f.train_loss[i]); watchedEpoch = e; }   // a re-sent epoch is not new
    });
    unstable.show(watch.fired && !f.diverged);
  }

  /** "Lower η ×10": the listed learning rate nearest η / 10; training goes on from here. */
  function lowerEta() {
    const target = Number(state.learningRate) / 10;
    const distance = (r) => Math.abs(Math.log(Number(r) / target));
    const next = LEARNING_RATES.reduce((best, r) => (distance(r) < distance(best) ? r : best));
    watch.start(watch.untrained);   // the last 10 losses were at the old η: watch afresh
    unstable.show(false);
    onChange("learningRate", next);
  }

  function applyFrame(f) {
    latest = f;
    epochText.textContent = `Epoch ${f.epoch}`;
    chart.push(f.epochs, f.train_loss, f.test_loss);
    watchLosses(f);
    const last = f.train_loss.length - 1;
    if (last >= 0) {
      stats.train_loss.textContent = fmt(f.train_loss[last]);
      stats.test_loss.textContent = fmt(f.test_loss[last]);
    }
    stats.train_acc.textContent = pct(f.train_acc);
    stats.test_acc.textContent = pct(f.test_acc);
    if (f.diverged) {
      pause();
      notice.textContent = "Training diverged: lower the learning rate, then press Reset.";
    } else {
      applyPicture();
      diagram.update(f);
      if (Object.hasOwn(f, "confusion")) confusionBox.replaceChildren(f.confusion ? confusionTable(f.confusion, data.classes, classColour) : "");
    }
    if (f.stopped) {
      pause();
      notice.textContent = `Stopped: ${f.stopped}.`;
    }
    draw();
  }

  function applyPicture() {
    if (hovered || !latest || !latest.boundary) return;
    heatmap.setBoundary(latest.boundary, { classes: latest.classes, discrete: state.discretize });
    legend.textContent = data.kind === "regression" ? "Colour: orange = −1, blue = +1 (the network's output)"
      : data.kind === "multiclass" ? "Colour: the predicted class, paler where the network is unsure"
        : "Colour: orange = class 0, blue = class 1, pale = unsure";
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

  function hover(layer, unit) {
    if (layer == null) {
      hovered = null;
      applyPicture();
      draw();
      return;
    }
    if (layer === 0) {   // an input feature: its picture from setup
      const s = data.inputs.shape[1];
      hovered = { data: data.inputs.data.subarray(unit * s * s, (unit + 1) * s * s), shape: [s, s] };
      heatmap.setBoundary(hovered);
      draw();
      return;
    }
    hovered = { layer, unit };
    serial(async () => {
      try {
        const picture = await runtime.call(MODULE, "neuron_map", { layer: layer - 1, unit });
        if (hovered && hovered.layer === layer && hovered.unit === unit) {
          heatmap.setBoundary(picture);
          draw();
        }
      } catch (err) { report(err); }
    });
  }

  /** A model file: take its architecture and features, rebuild, then load its weights. */
  // `info` comes from playground_io.read_model, which has checked the whole file against the
  // data on screen: only then do the settings change (a refused file changes nothing).
  async function importModel(info, text) {
    const big = info.hidden.length > LIMITS.normal.layers || info.hidden.some((n) => n > LIMITS.normal.neurons);
    onChange("hidden", info.hidden, { activation: info.activation, features: info.features, big: big || state.big });
    net_.renderLayers();
    await serial(async () => applyFrame(await runtime.call("backprop_lab.lessons.playground_io", "load_model", { text })));
  }

  function editWeight(index, row, col, value) {
    serial(async () => {
      try { applyFrame(await runtime.call(MODULE, "set_param", { index, row, col, value })); }
      catch (err) { report(err); }
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
          try {
            inFlight = true;
            applyFrame(await runtime.call(MODULE, "train", { epochs: 1, budget_ms: CHUNK_MS,
              stop_epoch: state.stopEpoch, stop_loss: state.stopLoss }));
          } catch (err) {
            if (!isInterrupt(err)) report(err);   // Pause interrupted the chunk: that is no error
          } finally { inFlight = false; }
        });
      }
      // The last chunk has been drawn: only now is it paused.
      playButton.textContent = "Play";
      stepButton.disabled = playButton.disabled;
    };
    loop();
  }

  function pause() {
    running = false;   // the loop stops after the chunk in flight (at most CHUNK_MS of training)
    if (inFlight) runtime.stop();   // with SharedArrayBuffer, Python stops at once (KeyboardInterrupt)
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
      for (const [name, picture] of Object.entries(thumbs)) {
        const options = { regression: ["plane", "reg-gauss"].includes(name), k: THUMB_CLASSES.get(name) || 2 };
        data_.thumbnail(name, (c) => drawThumbnail(c, picture, options));
      }
    } catch (err) { report(err); }
  });
  reset();

  return () => {
    alive = false;
    running = false;
    chart.destroy();
  };
}

const isInterrupt = (err) => err.kind === "python" && /KeyboardInterrupt/.test(err.message);

function emptySet() {
  return { X: { data: new Float32Array(0), shape: [0, 2] }, y: { data: new Uint8Array(0), shape: [0] }, colours: [] };
}

const fmt = (v) => (v == null ? "–" : v.toFixed(3));
const pct = (v) => (v == null ? "–" : `${(v * 100).toFixed(1)}%`);
