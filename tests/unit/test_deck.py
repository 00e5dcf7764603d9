"""The lecture deck (static/slides.html) follows the registry: one slide per part, in the lecture's
order, each titled by what its embedded part shows, and every iframe asks for that part in projector
mode (text ≥ 20 px on the slide)."""
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from layout_helpers import lesson_parts, routes  # noqa: E402

DECK = (ROOT / "static" / "slides.html").read_text()
SLIDES = re.findall(r'<section data-route="([a-z-]+)" data-part="([a-z0-9-]+)">\s*<h3 class="slide-title">([^<]+)</h3>'
                    r'\s*<iframe class="demo" title="Backprop Lab: ([^"]+)" src="([^"]+)"', DECK)


def test_one_slide_per_part_in_the_registrys_order():
    assert [(r, p) for r, p, *_ in SLIDES] == [(r, p) for r, p, _ in lesson_parts(only_ready=False)]


def test_each_slide_is_titled_by_what_its_part_shows():
    titles = {(r, p): t for r, p, t in lesson_parts(only_ready=False)}
    for route, part, heading, frame_title, src in SLIDES:
        assert html.unescape(heading) == titles[(route, part)] == html.unescape(frame_title)
        assert html.unescape(src) == f"../index.html#/{route}?embed=1&projector=1&part={part}"


def test_the_deck_covers_the_lectures_topics_in_order():
    order = ["neuron", "logic", "xor", "expressive", "cybenko", "digits", "least-squares", "momentum",
             "softmax", "minibatch", "backprop", "convergence", "playground"]
    seen = list(dict.fromkeys(r for r, *_ in SLIDES))
    assert seen == order
    assert sum(r == "xor" for r, *_ in SLIDES) >= 4, "XOR's parts are on separate slides"


def test_the_deck_has_an_icon_so_it_loads_with_no_404():
    assert '<link rel="icon" href="icon.svg">' in DECK and (ROOT / "static" / "icon.svg").exists()


def test_the_deck_keeps_its_demos_loaded_and_starts_python_on_its_title_slide():
    """Plain src (as the Embed dialog writes): reveal.js unloads only data-src frames, so a demo keeps its
    state for the lecture; the title slide's #/ready frame starts the one Python every demo joins."""
    assert "data-src" not in DECK
    title = DECK.split("</section>")[0]
    ready = re.search(r'<iframe class="ready" title="Python for this deck" src="\.\./index\.html#/ready\?embed=1&amp;'
                      r'load=([a-z,-]+)"', title)
    assert ready, "the title slide starts Python"
    # It loads what the deck's demos need, no more (pyscript.toml lists each lesson's packages).
    lessons = (ROOT / "pyscript.toml").read_text().split("[backprop_lab.lessons]")[1]
    needs = {route: re.findall(r'"([a-z-]+)"', packages)
             for route, packages in re.findall(r'^([a-z-]+) = \[(.*?)\]', lessons, re.M)}
    wanted = []
    for route in re.findall(r'data-route="([a-z-]+)"', DECK):
        wanted += [p for p in needs[route] if p not in wanted]
    assert ready.group(1).split(",") == wanted


# ---- statement slides: the lecture's statements in the lab's words, between the demos ------------------
LECTURE = next((ROOT.parent / "shared" / "lecture").glob("*.txt"), None) if (ROOT.parent / "shared" / "lecture").is_dir() \
    else None
SECTIONS = re.findall(r"<section\b([^>]*)>(.*?)</section>", DECK, re.S)   # the deck has no nested sections
# The lecture's statements, in its order, each with the demo slide it must come before (None: none follows).
TOPICS = [("motivation", ("neuron", "neuron")), ("linear-model", ("neuron", "neuron")), ("logic-gates", ("logic", "gate")),
          ("xor", ("xor", "one-neuron")), ("expressive", ("expressive", "polygon")), ("cybenko", ("cybenko", "fit")),
          ("pytorch", ("digits", "pytorch")), ("linear-classifier", ("digits", "train")),
          ("least-squares", ("least-squares", "compare")), ("momentum", ("momentum", "race")),
          ("softmax", ("softmax", "logits")), ("likelihood", ("softmax", "logits")), ("sgd", ("minibatch", "train")),
          ("minibatch", ("minibatch", "train")), ("backprop", ("backprop", "graph")), ("summary", None)]


def slide_kinds():
    """('title' | 'statement' | 'demo', topic or (route, part)) of every slide, in order."""
    kinds = []
    for attrs, _ in SECTIONS:
        topic = re.search(r'class="statement" data-topic="([a-z-]+)"', attrs)
        demo = re.search(r'data-route="([a-z-]+)" data-part="([a-z0-9-]+)"', attrs)
        kinds.append(("statement", topic.group(1)) if topic else ("demo", demo.groups()) if demo else ("title", None))
    return kinds


def test_statement_slides_come_in_the_lectures_order_before_their_demos():
    kinds = slide_kinds()
    assert kinds[0] == ("title", None) and kinds.count(("title", None)) == 1
    statements = [k for kind, k in kinds if kind == "statement"]
    assert statements == [t for t, _ in TOPICS], "one statement slide per topic, in the lecture's order"
    position = {k: i for i, k in enumerate(kinds)}
    for topic, demo in TOPICS:
        if demo:
            assert position[("statement", topic)] < position[("demo", demo)], f"{topic} comes before {demo}"
    assert kinds[1] == ("statement", "motivation"), "the motivation opens the lecture"
    assert kinds[-1] == ("statement", "summary"), "the summary closes it"
    # Right before its first demo where the lecture allows it: the theorem just before the cybenko demos,
    # the PyTorch statement just before digits/pytorch, the ten planes before the classifier's training.
    for topic, demo in [("cybenko", ("cybenko", "fit")), ("pytorch", ("digits", "pytorch")),
                        ("linear-classifier", ("digits", "train")), ("least-squares", ("least-squares", "compare")),
                        ("backprop", ("backprop", "graph")), ("minibatch", ("minibatch", "train")),
                        ("momentum", ("momentum", "race"))]:
        assert position[("demo", demo)] == position[("statement", topic)] + 1, topic
    # The demo slides keep the registry's order (test_one_slide_per_part_in_the_registrys_order).
    assert [k for kind, k in kinds if kind == "demo"] == [(r, p) for r, p, *_ in SLIDES]


def test_every_slide_has_speaker_notes():
    for attrs, body in SECTIONS:
        notes = re.findall(r'<aside class="notes">(.*?)</aside>', body, re.S)
        assert len(notes) == 1, f"<section{attrs}> has {len(notes)} notes"
        text = " ".join(notes[0].split())
        assert len(text.split()) >= 25, f"<section{attrs}>: notes too short: {text}"
        assert "Ask the hall" in text, f"<section{attrs}>: notes say which question to ask the hall"
        if "data-route" in attrs:
            assert "Click" in text or "click" in text, f"<section{attrs}>: notes say what to click in the demo"


def test_statement_slides_carry_the_lectures_content():
    bodies = {re.search(r'data-topic="([a-z-]+)"', a).group(1): b for a, b in SECTIONS if 'class="statement"' in a}
    shown = {t: re.sub(r'<aside class="notes">.*?</aside>', "", b, flags=re.S) for t, b in bodies.items()}
    for text in ("25 %", "3.5 %", "5 %", "speech", "Go", "StarCraft", "protein"):
        assert text in shown["motivation"], text
    assert r"\tfrac{3}{2}" in shown["logic-gates"] and r"\tfrac{1}{2}" in shown["logic-gates"]
    assert r"2\,x^1 x^2" in shown["xor"] and r"(x^1 \vee x^2) - (x^1 \wedge x^2)" in shown["xor"]
    assert "Boolean function" in shown["expressive"] and "exponentially" in shown["expressive"]
    assert "Where σ goes" in shown["cybenko"] and "its own σ" in shown["cybenko"]
    assert "loss.backward()" in shown["pytorch"] and "backprop_lab import torch" in shown["pytorch"]
    assert r"\mathbb{R}^{784" in shown["linear-classifier"] and "y_c = y_d" in shown["linear-classifier"]
    assert "how do we find them?" in shown["least-squares"] and r"(X^\top X)^{-1} X^\top y" in shown["least-squares"]
    assert r"\beta\, v_k" in shown["momentum"] and r"\frac{\exp(y_c)}" in shown["softmax"]
    assert r"\lVert w \rVert^2" in shown["likelihood"] and "L2" in shown["likelihood"]
    # The likelihood slide asks its question, and reveal.js shows the answer on the next key press.
    question, answer = shown["likelihood"].split('class="question">')[1].split('<div class="answer fragment">')
    assert "Why is this loss a cross-entropy?" in question and r"H(q, p) = -\ln p_y" in answer
    assert r"\frac{\partial L}{\partial W}" in shown["sgd"] and r"\lambda\,\varepsilon + (1 - \lambda)\, Q" in shown["minibatch"]
    for text in ("mini-batches", "activation function", "regularization"):
        assert text in shown["summary"], text
    # Every formula is TeX for KaTeX (static/slides.js typesets .tex at load), with no CDN anywhere.
    assert DECK.count('class="tex') >= 40 and "cdn" not in DECK.lower() and "http" not in DECK


def normalised(text):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def test_no_sentence_of_the_lecture_is_copied_into_the_deck():
    """The lab says it in its own words: no sentence of 8 words or more of the lecture appears in the deck."""
    if LECTURE is None:
        import pytest
        pytest.skip("the lecture's text is not beside this checkout (../shared/lecture)")
    lecture = LECTURE.read_text()
    deck = normalised(re.sub(r"<[^>]+>", " ", html.unescape(DECK)))
    sentences = [normalised(s) for s in re.split(r"(?<=[.?!:;])\s+|\n+|\$\$", lecture)]
    long = [s for s in sentences if len(s.split()) >= 8]
    assert len(long) >= 15, "the lecture was split into sentences"
    copied = [s for s in long if s in deck]
    assert copied == [], copied


def test_the_deck_wears_the_labs_theme_and_katex():
    assert "theme/white.css" not in DECK
    assert '<link rel="stylesheet" href="slides-theme.css">' in DECK
    assert '<link rel="stylesheet" href="../vendor/katex/katex.min.css">' in DECK
    theme = (ROOT / "static" / "slides-theme.css").read_text()
    style = (ROOT / "app" / "style.css").read_text()
    font = re.search(r"font-family: ([^;]+);", style).group(1)
    assert font in theme, "the app's font stack"
    assert "--r-heading-text-transform: none" in theme and "text-transform: none" in theme
    script, tex = ((ROOT / "static" / name).read_text() for name in ("slides.js", "tex.js"))
    assert 'from "./tex.js"' in script and "typeset(" in script   # its formulas, typeset by tex.js with KaTeX
    assert 'from "../vendor/katex/katex.mjs"' in tex and "katex.render(" in tex


def test_the_tests_that_walk_every_lesson_find_every_lesson():
    """The e2e tests parametrized over the registry read registry.js: all 13 lessons, and their parts."""
    assert len(routes(lessons_only=True)) == 13 and {"check", "exercises"} <= set(routes())
    assert {r for r, *_ in lesson_parts()} == set(routes(lessons_only=True))
