// Labels of a network diagram (an SVG in the page) placed where they cover nothing: each weight beside its own
// edge, each bias beside its node, clear of every edge, node and other label. Text size follows the CSS (rem on a
// slide, larger on a projector), so the boxes are measured in the page (getBBox), not guessed.

const MARGIN = 2;   // user units kept free around a label

/** Does segment [x1, y1]-[x2, y2] cross the box {x, y, width, height}? (Liang–Barsky clipping) */
export function segmentHitsBox([x1, y1, x2, y2], { x, y, width, height }) {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const sides = [[-dx, x1 - x], [dx, x + width - x1], [-dy, y1 - y], [dy, y + height - y1]];
  for (const [p, q] of sides) {
    if (p === 0) { if (q < 0) return false; continue; }
    const t = q / p;
    if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
  }
  return true;
}

const grow = (b, m) => ({ x: b.x - m, y: b.y - m, width: b.width + 2 * m, height: b.height + 2 * m });
const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const hitsCircle = (b, [cx, cy, r]) => Math.hypot(cx - Math.max(b.x, Math.min(cx, b.x + b.width)),
  cy - Math.max(b.y, Math.min(cy, b.y + b.height))) < r;

/**
 * Move each label to the first of its candidate centres where its box is clear.
 * svg: the diagram, in the document; segments: [[x1, y1, x2, y2]]; circles: [[cx, cy, r]]; fixed: texts that stay;
 * labels: [{node: <text>, candidates(w, h) → [[x, y], ...], own: index of the segment it labels}], in this order.
 */
export function placeLabels(svg, { segments, circles, fixed = [], labels }) {
  if (!svg.isConnected) return;
  const taken = fixed.map((t) => t.getBBox());
  for (const { node, candidates, own = -1 } of labels) {
    node.setAttribute("dominant-baseline", "central");
    const size = node.getBBox();
    if (!size.width) continue;   // not laid out (hidden): nothing to measure
    const clear = (b) => !segments.some((s) => segmentHitsBox(s, b)) && !circles.some((c) => hitsCircle(b, c)) &&
      !taken.some((t) => overlap(b, t));
    const spots = candidates(size.width, size.height);
    const boxAt = ([x, y]) => grow({ x: x - size.width / 2, y: y - size.height / 2, width: size.width, height: size.height },
      MARGIN);
    // The first clear spot that also keeps a label's height from the edges it does not label (so a weight does
    // not sit at a crossing, where it could belong to either edge); else the clear spot farthest from them.
    const room = (s) => Math.min(...segments.filter((seg, i) => i !== own).map((seg) => distance(s, seg)));
    const open = spots.filter((s) => clear(boxAt(s)));
    const spot = open.find((s) => room(s) >= size.height * 1.2) ||
      open.reduce((best, s) => (best && room(best) >= room(s) ? best : s), null) || spots[0];
    node.setAttribute("x", spot[0]);
    node.setAttribute("y", spot[1]);
    taken.push(node.getBBox());
  }
}

/** Distance from point p to segment [x1, y1, x2, y2]. */
function distance([px, py], [x1, y1, x2, y2]) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - x1 - t * dx, py - y1 - t * dy);
}

/** Centres beside segment a→b: along it (t), on either side, just clear of it for a w × h box. */
export function besideEdge([ax, ay], [bx, by], w, h, ts = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78]) {
  const len = Math.hypot(bx - ax, by - ay) || 1;
  const [nx, ny] = [-(by - ay) / len, (bx - ax) / len];
  const d = (Math.abs(nx) * w + Math.abs(ny) * h) / 2 + MARGIN + 2;
  return ts.flatMap((t) => [1, -1].map((side) => [ax + (bx - ax) * t + side * d * nx, ay + (by - ay) * t + side * d * ny]));
}

/** Centres around a node of radius r: below first, then the other sides and corners. */
export function aroundNode([x, y], r, w, h) {
  const gap = MARGIN + 3;
  const dy = r + gap + h / 2;
  const dx = r + gap + w / 2;
  return [[x, y + dy], [x + dx, y + dy * 0.8], [x - dx, y + dy * 0.8], [x + dx, y], [x - dx, y],
    [x + dx, y - dy * 0.8], [x, y + dy + h]];
}
