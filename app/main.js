// The shell: read config.json, start the Python worker, route #/lesson to its module.
import { Runtime } from "./runtime/client.js";
import { connectProgress } from "./ui/progress.js";
import { showFault, clearFault, clearLessonFault, describe } from "./ui/fault.js";
import { parseHash, pageSettings } from "./ui/state.js";
import { el, button } from "./ui/controls.js";
import { LESSONS, findRoute, neighbours, choosePart } from "./lessons/index.js";
import { lessonList } from "./lessons/home.js";
import { applyPageSettings, buildShellControls, whenVisible } from "./ui/shell.js";
import { serviceWorkers } from "./ui/storage.js";
import { deckShare } from "./runtime/share.js";
import { pauseAll } from "./ui/player.js";

let current = null;   // {route, unmount}

/** A message from the shell that stays for a while (role=status). */
function say(message) {
  const box = document.getElementById("shell-notice");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { box.hidden = true; }, 15000);
}

let generation = 0;   // counts navigations: only the newest may mount its lesson

/** The packages a lesson's Python needs (config.json, from pyscript.toml), numpy by default. */
const packagesOf = (config, lesson) => (config.lessons && config.lessons[lesson.route]) || ["numpy"];

async function route(runtime, config, force = false) {
  const mine = ++generation;
  const { route: name } = parseHash(location.hash);
  const lesson = findRoute(name);
  const routeName = lesson ? lesson.route : "";
  if (current && current.route === routeName && !force) return;   // only the query changed
  if (current && typeof current.unmount === "function") {
    try { current.unmount(); } catch (err) { console.error(err); }
  }
  current = null;
  clearLessonFault();
  const view = document.getElementById("view");
  view.replaceChildren();
  for (const a of document.querySelectorAll("#lesson-nav a")) {
    a.toggleAttribute("aria-current", a.dataset.route === routeName);
  }
  if (!lesson) {   // #/ or an unknown route: the list of lessons
    document.title = "Backprop Lab";
    lessonList(view);
    current = { route: "" };
    return;
  }
  document.title = `${lesson.title} · Backprop Lab`;
  let module;
  try {
    module = await lesson.load();
  } catch (err) {
    if (mine === generation) cannotOpen(runtime, config, lesson, view, err);
    return;
  }
  if (mine !== generation) return;   // the user navigated again while this lesson's code loaded
  const packages = packagesOf(config, lesson);
  // Embedded, a lesson made of parts mounts one part alone (the named one, else its main part).
  const { part, problem } = module.partsReady ? choosePart(lesson, pageSettings()) : { part: "", problem: "" };
  const ctx = { runtime, config, packages, neighbours: neighbours(lesson.route), part, partProblem: problem };
  try {
    current = { route: lesson.route, unmount: module.mount(view, ctx) };
  } catch (err) {
    cannotOpen(runtime, config, lesson, view, err);
  }
}

/** A lesson whose code failed to load or to mount: say so, with Retry and a link home; never a blank view. */
function cannotOpen(runtime, config, lesson, view, err) {
  console.error(err);
  current = { route: lesson.route };
  view.replaceChildren();
  const article = document.createElement("article");
  article.className = "lesson";
  const h1 = document.createElement("h1");
  h1.textContent = lesson.title;
  article.append(h1);
  view.append(article);
  showFault(`This lesson could not be opened: ${(err && err.message) || String(err)}`,
    () => route(runtime, config, true), { home: true });
}

function buildNav() {
  const nav = document.getElementById("lesson-nav");
  const shown = [{ route: "", title: "Lessons" }, LESSONS.find((l) => l.route === "playground")];
  for (const lesson of shown) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = `#/${lesson.route}`;
    a.textContent = lesson.title;
    a.dataset.route = lesson.route;
    li.append(a);
    nav.append(li);
  }
}

/**
 * Register the service worker (sw.js), so a visited page keeps working offline. It caches the
 * app, the Python runtime and numpy as it installs, in the background: nothing waits for it.
 */
const FIRST_VISIT_WAIT_MS = 3000;   // the longest a first visit waits for the service worker

/**
 * Register sw.js. Resolves once the page is controlled by it: at once if it already is (every visit
 * after the first) or if there is none (no service workers, a page opened from a file, registration refused),
 * else when the new one takes over (it installs the app's small shell, then claims the page), or
 * after FIRST_VISIT_WAIT_MS at the most. The Python worker starts after that, so on a first visit
 * the runtime and numpy are downloaded once, through the service worker, which keeps them; without
 * this wait the service worker had to fetch the same 13 MB a second time.
 */
function registerServiceWorker() {
  const sw = serviceWorkers();   // null where the browser denies it (a frame of another site)
  if (!sw || !/^https?:$/.test(location.protocol)) return Promise.resolve();
  let registered;
  try { registered = sw.register("sw.js"); } catch (err) { registered = Promise.reject(err); }
  registered = registered.then((reg) => {
    // A new version waits (sw.js never skips waiting by itself), so the open lesson keeps the files it
    // started with; the page offers the switch, which reloads at a moment the user chooses.
    const offer = () => { if (reg.waiting && sw.controller) offerUpdate(reg.waiting, sw); };
    offer();
    reg.addEventListener("updatefound", () => {
      const incoming = reg.installing;
      if (incoming) incoming.addEventListener("statechange", () => { if (incoming.state === "installed") offer(); });
    });
  });
  registered.catch((err) => console.info(`No offline cache: ${err.message}`));
  if (sw.controller) return Promise.resolve();
  return new Promise((resolve) => {
    sw.addEventListener("controllerchange", () => resolve(), { once: true });
    registered.catch(() => resolve());
    setTimeout(resolve, FIRST_VISIT_WAIT_MS);
  });
}

/** "A new version is ready" with a button that switches to it and reloads. */
function offerUpdate(waiting, sw) {
  if (document.getElementById("update-notice")) return;
  const reload = button("Reload with the new version", () => {
    sw.addEventListener("controllerchange", () => location.reload(), { once: true });
    waiting.postMessage({ type: "skip-waiting" });
  });
  document.getElementById("shell-notice").after(el("p", { id: "update-notice", class: "notice shell-notice", role: "status" },
    "A new version of the lab is ready. This page keeps the version it started with until you reload. ", reload));
}

/**
 * A lesson's route: start the worker and load its packages now, in parallel with the lesson's own
 * modules (the lesson's page.ready then shares this boot and load). The list of lessons boots nothing,
 * nor does the pre-class check here (it measures the boot).
 * A failure shows in the fault box (the runtime's "fault" event) and again in the lesson.
 */
function bootEarly(runtime, config) {
  const lesson = findRoute(parseHash(location.hash).route);
  if (!lesson || lesson.route === "check") return;   // the pre-class check boots and times it itself
  runtime.load(packagesOf(config, lesson)).catch(() => {});
}

/**
 * A slide of a deck (a frame): its lesson's code loads at once, and once the deck's Python is up
 * (another slide booted it) this slide joins it and loads its packages, all before it is shown. Left,
 * the slide pauses its training: hidden (display: none, off screen) or told by reveal.js ("slide:stop").
 */
function inDeck(runtime, config) {
  const lesson = findRoute(parseHash(location.hash).route);
  let warmed = new Promise(() => {});
  if (lesson && lesson.route !== "check") {
    lesson.load().catch(() => {});
    warmed = new Promise((resolve) => {
      const warm = () => runtime.warm(packagesOf(config, lesson)).then(() => { if (runtime.ready) resolve(); });
      runtime.share.onHostUp(warm);
      warm();
    });
  }
  // Pause when the slide is left: on a change from in view to out of view only. The observer's first
  // report (out of view, for a slide laid out off screen) can arrive late, when Chromium throttles an
  // off-screen frame, after the lecturer has already pressed Play on the slide now shown.
  let inView = false;
  new IntersectionObserver((entries) => {
    const now = entries.some((e) => e.isIntersecting);
    if (inView && !now) pauseAll();
    inView = now;
  }).observe(document.getElementById("view"));
  addEventListener("message", (ev) => { if (ev.source === parent && ev.data === "slide:stop") pauseAll(); });
  return warmed;
}

/**
 * Resolves once this frame is laid out (a size > 0). A deck hides the slides far from the present
 * one (reveal.js: display: none beyond its viewDistance, 3 slides by default), and their frames have
 * no size; the next few slides are laid out, off screen.
 */
function laidOut() {
  const sized = () => innerWidth > 0 && innerHeight > 0;
  if (sized()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => { if (sized()) { removeEventListener("resize", check); resolve(); } };
    addEventListener("resize", check);
  });
}

async function main() {
  const { embed } = applyPageSettings();
  buildNav();
  let config;
  try {
    const resp = await fetch("config.json", { cache: "no-cache" });
    if (!resp.ok) throw new Error(`config.json: HTTP ${resp.status}`);
    config = await resp.json();
  } catch (err) {
    showFault(`Could not read the lab's config: ${err.message}`, () => location.reload());
    return;
  }
  const controlled = registerServiceWorker();
  const runtime = new Runtime(config);
  runtime.gate = controlled;
  runtime.share = deckShare();   // a frame (a slide): share one Python with the deck's other frames
  connectProgress(runtime);
  runtime.on("state", (s) => { if (s === "ready") clearFault(); });
  // A worker that dies (crash, out of memory, killed): restart it at once and restore the lesson
  // from its URL. If it dies again within a minute, stop and offer Retry instead of looping.
  let lastRestart = -Infinity;
  runtime.on("fault", (err) => {
    const died = err.kind === "worker";
    if (died && performance.now() - lastRestart > 60000) {
      lastRestart = performance.now();
      say(`${err.message}: it was restarted, and the lesson restored from its link.`);
      route(runtime, config, true);
      return;
    }
    showFault(describe(err), () => route(runtime, config, true));
  });
  runtime.on("state", (s) => {
    if (s === "ready") {
      document.getElementById("python-version").textContent =
        `Python ${runtime.info.python} · Pyodide ${config.pyodide.version}`;
    }
  });
  buildShellControls(() => route(runtime, config, true),
    { parts: () => ((findRoute(parseHash(location.hash).route) || {}).parts || []) });
  applyPageSettings();   // again, now that the Projector mode button exists to show its state
  // Lessons keep their URL up to date with replaceState, which fires no hashchange: a hashchange
  // is the user following a link or editing the URL, so the lesson is mounted afresh from it.
  window.addEventListener("hashchange", () => { applyPageSettings(); route(runtime, config, true); });
  const warmed = runtime.share ? inDeck(runtime, config) : new Promise(() => {});
  // Embedded (several demos on one slide page): boot Python only once this one is on screen. A
  // slide of a deck whose Python is already up draws its demo before it shows, once it is laid out
  // (the next slides): → then shows a demo that is ready. Its Players stay paused until it shows.
  if (embed) await Promise.race([whenVisible(document.getElementById("view")), warmed.then(laidOut)]);
  else bootEarly(runtime, config);
  await route(runtime, config);
}

main();
