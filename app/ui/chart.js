// Streaming line charts on uPlot (vendored from npm by build.py).
import uPlot from "../../vendor/uplot/uPlot.esm.js";

/** Tick spacings for an axis that counts: 1, 2, 5, 10, 20, 25, 50, … (whole numbers only). */
export const COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 2500, 5e3, 1e4, 2e4, 25e3, 5e4, 1e5,
  2e5, 25e4, 5e5, 1e6, 2e6, 5e6, 1e7];

const FACE = "system-ui, sans-serif";
const TICK = 10, GAP = 5;   // uPlot's tick length and the gap between a tick and its label (CSS px)

/** The axes' text size in CSS px, a whole number (uPlot reads only whole px): 0.8 of the root font, as the
 * smallest HTML text. In embed and projector modes the root font follows the frame, so ticks are 14 px at
 * 960×540, 19 px at 1280×720, 20 px in projector mode, 12 px on half a slide (640×360); elsewhere ≥ 14 px. */
export function chartFontPx() {
  const html = document.documentElement;
  const scaled = 0.8 * (parseFloat(getComputedStyle(html).fontSize) || 16);
  const framed = html.classList.contains("embed") || html.classList.contains("projector") ||
    document.body.classList.contains("projector");
  return Math.round(framed ? scaled : Math.max(14, scaled));
}

/** uPlot axes whose room follows their font: the y axis is as wide as its widest tick label, and each
 * title gets 1.5 lines, so no label is cut or overlaps a title at any size. */
function axes(px, xLabel, yLabel) {
  const font = `${px}px ${FACE}`;
  const labelFont = `bold ${font}`;
  const ruler = document.createElement("canvas").getContext("2d");
  ruler.font = font;
  const widest = (values) => Math.max(px, ...(values || []).map((v) => ruler.measureText(String(v ?? "")).width));
  const common = { font, labelFont, labelSize: Math.ceil(1.5 * px), gap: GAP, ticks: { size: TICK } };
  const x = { ...common, label: xLabel, size: Math.ceil(TICK + GAP + 1.4 * px), space: Math.ceil(3.5 * px) };
  // Counts (epochs, steps, iterations) tick at whole numbers: never 2.5 epochs. A log axis does not count.
  if (!/^log/.test(xLabel)) x.incrs = COUNT_STEPS;
  const y = { ...common, label: yLabel, space: Math.ceil(2.2 * px),
    size: (u, values) => Math.ceil(TICK + GAP + (values ? widest(values) : 3 * px) + 4) };
  return [x, y];
}

export class LineChart {
  /**
   * el: container; series: [{label, stroke, dash?, spanGaps?}] (spanGaps: draw the line across nulls, for
   *   a series measured at fewer x than the others); opts: {xLabel, yLabel, log, height, fill}
   * fill: follow the container's height too (for a chart that is a part's main figure; the
   * container must get its height from the layout): the plot takes what the legend leaves;
   * otherwise the chart is `height` px tall. In projector mode the lines are 4 px.
   */
  constructor(el, series, { xLabel = "epoch", yLabel = "loss", height = 180, title, fill = false } = {}) {
    this.el = el;
    this.series = series;
    this.data = [[], ...series.map(() => [])];
    this.dirty = false;
    const projector = document.body.classList.contains("projector");
    const lineWidth = projector ? 4 : 2;   // thick lines on a projector
    const legendOf = () => el.querySelector(".u-legend");
    const titleOf = () => el.querySelector(".u-title");
    // Filling: the box's height less the legend's and title's, measured each time (the legend wraps
    // to more rows as the chart narrows). Before the box is laid out, `height`.
    const heightOf = () => {
      if (!fill || el.clientHeight <= 60) return height;
      const taken = [legendOf(), titleOf()].reduce((sum, e) => sum + (e ? e.offsetHeight : 0), 0);
      return Math.max(60, el.clientHeight - taken - 2);
    };
    const build = () => {
      const px = this.px = chartFontPx();
      this.plot = new uPlot({
        title,
        width: Math.max(240, el.clientWidth || 360),
        height: heightOf(),
        scales: { x: { time: false } },
        axes: axes(px, xLabel, yLabel),
        // Room above for the top y tick's label, and on the right for the last x tick's label.
        padding: [Math.ceil(0.8 * px), Math.ceil(2 * px), 0, 0],
        series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: lineWidth, dash: s.dash, spanGaps: Boolean(s.spanGaps), points: { show: false } }))],
        legend: { live: false },
        // The x ticks drawn, as text on the container (data-x-ticks): the canvas cannot be read, a test can.
        hooks: { draw: [(u) => { el.dataset.xTicks = (u.axes[0]._splits || []).join(" "); }] },
      }, this.data, el);
      if (fill && legendOf()) this.resizer.observe(legendOf());
    };
    // A new size: the plot follows the box; if the frame's type changed size (embed mode follows the
    // window), the chart is built again with the new font, as uPlot sizes its axes once.
    const resize = () => {
      const w = el.clientWidth;
      if (w <= 0) return;
      if (chartFontPx() !== this.px) {
        this.plot.destroy();
        build();
      } else if (w !== this.plot.width || heightOf() !== this.plot.height) {
        this.plot.setSize({ width: w, height: heightOf() });
      }
    };
    this.resizer = new ResizeObserver(resize);
    this.resizer.observe(el);
    if (fill) el.classList.add("chart-fill");
    build();
    if (fill) resize();
  }

  /** Append points: xs, and one array per series (null for a missing value). A first x equal
   * to the last one shown replaces that point (its values were measured again). */
  push(xs, ...ys) {
    const n = this.data[0].length;
    if (xs.length && n && this.data[0][n - 1] === xs[0]) this.data.forEach((series) => series.pop());
    this.data[0].push(...xs);
    ys.forEach((arr, i) => this.data[i + 1].push(...arr));
    this.dirty = true;
  }

  reset() {
    this.data = [[], ...this.series.map(() => [])];
    this.dirty = true;
  }

  /** Redraw if anything changed: call at most once per animation frame. */
  render() {
    if (!this.dirty) return;
    this.dirty = false;
    this.plot.setData(this.data);
  }

  destroy() {
    this.resizer.disconnect();
    this.plot.destroy();
  }
}
