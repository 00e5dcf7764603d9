// Level sets of a grid of values as line segments (marching squares, with linear interpolation along the cell
// edges), so a picture can draw them as smooth, antialiased curves at any size instead of as enlarged pixels.

/**
 * Segments where the grid crosses `level`: values (rows × cols, row-major, row 0 at the top) sampled at cell
 * centres; returns [[x1, y1, x2, y2], ...] in grid units, the sample (r, c) being at (c + 0.5, r + 0.5).
 */
export function contourSegments(values, rows, cols, level) {
  const out = [];
  const at = (r, c) => values[r * cols + c];
  // where the crossing lies between two samples a and b, as a fraction from a
  const cut = (a, b) => (a === b ? 0.5 : (level - a) / (b - a));
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      const tl = at(r, c);
      const tr = at(r, c + 1);
      const br = at(r + 1, c + 1);
      const bl = at(r + 1, c);
      const k = (tl > level ? 8 : 0) | (tr > level ? 4 : 0) | (br > level ? 2 : 0) | (bl > level ? 1 : 0);
      if (k === 0 || k === 15) continue;
      const x = c + 0.5;
      const y = r + 0.5;
      const top = [x + cut(tl, tr), y];
      const right = [x + 1, y + cut(tr, br)];
      const bottom = [x + cut(bl, br), y + 1];
      const left = [x, y + cut(tl, bl)];
      const add = (p, q) => out.push([p[0], p[1], q[0], q[1]]);
      switch (k) {
        case 1: case 14: add(left, bottom); break;
        case 2: case 13: add(bottom, right); break;
        case 3: case 12: add(left, right); break;
        case 4: case 11: add(top, right); break;
        case 6: case 9: add(top, bottom); break;
        case 7: case 8: add(left, top); break;
        case 5: case 10: {   // a saddle: the cell's mean says which corners connect
          const high = (tl + tr + br + bl) / 4 > level;
          if ((k === 5) === high) { add(left, top); add(bottom, right); } else { add(top, right); add(left, bottom); }
          break;
        }
        default: break;
      }
    }
  }
  return out;
}
