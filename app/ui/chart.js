// Streaming line charts on uPlot (vendored from npm by build.py).
import uPlot from "../../vendor/uplot/uPlot.esm.js";

export class LineChart {
  /**
   * el: container; series: [{label, stroke, dash?}]; opts: {xLabel, yLabel, log, height}
   */
  constructor(el, series, { xLabel = "epoch", yLabel = "loss", height = 180, title } = {}) {
    this.el = el;
    this.series = series;
    this.data = [[], ...series.map(() => [])];
    this.dirty = false;
    const width = Math.max(240, el.clientWidth || 360);
    const lineWidth = document.body.classList.contains("projector") ? 4 : 2;   // thick lines on a projector
    this.plot = new uPlot({
      title,
      width,
      height,
      scales: { x: { time: false } },
      axes: [{ label: xLabel }, { label: yLabel }],
      series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: lineWidth, dash: s.dash, points: { show: false } }))],
      legend: { live: false },
    }, this.data, el);
    this.resizer = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (w > 0) this.plot.setSize({ width: w, height });
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
