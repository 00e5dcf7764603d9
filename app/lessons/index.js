// The registry's lessons and pages (registry.js, data only) with the module that mounts each, and the
// shell's lookups: a route's lesson, the part to mount alone, the previous and next lesson.
import { LESSONS as LESSON_DATA, PAGES as PAGE_DATA } from "./registry.js";

/** The module of each route (loaded when the route is first opened). */
const LOADERS = {
  "neuron": () => import("./neuron.js"),
  "logic": () => import("./logic.js"),
  "xor": () => import("./xor/index.js"),
  "expressive": () => import("./expressive/index.js"),
  "cybenko": () => import("./cybenko/index.js"),
  "digits": () => import("./digits/index.js"),
  "least-squares": () => import("./least-squares.js"),
  "softmax": () => import("./softmax.js"),
  "momentum": () => import("./momentum.js"),
  "minibatch": () => import("./minibatch/index.js"),
  "backprop": () => import("./backprop.js"),
  "convergence": () => import("./convergence/index.js"),
  "playground": () => import("./playground/index.js"),
  "check": () => import("./check.js"),
  "exercises": () => import("./exercises/index.js"),
  "ready": () => import("./ready.js"),
};

const withLoader = (entry) => ({ ...entry, load: LOADERS[entry.route] });
export const LESSONS = LESSON_DATA.map(withLoader);
export const PAGES = PAGE_DATA.map(withLoader);

/** The lesson or page of a route, or undefined (the list of lessons is shown). */
export function findRoute(route) {
  return LESSONS.find((l) => l.route === route) || PAGES.find((p) => p.route === route);
}

/**
 * Which part of `lesson` to mount alone for page settings {embed, part}: {part: id or "", problem}.
 * Embedded with parts: the named part, else the main one (saying so if the name was unknown).
 */
export function choosePart(lesson, { embed, part }) {
  const parts = (lesson && lesson.parts) || [];
  if (!embed || !parts.length) return { part: "", problem: "" };
  if (parts.some((p) => p.id === part)) return { part, problem: "" };
  const main = (parts.find((p) => p.main) || parts[0]).id;
  const problem = part ? `This lesson has no part "${part.slice(0, 40)}": showing its main part.` : "";
  return { part: main, problem };
}

export function lessonIndex(route) {
  return LESSONS.findIndex((l) => l.route === route);
}

/** The lessons before and after `route` ({route, title} or null), for the page kit's navigation. */
export function neighbours(route) {
  const i = lessonIndex(route);
  const pick = (l) => (l ? { route: l.route, title: l.title } : null);
  return i < 0 ? { prev: null, next: null } : { prev: pick(LESSONS[i - 1]), next: pick(LESSONS[i + 1]) };
}
