// The home page: every lesson with its number, title and one line, and the lecture deck.
import { el } from "../ui/controls.js";
import { LESSONS } from "./registry.js";

export function lessonList(root) {
  root.append(el("article", { class: "lesson home" },
    el("h1", { text: "Backprop Lab" }),
    el("p", { class: "lede", text: "How neural networks learn, in real Python running in your browser. " +
      "Each lesson is one idea of the lecture: change a setting, read the Python, see why the result changed." }),
    el("ol", { class: "lesson-list" }, ...LESSONS.map((l) => el("li", {},
      el("a", { href: `#/${l.route}`, text: l.title }), el("span", { text: ` — ${l.blurb}` })))),
    el("p", {}, "Teaching with it? ",
      el("a", { href: "static/slides.html", text: "The lecture deck" }),
      " has one slide per idea, each with its live demo. Before class, run the ",
      el("a", { href: "#/check", text: "pre-class check" }),
      " on the hall's network: it runs every lesson once and prepares the lab for offline use."),
    el("p", {}, "Practise: ", el("a", { href: "#/exercises", text: "Exercises" }),
      " — write the functions the lessons run (a derivative, a backward pass, a momentum step), checked by pytest in your browser.")));
}
