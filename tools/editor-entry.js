// The code editor of the Python panels: CodeMirror 6 with Python highlighting, bundled by
// build.py (bundle_editor, esbuild) into dist/vendor/codemirror/editor.js. This file is not
// shipped: the page loads the bundle through app/ui/editor.js when Edit is first pressed.
//
//   const ed = createEditor(parent, { doc, label: "Edit neuron", onChange(text), onRun() });
//   ed.text(); ed.setText(s); ed.focus(); ed.markLine(3 | null); ed.destroy();
//
// Keys: Tab / Shift-Tab indent (indentWithTab); Escape, then Tab, moves focus out of the editor
// (CodeMirror's tab focus mode; Ctrl-M toggles it for good). Ctrl-Enter runs. Undo: Ctrl-Z.
import { EditorView, minimalSetup } from "codemirror";
import { keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, Decoration } from "@codemirror/view";
import { EditorState, StateField, StateEffect } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { indentOnInput, bracketMatching, indentUnit } from "@codemirror/language";
import { python } from "@codemirror/lang-python";

const setErrorLine = StateEffect.define();
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setErrorLine)) continue;
      const n = e.value;
      if (n == null || n < 1 || n > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(n);
      return Decoration.set([Decoration.line({ class: "cm-error-line" }).range(line.from)]);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  "&": { fontSize: "var(--code-font-size, 0.9rem)", border: "1px solid var(--line, #bbb)", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "3px solid var(--accent, #1f5fbf)" },
  ".cm-content": { fontFamily: "ui-monospace, monospace", caretColor: "#000" },
  ".cm-gutters": { backgroundColor: "#f3f3f5", color: "#555", borderRight: "1px solid #ccc" },
  ".cm-error-line": { backgroundColor: "#fde2e2", outline: "1px solid #c00" },
});

// Long lines wrap and the editor grows with its text, so nothing scrolls inside it: the page scrolls
// (a box that scrolls on its own would need a keyboard stop of its own, and a hall cannot scroll it).
export function createEditor(parent, { doc = "", label = "Python code", onChange, onRun } = {}) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        keymap.of([{ key: "Mod-Enter", run: () => { if (onRun) onRun(); return true; } }, indentWithTab]),
        minimalSetup,   // special characters, undo history, selection drawing, highlighting, default keys
        lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), indentOnInput(), bracketMatching(),
        indentUnit.of("    "), EditorState.tabSize.of(4),
        python(), errorLine, theme, EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": label, "aria-multiline": "true" }),
        EditorView.updateListener.of((u) => { if (u.docChanged && onChange) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(s) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: s } }); },
    focus: () => view.focus(),
    markLine(n) { view.dispatch({ effects: setErrorLine.of(n) }); },
    destroy: () => view.destroy(),
  };
}
