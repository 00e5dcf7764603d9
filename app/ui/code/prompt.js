// The prompt for code that arrives in a link (code= after the '#'): shown, never run by itself.
// Outside a frame it offers Run and Don't run; in a frame of another site it never offers Run (a
// decoy could have it pressed: clickjacking), only "Open in a new tab". pc: the page's PageCode.
import { el, button } from "../controls.js";
import { parseHash, withPageSetting } from "../state.js";
import { inFrame } from "../storage.js";
import { decodeShare } from "../share-link.js";
import { editKey } from "./store.js";
import { shared, openEditors } from "./session.js";

export async function offerShare(pc) {
  if (!shared.pendingShare || shared.pendingShare.route !== pc.page.route || !pc.page.alive) return;
  const { code } = shared.pendingShare;
  shared.pendingShare = null;
  let edits;
  try {
    edits = await decodeShare(code);
  } catch (err) {
    pc.message.textContent = `This link's edited Python was not used: ${err.message}.`;
    return;
  }
  const known = edits.filter((e) => pc.panels.has(editKey(e.module, e.name)));
  if (!known.length) {
    pc.message.textContent = "This link's edited Python is for functions this page does not show; it was not used.";
    return;
  }
  // In a frame, another site's page could hide this prompt under a decoy and have the Run pressed
  // for someone (clickjacking): a frame never offers Run for a link's code, and never takes the focus.
  const framed = inFrame();
  const heading = el("h2", { id: `${pc.page.route}-code-prompt`,
    text: framed ? "This link contains edited Python" : "This link contains edited Python. Run it?" });
  const dismiss = (text) => {
    forgetShare();
    pc.prompt.hidden = true;
    pc.prompt.replaceChildren();
    pc.message.textContent = text;
  };
  const choices = framed
    ? [el("a", { href: location.href, target: "_blank", rel: "noopener", class: "button primary", text: "Open in a new tab" }),
      button("Don't run", () => dismiss("The edited Python from the link was not run. The demo runs the lab's own code."))]
    : [button("Run", () => acceptShare(pc, known), { class: "primary" }),
      button("Don't run", () => dismiss("The edited Python from the link was not run. The demo runs the lab's own code."))];
  pc.prompt.replaceChildren(heading,
    el("p", { text: framed
      ? "Code from a link never runs inside a frame of another page. Open the lesson in a tab of its own to read the code and choose."
      : "Someone changed these functions. Read the code first: nothing runs unless you press Run. Once running, it can do " +
        "whatever this page can, so run it only if you trust whoever sent the link." }),
    ...known.map((e) => {
      const lines = e.source.replace(/\n$/, "").split("\n").length;
      return el("div", { class: "code-prompt-item" },
        el("p", { text: `${e.module}.${e.name}: ${lines} line${lines === 1 ? "" : "s"}` +
          (lines > 12 ? " (scroll the box to read them all)" : "") }),
        el("pre", { tabindex: "0", "aria-label": `Code from the link: ${e.name}` }, el("code", { text: e.source })));
    }),
    el("div", { class: "code-tools" }, ...choices),
    edits.length > known.length ? el("p", { text: `${edits.length - known.length} other function(s) in the link are not on this page and were left out.` }) : "");
  pc.prompt.setAttribute("role", "region");
  pc.prompt.setAttribute("aria-labelledby", heading.id);
  pc.prompt.hidden = false;
  if (!framed) choices[0].focus();
}

export async function acceptShare(pc, edits) {
  forgetShare();   // answered: the remount that follows must not ask again
  pc.prompt.hidden = true;
  pc.prompt.replaceChildren();
  let last = null;
  for (const e of edits) {
    const panel = pc.panels.get(editKey(e.module, e.name));
    panel.saveDraft(e.source);
    openEditors.add(panel.key);
    const ok = await panel.install(e.source, { remount: false });
    if (!ok) { pc.message.textContent = `The link's ${panel.fn} could not run: see its panel.`; panel.node.open = true; return; }
    last = panel;
  }
  shared.carried = { route: pc.page.route, key: last.key, where: "page", status: "The edited Python from the link is running.", focus: "run" };
  pc.changed(last);
}

/** The link's code has been answered (Run or Don't run): take code= out of the URL, so a remount or
 *  the lesson's own URL updates do not offer it again. */
export function forgetShare() {
  shared.pendingShare = null;
  if (parseHash(location.hash).params.has("code")) history.replaceState(null, "", withPageSetting("code", false));
}
