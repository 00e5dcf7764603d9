// ESLint for the page's plain ES modules (app/), run by `python3 build.py lint` and `test`.
// @eslint/js's recommended rules, with the globals each kind of file really has.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["dist/**", "node_modules/**", ".venv/**", ".venv38/**", "bench/out/**", "tests/**"] },
  js.configs.recommended,
  {
    files: ["app/**/*.js", "static/**/*.js"],   // the page, and the lecture deck's script
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `catch (e) {}` for a check that may fail is fine; unused variables elsewhere are not.
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
    },
  },
  {
    // The Python worker runs as a classic worker (Pyodide 0.17, importScripts) and as a module
    // worker (314), so it is a script: no top-level import/export.
    files: ["app/runtime/worker.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.worker } },
  },
  {
    // build.py replaces these placeholders with the version and the file lists.
    files: ["app/runtime/sw.template.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.serviceworker, __VERSION__: "readonly", __SHELL__: "readonly", __ON_DEMAND__: "readonly", __RUNTIME__: "readonly", __HASHES__: "readonly" },
    },
  },
  {
    // bench/: the JS reference of TF Playground's algorithm runs in the bench's Chromium page.
    files: ["bench/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "module" },
  },
];
