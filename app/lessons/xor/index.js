// Lesson 3: XOR. One neuron fails (one-neuron.js); the feature x1 x2 (feature.js) and a two-layer net
// of gates (gate-net.js) succeed; a 2-2-1 net trained from random weights finds XOR by itself, or gets
// stuck (trained-net.js). shared.js holds the settings and the pieces the parts share.
import { LessonPage } from "../../ui/lesson.js";
import { ROUTE, SCHEMA } from "./shared.js";
import { oneNeuronPart } from "./one-neuron.js";
import { featurePart } from "./feature.js";
import { gateNetPart } from "./gate-net.js";
import { trainedNetPart } from "./trained-net.js";

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "3. XOR", module: "backprop_lab.lessons.xor", schema: SCHEMA,
    styles: ["lessons/logic.css", "lessons/xor.css"],
    lede: "Exclusive or, $x^1 \\oplus x^2 = [x^1 \\neq x^2]$, is the classic function that one neuron cannot compute.",
  });
  page.tex("x^1 \\oplus x^2 = [x^1 \\neq x^2]:\\quad (0,0) \\mapsto 0,\\; (0,1) \\mapsto 1,\\; (1,0) \\mapsto 1,\\; (1,1) \\mapsto 0");
  page.text("XOR is 1 on two opposite corners of the square and 0 on the other two. A single neuron splits the plane with one straight line, and no line has $(0,1)$ and $(1,0)$ on one side while $(0,0)$ and $(1,1)$ are on the other: whichever way it is drawn, at least one corner ends up on the wrong side.");
  page.text("There are two ways out. Give the neuron a new input, the product $x^1 x^2$, so that it still draws a flat cut, but in a space where the corners can be separated. Or stack neurons: a first layer of simple gates whose outputs a second neuron combines. Both are below, and then a small network that finds its own solution by gradient descent.");
  page.part("one-neuron", { title: "One neuron cannot compute XOR" }, (p) => oneNeuronPart(page, p));
  page.part("feature", { title: "The feature x¹x² makes XOR separable" }, (p) => featurePart(page, p));
  page.part("gate-net", { title: "Two layers of gates compute XOR" }, (p) => gateNetPart(page, p));
  page.part("trained-net", { title: "A 2-2-1 network learns XOR" }, (p) => trainedNetPart(page, p));
  page.python(["train_single_neuron", "feature_neuron", "gate_network", "two_layer_forward", "gradient_step", "looks_stuck"]);
  page.python(["threshold_neuron", "line_in_square"], "backprop_lab.lessons.logic");   // what the planes are drawn with
  return () => page.destroy();
}

/** Draw at most once per animation frame (the newest draw wins). */
