// The Playground: pick data and a network, press Play, watch backprop draw the boundary.
// Python (backprop_lab.lessons.playground) trains in the worker in short chunks, driven by the
// shared Player (app/ui/player.js); the page kit (LessonPage) keeps the settings in the URL and
// runs every call into Python in one queue. The run itself is a PlaygroundSession (session.js);
// the nodes come from view.js; what a setting does is in settings.js.
import { LessonPage } from "../../ui/lesson.js";
import { Player } from "../../ui/player.js";
import { LineChart } from "../../ui/chart.js";
import { showFault, describe } from "../../ui/fault.js";
import { SCHEMA } from "./schema.js";
import { MODULE, reconcile, regularized } from "./settings.js";
import { PlaygroundSession } from "./session.js";
import { buildView, layout, partLayout } from "./view.js";
import { sharpCanvas } from "../../ui/fit.js";

const ROUTE = "playground";
// Python trains about this long per call, so Pause is prompt. (Python measures each epoch: an
// epoch longer than four budgets is trained mini-batch by mini-batch, and a big network's
// pictures come only when due; see backprop_lab/lessons/playground.py, train and frame.)
const CHUNK_MS = 12;
const PLAY = { epochs: 1, budget_ms: CHUNK_MS };   // plus the stop condition (session.train)
const STEP = { epochs: 1 };
// The article's loss chart: low enough that it and the boundary share a laptop's first screen.
const CHART_PX = 170;

/** This lesson is one part (lessons/index.js lists it): the shell may mount it alone (embed=1). */
export const partsReady = true;
const TITLE = "Playground: a network trained live";

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "Playground", module: MODULE, schema: SCHEMA, reconcile,
    className: "playground", styles: ["lessons/playground/playground.css"],
    lede: "A real numpy network, trained by backpropagation in Python inside your browser. Choose data and a network, then press Play.",
  });
  page.part(ROUTE, { title: TITLE }, (p) => playgroundPart(page, p));
  return () => page.destroy();
}

/** The whole Playground: its session, view and Player. In the article the three columns, the
 *  diagram, the extras and classroom mode; alone (a slide) the boundary with the key numbers,
 *  Play, the dataset and the learning rate, the rest under "More settings". */
function playgroundPart(page, p) {
  const session = new PlaygroundSession(page);
  const view = buildView(page, session);
  const player = new Player(page, {
    reset: () => session.setup(),
    train: (chunk) => session.train(chunk),
    chunk: PLAY,
    stepChunk: STEP,
    show: (r) => session.show(r),
    epoch: (r) => (r.frame || r).epoch,
    losses: (f) => session.losses(f),
    untrained: (r) => r.frame.train_loss[0],   // the loss of the untrained network (epoch 0)
    constant: (r) => r.constant_loss,          // the best constant output's (Python: losses.constant_loss)
    diverged: (f) => Boolean(f.diverged),
    divergedText: () => "Training diverged: lower the learning rate, then press Reset.",
    pauseWhen: (f) => Boolean(f.stopped),      // a stop condition was met
    lowerEta: () => session.lowerEta(),
    lowerReg: () => session.lowerReg(),
    regularized: () => regularized(page.state),
    stop: () => session.stop(),
    onError: (err, retry) => showFault(describe(err), () => {
      if (!session.thumbs) session.loadThumbnails();
      (retry || (() => player.reset()))();
    }),
  });
  session.attach(view, player);
  if (p.alone) partLayout(p, view, player);
  else p.demo.replaceWith(player.notices, ...layout(view, player));
  view.chart = new LineChart(view.chartBox, [
    { label: "train loss", stroke: "#1f1f1f" },
    { label: "test loss", stroke: "#c5221f", dash: [6, 4] },
  ], { height: p.alone ? 180 : CHART_PX });
  view.classroom.apply();
  // Alone, the boundary fills the frame: its backing store follows its size (sharp on any screen).
  const unwatch = p.alone ? sharpCanvas(view.canvas, () => session.draw()) : () => {};

  session.loadThumbnails();
  player.reset();
  return () => {
    unwatch();
    player.destroy();
    view.chart.destroy();
  };
}
