// Lesson 10: mini-batch SGD. The lecture's algorithm as numbered steps, a 2-6-1 net trained in
// short Python chunks (Play/Pause), the noisy per-batch loss ε against the smoothed Q and the true
// loss, and the measured variance of the mini-batch gradient against M (log-log).
// One file per part (train.js, variance.js); shared.js holds the settings and what the parts share.
import { LessonPage } from "../../ui/lesson.js";
import { ROUTE, SCHEMA } from "./shared.js";
import { trainPart } from "./train.js";
import { variancePart } from "./variance.js";

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "10. Mini-batch SGD", module: "backprop_lab.lessons.minibatch", schema: SCHEMA,
    styles: ["lessons/minibatch.css"],
    lede: "Train on a few samples at a time: each step is cheap and noisy, and a running average shows where the loss really is.",
  });
  page.text("The true loss is the mean over every training sample, and so is its gradient. Computing them for every step is expensive on a large data set. Mini-batch SGD takes $M$ samples at random instead: their mean gradient points the right way on average, only with some scatter, and a step costs $M$ samples instead of all $\\ell$.");
  page.text("The loss of one batch, $\\varepsilon$, is just as noisy, so it says little about progress. The lecture keeps an exponential moving average $Q$: the forgetting rate $\\lambda$ decides how much the newest batch counts. A small $\\lambda$ gives a smooth but late curve, $\\lambda = 1$ is $\\varepsilon$ itself. Compare both with the true full-data loss, which this page computes after every batch only to show it.");

  const shared = {};   // the train part's first reset, which the variance part measures after
  page.part("train", { title: "Mini-batch SGD: ε and Q" }, (p) => trainPart(page, p, shared));
  page.part("variance", { title: "Gradient variance against M" }, (p) => variancePart(page, p, shared));
  page.python(["Trainer"], "backprop_lab.train");
  return () => page.destroy();
}
