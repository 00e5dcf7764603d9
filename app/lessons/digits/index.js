// Lesson 6: MNIST in 784 dimensions. First the lecture's PyTorch demo (a small network trained by a
// PyTorch script, on the lab's numpy autograd), then the linear classifier y = xW + b: its ten
// columns as 28×28 templates, a confusion matrix, and a drawing pad preprocessed as MNIST was.
// One file per part: pytorch.js, train.js, confusion.js, draw.js; data.js holds what they share.
import { LessonPage } from "../../ui/lesson.js";
import { CREDIT, MODULE } from "./data.js";
import { torchPart, TORCH_SCHEMA } from "./pytorch.js";
import { trainPart, ETAS, BATCHES } from "./train.js";
import { confusionPart } from "./confusion.js";
import { drawPart } from "./draw.js";

export { CREDIT };
const SCHEMA = {
  eta: { type: "choice", values: ETAS, default: "0.5" },
  M: { type: "choice", values: BATCHES, default: "32" },
  seed: { type: "int", min: 0, max: 9999, default: 0 },
  fit: { type: "bool", default: true },
  ...TORCH_SCHEMA,
};

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: "digits", title: "6. MNIST: PyTorch, then ten planes", module: MODULE, schema: SCHEMA,
    styles: ["lessons/prob-bars.css", "lessons/digits/digits.css"],
    lede: "Handwritten digits, 28×28 pixels: 784 inputs. A network trained in PyTorch first, then one linear layer, $y = xW + b$, whose ten scores softmax turns into probabilities.",
  });
  page.text("As in the lecture, the digits are MNIST's: images of 28×28 pixels, so $x$ has 784 inputs, each pixel's grey level 0..255 scaled to 0..1. Here are 5,000 of them, 500 of each digit; 4,000 train and 1,000 (100 of each) are kept aside as the test set.");
  page.text(CREDIT);
  page.part("pytorch", { title: "A network in PyTorch, on MNIST" }, (p) => torchPart(page, p));
  page.section("The linear classifier");
  page.tex("y = xW + b, \\qquad x \\in \\mathbb{R}^{1\\times 784},\\; W \\in \\mathbb{R}^{784\\times 10},\\; b \\in \\mathbb{R}^{10}, \\qquad p(c \\mid x) = \\frac{e^{y_c}}{\\sum_i e^{y_i}}");
  page.text("Training is mini-batch SGD on the cross-entropy $-\\ln p(y \\mid x)$, with step $\\eta$ and batch size $M$: what the network above did, with no hidden layer.");
  const hub = new EventTarget();   // in the article, the training part hands every frame to the others
  page.part("train", { title: "Ten separating planes, trained" }, (p) => trainPart(page, p, hub));
  page.part("confusion", { title: "Confusion matrix (test set)" }, (p) => confusionPart(page, p, hub));
  page.part("draw", { title: "Draw a digit" }, (p) => drawPart(page, p, hub));
  return () => page.destroy();
}
