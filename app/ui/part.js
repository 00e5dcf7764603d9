// A part: one self-contained demo of a lesson, with an id. Its controls, its figure, its key numbers
// and the Python it calls live together, so a part can be mounted alone (embed=1&part=<id>, the
// lecture deck) or composed with the lesson's text (the article).
//
//   page.part("one-neuron", { title: "One neuron cannot do it" }, (p) => {
//     p.text("Prose for the article only; an embedded part shows none.");
//     p.figure.append(canvas, legend);        // the main figure: it fills the frame and grows with it
//     p.numbers.append(summary);              // the key numbers, beside the figure
//     p.controls.append(slider.node);         // the controls a lecturer needs
//     p.addMore(rarelyUsed.node);             // the rest, folded into "More settings" in a frame
//     p.python(["train_single_neuron"]);      // its Python panels (article only)
//     return () => chart.destroy();           // optional clean-up when the page is left
//   });
//
// Layout: in the article the figure and the side column sit side by side (wrapping on narrow
// screens). Mounted alone the part fills the frame: title on top, the figure taking the height
// that is left, the numbers and controls in a column beside it (see style.css, "a part alone").
import { el } from "./controls.js";
import { formula, mathText } from "./formula.js";

export class Part {
  /** page: the LessonPage; alone: mounted by itself (embed) rather than inside the article. */
  constructor(page, id, { title }, alone) {
    this.id = id;
    this.page = page;
    this.alone = alone;
    const headingId = `part-${page.route}-${id}`;
    this.title = el(alone ? "h1" : "h2", { class: "part-title", id: headingId, text: title });
    this.intro = el("div", { class: "part-intro" });
    this.figure = el("div", { class: "part-figure" });
    this.numbers = el("div", { class: "part-numbers" });
    this.controls = el("div", { class: "part-controls" });
    this.moreBody = el("div", { class: "more-body" });
    this.more = el("details", { class: "more-settings", hidden: true, open: !alone },
      el("summary", { text: "More settings" }), this.moreBody);
    this.side = el("div", { class: "part-side" }, this.numbers, this.controls, this.more);
    this.demo = el("div", { class: "part-demo" }, this.figure, this.side);
    this.node = el("section", { class: "part", "data-part": id, "aria-labelledby": headingId },
      this.title, this.intro, this.demo);
  }

  /** A paragraph of explanation before the demo; $...$ is inline TeX. Not shown when the part is alone. */
  text(s) {
    const p = mathText(s);
    if (!this.alone) this.intro.append(p);
    return p;
  }

  /** A displayed formula before the demo (article only). */
  tex(s, opts = {}) {
    const f = formula(s, opts);
    if (!this.alone) this.intro.append(f);
    return f;
  }

  /** Less-used controls: in a frame they fold into "More settings"; in the article they stay open. */
  addMore(...nodes) {
    this.moreBody.append(...nodes);
    this.more.hidden = false;
  }

  /** The Python panels of the functions this part calls (article only). */
  python(fns, module) { this.page.python(fns, module); }
}
