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
import { el } from "./controls.js";
import { formula, mathText } from "./formula.js";
import { readState, writeState, parseHash } from "./state.js";
import { showFault, describe } from "./fault.js";

export class LessonPage {
  /**
   * root: the view element; ctx: {runtime, packages, neighbours} from main.js;
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
    const { values, problems } = readState(schema, parseHash(location.hash).params);
    if (reconcile) reconcile(values, problems);
    this.state = values;
    this.problems = problems;
    this.notice = el("p", { class: "notice", role: "status", text: problems.join(" ") });
    this.body = el("div", { class: "lesson-body" });
    this.pythonBox = el("div", { class: "python-panels" });
    this.node = el("article", { class: className ? `lesson ${className}` : "lesson" },
      el("h1", { text: title }),
      lede ? mathText(lede, "p") : "",
      this.notice, this.body, this.pythonBox, lessonNav(ctx.neighbours));
    this.node.querySelector("p:not(.notice)")?.classList.add("lede");
    root.append(this.node);
    writeState(route, schema, this.state);
  }

  /** Append nodes to the lesson body (or to `parent`); returns the first. */
  add(...nodes) { this.body.append(...nodes); return nodes[0]; }

  /** A section with a heading; returns its element to fill. */
  section(title, ...children) {
    const id = `${this.route}-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
    return this.add(el("section", { class: "lesson-section", "aria-labelledby": id },
      el("h2", { id, text: title }), ...children));
  }

  /** A paragraph of explanation; $...$ is inline TeX. */
  text(s, parent = this.body) { const p = mathText(s); parent.append(p); return p; }

  /** A displayed formula. */
  tex(s, parent = this.body, opts = {}) { const f = formula(s, opts); parent.append(f); return f; }

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

  /** A "Python" panel with the source of these functions, read from the loaded files. */
  python(fns, module = this.module) {
    for (const fn of fns) {
      const code = el("code", { text: "Loading the source…" });
      const panel = el("details", { class: "python" },
        el("summary", { text: `Python: ${module}.${fn}` }),
        el("pre", { tabindex: "0", "aria-label": `Source of ${fn}` }, code));
      this.pythonBox.append(panel);
      this.ready()
        .then(() => this.runtime.source(module, fn))
        .then((src) => { code.textContent = src; })
        .catch((err) => { code.textContent = `(source unavailable: ${describe(err)})`; });
    }
  }

  /** Draw at most once per animation frame. */
  frame(draw) {
    if (this.framePending) { this.drawFn = draw; return; }
    this.framePending = true;
    this.drawFn = draw;
    requestAnimationFrame(() => {
      this.framePending = false;
      if (this.alive) this.drawFn();
    });
  }

  destroy() { this.alive = false; }
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
