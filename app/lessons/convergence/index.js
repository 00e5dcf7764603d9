// Lesson 12: improving convergence. A race of sigmoid, tanh and ReLU on the same data (the winner
// is computed in Python), then a big net overfitting 30 noisy points, without and with L2.
// One file per part (activations.js, l2.js); shared.js holds the settings and what the parts share.
import { LessonPage } from "../../ui/lesson.js";
import { ROUTE, MODULE, SCHEMA } from "./shared.js";
import { racePart } from "./activations.js";
import { overfitPart } from "./l2.js";

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "12. Improving convergence", module: MODULE, schema: SCHEMA,
    styles: ["lessons/convergence.css"],
    lede: "Two of the lecture's levers: the activation function, and a penalty on large weights.",
  });
  const restart = {};   // each part's "start again" (the shared Seed restarts both in the article)
  page.part("activations", { title: "sigmoid, tanh and ReLU raced" }, (p) => racePart(page, p, restart));
  page.part("l2", { title: "L2 regularization against overfitting" }, (p) => overfitPart(page, p, restart));
  page.python(["race_train", "winner", "overfit_train", "gap"]);
  // What the race and the L2 run call in the step (the exercises' targets: edited, they train here).
  page.python(["ACTIVATIONS.sigmoid.df", "ACTIVATIONS.tanh.df"], "backprop_lab.activations");
  page.python(["penalty"], "backprop_lab.losses");
  return () => page.destroy();
}
