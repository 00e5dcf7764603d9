// Lesson 5: universal approximation. H sigmoid units with chosen steps, output weights by least
// squares, fit a target f on [0, 1]; the sup error over a fine grid, and how it falls with H.
// One file per part (error.js, fit.js); shared.js holds the settings and what the parts share.
import { LessonPage } from "../../ui/lesson.js";
import { ROUTE, PRESETS, SCHEMA } from "./shared.js";
import { fitPart } from "./fit.js";
import { errorPart } from "./error.js";

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "5. Universal approximation", module: "backprop_lab.lessons.cybenko", schema: SCHEMA,
    styles: ["lessons/cybenko.css"],
    lede: "One hidden layer of sigmoids, added up with the right weights, can follow any continuous curve as closely as you like, given enough units.",
  });
  const s = page.state;
  if (s.target !== "custom" && s.expr !== PRESETS[s.target]) page.set("expr", PRESETS[s.target]);   // a preset's own expression wins, in the URL too
  page.tex("a(x) = \\sum_{h=1}^{H} \\alpha_h\\, \\sigma(w_h x + b_h) + \\alpha_0, \\qquad \\sigma(z) = \\frac{1}{1 + e^{-z}}");
  const hub = new EventTarget();   // in the article, the fit part tells the error part what it fitted
  page.part("fit", { title: "H sigmoid units fit a function" }, (p) => fitPart(page, p, hub));
  page.part("error", { title: "The error shrinks as H grows" }, (p) => errorPart(page, p, hub));

  // ---- the theorem ---------------------------------------------------------------------------
  const theorem = page.section("Cybenko's theorem (1989)");
  page.text("Call $\\sigma$ a sigmoid if it is continuous, tends to 0 as $z \\to -\\infty$ and to 1 as $z \\to +\\infty$. Then one hidden layer of such units is enough to approximate every continuous function on the cube uniformly: for every continuous $f$ on $[0,1]^n$ and every tolerance $\\varepsilon > 0$ there are a number of units $H$ and parameters $w_h \\in \\mathbb{R}^n$, $b_h, \\alpha_h \\in \\mathbb{R}$ with", theorem);
  page.tex("a(x) = \\sum_{h=1}^{H} \\alpha_h\\, \\sigma\\big(\\langle w_h, x \\rangle + b_h\\big), \\qquad |a(x) - f(x)| < \\varepsilon \\ \\text{ for all } x \\in [0,1]^n.", theorem);
  page.text("The theorem says such weights exist, not how to find them or how many units are needed; the page above finds them for $n = 1$ by least squares. (The lecture slide writes one $\\sigma$ around the whole weighted sum; in Cybenko's paper, and here, each unit has its own $\\sigma$ and the output adds them up linearly. The constant $\\alpha_0$ is a convenience: a unit with $w_h = 0$ is the constant $\\sigma(b_h)$ and could stand in for it. A unit with a large $|w_h|$ is not constant: it is a near-step at $x = -b_h / w_h$, flat only on intervals that avoid that point, such as all of $[0, 1]$ when the step lies outside it.)", theorem);

  return () => page.destroy();
}
