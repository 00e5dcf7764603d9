// Marching squares (app/ui/contours.js) on fields whose level sets are known.
import assert from "node:assert/strict";
import { contourSegments } from "../../../app/ui/contours.js";

/** A rows × cols grid of f(x, y) at the cell centres (x = c + 0.5, y = r + 0.5). */
function grid(rows, cols, f) {
  const v = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) v[r * cols + c] = f(c + 0.5, r + 0.5);
  return v;
}

// A circle of radius 11.7 round (20.5, 20.5): every end point lies on it, and the pieces add up to its length.
{
  const field = grid(41, 41, (x, y) => Math.hypot(x - 20.5, y - 20.5));
  const segs = contourSegments(field, 41, 41, 11.7);
  assert.ok(segs.length > 60, `${segs.length} segments`);
  for (const [x1, y1, x2, y2] of segs) {
    for (const [x, y] of [[x1, y1], [x2, y2]]) assert.ok(Math.abs(Math.hypot(x - 20.5, y - 20.5) - 11.7) < 0.05);
  }
  const length = segs.reduce((s, [x1, y1, x2, y2]) => s + Math.hypot(x2 - x1, y2 - y1), 0);
  assert.ok(Math.abs(length - 2 * Math.PI * 11.7) < 0.5, `length ${length}`);
  // Closed: every end point is shared by exactly two segments.
  const ends = new Map();
  for (const [x1, y1, x2, y2] of segs) {
    for (const key of [`${x1.toFixed(4)},${y1.toFixed(4)}`, `${x2.toFixed(4)},${y2.toFixed(4)}`]) {
      ends.set(key, (ends.get(key) || 0) + 1);
    }
  }
  assert.ok([...ends.values()].every((n) => n === 2));
}

// A plane x = 7.25: one straight line, crossing every row.
{
  const segs = contourSegments(grid(10, 20, (x) => x), 10, 20, 7.25);
  assert.equal(segs.length, 9);
  for (const [x1, , x2] of segs) { assert.equal(x1, 7.25); assert.equal(x2, 7.25); }
}

// Nothing where the level is not crossed.
assert.deepEqual(contourSegments(grid(5, 5, () => 1), 5, 5, 2), []);
console.log("contours: ok");
