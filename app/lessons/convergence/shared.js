// Lesson 12 (convergence): its settings, and what its parts share.
import { button } from "../../ui/controls.js";

export const ROUTE = "convergence";

export const MODULE = "backprop_lab.lessons.convergence";

export const L2_RATES = ["0.001", "0.003", "0.01", "0.03", "0.1"];

export const SCHEMA = {
  dataset: { type: "choice", values: ["xor", "circle", "gauss", "spiral"], default: "xor" },
  epochs: { type: "int", min: 5, max: 100, default: 40 },
  seed: { type: "int", min: 0, max: 999, default: 0 },
  l2: { type: "choice", values: L2_RATES, default: "0.01" },
};

export const CHUNK = { budget_ms: 15 };   // Play: Python trains about this long per call

export const STEP = { budget_ms: 0 };     // Step: one epoch (each call trains at least one)

export const fmt = (v) => (v == null ? "–" : v.toFixed(3));


/**
 * One control for a run, in the Play button's place: Play, then Pause while it runs, then `text` ("Run again")
 * once the run is over, so that two of them never show at once. attach(player) puts the button beside Play;
 * give the Player `onState: (core) => again.sync(core)`; over(true) when a run ends, over(false) on a reset.
 */
export class AgainButton {
  constructor(text, again) {
    this.ended = false;
    this.player = null;
    this.button = button(text, again, { class: "primary", hidden: true });
  }

  attach(player) {
    this.player = player;
    player.playButton.after(this.button);
    this.sync(player.core);
  }

  over(on) {
    this.ended = on;
    if (this.player) this.sync(this.player.core);
  }

  sync(core) {
    if (!this.player) return;
    const show = this.ended && !core.running && !core.settling;
    const play = this.player.playButton;
    const [from, to] = show ? [play, this.button] : [this.button, play];
    const hadFocus = document.activeElement === from;
    this.button.hidden = !show;
    play.hidden = show;
    if (hadFocus) to.focus();   // the keyboard stays on the one control
  }
}
