// Every lesson, in the lecture's order: its route (#/route), title, one line about it,
// the module that mounts it, its `parts` (each demo, with an id and a title that says what it shows;
// `main` is the one an embed without part= mounts; a part's title is its slide's title in the deck), and
// `check`: one Python call with its defaults ([module, function, args]) that the pre-class check runs. Which Python packages it loads is in pyscript.toml.
export const LESSONS = [
  { route: "neuron", title: "1. One neuron", blurb: "a(x, w) = f(⟨w, x⟩ + b): weights, bias, activation.",
    load: () => import("./neuron.js"),
    parts: [{ id: "neuron", title: "One neuron: weights, bias, activation", main: true }],
    check: ["backprop_lab.lessons.neuron", "output_map", {}] },
  { route: "logic", title: "2. Logic gates", blurb: "AND, OR and NOT as single neurons, with a live truth table.",
    load: () => import("./logic.js"),
    parts: [{ id: "gate", title: "A logic gate as one neuron", main: true }],
    check: ["backprop_lab.lessons.logic", "gate_view", {}] },
  { route: "xor", title: "3. XOR", blurb: "One neuron fails; the feature x¹x² or two layers of gates succeed; a 2-2-1 net learns it.",
    load: () => import("./xor.js"),
    parts: [{ id: "one-neuron", title: "One neuron cannot compute XOR" }, { id: "feature", title: "The feature x¹x² makes XOR separable" }, { id: "gate-net", title: "Two layers of gates compute XOR" }, { id: "trained-net", title: "A 2-2-1 network learns XOR", main: true }],
    check: ["backprop_lab.lessons.xor", "train_single_neuron", {}] },
  { route: "expressive", title: "4. Expressive power", blurb: "Two layers cut out a convex polygon or compute any Boolean function; three, any union of polygons; depth against width.",
    load: () => import("./expressive/index.js"),
    parts: [{ id: "polygon", title: "Two layers cut out a convex polygon", main: true }, { id: "union", title: "Three layers: a union of polygons" }, { id: "boolean", title: "Two layers compute any Boolean function" }, { id: "depth", title: "Depth against width: the sawtooth" }],
    check: ["backprop_lab.lessons.expressive", "region_map", {}] },
  { route: "cybenko", title: "5. Universal approximation", blurb: "H sigmoid units fit a continuous f on [0, 1]; sup error against H.",
    load: () => import("./cybenko.js"),
    parts: [{ id: "fit", title: "H sigmoid units fit a function", main: true }, { id: "error", title: "The error shrinks as H grows" }],
    check: ["backprop_lab.lessons.cybenko", "fit", {}] },
  { route: "digits", title: "6. MNIST: PyTorch, then ten planes", blurb: "The lecture's PyTorch demo, live; then a softmax linear classifier on MNIST (784 inputs); draw your own digit.",
    load: () => import("./digits/index.js"),
    parts: [{ id: "pytorch", title: "A network in PyTorch, on MNIST" }, { id: "train", title: "Ten separating planes, trained", main: true }, { id: "confusion", title: "Confusion matrix (test set)" }, { id: "draw", title: "Draw a digit" }],
    check: ["backprop_lab.lessons.digits", "selfcheck", {}] },
  { route: "least-squares", title: "7. Least squares vs gradient descent", blurb: "The closed form, solved stably, against gradient descent and its critical η.",
    load: () => import("./least-squares.js"),
    parts: [{ id: "compare", title: "Least squares against gradient descent", main: true }],
    check: ["backprop_lab.lessons.least_squares", "run", {}] },
  { route: "softmax", title: "8. Softmax and cross-entropy", blurb: "Logits to probabilities, stable at 1000; the loss −ln p_y and why it is a cross-entropy.",
    load: () => import("./softmax.js"),
    parts: [{ id: "logits", title: "Softmax and the cross-entropy loss", main: true }],
    check: ["backprop_lab.lessons.softmax", "report", {}] },
  { route: "momentum", title: "9. Gradient descent and momentum", blurb: "Plain GD and momentum side by side on 2-D loss surfaces; drag the start.",
    load: () => import("./momentum.js"),
    parts: [{ id: "race", title: "Gradient descent and momentum", main: true }],
    check: ["backprop_lab.lessons.momentum", "paths", {}] },
  { route: "minibatch", title: "10. Mini-batch SGD", blurb: "Noisy batch loss ε, its running average Q, and gradient variance against M.",
    load: () => import("./minibatch.js"),
    parts: [{ id: "train", title: "Mini-batch SGD: ε and Q", main: true }, { id: "variance", title: "Gradient variance against M" }],
    check: ["backprop_lab.lessons.minibatch", "setup", {}] },
  { route: "backprop", title: "11. Backprop step by step", blurb: "A scalar autograd engine: forward, backward node by node, gradient check.",
    load: () => import("./backprop.js"),
    parts: [{ id: "graph", title: "Backprop through a graph, step by step", main: true }],
    check: ["backprop_lab.lessons.backprop", "trace", {}] },
  { route: "convergence", title: "12. Improving convergence", blurb: "sigmoid, tanh and ReLU raced on the same data; L2 against overfitting.",
    load: () => import("./convergence.js"),
    parts: [{ id: "activations", title: "sigmoid, tanh and ReLU raced", main: true }, { id: "l2", title: "L2 regularization against overfitting" }],
    check: ["backprop_lab.lessons.convergence", "race_setup", {}] },
  { route: "playground", title: "Playground", blurb: "Everything at once: data, a network, backprop live.",
    load: () => import("./playground/index.js"),
    parts: [{ id: "playground", title: "Playground: a network trained live", main: true }],
    check: ["backprop_lab.lessons.playground", "setup", {}] },
];

// Pages that are not lessons: not in the list of lessons, no previous / next.
export const PAGES = [
  { route: "check", title: "Pre-class check", load: () => import("./check.js") },
  { route: "exercises", title: "Exercises", load: () => import("./exercises/index.js") },
  { route: "ready", title: "Python for this deck", load: () => import("./ready.js") },
];

/** The lesson or page of a route, or undefined (the list of lessons is shown). */
export function findRoute(route) {
  return LESSONS.find((l) => l.route === route) || PAGES.find((p) => p.route === route);
}

/**
 * Which part of `lesson` to mount alone for page settings {embed, part}: {part: id or "", problem}.
 * Embedded with parts: the named part, else the main one (saying so if the name was unknown).
 */
export function choosePart(lesson, { embed, part }) {
  const parts = (lesson && lesson.parts) || [];
  if (!embed || !parts.length) return { part: "", problem: "" };
  if (parts.some((p) => p.id === part)) return { part, problem: "" };
  const main = (parts.find((p) => p.main) || parts[0]).id;
  const problem = part ? `This lesson has no part "${part.slice(0, 40)}": showing its main part.` : "";
  return { part: main, problem };
}

export function lessonIndex(route) {
  return LESSONS.findIndex((l) => l.route === route);
}

/** The lessons before and after `route` ({route, title} or null), for the page kit's navigation. */
export function neighbours(route) {
  const i = lessonIndex(route);
  const pick = (l) => (l ? { route: l.route, title: l.title } : null);
  return i < 0 ? { prev: null, next: null } : { prev: pick(LESSONS[i - 1]), next: pick(LESSONS[i + 1]) };
}
