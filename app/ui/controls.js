// Small builders for labelled, keyboard-usable controls.
let uid = 0;
const nextId = (stem) => `${stem}-${++uid}`;

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, "");
    else if (v !== false && v != null) node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** A <select> with a visible label. options: [[value, text], ...] */
export function select(label, options, value, onChange) {
  const id = nextId("sel");
  const input = el("select", { id, onchange: () => onChange(input.value) },
    ...options.map(([v, text]) => el("option", { value: v, text })));
  input.value = String(value);
  return { node: el("div", { class: "field" }, el("label", { for: id, text: label }), input), input };
}

/** A range slider with its label and current value shown. */
export function slider(label, { min, max, step = 1, value, format = String }, onChange) {
  const id = nextId("rng");
  const out = el("output", { for: id, text: format(value) });
  const input = el("input", { id, type: "range", min, max, step, value });
  input.addEventListener("input", () => { out.textContent = format(Number(input.value)); });
  input.addEventListener("change", () => onChange(Number(input.value)));
  const set = (v) => { input.value = v; out.textContent = format(Number(v)); };
  return { node: el("div", { class: "field" }, el("label", { for: id, text: label }), input, out), input, set };
}

export function checkbox(label, checked, onChange) {
  const id = nextId("chk");
  const input = el("input", { id, type: "checkbox", onchange: () => onChange(input.checked) });
  input.checked = checked;
  return { node: el("div", { class: "field check" }, input, el("label", { for: id, text: label })), input };
}

export function button(text, onClick, attrs = {}) {
  return el("button", { type: "button", onclick: onClick, ...attrs, text });
}
