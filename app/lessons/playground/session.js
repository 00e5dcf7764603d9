// One Playground run: the data and frame on screen and every call into Python. The shared
// Player (app/ui/player.js) drives it: setup() is its reset, train(chunk) its chunk, show(r)
// draws each result; the page's settings reach it through change(). All calls into Python run
// in the page's one queue (LessonPage.call / serial), so a hover or a file never overlaps a chunk.
import { drawThumbnail, classColour, paletteColour } from "../../ui/heatmap.js";
import { confusionTable } from "../../ui/confusion.js";
import { el } from "../../ui/controls.js";
import { attachPlaygroundPanels } from "./panels.js";
import { MODULE, IO, REGRESSION, DATASET_PACKAGES, THUMB_CLASSES, effect, rates, setupArgs, needsBig,
  layerSizes, costText, lowerRate, lowerRegRate, freshLosses, untrainedLoss, fmt, pct } from "./settings.js";

const OWN_HINT = "Your own data: click on the plane to add points (shift-click for the other class), or load a CSV.";

export class PlaygroundSession {
  constructor(page) {
    this.page = page;
    this.state = page.state;
    this.data = null;        // points and problem from the last setup
    this.latest = null;      // the last frame
    this.hovered = null;     // a neuron's picture shown instead of the output
    this.seen = 0;           // the last epoch whose loss the Player's instability watch has had
    this.training = false;   // a train chunk is running in Python (only then may Pause interrupt it)
    this.thumbs = false;     // the dataset thumbnails are drawn
    this.view = null;        // set by attach()
    this.player = null;
  }

  /** The page's nodes (view.js) and the Player that drives this session. */
  attach(view, player) {
    this.view = view;
    this.player = player;
    // Shown while an edited training-step function trains (the frame's reference_path).
    this.pathLabel = el("p", { class: "code-path", role: "status", hidden: true,
      text: "Training: your code, reference path (Trainer._step calls your functions)." });
    view.statsNode.prepend(this.pathLabel);
    attachPlaygroundPanels(this.page);
  }

  // ----- settings -----

  /** A control changed `key` (and maybe `extra` keys with it): keep it in the URL, then reset,
   *  re-rate, re-hide or redraw. Returns the reset's promise when it resets. */
  change(key, value, extra = {}) {
    Object.assign(this.state, extra);
    this.page.set(key, value);   // the state, extras included, goes to the URL
    this.view.net.sync();
    this.view.data.sync();
    switch (effect([key, ...Object.keys(extra)])) {
      case "reset": return this.player.reset();
      case "rates":
        this.player.change("rates", () => this.applyRates());
        this.player.refreshNotice();   // L1/L2 on or off: the notice blames η, or η or λ
        break;
      case "hide": this.view.classroom.apply(); break;
      default: if (this.latest) this.applyPicture(); this.draw();
    }
    return Promise.resolve();
  }

  /** The Player's "Lower η ×10": the listed rate nearest η / 10; training goes on from here. */
  lowerEta() { this.change("learningRate", lowerRate(this.state.learningRate)); }

  /** The Player's "Lower λ ×10" (while L1 or L2 is on): the listed rate nearest λ / 10. */
  lowerReg() { this.change("regRate", lowerRegRate(this.state.regRate)); }

  // ----- Python -----

  python(fn, args = {}, module = MODULE) { return this.page.runtime.call(module, fn, args); }

  /** The Player's reset: new data and network (null, with a hint, when own data has < 2 points). */
  setup() {
    const s = this.state;
    return this.page.serial(async () => {
      if (s.dataset === "own" && s.points.length < 2) {
        this.page.say(OWN_HINT);
        this.data = { kind: "binary", classes: 2, train: emptySet(), test: emptySet() };
        this.latest = null;
        this.view.heatmap.image = null;
        this.draw();
        return null;
      }
      await this.page.runtime.load([...this.page.packages, ...(DATASET_PACKAGES.get(s.dataset) || [])]);
      return this.python("setup", setupArgs(s));
    });
  }

  /** The Player's chunk: Play's chunks (with a time budget) carry the stop condition. */
  train(chunk) {
    const args = chunk.budget_ms ? { ...chunk, stop_epoch: this.state.stopEpoch, stop_loss: this.state.stopLoss } : chunk;
    return this.page.serial(async () => {
      this.training = true;
      try { return await this.python("train", args); } finally { this.training = false; }
    });
  }

  /** Pause / Reset while a chunk runs: Python stops at once where SharedArrayBuffer allows. */
  stop() { if (this.training) this.page.runtime.stop(); }

  /** The training settings changed: the network trains on with them (a Player setting). */
  applyRates() { return this.page.serial(() => this.python("set_rates", rates(this.state))); }

  /** The datasets' little pictures, once. */
  async loadThumbnails() {
    const thumbs = await this.page.call("thumbnails", {}, () => { this.loadThumbnails(); this.player.reset(); });
    if (!thumbs) return;
    this.thumbs = true;
    for (const [name, picture] of Object.entries(thumbs)) {
      const options = { regression: REGRESSION.includes(name), k: THUMB_CLASSES.get(name) || 2 };
      this.view.data.thumbnail(name, (c) => drawThumbnail(c, picture, options));
    }
  }

  // ----- results -----

  /** Every result the Player shows: a setup's (it holds `frame`) or a chunk's frame. */
  show(r) { if (r.frame) this.showSetup(r); else this.applyFrame(r); }

  /** The Player's losses for its divergence stop and instability watch: only epochs not seen. */
  losses(f) {
    const { losses, seen } = freshLosses(f, this.seen);
    this.seen = seen;
    return losses;
  }

  showSetup(result) {
    const v = this.view;
    this.data = result;
    result.train.colours = this.pointColours(result.train.y.data);
    result.test.colours = this.pointColours(result.test.y.data);
    v.chart.reset();
    this.page.say(this.page.problems.splice(0).join(" "));   // a link's problems, once
    const sizes = layerSizes(result, this.state.hidden);
    v.diagram.setStructure(sizes, result.features);
    v.net.setCost(costText(sizes, result.train.y.data.length));
    v.diagram.update({}, result.inputs);
    this.seen = 0;
    this.applyFrame(result.frame);
  }

  pointColours(y) {
    const { kind, classes } = this.data;
    return Array.from(y, (c) => (kind === "regression" ? paletteColour((c + 1) * 127.5) : classColour(c, classes)));
  }

  applyFrame(f) {
    const v = this.view;
    this.latest = f;
    v.chart.push(f.epochs, f.train_loss, f.test_loss);
    const last = f.train_loss.length - 1;
    if (last >= 0) {
      v.stats.train_loss.textContent = fmt(f.train_loss[last]);
      v.stats.test_loss.textContent = fmt(f.test_loss[last]);
    }
    v.stats.train_acc.textContent = pct(f.train_acc);
    this.pathLabel.hidden = !f.reference_path;
    v.stats.test_acc.textContent = pct(f.test_acc);
    if (!f.diverged) {   // a diverged net is not drawn: the Player says so
      this.applyPicture();
      v.diagram.update(f);
      if (Object.hasOwn(f, "confusion")) {
        v.confusionBox.replaceChildren(f.confusion ? confusionTable(f.confusion, this.data.classes, classColour) : "");
      }
    }
    if (f.stopped) this.page.say(`Stopped: ${f.stopped}.`);   // the Player pauses (pauseWhen)
    this.draw();
  }

  /** A frame made outside the Player (a hand-edited weight, an imported model). */
  showEdit(f) {
    if (!f) return;
    this.applyFrame(f);
    const untrained = untrainedLoss(f);
    if (untrained != null) this.player.core.restartWatch(untrained);   // epoch 0 is measured afresh
  }

  applyPicture() {
    const { latest, data, view: v } = this;
    if (this.hovered || !latest || !latest.boundary) return;
    v.heatmap.setBoundary(latest.boundary, { classes: latest.classes, discrete: this.state.discretize });
    v.legend.textContent = data.kind === "regression" ? "Colour: orange = −1, blue = +1 (the network's output)"
      : data.kind === "multiclass" ? "Colour: the predicted class, paler where the network is unsure"
        : "Colour: orange = class 0, blue = class 1, pale = unsure";
  }

  /** Draw the plane and the chart, at most once per animation frame. */
  draw() {
    this.page.frame(() => {
      const { data, view: v } = this;
      if (data) v.heatmap.draw(this.state.showTest ? [data.train, { ...data.test, hollow: true }] : [data.train]);
      v.chart.render();
    });
  }

  // ----- the network diagram -----

  /** Hover or focus on a neuron: its own picture in the big plot (layer null: the output again). */
  async hover(layer, unit) {
    const heatmap = this.view.heatmap;
    if (layer == null) {
      this.hovered = null;
      this.applyPicture();
      this.draw();
      return;
    }
    if (!this.data || !this.data.inputs) return;   // no network yet (own data, too few points)
    if (layer === 0) {   // an input feature: its picture from setup
      const s = this.data.inputs.shape[1];
      this.hovered = { data: this.data.inputs.data.subarray(unit * s * s, (unit + 1) * s * s), shape: [s, s] };
      heatmap.setBoundary(this.hovered);
      this.draw();
      return;
    }
    const mine = { layer, unit };
    this.hovered = mine;
    const picture = await this.page.call("neuron_map", { layer: layer - 1, unit });
    if (picture && this.hovered === mine) {
      heatmap.setBoundary(picture);
      this.draw();
    }
  }

  async editWeight(index, row, col, value) {
    this.showEdit(await this.page.call("set_param", { index, row, col, value }));
  }

  // ----- files -----

  /** A model file: take its architecture and features, rebuild, then load its weights. */
  // `info` comes from playground_io.read_model, which has checked the whole file against the
  // data on screen: only then do the settings change (a refused file changes nothing).
  async importModel(info, text) {
    const big = needsBig(info.hidden) || this.state.big;
    const reset = this.change("hidden", info.hidden, { activation: info.activation, features: info.features, big });
    this.view.net.renderLayers();
    await reset;
    this.showEdit(await this.page.serial(() => this.python("load_model", { text }, IO)));
  }
}

function emptySet() {
  return { X: { data: new Float32Array(0), shape: [0, 2] }, y: { data: new Uint8Array(0), shape: [0] }, colours: [] };
}
