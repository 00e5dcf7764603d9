// The Playground's network diagram: every neuron as a small picture of its own output over
// the plane, links whose thickness and colour show the weight, and a bias on every neuron
// (the output's too). Hover or focus a neuron to see its picture in the big plot; click a
// link or a neuron to edit its weights live.
import { el, button } from "../../ui/controls.js";
import { drawPicture } from "../../ui/heatmap.js";

const SVG = "http://www.w3.org/2000/svg";
const NODE = 34;       // neuron picture size, px
const GAP_Y = 10;
const COL_W = 92;
const FEATURE_TEX = new Map([["x1", "x₁"], ["x2", "x₂"], ["x1^2", "x₁²"], ["x2^2", "x₂²"], ["x1x2", "x₁x₂"],
  ["sin_x1", "sin x₁"], ["sin_x2", "sin x₂"]]);
const tex = (name) => FEATURE_TEX.get(name) || String(name);

const weightColour = (w) => (w >= 0 ? "#1967d2" : "#e8710a");
const BIG = 1500;          // more links than this: drawn on one canvas, refreshed twice a second
const BIG_REFRESH_MS = 500;
const fmt = (v) => (Math.abs(v) >= 100 ? v.toExponential(1) : v.toFixed(3));

export class NetworkDiagram {
  /** onHover(layer, unit) / onHover(null) ; onEdit(index, row, col, value) */
  constructor({ onHover, onEdit }) {
    this.onHover = onHover;
    this.onEdit = onEdit;
    this.status = el("p", { class: "net-status", "aria-live": "polite", text: "Hover or focus a neuron to see its output; click a link or a neuron to edit weights." });
    this.box = el("div", { class: "net-box", role: "group", "aria-label": "Network diagram" });
    this.editor = el("div", { class: "net-editor", hidden: true });
    this.node = el("div", { class: "network" }, this.box, this.status, this.editor);
    this.params = null;
  }

  /** Rebuild for layer sizes [inputs, ...hidden, outputs] and the feature names. */
  setStructure(sizes, features) {
    this.sizes = sizes;
    this.features = features;
    const height = Math.max(...sizes) * (NODE + GAP_Y) + GAP_Y;
    const width = (sizes.length - 1) * COL_W + NODE + 60;
    this.box.replaceChildren();
    this.box.style.width = `${width}px`;
    this.box.style.height = `${height}px`;
    this.svg = document.createElementNS(SVG, "svg");
    this.svg.setAttribute("width", width);
    this.svg.setAttribute("height", height);
    this.svg.setAttribute("aria-hidden", "true");
    this.box.append(this.svg);
    let links = 0;
    for (let l = 1; l < sizes.length; l++) links += sizes[l - 1] * sizes[l];
    // A big network has thousands of links: one SVG path each would make every frame's
    // style and paint work too slow, so they are drawn on a canvas (edit weights via a neuron).
    this.big = links > BIG;
    this.lastDraw = -Infinity;
    if (this.big) {
      this.status.textContent = `A big network: ${links} links, of which the ${BIG} strongest are drawn, ` +
        "twice a second. Click a neuron to see and edit all its weights.";
    }
    if (this.big) {
      this.linkCanvas = el("canvas", { width, height, class: "links", "aria-hidden": "true" });
      this.box.append(this.linkCanvas);
    }
    this.pos = sizes.map((n, l) => Array.from({ length: n }, (_, i) => ({
      x: 40 + l * COL_W, y: (height - n * (NODE + GAP_Y)) / 2 + GAP_Y / 2 + i * (NODE + GAP_Y) })));
    this.links = [];
    this.biases = [];
    for (let l = 1; l < sizes.length; l++) this.addLayerLinks(l);
    this.canvases = sizes.map((n, l) => this.pos[l].map((p, i) => this.addNeuron(l, i, p)));
    this.editor.hidden = true;
  }

  addLayerLinks(l) {
    const index = 2 * (l - 1);   // params[index] = W_l, params[index + 1] = b_l
    for (let j = 0; j < this.sizes[l]; j++) {
      const to = this.pos[l][j];
      for (let i = 0; i < this.sizes[l - 1]; i++) {
        const from = this.pos[l - 1][i];
        if (this.big) {   // geometry only: drawn on the canvas
          this.links.push({ index, row: i, col: j, fanOut: this.sizes[l], x1: from.x + NODE, y1: from.y + NODE / 2, x2: to.x, y2: to.y + NODE / 2 });
          continue;
        }
        const path = document.createElementNS(SVG, "path");
        const x1 = from.x + NODE, y1 = from.y + NODE / 2, x2 = to.x, y2 = to.y + NODE / 2;
        const mx = (x1 + x2) / 2;
        path.setAttribute("d", `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`);
        path.setAttribute("class", "link");
        path.addEventListener("mouseenter", () => this.showWeight(l, i, j));
        path.addEventListener("click", () => this.edit(l, j, i));
        this.svg.append(path);
        this.links.push({ path, index, row: i, col: j, fanOut: this.sizes[l] });
      }
      const bias = document.createElementNS(SVG, "rect");
      bias.setAttribute("x", to.x - 7);
      bias.setAttribute("y", to.y + NODE - 6);
      bias.setAttribute("width", 6);
      bias.setAttribute("height", 6);
      bias.setAttribute("class", "bias");
      bias.addEventListener("mouseenter", () => this.showBias(l, j));
      bias.addEventListener("click", () => this.edit(l, j, -1));
      this.svg.append(bias);
      this.biases.push({ rect: bias, index: index + 1, col: j });
    }
  }

  addNeuron(l, i, p) {
    const last = l === this.sizes.length - 1;
    const name = l === 0 ? `Input ${tex(this.features[i])}`
      : last ? `Output neuron ${i + 1}` : `Layer ${l}, neuron ${i + 1}`;
    const canvas = el("canvas", { width: NODE, height: NODE });
    const node = el("button", { type: "button", class: "neuron", "aria-label": `${name}: show its output`,
      style: `left:${p.x}px; top:${p.y}px` }, canvas);
    if (l === 0) node.append(el("span", { class: "feature-name", text: tex(this.features[i]) }));
    const show = () => { this.onHover(l, i); this.status.textContent = `${name}: its output over the plane is shown in the big plot.`; };
    const hide = () => this.onHover(null);
    node.addEventListener("mouseenter", show);
    node.addEventListener("focus", show);
    node.addEventListener("mouseleave", hide);
    node.addEventListener("blur", hide);
    if (l > 0) node.addEventListener("click", () => this.edit(l, i, null));
    this.box.append(node);
    return canvas;
  }

  weight(l, i, j) {
    const W = this.params[2 * (l - 1)];
    return W.data[i * this.sizes[l] + j];
  }

  bias(l, j) { return this.params[2 * (l - 1) + 1].data[j]; }

  showWeight(l, i, j) {
    if (this.params) this.status.textContent = `Weight W${l}[${i + 1}, ${j + 1}] = ${fmt(this.weight(l, i, j))} (click to edit)`;
  }

  showBias(l, j) {
    if (this.params) this.status.textContent = `Bias b${l}[${j + 1}] = ${fmt(this.bias(l, j))} (click to edit)`;
  }

  /**
   * Links of a big network on the canvas: only the BIG strongest (painting thousands of thick
   * antialiased lines in software takes hundreds of milliseconds), grouped by colour and width.
   */
  drawLinks(params) {
    const ctx = this.linkCanvas.getContext("2d");
    ctx.clearRect(0, 0, this.linkCanvas.width, this.linkCanvas.height);
    const weight = (link) => params[link.index].data[link.row * link.fanOut + link.col];
    const strongest = this.links.map((link) => [Math.abs(weight(link)), link])
      .sort((a, b) => b[0] - a[0]).slice(0, BIG).map(([, link]) => link);
    const groups = new Map();
    for (const link of strongest) {
      const w = weight(link);
      const key = `${w >= 0 ? "+" : "-"}${Math.min(6, Math.round(Math.abs(w) * 2) / 2)}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(link);
    }
    ctx.globalAlpha = 0.6;
    for (const [key, links] of groups) {
      ctx.strokeStyle = weightColour(key[0] === "+" ? 1 : -1);
      ctx.lineWidth = Math.max(0.3, Math.min(3, Number(key.slice(1))));
      ctx.beginPath();
      for (const { x1, y1, x2, y2 } of links) { ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); }
      ctx.stroke();
    }
  }

  /** New weights and neuron pictures from a frame. */
  update({ params, neurons }, inputs) {
    if (this.big && params && !inputs) {   // a big network is redrawn at most twice a second
      const now = performance.now();
      if (now - this.lastDraw < BIG_REFRESH_MS) { this.params = params; return; }
      this.lastDraw = now;
    }
    if (params && this.big) {
      this.params = params;
      this.drawLinks(params);
      for (const b of this.biases) {
        const v = params[b.index].data[b.col];
        b.rect.setAttribute("fill", weightColour(v));
        b.rect.setAttribute("opacity", Math.min(1, 0.25 + Math.abs(v) / 2).toFixed(2));
      }
    } else if (params) {
      this.params = params;
      for (const link of this.links) {
        const w = params[link.index].data[link.row * link.fanOut + link.col];
        link.path.setAttribute("stroke", weightColour(w));
        link.path.setAttribute("stroke-width", Math.min(6, 0.4 + Math.abs(w) * 1.5).toFixed(2));
      }
      for (const b of this.biases) {
        const v = params[b.index].data[b.col];
        b.rect.setAttribute("fill", weightColour(v));
        b.rect.setAttribute("opacity", Math.min(1, 0.25 + Math.abs(v) / 2).toFixed(2));
      }
    }
    const S = neurons ? neurons.shape[1] : 0;
    let unit = 0;
    for (let l = 1; neurons && l < this.sizes.length; l++) {
      for (let i = 0; i < this.sizes[l]; i++, unit++) {
        const data = neurons.data.subarray(unit * S * S, (unit + 1) * S * S);
        drawPicture(this.canvases[l][i], { data, shape: [S, S] });
      }
    }
    if (inputs) {
      const s = inputs.shape[1];
      this.canvases[0].forEach((canvas, i) =>
        drawPicture(canvas, { data: inputs.data.subarray(i * s * s, (i + 1) * s * s), shape: [s, s] }));
    }
    if (!this.editor.hidden && this.editing) this.fillEditor();
  }

  /** The editor for neuron j of layer l: its bias and incoming weights as number inputs. */
  edit(l, j, focusRow) {
    if (!this.params) return;
    this.editing = { l, j };
    this.editor.hidden = false;
    this.fillEditor(true);
    const inputs = this.editor.querySelectorAll("input");
    const target = focusRow == null ? inputs[0] : focusRow < 0 ? inputs[inputs.length - 1] : inputs[focusRow];
    if (target) target.focus();
  }

  fillEditor(rebuild = false) {
    const { l, j } = this.editing;
    if (!rebuild) {   // keep what the user is typing; refresh the other values
      this.editor.querySelectorAll("input").forEach((input) => {
        if (document.activeElement !== input) input.value = fmt(this.read(input));
      });
      return;
    }
    const last = l === this.sizes.length - 1;
    const title = last ? `Output neuron ${j + 1}` : `Layer ${l}, neuron ${j + 1}`;
    const field = (label, row) => {
      const id = `w-${l}-${j}-${row}`;
      const input = el("input", { id, type: "number", step: "0.1", value: fmt(row < 0 ? this.bias(l, j) : this.weight(l, row, j)) });
      input.dataset.row = row;
      input.addEventListener("change", () => {
        const v = Number(input.value);
        if (!Number.isFinite(v)) { this.status.textContent = "A weight must be a number."; return; }
        this.onEdit(2 * (l - 1) + (row < 0 ? 1 : 0), row, j, v);
      });
      return el("div", { class: "field" }, el("label", { for: id, text: label }), input);
    };
    const from = (i) => (l === 1 ? tex(this.features[i]) : `neuron ${i + 1} of layer ${l - 1}`);
    this.editor.replaceChildren(
      el("h3", { text: `Edit ${title}` }),
      ...Array.from({ length: this.sizes[l - 1] }, (_, i) => field(`Weight from ${from(i)}`, i)),
      field("Bias", -1),
      button("Close", () => { this.editor.hidden = true; this.editing = null; }));
  }

  read(input) {
    const { l, j } = this.editing;
    const row = Number(input.dataset.row);
    return row < 0 ? this.bias(l, j) : this.weight(l, row, j);
  }
}
