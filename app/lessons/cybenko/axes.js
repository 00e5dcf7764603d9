// Axis ticks and number formats of the universal-approximation lesson (cybenko/). Pure
// functions, no DOM, so Node tests them (tests/unit/js/cybenko_axes.mjs).

const MAX_TICKS = 12;

/**
 * Rounded y-limits and ticks around the values lo..hi: {ylim, yticks, yfmt}. A span too small
 * to divide at this magnitude (a constant, or a few ulps of a large number such as 3e9) is
 * widened relative to the magnitude, and there are never more than MAX_TICKS ticks.
 */
export function range(lo, hi) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) { lo = 0; hi = 1; }
  if (lo > hi) [lo, hi] = [hi, lo];
  const LIMIT = 1e307;                    // beyond it, hi - lo and the padding overflow
  lo = Math.max(lo, -LIMIT); hi = Math.min(hi, LIMIT);
  const mag = Math.max(1, Math.abs(lo), Math.abs(hi));
  if (hi - lo < 1e-9 * mag) {             // flat at this magnitude: ±0.5, or ±1e-6 of the value
    const mid = lo / 2 + hi / 2;
    const half = 0.5 * Math.max(1, 1e-6 * mag);
    lo = mid - half; hi = mid + half;
  }
  const pad = 0.08 * (hi - lo);
  lo -= pad; hi += pad;
  const raw = (hi - lo) / 5;
  const unit = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * unit).find((s) => s >= raw) || 10 * unit;
  const first = Math.ceil(lo / step);
  const ticks = [];
  for (let i = first; i * step <= hi && ticks.length < MAX_TICKS; i++) ticks.push(i * step);
  const lead = step / 10 ** Math.floor(Math.log10(step));          // 1, 2, 2.5 or 5
  const decimals = Math.min(12, Math.max(0, -Math.floor(Math.log10(step)) + (Math.abs(lead - 2.5) < 1e-9 ? 1 : 0)));
  const big = Math.max(Math.abs(lo), Math.abs(hi)) >= 1e6;
  const digits = Math.min(12, Math.max(1, Math.ceil(Math.log10(mag / step))));
  return { ylim: [lo, hi], yticks: ticks, yfmt: (v) => (big ? v.toExponential(digits) : v.toFixed(decimals)) };
}

/** An error for the page: 4 decimals from 0.01 to 10⁴, exponent notation outside (1.55e+15). */
export const sci = (v) => (v >= 0.01 && v < 1e4 ? v.toFixed(4) : v.toExponential(2));

/** The same number for TeX: 4.46e-3 becomes 4.46 \times 10^{-3}. */
export const texSci = (v) => sci(v).replace(/e([+-]\d+)$/, (_, p) => ` \\times 10^{${Number(p)}}`);
