// Lesson 6, part "confusion": the test set's confusion matrix. In the article it is a table fed by the
// training part's frames; on a slide of its own it is a picture with its own Player.
import { el } from "../../ui/controls.js";
import { sharpCanvas } from "../../ui/fit.js";
import { DIGITS, ink, stat, pct } from "./data.js";
import { trainer } from "./train.js";

/** The confusion matrix of the test set: a table in the article, a picture on a slide (which trains by itself). */
export function confusionPart(page, p, hub) {
  const frame = page.framer();
  const stats = {};   // a slide shows the test accuracy beside the matrix (the article has it above)
  if (p.alone) p.numbers.append(el("div", { class: "stats" }, stat(stats, "test_acc", "Test accuracy")));
  let counts = null;
  const show = (f) => {
    counts = f.confusion;
    const last = f.test_acc.length - 1;
    if (last >= 0 && stats.test_acc) stats.test_acc.textContent = pct(f.test_acc[last]);
    frame(draw);
  };
  const table = el("table", { class: "digits-confusion" });
  const canvas = el("canvas", { width: 360, height: 360, class: "digits-matrix", role: "img", "aria-label": "Confusion matrix (test set)" });
  if (p.alone) {
    p.figure.append(canvas);
    const { player, etaSelect, mSelect, seedSelect } = trainer(page, show);
    p.controls.append(player.node);
    p.addMore(etaSelect.node, mSelect.node, seedSelect.node);
    const unwatch = sharpCanvas(canvas, () => frame(draw));
    player.reset();
    return () => { unwatch(); player.destroy(); };
  }
  p.figure.append(table);
  p.python(["confusion"]);
  hub.addEventListener("frame", (ev) => show(ev.detail));
  return undefined;

  function draw() {
    if (!counts) return;
    const { data } = counts;
    let right = 0; let total = 0;
    for (let t = 0; t < 10; t++) for (let q = 0; q < 10; q++) { total += data[t * 10 + q]; if (t === q) right += data[t * 10 + q]; }
    if (!p.alone) { drawTable(data); return; }
    canvas.setAttribute("aria-label", `Confusion matrix (test set): ${right} of ${total} right; rows: the true digit, columns: the predicted one`);
    const ctx = canvas.getContext("2d");
    const { width, height } = canvas;
    const { font, thin } = ink(canvas);
    const m = 2.2 * font;                          // room for the labels
    const cell = Math.min(width, height - 0) / 11 > 0 ? (Math.min(width, height) - m) / 10 : 1;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    ctx.font = `${font}px system-ui, sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillStyle = "#55585e";
    ctx.fillText("predicted →", m + 5 * cell, font * 0.5);
    ctx.save(); ctx.translate(font * 0.5, m + 5 * cell); ctx.rotate(-Math.PI / 2); ctx.fillText("true →", 0, 0); ctx.restore();
    for (let t = 0; t < 10; t++) {
      let rowTotal = 0;
      for (let q = 0; q < 10; q++) rowTotal += data[t * 10 + q];
      ctx.fillStyle = "#1b1b1f";
      ctx.fillText(String(t), m - font * 0.5, m + (t + 0.5) * cell);
      ctx.fillText(String(t), m + (t + 0.5) * cell, m - font * 0.6);
      for (let q = 0; q < 10; q++) {
        const n = data[t * 10 + q];
        const share = rowTotal ? n / rowTotal : 0;
        const [rgb, alpha] = cellColour(t === q, share);
        ctx.fillStyle = `rgba(${rgb.join(", ")}, ${alpha})`;
        ctx.fillRect(m + q * cell, m + t * cell, cell, cell);
        ctx.strokeStyle = "#e3e5e8";
        ctx.lineWidth = thin;
        ctx.strokeRect(m + q * cell, m + t * cell, cell, cell);
        if (n) {
          ctx.fillStyle = inkOn(rgb, alpha);
          ctx.fillText(String(n), m + (q + 0.5) * cell, m + (t + 0.5) * cell);
        }
      }
    }
  }

  function drawTable(data) {
    const head = el("tr", {}, el("th", { scope: "col", text: "true ↓ / predicted →" }),
      ...DIGITS.map((d) => el("th", { scope: "col", text: String(d) })));
    const rows = DIGITS.map((t) => {
      let total = 0;
      for (let q = 0; q < 10; q++) total += data[t * 10 + q];
      return el("tr", {}, el("th", { scope: "row", text: String(t) }), ...DIGITS.map((q) => {
        const n = data[t * 10 + q];
        const share = total ? n / total : 0;
        const [rgb, alpha] = cellColour(t === q, share);
        return el("td", { class: t === q ? "diag" : "", style: `background: rgba(${rgb.join(", ")}, ${alpha}); color: ${inkOn(rgb, alpha)}`,
          text: String(n) });
      }));
    });
    table.replaceChildren(el("caption", { text: "Rows: the true digit; columns: the predicted one. The diagonal counts the correct answers." }),
      el("thead", {}, head), el("tbody", {}, ...rows));
  }
}

/** A confusion cell's colour: blue on the diagonal (right), orange off it (wrong), stronger with the row's share. */
function cellColour(right, share) {
  return right ? [[25, 103, 210], share] : [[232, 113, 10], Math.min(1, 3 * share)];
}

/** Dark or white text, whichever reads better (WCAG contrast) on `rgb` at `alpha` over white. */
function inkOn(rgb, alpha) {
  const lin = (c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const [r, g, b] = rgb.map((c) => lin(alpha * c + (1 - alpha) * 255));
  const L = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const white = 1.05 / (L + 0.05), dark = (L + 0.05) / (0.0116 + 0.05);   // #1b1b1f has L ≈ 0.0116
  return white >= 4.5 && white > dark ? "#fff" : "#1b1b1f";
}
