// Training that goes wrong without a NaN: the "unstable" signal shown beside the divergence stop.
//
// Two rules, each over the last `window` epoch losses (no threshold to tune, whatever the loss's scale):
// 1. Above the start: the smallest of them is still above the untrained network's loss (epoch 0's).
//    A run that learns goes below its start within a few epochs and stays there most of the time,
//    so even a noisy good run has one of its last ten losses under the start; a run whose learning
//    rate is too high keeps bouncing above it.
// 2. Collapsed to a constant: their mean is at or above the best constant output's loss (computed in
//    Python for the loss and the labels: the entropy of the class frequencies, or half the labels'
//    variance) AND they are not falling. A net broken by a high η (or held at zero by strong
//    regularization) predicts about the same for every point: its loss sits at that constant's, ln 2
//    on balanced classes, often below its untrained loss, so rule 1 never sees it. "Not falling"
//    keeps a slow healthy run (η = 0.001) out: it can sit above the constant's loss for hundreds of
//    epochs, but it falls steadily, so the window's first loss is above its last by most of the
//    window's spread. A run counts as falling when first − last exceeds both half of (max − min) and
//    1e-4 of the constant's loss (a dead net creeping onto the constant by a hair is not learning).
//    A collapsed run bounces or sits flat, and soon has a window that does not fall.
//
//   const watch = new InstabilityWatch(10);
//   watch.start(untrainedLoss, constantLoss);  // at Reset / epoch 0 (constantLoss may be NaN: rule 1 only)
//   if (watch.push(epochLoss)) showNotice(watch.why);   // after each epoch
import { el, button } from "./controls.js";

export const WINDOW = 10;

/** Rule 1: true when every one of the last `window` losses is above `untrained` (and there are `window`). */
export function isUnstable(losses, untrained, window = WINDOW) {
  if (!Number.isFinite(untrained) || losses.length < window) return false;
  const recent = losses.slice(-window);
  return recent.every((l) => l > untrained);   // NaN / null are the divergence stop's business
}

/** Rule 2: the last `window` losses average at or above `constant` (the best constant output's loss)
 *  and are not falling. */
export function isCollapsed(losses, constant, window = WINDOW) {
  if (!Number.isFinite(constant) || losses.length < window) return false;
  const recent = losses.slice(-window);
  const mean = recent.reduce((a, b) => a + b, 0) / window;
  if (!(mean >= constant * (1 - 1e-6))) return false;          // 1e-6: rounding, at the constant itself
  const fall = recent[0] - recent[window - 1];
  const spread = Math.max(...recent) - Math.min(...recent);
  const falling = fall > 0.5 * spread && fall > 1e-4 * constant;
  return !falling;
}

/** Keeps the last `window` epoch losses of one run. */
export class InstabilityWatch {
  constructor(window = WINDOW) { this.window = window; this.start(NaN); }

  /** A new run whose epoch-0 (untrained) loss is `untrained`; `constant`: the best constant output's loss. */
  start(untrained, constant = NaN) {
    this.untrained = untrained;
    this.constant = constant;
    this.recent = [];
    this.fired = false;
    this.why = null;   // "above" (rule 1) or "constant" (rule 2), once fired
  }

  /**
   * Add one epoch's loss; true once the run has been unstable. The signal stays on until start()
   * (Reset, or a lower η): a run that bounced above its start for ten epochs and then dips once is
   * still a run whose learning rate is too high, and a notice that blinks in and out is not one a
   * hall can read.
   */
  push(loss) {
    this.recent.push(loss);
    if (this.recent.length > this.window) this.recent.shift();
    if (!this.fired) {
      if (isUnstable(this.recent, this.untrained, this.window)) this.why = "above";
      else if (isCollapsed(this.recent, this.constant, this.window)) this.why = "constant";
      this.fired = this.why !== null;
    }
    return this.fired;
  }

  /** Add several epochs' losses (one chunk); true if the run is unstable after them. */
  pushAll(losses) { for (const l of losses) this.push(l); return this.fired; }
}

export const MESSAGE = `The loss has stayed above the untrained network's for ${WINDOW} epochs: the learning rate is too high`;

/** What is blamed: "eta" (the learning rate), "both" (η, or the regularization rate while L1/L2 is
 *  on) or "none" (a lesson with no η control). */
const CAUSES = {
  eta: "the learning rate is too high",
  both: "the learning rate or the regularization rate is too high",
  none: "training is unstable",
};

/** The notice's text: `unit` is what one loss stands for (epochs, or batches); `blame` is "eta",
 *  "both" or "none" (true/false are "eta"/"none"); `why` and `constant` come from the watch. */
export function message(unit = "epochs", blame = "eta", { why = "above", constant = NaN } = {}) {
  const cause = CAUSES[blame === true ? "eta" : blame === false ? "none" : blame];
  if (why === "constant") {
    return `The loss has stayed at or above a constant output's (${constant.toFixed(3)}, the best a net that ` +
      `predicts the same for every point can do) for ${WINDOW} ${unit} without falling: ${cause}`;
  }
  return `The loss has stayed above the untrained network's for ${WINDOW} ${unit}: ${cause}`;
}

/**
 * The notice, with a one-click "Lower η ×10" (onLower is called; the lesson divides its η by 10).
 * Without onLower (a lesson with no η control) it has no button. With onLowerReg and regularized()
 * true (L1 or L2 on) it blames η or the regularization rate and adds "Lower λ ×10". Returns
 * {node, show(on, why)}; the node is hidden until show(true); show(on) again re-reads regularized().
 */
export function instabilityNotice(onLower, { unit = "epochs", onLowerReg = null, regularized = () => false } = {}) {
  const text = el("span", { text: `${message(unit, Boolean(onLower))}. ` });
  const reg = onLowerReg ? button("Lower λ ×10", () => onLowerReg(), { hidden: true }) : "";
  const node = el("p", { class: "notice unstable", role: "alert", hidden: true },
    text, onLower ? button("Lower η ×10", () => onLower()) : "", reg);
  let last = {};
  return {
    node,
    show(on, why = last) {
      last = why || {};
      const both = Boolean(onLower && onLowerReg && regularized());
      text.textContent = `${message(unit, both ? "both" : Boolean(onLower), last)}. `;
      if (reg) reg.hidden = !both;
      node.hidden = !on;
    },
  };
}
