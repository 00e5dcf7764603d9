// Lesson 4: expressive power. Threshold neurons: two layers cut out a convex polygon (polygon.js),
// three layers any union of polygons (union.js), two layers any Boolean function (boolean.js).
// ReLUs: depth against width, the sawtooth (depth.js). Drawing helpers shared by the parts: shared.js.
import { LessonPage } from "../../ui/lesson.js";
import { PRESETS, polygonPart } from "./polygon.js";
import { unionPart } from "./union.js";
import { BOOLEAN_SCHEMA, booleanPart } from "./boolean.js";
import { DEPTH_SCHEMA, depthPart } from "./depth.js";

const ROUTE = "expressive";
const SCHEMA = {
  shape: { type: "choice", values: Object.keys(PRESETS), default: "triangle" },
  v: { type: "ints", min: -190, max: 190, minLength: 6, maxLength: 16, default: PRESETS.triangle },
  region: { type: "choice", values: ["two-triangles", "l-shape"], default: "two-triangles" },
  ...BOOLEAN_SCHEMA,
  ...DEPTH_SCHEMA,
};

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "4. Expressive power", module: "backprop_lab.lessons.expressive", schema: SCHEMA,
    styles: ["lessons/logic.css", "lessons/expressive.css"],
    lede: "One threshold neuron cuts the plane along a line. Stack a few, and the network can cut out a polygon, then any union of polygons, and compute any Boolean function. Then: what depth buys that width pays for dearly.",
  });
  const s = page.state;
  if (s.v.length % 2) {   // added to the other notices about the link, not instead of them
    page.say([page.notice.textContent, "Ignored v from the link: it needs an x and a y for every vertex."].filter(Boolean).join(" "));
    s.v = [...PRESETS[s.shape]];
    page.set("v", s.v);
  }
  page.part("polygon", { title: "Two layers cut out a convex polygon" }, (p) => polygonPart(page, p));
  page.part("union", { title: "Three layers: a union of polygons" }, (p) => unionPart(page, p));
  page.python(["polygon_map", "edge_layer", "and_layer", "forward", "union_net", "or_layer"]);
  page.part("boolean", { title: "Two layers compute any Boolean function" }, (p) => booleanPart(page, p));
  page.part("depth", { title: "Depth against width: the sawtooth" }, (p) => depthPart(page, p));
  return () => page.destroy();
}
