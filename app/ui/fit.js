// Canvases that stay sharp at any size: the backing store follows the canvas's CSS size times
// devicePixelRatio, and the owner redraws when it changes. Drawing code sizes strokes and text in
// CSS pixels through cssScale(), so a line is as thick and a label as large on a projector at
// 1920×1080 as at 960×540, relative to the page's type.

/** Canvas pixels per CSS pixel (1 before layout). */
export function cssScale(canvas) {
  return canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : 1;
}

/**
 * Keep `canvas`'s backing store at its CSS size × devicePixelRatio; call redraw() after each change.
 * Returns a function that stops watching. The canvas's CSS box must not depend on its backing store
 * (give it a width, or a height and an aspect-ratio), or the two would chase each other.
 */
export function sharpCanvas(canvas, redraw) {
  const apply = (cssWidth, cssHeight) => {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(cssWidth * dpr));
    const h = Math.max(1, Math.round(cssHeight * dpr));
    if (w === canvas.width && h === canvas.height) return;
    canvas.width = w;
    canvas.height = h;
    redraw();
  };
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1].contentBoxSize;
    const size = Array.isArray(box) ? box[0] : box;
    if (size && size.inlineSize > 0) apply(size.inlineSize, size.blockSize);
  });
  observer.observe(canvas);
  return () => observer.disconnect();
}
