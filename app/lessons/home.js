// The home page: the lecture's path at a glance. Every lesson is a card with a picture of its main
// part (thumbs.js, drawn in the page: the home page starts no Python), in the lecture's order and
// grouped by its arc: neurons → expressive power → training → backprop → practice, where the
// Playground, the exercises and the lecture deck join the last lesson.
import { el } from "../ui/controls.js";
import { LESSONS } from "./registry.js";
import { thumbnail } from "./thumbs.js";

/** The lecture's arc: each stage names the routes it holds. A lesson the registry adds later and no
 *  stage names joins the stage of the lesson before it, so the page never loses one. */
const STAGES = [
  { title: "Neurons", routes: ["neuron", "logic", "xor"] },
  { title: "Expressive power", routes: ["expressive", "cybenko"] },
  { title: "Training", routes: ["digits", "least-squares", "momentum", "softmax", "minibatch"] },
  { title: "Backprop", routes: ["backprop"] },
  { title: "Practice", routes: ["convergence", "playground"] },
];

/** The stages with their cards' data, in the registry's order. */
export function stages(lessons = LESSONS) {
  const out = STAGES.map((s) => ({ title: s.title, cards: [] }));
  let at = 0;
  for (const l of lessons) {
    const i = STAGES.findIndex((s) => s.routes.includes(l.route));
    if (i >= 0) at = i;
    out[at].cards.push({ key: l.route, href: `#/${l.route}`, title: l.title, blurb: l.blurb });
  }
  const last = out[out.length - 1].cards;
  last.push({ key: "exercises", href: "#/exercises", title: "Exercises",
    blurb: "Write the functions the lessons run (a derivative, a backward pass, a momentum step), checked by pytest in your browser." });
  last.push({ key: "deck", href: "static/slides.html", title: "The lecture deck",
    blurb: "One slide per idea of the lecture, each with its live demo; Python starts once for the whole deck." });
  return out.filter((s) => s.cards.length);
}

function card({ key, href, title, blurb }) {
  return el("li", { class: "card", "data-key": key },
    thumbnail(key) || el("div", { class: "thumb-picture" }),
    el("h3", {}, el("a", { href, text: title })),
    el("p", { text: blurb }));
}

export function lessonList(root) {
  root.append(el("article", { class: "lesson home" },
    el("h1", { text: "Backprop Lab" }),
    el("p", { class: "lede", text: "How neural networks learn, in real Python running in your browser. " +
      "Each lesson is one idea of the lecture: change a setting, read the Python, see why the result changed." }),
    el("ol", { class: "path", "aria-label": "The lecture's path" }, ...stages().map((s, i) => el("li", {
      class: "stage", style: `--cards: ${s.cards.length}`,
    }, el("h2", {}, el("span", { class: "stage-number", text: `${i + 1}` }), ` ${s.title}`),
    el("ul", { class: "cards" }, ...s.cards.map(card))))),
    el("p", {}, "Teaching with it? Before class, run the ",
      el("a", { href: "#/check", text: "pre-class check" }),
      " on the hall's network: it runs every lesson once and prepares the lab for offline use.")));
}
