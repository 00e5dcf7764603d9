// Training that goes wrong without a NaN: the "unstable" signal shown beside the divergence stop.
//
// Rule: the run is unstable when the smallest of the last `window` epoch losses is still above
// the untrained network's loss (the loss at epoch 0). A run that learns goes below its start within
// a few epochs and stays there most of the time, so even a noisy good run has one of its last ten
// losses under the start; a run whose learning rate is too high keeps bouncing above it. The rule
// needs no threshold to tune, and it is the same whatever the loss's scale.
//
//   const watch = new InstabilityWatch(10);
//   watch.start(untrainedLoss);             // at Reset / epoch 0
//   if (watch.push(epochLoss)) showNotice(); // after each epoch
import { el, button } from "./controls.js";

export const WINDOW = 10;

/** True when every one of the last `window` losses is above `untrained` (and there are `window`). */
export function isUnstable(losses, untrained, window = WINDOW) {
  if (!Number.isFinite(untrained) || losses.length < window) return false;
  const recent = losses.slice(-window);
  return recent.every((l) => l > untrained);   // NaN / null are the divergence stop's business
}

/** Keeps the last `window` epoch losses of one run. */
export class InstabilityWatch {
  constructor(window = WINDOW) { this.window = window; this.start(NaN); }

  /** A new run whose epoch-0 (untrained) loss is `untrained`. */
  start(untrained) { this.untrained = untrained; this.recent = []; this.fired = false; }

  /**
   * Add one epoch's loss; true once the run has been unstable. The signal stays on until start()
   * (Reset, or a lower η): a run that bounced above its start for ten epochs and then dips once is
   * still a run whose learning rate is too high, and a notice that blinks in and out is not one a
   * hall can read.
   */
  push(loss) {
    this.recent.push(loss);
    if (this.recent.length > this.window) this.recent.shift();
    this.fired = this.fired || isUnstable(this.recent, this.untrained, this.window);
    return this.fired;
  }

  /** Add several epochs' losses (one chunk); true if the run is unstable after them. */
  pushAll(losses) { for (const l of losses) this.push(l); return this.fired; }
}

export const MESSAGE = `The loss has stayed above the untrained network's for ${WINDOW} epochs: the learning rate is too high`;

/** The notice's text: `unit` is what one loss stands for (epochs, or batches); without a learning
 *  rate control to lower, it does not blame one. */
export function message(unit = "epochs", withEta = true) {
  return `The loss has stayed above the untrained network's for ${WINDOW} ${unit}: ` +
    (withEta ? "the learning rate is too high" : "training is unstable");
}

/**
 * The notice, with a one-click "Lower η ×10" (onLower is called; the lesson divides its η by 10).
 * Without onLower (a lesson with no η control) it has no button. Returns {node, show(on)}; the
 * node is hidden until show(true).
 */
export function instabilityNotice(onLower, { unit = "epochs" } = {}) {
  const node = el("p", { class: "notice unstable", role: "alert", hidden: true },
    el("span", { text: `${message(unit, Boolean(onLower))}. ` }),
    onLower ? button("Lower η ×10", () => onLower()) : "");
  return { node, show(on) { node.hidden = !on; } };
}
