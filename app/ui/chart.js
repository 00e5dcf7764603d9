// Streaming line charts on uPlot (vendored from npm by build.py).
import uPlot from "../../vendor/uplot/uPlot.esm.js";

/** Tick spacings for an axis that counts: 1, 2, 5, 10, 20, 25, 50, … (whole numbers only). */
export const COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 2500, 5e3, 1e4, 2e4, 25e3, 5e4, 1e5,
  2e5, 25e4, 5e5, 1e6, 2e6, 5e6, 1e7];

export class LineChart {
  /**
   * el: container; series: [{label, stroke, dash?, spanGaps?}] (spanGaps: draw the line across nulls, for
   *   a series measured at fewer x than the others); opts: {xLabel, yLabel, log, height, fill}
   * fill: follow the container's height too (for a chart that is a part's main figure; the
   * container must get its height from the layout); otherwise the chart is `height` px tall.
   * In projector mode the axes' text is 20 CSS px and the lines 4 px.
   */
  constructor(el, series, { xLabel = "epoch", yLabel = "loss", height = 180, title, fill = false } = {}) {
    this.el = el;
    this.series = series;
    this.data = [[], ...series.map(() => [])];
    this.dirty = false;
    const width = Math.max(240, el.clientWidth || 360);
    const projector = document.body.classList.contains("projector");
    const lineWidth = projector ? 4 : 2;   // thick lines on a projector
    const font = projector ? "20px system-ui, sans-serif" : "12px system-ui, sans-serif";
    const labelFont = projector ? "bold 20px system-ui, sans-serif" : "bold 12px system-ui, sans-serif";
    const axis = (label) => ({ label, font, labelFont, size: projector ? 70 : 50, labelSize: projector ? 34 : 30 });
    // Counts (epochs, steps, iterations) tick at whole numbers: never 2.5 epochs. A log axis does not count.
    const xAxis = /^log/.test(xLabel) ? axis(xLabel) : { ...axis(xLabel), incrs: COUNT_STEPS };
    const heightOf = () => (fill && el.clientHeight > 60 ? el.clientHeight - (this.legendHeight || 0) : height);
    this.plot = new uPlot({
      title,
      width,
      height: heightOf(),
      scales: { x: { time: false } },
      axes: [xAxis, axis(yLabel)],
      series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: lineWidth, dash: s.dash, spanGaps: Boolean(s.spanGaps), points: { show: false } }))],
      legend: { live: false },
      // The x ticks drawn, as text on the container (data-x-ticks): the canvas cannot be read, a test can.
      hooks: { draw: [(u) => { el.dataset.xTicks = (u.axes[0]._splits || []).join(" "); }] },
    }, this.data, el);
    if (fill) {   // the legend sits below the plot inside the container
      const legend = el.querySelector(".u-legend");
      this.legendHeight = legend ? legend.getBoundingClientRect().height + 4 : 0;
      el.classList.add("chart-fill");
    }
    this.resizer = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (w > 0) this.plot.setSize({ width: w, height: heightOf() });
    });
    this.resizer.observe(el);
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
