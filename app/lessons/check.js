// The pre-class check (#/check): open it on the lecture hall's network before class. It boots Python,
// runs each lesson's Python once with its defaults (the registry's `check` call), and reports a table:
// lesson, OK or the error, time taken, bytes downloaded. Then it says whether the service worker holds
// every file all lessons need offline, and "Prepare for offline" fetches what is missing.
import { el, button } from "../ui/controls.js";
import { LessonPage } from "../ui/lesson.js";
import { describe } from "../ui/fault.js";
import { LESSONS } from "./registry.js";
import { serviceWorkers } from "../ui/storage.js";

const MB = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: "check", title: "Pre-class check", styles: ["lessons/check.css"],
    lede: "Open this page on the lecture hall's network before class. It starts Python and runs every lesson's code " +
      "once, as the lesson would with its defaults, then checks that this browser can run all of them offline.",
  });
  const { runtime } = ctx;
  const bar = el("progress", { id: "check-progress", max: LESSONS.length + 1, value: 0 });
  const stage = el("span", { text: "starting" });
  const rows = [{ title: "Python runtime (boot)", packages: [] },
    ...LESSONS.map((l) => ({ title: l.title, packages: (ctx.config.lessons || {})[l.route] || ["numpy"], check: l.check }))];
  for (const row of rows) {
    row.result = el("td", { text: "waiting" });
    row.time = el("td", { class: "num" });
    row.bytes = el("td", { class: "num" });
    row.network = el("td", { class: "num" });
    row.node = el("tr", {}, el("th", { scope: "row", text: row.title }), row.result, row.time, row.bytes, row.network);
  }
  const total = { time: el("td", { class: "num" }), bytes: el("td", { class: "num" }), network: el("td", { class: "num" }) };
  const summary = el("p", { class: "summary", role: "status", "aria-live": "polite" });
  const offline = el("p", { class: "offline-status", role: "status", "aria-live": "polite" });
  const again = button("Run the check again", () => run(), { disabled: true });
  const prepare = button("Prepare for offline", () => prepareOffline(), { disabled: true, class: "primary" });
  page.add(
    el("div", { class: "check-progress" }, el("label", { for: "check-progress" }, "Checking: ", stage), bar),
    el("div", { class: "table-scroll" }, el("table", { class: "check-table" },
      el("caption", { text: "Each lesson's Python, run once with its defaults" }),
      el("thead", {}, el("tr", {}, ...["Lesson", "Result", "Time", "Files loaded", "Of it, not from a cache"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...rows.map((r) => r.node)),
      el("tfoot", {}, el("tr", {}, el("th", { scope: "row", text: "All" }), el("td"), total.time, total.bytes, total.network)))),
    el("p", { class: "hint", text: "Files loaded: the size of every file the lesson's Python needed. The last column " +
      "counts what crossed the network for it, as sent (compressed where the server compresses): files fetched " +
      "from the server, directly or by the offline cache on the way; a file that came out of a cache counts 0. " +
      "bench/wire.py counts every byte on the wire." }),
    summary, el("div", { class: "run" }, again, prepare), offline);

  /**
   * What the worker has fetched so far: loaded, the files' sizes; network, the bytes that crossed the
   * network for it. A file the service worker served shows 0 bytes of transfer to the page, so its
   * size is taken from what the service worker says it fetched from the network (0 if from its cache).
   */
  const fetched = async () => {
    const [{ files }, viaCache] = await Promise.all([runtime.stats(), askController("fetched")]);
    const sum = (size) => (files || []).reduce((total, f) => total + (size(f) || 0), 0);
    return { loaded: sum((f) => f.size), network: sum((f) => f.transfer || (viaCache && viaCache[f.name])) };
  };

  async function run() {
    again.disabled = true;
    let failures = 0, timeSum = 0;
    for (const row of rows) {
      row.result.textContent = "waiting";
      row.time.textContent = row.bytes.textContent = row.network.textContent = "";
    }
    bar.value = 0;
    // A worker that is not running yet has fetched nothing; one that is counts from now.
    const start = runtime.ready ? await fetched().catch(() => ({ loaded: 0, network: 0 })) : { loaded: 0, network: 0 };
    let before = start;
    for (const row of rows) {
      if (!page.alive) return;
      stage.textContent = row.title;
      row.result.textContent = "running…";
      const t0 = performance.now();
      try {
        if (row.check) {
          await runtime.load(row.packages);
          const [module, fn, args] = row.check;
          await runtime.call(module, fn, args);
        } else {
          await runtime.start();
        }
        row.result.textContent = "OK";
        row.node.classList.remove("failed");
      } catch (err) {
        failures += 1;
        row.result.textContent = describe(err);
        row.node.classList.add("failed");
      }
      const ms = performance.now() - t0;
      try {
        const now = await fetched();
        row.bytes.textContent = MB(now.loaded - before.loaded);
        row.network.textContent = MB(now.network - before.network);
        before = now;
      } catch { row.bytes.textContent = row.network.textContent = "–"; }   // the worker died
      row.time.textContent = seconds(ms);
      timeSum += ms;
      bar.value += 1;
    }
    if (!page.alive) return;
    stage.textContent = "done";
    total.time.textContent = seconds(timeSum);
    total.bytes.textContent = MB(before.loaded - start.loaded);
    total.network.textContent = MB(before.network - start.network);
    summary.textContent = failures
      ? `${failures} of ${rows.length} failed: see the table. Fix these before class (or use the offline kit).`
      : `All ${rows.length} ran: every lesson works here. Python loaded ${MB(before.loaded - start.loaded)} ` +
        `(${MB(before.network - start.network)} of it not from a cache) in ${seconds(timeSum)}.`;
    again.disabled = false;
    await showOffline();
  }

  async function showOffline() {
    const st = await askWorker("status").catch((err) => ({ error: err.message }));
    if (!page.alive) return;
    if (!st) {
      offline.textContent = "No service worker here (a file: page, a private window, or the browser blocks it), " +
        "so nothing is kept for offline use: the lab needs its server during class.";
      prepare.disabled = true;
      return;
    }
    if (st.error) { offline.textContent = `The offline cache could not be read: ${st.error}`; return; }
    const all = st.cached === st.total;
    offline.textContent = all
      ? `The offline cache holds all ${st.total} files that every lesson needs: every lesson works offline.`
      : `The offline cache holds ${st.cached} of the ${st.total} files the lessons need: ` +
        `${st.total - st.cached} are missing, so some lessons need the network. Press "Prepare for offline".`;
    prepare.disabled = all;
  }

  async function prepareOffline() {
    prepare.disabled = true;
    offline.textContent = "Fetching every file the lessons need…";
    try {
      const r = await askWorker("prepare", (p) => {
        if (page.alive) offline.textContent = `Fetching every file the lessons need: ${p.done} of ${p.total} (${MB(p.bytes)})…`;
      });
      if (!page.alive) return;
      offline.textContent = r.cached === r.total
        ? `Ready: fetched ${MB(r.fetched)}; the cache now holds all ${r.total} files (${MB(r.held)}): every lesson works offline.`
        : `Only ${r.cached} of ${r.total} files could be cached.`;
    } catch (err) {
      offline.textContent = `Preparing for offline failed: ${err.message}. Check the network and try again.`;
      prepare.disabled = false;
    }
  }

  run();
  return () => page.destroy();
}

/** A question to the service worker that controls this page ({type}); null if none answers within 2 s. */
function askController(type) {
  const sw = serviceWorkers();
  const controller = sw && sw.controller;
  if (!controller) return Promise.resolve(null);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (ev) => resolve(ev.data.type === "done" ? ev.data.result : null);
    controller.postMessage({ type }, [channel.port2]);
    setTimeout(() => resolve(null), 2000);
  });
}

/**
 * A request to the active service worker ({type}); resolves to its result, or null when there is
 * no service worker. onProgress gets its progress messages.
 */
async function askWorker(type, onProgress = () => {}) {
  const sw = serviceWorkers();
  if (!sw) return null;
  const reg = await Promise.race([sw.ready.catch(() => null), new Promise((r) => setTimeout(() => r(null), 3000))]);
  if (!reg || !reg.active) return null;
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (ev) => {
      const msg = ev.data;
      if (msg.type === "progress") onProgress(msg);
      else if (msg.type === "done") resolve(msg.result);
      else reject(new Error(msg.message));
    };
    reg.active.postMessage({ type }, [channel.port2]);
  });
}
