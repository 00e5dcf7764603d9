"""The lab as a guest in slides: the lab's own deck, and a lecturer's reveal.js deck on ANOTHER site
(http://localhost:<port>, the lab on http://127.0.0.1:<other port>) that pastes the Embed snippets as
they are, in Playwright's default context.

- The keys that move slides belong to the deck: after a click into a demo, → and PageDown move the
  slide; Space and R still play and reset the demo that was clicked; S steps it.
- One Python per deck: walking 6 slides (and back) starts ONE worker (page.on("worker") counts every
  dedicated worker of the page and its frames); each slide keeps its own state; a dead worker is
  restarted once and every slide comes back from its link. (How fast: bench/deck.py.)
"""
import re
from pathlib import Path

from layout_helpers import DRAWN
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT

LAB_DECK = re.findall(r"<section\b([^>]*)>", (Path(__file__).resolve().parents[2] / "static" / "slides.html").read_text())


def lab_slide(route, part):
    """The index of a demo slide in the lab's deck (statement slides sit between the demo slides)."""
    return next(i for i, attrs in enumerate(LAB_DECK) if f'data-route="{route}" data-part="{part}"' in attrs)


# (route, part, title) of the lecturer's demo slides, in order.
DEMOS = [
    ("neuron", "neuron", "One neuron: weights, bias, activation"),
    ("xor", "trained-net", "A 2-2-1 network learns XOR"),
    ("logic", "gate", "A logic gate as one neuron"),
    ("momentum", "race", "Gradient descent and momentum"),
    ("softmax", "logits", "Softmax and the cross-entropy loss"),
    ("minibatch", "train", "Mini-batch SGD: ε and Q"),
]


def snippets(context, lab):
    """The Embed snippet of each demo, written by the lab's own embedSnippet (what the Embed dialog shows)."""
    page = context.new_page()
    page.goto(lab.url + "#/")
    out = page.evaluate("""async (demos) => {
      const { embedSnippet } = await import("./app/ui/shell.js");
      return demos.map(([route, part, title]) =>
        embedSnippet(location.href.split("#")[0] + "#/" + route, title + " · Backprop Lab", { part }));
    }""", DEMOS)
    page.close()
    return out


def lecturer_deck(context, lecturer, lab, name="deck.html", title_slide="<h2>My lecture</h2>"):
    """A reveal.js deck of the lecturer's: a title slide, then one slide per demo, heading + snippet."""
    slides = "".join(f"<section><h2>{t}</h2>{code}</section>" for (_, _, t), code in zip(DEMOS, snippets(context, lab)))
    (lecturer.folder / name).write_text(f"""<!doctype html><html lang=en><head><meta charset=utf-8>
<title>My lecture</title><link rel=stylesheet href="reveal/reveal.css"><link rel=stylesheet href="reveal/theme/white.css">
</head><body><div class="reveal"><div class="slides"><section>{title_slide}</section>{slides}</div></div>
<script type="module">import Reveal from "./reveal/reveal.mjs";
window.deck = new Reveal({{ hash: true }}); window.deck.initialize();</script></body></html>""")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(lecturer.url + name)
    expect(page.locator(".reveal.ready")).to_be_attached()
    return page


def settled(page, index):
    """The deck shows slide `index` and its transition has ended (a click lands where it aims)."""
    page.wait_for_function(f"() => (window.deck || window.Reveal).getIndices().h === {index}")
    page.wait_for_function("() => document.getAnimations().length === 0")


def slide_index(page):
    return page.evaluate("() => (window.deck || window.Reveal).getIndices().h")


def keys_belong_to_the_deck(page, frame_el):
    """Click into the demo (its Play button), then: Space pauses it, R resets it, S steps it, → moves
    the deck on, and in the next slide PageUp moves it back."""
    expect(frame_el).to_be_visible()
    frame = frame_el.element_handle().content_frame()   # this very frame, whichever slide is shown later
    play = frame.get_by_role("button", name="Play")
    expect(play).to_be_enabled(timeout=BOOT_TIMEOUT)
    start = slide_index(page)
    play.click()                                       # the focus is inside the demo now
    expect(frame.get_by_role("button", name="Pause")).to_be_visible()
    page.keyboard.press("Space")                       # the focused button is Pause: Space presses it
    expect(frame.get_by_role("button", name="Play")).to_be_enabled()
    frame.get_by_role("button", name="Reset").focus()
    counter = frame.locator("output.epoch")
    page.keyboard.press("s")                           # S steps, even with a button focused
    expect(counter).not_to_have_text(re.compile(r"^(Epoch 0|0 batches)$"))
    page.keyboard.press("r")
    expect(counter).to_have_text(re.compile(r"^(Epoch 0|0 batches)$"))
    assert slide_index(page) == start, "no key so far moved the deck"
    page.keyboard.press("ArrowRight")                  # focus still inside the demo
    page.wait_for_function(f"() => (window.deck || window.Reveal).getIndices().h === {start + 1}")
    expect(counter).to_have_text(re.compile(r"^(Epoch 0|0 batches)$"))   # → did not step the demo
    return start


def test_the_keys_belong_to_a_lecturers_deck_on_another_site(default_context, lecturer, plain_site):
    page = lecturer_deck(default_context, lecturer, plain_site)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")                  # slide 2: the XOR network, which trains
    expect(page.locator(".slides > section.present h2")).to_have_text("A 2-2-1 network learns XOR")
    frame_el = page.locator(".slides > section.present iframe")
    start = keys_belong_to_the_deck(page, frame_el)
    # Now on the logic slide, with the focus still in the XOR frame: PageUp goes back.
    page.keyboard.press("PageUp")
    page.wait_for_function(f"() => window.deck.getIndices().h === {start}")
    assert not page.errors, page.errors


def test_the_keys_belong_to_the_labs_own_deck(default_context, site):
    page = default_context.new_page()
    page.goto(site.url + f"static/slides.html#/{lab_slide('xor', 'trained-net')}")   # the 2-2-1 network learning XOR
    expect(page.locator(".slides > section.present h3")).to_have_text("A 2-2-1 network learns XOR")
    keys_belong_to_the_deck(page, page.locator(".slides > section.present iframe.demo"))
    page.close()


def drawn_and_ready(frame, title, where):
    expect(frame.get_by_role("heading", level=1, name=title)).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(frame.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
    try:
        frame.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)
    except Exception as err:
        raise AssertionError(f"{where}: its figure was not drawn") from err
    assert not frame.get_by_text("could not be opened").count(), where


def go(page, index, key):
    """Press `key` (→ or ←) until the deck shows slide `index`, as a lecturer passes statement slides."""
    while slide_index(page) != index:
        here = slide_index(page)
        page.keyboard.press(key)
        page.wait_for_function(f"() => (window.deck || window.Reveal).getIndices().h !== {here}")
    settled(page, index)


def walk(page, slide_heading, demos, at=None):
    """→ through the demo slides (demo i is slide at[i], else i + 1: a lecturer's deck has nothing between
    them, the lab's has statement slides); each draws."""
    frames = {}
    for i, (route, part, title) in enumerate(demos):
        go(page, at[i] if at else i + 1, "ArrowRight")
        expect(page.locator(f".slides > section.present {slide_heading}")).to_have_text(title)
        frame = page.locator(".slides > section.present iframe").element_handle().content_frame()
        drawn_and_ready(frame, title, f"slide {i + 1} ({route}/{part})")
        frames[(route, part)] = frame
    return frames


def test_one_python_for_a_lecturers_deck_on_another_site(default_context, lecturer, plain_site):
    page = lecturer_deck(default_context, lecturer, plain_site, name="walk.html")
    workers = []
    page.on("worker", lambda w: workers.append(w.url))
    page.focus("body")
    frames = walk(page, "h2", DEMOS)
    assert len([w for w in workers if w.endswith("app/runtime/worker.js")]) == 1, workers
    # Each slide keeps its own run: the mini-batch slide (the last) trains three batches; back on the
    # XOR slide (← four times, the focus still in the demo) its own net trains and resets; forward
    # again, the mini-batch run goes on from batch 3. Nothing boots, nothing reloads.
    mb = frames[("minibatch", "train")]
    for n in (1, 2, 3):
        mb.get_by_role("button", name="One batch").click()
        expect(mb.locator("output.epoch")).to_have_text(f"{n} batch" if n == 1 else f"{n} batches")
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    settled(page, 2)
    xor = frames[("xor", "trained-net")]
    xor.get_by_role("button", name="Play").click()
    expect(xor.locator("output.epoch")).not_to_have_text("Epoch 0")
    xor.get_by_role("button", name="Reset").click()
    expect(xor.locator("output.epoch")).to_have_text("Epoch 0")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    settled(page, len(DEMOS))
    expect(mb.locator("output.epoch")).to_have_text("3 batches")
    mb.get_by_role("button", name="One batch").click()
    expect(mb.locator("output.epoch")).to_have_text("4 batches")
    expect(mb.get_by_text(re.compile(r"^Batch 4 \(epoch"))).to_be_visible()
    assert len([w for w in workers if w.endswith("app/runtime/worker.js")]) == 1, workers
    assert not page.errors, page.errors
    page.close()


def test_one_python_for_the_labs_own_deck_and_a_dead_worker_restores_every_slide(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    page = context.new_page()
    workers = []
    page.on("worker", lambda w: workers.append(w.url))
    page.goto(site.url + "static/slides.html")
    ready = page.locator("iframe.ready").content_frame
    expect(ready.get_by_text(re.compile(r"Python ready for the demos: numpy \("))).to_be_visible(
        timeout=BOOT_TIMEOUT)
    deck_demos = [(r, p, t) for r, p, t in
                  [(s.get_attribute("data-route"), s.get_attribute("data-part"), s.locator("h3").text_content().strip())
                   for s in page.locator(".slides > section[data-route]").all()[:6]]]
    at = [lab_slide(r, p) for r, p, _ in deck_demos]
    frames = walk(page, "h3", deck_demos, at)
    booted = [w for w in workers if w.endswith("app/runtime/worker.js")]
    assert len(booted) == 1, f"{len(booted)} Python workers for 6 slides"
    # The worker dies (as a crash would): it is restarted once, and every slide comes back from its link.
    host = page.locator("iframe.ready").element_handle().content_frame()
    host.evaluate("() => dispatchEvent(new Event('backprop-lab:test-kill-worker'))")
    expect(page.locator(".slides > section.present iframe").content_frame.get_by_text(
        re.compile("restored from its link"))).to_be_visible(timeout=BOOT_TIMEOUT)
    # Back through the slides: each one, restored while hidden, draws when shown.
    for i in range(len(deck_demos), 0, -1):
        go(page, at[i - 1], "ArrowLeft")
        route, part, title = deck_demos[i - 1]
        drawn_and_ready(frames[(route, part)], title, f"{route}/{part} after the restart")
    booted = [w for w in workers if w.endswith("app/runtime/worker.js")]
    assert len(booted) == 2, f"one restart, one new worker: {len(booted)}"
    context.close()

