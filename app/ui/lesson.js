// What every lesson page shares: title, explanation, formulas, URL state, the Python panel,
// calls into Python with clear errors, and navigation to the previous and next lesson.
// The kit knows no lesson: the shell hands it the neighbours in ctx.neighbours ({prev, next}, each
// {route, title} or null), taken from the registry in lessons/index.js.
//
//   const page = new LessonPage(root, ctx, { route: "neuron", title: "One neuron", schema, module });
//   page.text("A neuron computes $a(x, w) = f(\\langle w, x \\rangle + b)$.");
//   page.tex("a(x, w) = f(w_1 x_1 + w_2 x_2 + b)");
//   const out = await page.call("output_map", { w1: page.state.w1 });   // Python: module.output_map
//   page.python(["output_map"]);                                           // show that function's source
//   page.part("neuron", { title: "One neuron" }, (p) => { ... });          // a demo (see part.js)
//   const frame = page.framer(); frame(() => chart.render());              // one draw per animation frame
//
// The article opens on its first part, right after the lede; the prose given before it follows
// the demo (see leadWith).
//
// A lesson is text plus a list of parts. When the shell mounts one part alone (ctx.part, from
// embed=1&part=<id>), page.part builds only that part and the prose, formulas, sections and Python
// panels are not built into the page at all: the part fills the frame by itself.
import { el } from "./controls.js";
import { Part } from "./part.js";
import { formula, mathText } from "./formula.js";
import { readState, writeState, parseHash } from "./state.js";
import { showFault, describe } from "./fault.js";
import { attachPythonPanels } from "./code-panel.js";

export class LessonPage {
  /**
   * root: the view element; ctx: {runtime, packages, neighbours, part, partProblem} from main.js
   *   (part: the id of the one part to mount alone, or ""; partProblem: why a requested part is not shown);
   * options: {route, title, lede, schema (see state.js), module (Python module of the lesson),
   *           styles: CSS files of the lesson, relative to app/ (e.g. ["lessons/xor.css"]),
   *           reconcile(state, problems): optional; fixes settings of a link that contradict each
   *             other (pushing a message to `problems`) before the notice and the URL are written,
   *           className: optional extra class of the page's <article>}
   * this.problems: what the link got wrong (the notice's text at first), for the lesson to clear.
   */
  constructor(root, ctx, { route, title, lede, schema = {}, module, styles = [], reconcile, className }) {
    for (const href of styles) addStylesheet(href);
    this.runtime = ctx.runtime;
    this.packages = ctx.packages;
    this.route = route;
    this.schema = schema;
    this.module = module;
    this.alive = true;
    this.queue = Promise.resolve();
    this.cleanups = [];
    this.partId = ctx.part || "";          // mount only this part (embed); "" = the whole article
    this.alone = Boolean(this.partId);
    const { values, problems } = readState(schema, parseHash(location.hash).params);
    if (reconcile) reconcile(values, problems);
    if (ctx.partProblem) problems.push(ctx.partProblem);
    this.state = values;
    this.problems = problems;
    this.notice = el("p", { class: "notice", role: "status", text: problems.join(" ") });
    this.body = el("div", { class: "lesson-body" });
    this.pythonBox = el("div", { class: "python-panels" });
    const cls = className ? `lesson ${className}` : "lesson";
    this.node = this.alone
      ? el("article", { class: `${cls} part-alone`, "aria-label": title }, this.notice, this.body)
      : el("article", { class: cls },
        el("h1", { text: title }),
        lede ? mathText(lede, "p") : "",
        this.notice, this.body, this.pythonBox, lessonNav(ctx.neighbours));
    this.node.querySelector("p:not(.notice)")?.classList.add("lede");
    root.append(this.node);
    writeState(route, schema, this.state);
  }

  /** Append nodes to the lesson body (article only: a part alone shows nothing else); returns the first. */
  add(...nodes) { if (!this.alone) this.body.append(...nodes); return nodes[0]; }

  /** A section with a heading (article only); returns its element to fill. */
  section(title, ...children) {
    const id = `${this.route}-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
    return this.add(el("section", { class: "lesson-section", "aria-labelledby": id },
      el("h2", { id, text: title }), ...children));
  }

  /** A paragraph of explanation; $...$ is inline TeX (article only). */
  text(s, parent = this.body) { const p = mathText(s); if (!this.alone) parent.append(p); return p; }

  /** A displayed formula (article only). */
  tex(s, parent = this.body, opts = {}) { const f = formula(s, opts); if (!this.alone) parent.append(f); return f; }

  /**
   * A part of the lesson: build(part) fills a Part (see part.js) and may return a clean-up function.
   * When one part is mounted alone, the others are not built at all; returns the Part, or null.
   */
  part(id, options, build) {
    if (this.alone && id !== this.partId) return null;
    const part = new Part(this, id, options, this.alone);
    this.body.append(part.node);
    if (!this.alone && !this.lead) this.leadWith(part);
    const cleanup = build(part);
    if (typeof cleanup === "function") this.cleanups.push(cleanup);
    return part;
  }

  /**
   * The article opens on its demo: the first part comes right after the lede, its figure in the first
   * screen. The part's own intro (still inside the part), then the prose written before it, follow the
   * demo, running in two columns where the screen is wide (style.css, .lesson-prose).
   */
  leadWith(part) {
    this.lead = part;
    part.node.classList.add("lead-part");
    const before = [...this.body.childNodes].filter((n) => n !== part.node);
    part.node.append(part.intro);   // after the demo
    if (before.length) part.node.after(el("div", { class: "lesson-prose" }, ...before));
  }

  /** Change a setting: keep it and put it in the URL. */
  set(key, value) {
    this.state[key] = value;
    writeState(this.route, this.schema, this.state);
  }

  /** Show a message in the page's notice line ("" clears it). */
  say(message) { this.notice.textContent = message; }

  /** Load this lesson's packages (progress shows in the shell). */
  ready() { return this.runtime.load(this.packages); }

  /**
   * Call `fn` of the lesson's Python module (or "module:fn" of another). Calls run one at a
   * time; a failure shows its message with Retry (which calls `onRetry`, default: the same call)
   * and resolves to null, so the page keeps working.
   */
  call(fn, args = {}, onRetry) {
    const [module, name] = fn.includes(":") ? fn.split(":") : [this.module, fn];
    const run = async () => {
      if (!this.alive) return null;
      try {
        await this.ready();
        if (!this.alive) return null;   // the page was left while Python was loading
        return await this.runtime.call(module, name, args);
      } catch (err) {
        if (this.alive) showFault(describe(err), onRetry || (() => this.call(fn, args, onRetry)));
        return null;
      }
    };
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  /**
   * Run `fn` (an async function that talks to Python) in the same queue as call(), after the calls
   * before it. Unlike call() it reports nothing: its result or its error goes to the caller (a
   * Player's reset/train, or a panel that shows its own message). Left pages run nothing (null).
   */
  serial(fn) {
    const run = () => (this.alive ? fn() : null);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => null);
    return result;
  }

  /**
   * Keep a view in step with the state: the returned update() calls Python's `fn` with args()
   * and hands the result to show(out, args). While a call is in flight, further updates send
   * nothing; when it returns, the newest args are sent once if they changed. So dragging a
   * slider never queues stale work in the worker.
   */
  follow(fn, args, show) {
    let busy = false;
    const update = async () => {
      if (busy) return;
      busy = true;
      const sent = args();
      const out = await this.call(fn, sent);
      busy = false;
      if (out) show(out, sent);
      if (this.alive && JSON.stringify(args()) !== JSON.stringify(sent)) update();
    };
    return update;
  }

  /**
   * A "Python" panel for each of these functions: the source read from the loaded files, with Edit,
   * Run (your version runs in the demo), Reset and Share. See code-panel.js.
   */
  python(fns, module = this.module) {
    if (this.alone) return;   // a part alone shows its demo only
    attachPythonPanels(this, fns, module);
  }

  /** Draw at most once per animation frame: the newest draw given before the frame runs. */
  frame(draw) {
    if (!this.pageFrame) this.pageFrame = this.framer();
    this.pageFrame(draw);
  }

  /**
   * A frame(draw) of its own, for one figure of a part: draws of other figures do not replace
   * its pending one. Nothing is drawn once the page is gone.
   */
  framer() {
    let pending = null;
    return (draw) => {
      if (!pending) requestAnimationFrame(() => { const d = pending; pending = null; if (this.alive) d(); });
      pending = draw;
    };
  }

  destroy() {
    this.alive = false;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}

/** A lesson's own stylesheet, added once. */
function addStylesheet(href) {
  const url = new URL(`../${href}`, import.meta.url).href;
  if ([...document.styleSheets].some((sheet) => sheet.href === url)) return;
  document.head.append(el("link", { rel: "stylesheet", href: url }));
}

/** Previous / next lesson and a link to the list of all lessons. neighbours: {prev, next} from the shell. */
export function lessonNav({ prev, next } = {}) {
  return el("nav", { class: "lesson-nav", "aria-label": "Lesson navigation" },
    prev ? el("a", { href: `#/${prev.route}`, rel: "prev", text: `← ${prev.title}` }) : el("span"),
    el("a", { href: "#/", text: "All lessons" }),
    next ? el("a", { href: `#/${next.route}`, rel: "next", text: `${next.title} →` }) : el("span"));
}
