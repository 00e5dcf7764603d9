// Every lesson, in the lecture's order: its route (#/route), title, one line about it,
// and the module that mounts it. Which Python packages it loads is in pyscript.toml.
export const LESSONS = [
  { route: "neuron", title: "1. One neuron", blurb: "a(x, w) = f(⟨w, x⟩ + b): weights, bias, activation.",
    load: () => import("./neuron.js") },
  { route: "logic", title: "2. Logic gates", blurb: "AND, OR and NOT as single neurons, with a live truth table.",
    load: () => import("./logic.js") },
  { route: "xor", title: "3. XOR", blurb: "One neuron fails; the feature x¹x² or two layers of gates succeed; a 2-2-1 net learns it.",
    load: () => import("./xor.js") },
  { route: "expressive", title: "4. Expressive power", blurb: "Two layers cut out a convex polygon; three layers, any union of them.",
    load: () => import("./expressive.js") },
  { route: "cybenko", title: "5. Universal approximation", blurb: "H sigmoid units fit a continuous f on [0, 1]; sup error against H.",
    load: () => import("./cybenko.js") },
  { route: "digits", title: "6. Ten separating planes", blurb: "A softmax linear classifier on 8×8 digits; draw your own.",
    load: () => import("./digits.js") },
  { route: "least-squares", title: "7. Least squares vs gradient descent", blurb: "The closed form, solved stably, against gradient descent and its critical η.",
    load: () => import("./least-squares.js") },
  { route: "softmax", title: "8. Softmax and cross-entropy", blurb: "Logits to probabilities, stable at 1000; the loss −ln p_y and why it is a cross-entropy.",
    load: () => import("./softmax.js") },
  { route: "momentum", title: "9. Gradient descent and momentum", blurb: "Plain GD and momentum side by side on 2-D loss surfaces; drag the start.",
    load: () => import("./momentum.js") },
  { route: "minibatch", title: "10. Mini-batch SGD", blurb: "Noisy batch loss ε, its running average Q, and gradient variance against M.",
    load: () => import("./minibatch.js") },
  { route: "backprop", title: "11. Backprop step by step", blurb: "A scalar autograd engine: forward, backward node by node, gradient check.",
    load: () => import("./backprop.js") },
  { route: "convergence", title: "12. Improving convergence", blurb: "sigmoid, tanh and ReLU raced on the same data; L2 against overfitting.",
    load: () => import("./convergence.js") },
  { route: "playground", title: "Playground", blurb: "Everything at once: data, a network, backprop live.",
    load: () => import("./playground.js") },
];

export function lessonIndex(route) {
  return LESSONS.findIndex((l) => l.route === route);
}

/** The lessons before and after `route` ({route, title} or null), for the page kit's navigation. */
export function neighbours(route) {
  const i = lessonIndex(route);
  const pick = (l) => (l ? { route: l.route, title: l.title } : null);
  return i < 0 ? { prev: null, next: null } : { prev: pick(LESSONS[i - 1]), next: pick(LESSONS[i + 1]) };
}
