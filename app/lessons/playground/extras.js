// The Playground's extras: the Python of the training step, files (data CSV, model JSON),
// a matplotlib figure for a slide, and a comparison with scikit-learn's own MLP.
import { el, button, select } from "../../ui/controls.js";
import { Heatmap } from "../../ui/heatmap.js";
import { describe } from "../../ui/fault.js";
import { compareArgs } from "./settings.js";

const IO = "backprop_lab.lessons.playground_io";
const FIGURE = "backprop_lab.lessons.playground_figure";
const SKLEARN = "backprop_lab.lessons.playground_sklearn";
const STEP_SOURCES = [["backprop_lab.train", "Trainer._step"], ["backprop_lab.nn", "MLP.loss_and_grads"],
  ["backprop_lab.optim", "SGD.step"]];

function download(name, parts, type) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Files are checked here, before anything crosses to Python: a 50 MB CSV would block the worker
// for most of a minute before Python's own 3,000-point limit refused it.
const MAX_POINTS = 3000;
export const LIMITS = {
  csv: { bytes: 1_000_000, lines: MAX_POINTS + 1, what: "a data file", holds: `${MAX_POINTS} points` },
  model: { bytes: 2_000_000, what: "a model file" },
};
const megabytes = (n) => `${(n / 1e6).toFixed(1)} MB`;

/** The file's text, or an Error saying which limit it breaks (its size first, then its lines). */
export async function readWithin(file, limit) {
  if (file.size > limit.bytes) {
    throw new Error(`the file is ${megabytes(file.size)}: ${limit.what} may be at most ${megabytes(limit.bytes).replace(".0", "")}` +
      (limit.holds ? ` (${limit.holds})` : ""));
  }
  const text = await file.text();
  if (limit.lines) {
    let lines = 0;
    for (const line of text.split("\n")) if (line.trim()) lines++;
    if (lines > limit.lines) throw new Error(`the file has ${lines} lines: ${limit.what} may hold at most ${limit.holds}`);
  }
  return text;
}

function fileInput(label, accept, onFile) {
  const id = `file-${label.toLowerCase().replace(/\W+/g, "-")}`;
  const input = el("input", { id, type: "file", accept });
  input.addEventListener("change", () => {
    const file = input.files[0];
    input.value = "";
    if (file) onFile(file);
  });
  return el("div", { class: "field" }, el("label", { for: id, text: label }), input);
}

/** ctx: {runtime, state, serial(fn) (LessonPage.serial: the page's one call queue), setPoints(points),
 *  importModel(info, text)} */
export function extrasPanel(ctx) {
  const { runtime, serial } = ctx;
  const status = el("p", { class: "extras-status", role: "status" });
  const call = (module, fn, args, packages = []) => serial(async () => {
    await runtime.load(["numpy", ...packages]);
    return runtime.call(module, fn, args);
  });
  const attempt = async (what, fn) => {
    status.textContent = `${what}…`;
    try { await fn(); } catch (err) { status.textContent = `${what} failed: ${describe(err)}`; }
  };

  // The Python that runs each training step, read from the loaded package.
  const python = el("details", { class: "python" }, el("summary", { text: "Show the Python of a training step" }));
  python.addEventListener("toggle", () => {
    if (!python.open || python.dataset.loaded) return;
    python.dataset.loaded = "1";
    for (const [module, fn] of STEP_SOURCES) {
      const code = el("code", { text: "Loading…" });
      python.append(el("h3", { text: `${module}: ${fn}` }), el("pre", { tabindex: "0", "aria-label": `Source of ${fn}` }, code));
      runtime.source(module, fn).then((src) => { code.textContent = src; }, (err) => { code.textContent = describe(err); });
    }
  });

  const files = el("div", { class: "files" },
    button("Save data (CSV)", () => attempt("Saving the data", async () => {
      download("backprop-lab-data.csv", [await call(IO, "data_csv")], "text/csv");
      status.textContent = "Saved the data as CSV.";
    })),
    fileInput("Load data (CSV: x1,x2,label)", ".csv,text/csv", (file) => attempt("Loading the CSV", async () => {
      const text = await readWithin(file, LIMITS.csv);
      const points = await call(IO, "parse_csv", { text });
      ctx.setPoints(points);
      status.textContent = `Loaded ${points.length} points as your own data.`;
    })),
    button("Export model (JSON)", () => attempt("Exporting the model", async () => {
      download("backprop-lab-model.json", [await call(IO, "export_model")], "application/json");
      status.textContent = "Exported the model as JSON.";
    })),
    fileInput("Import model (JSON)", ".json,application/json", (file) => attempt("Importing the model", async () => {
      const text = await readWithin(file, LIMITS.model);
      const info = await call(IO, "read_model", { text });   // checks the whole file; nothing changes if it fails
      await ctx.importModel(info, text);
      status.textContent = `Imported a ${[info.inputs, ...info.hidden, info.outputs].join("-")} model.`;
    })));

  const figure = el("div", { class: "figure-export", role: "group", "aria-label": "Figure for a slide" },
    ...["png", "svg"].map((fmt) => button(`Download figure (${fmt.toUpperCase()})`, () => attempt(`Drawing the ${fmt.toUpperCase()} with matplotlib`, async () => {
      const bytes = await call(FIGURE, "figure", { fmt }, ["matplotlib"]);
      download(`backprop-lab.${fmt}`, [bytes.data], fmt === "png" ? "image/png" : "image/svg+xml");
      status.textContent = `Downloaded the ${fmt.toUpperCase()} figure (matplotlib).`;
    }))));

  // scikit-learn trains with the Playground's own optimizer and epochs unless Adam is chosen.
  const solver = select("scikit-learn optimizer", [["sgd", "the Playground's (SGD, momentum as set)"], ["adam", "Adam"]],
    "sgd", () => {});
  const skCanvas = el("canvas", { width: 200, height: 200, class: "boundary small", role: "img", hidden: true,
    "aria-label": "scikit-learn's boundary on the same data" });
  const skMap = new Heatmap(skCanvas, 6);
  const skResult = el("output", { class: "sk-result", "aria-live": "polite", text: "" });
  const compare = el("div", { class: "compare" },
    solver.node,
    button("Compare with scikit-learn", () => attempt("Training scikit-learn's MLPClassifier", async () => {
      const epoch = ctx.epoch();
      const out = await call(SKLEARN, "compare", compareArgs(ctx.state, epoch, solver.input.value), ["scikit-learn"]);
      const picture = out.boundary.boundary ? out.boundary : { boundary: out.boundary };
      skMap.setBoundary(picture.boundary, { classes: picture.classes });
      skCanvas.hidden = false;
      skMap.draw();
      skResult.textContent = `scikit-learn (${out.optimizer}, ${out.epochs} epochs; the Playground: ${epoch}): ${out.metric} ${out.metric === "R²" ? out.score.toFixed(3) : (out.score * 100).toFixed(1) + "%"}. ` +
        `Not like for like: ${out.notes.join("; ")}.`;
      status.textContent = "";
    })),
    skResult, skCanvas);

  return {
    node: el("section", { class: "panel extras", "aria-labelledby": "pg-extras" },
      el("h2", { id: "pg-extras", text: "Export, import and compare" }), status, files, figure, compare, python),
  };
}
