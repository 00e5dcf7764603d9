"""The lecture deck (static/slides.html) follows the registry: one slide per part, in the lecture's
order, each titled by what its embedded part shows, and every iframe asks for that part."""
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from layout_helpers import lesson_parts  # noqa: E402

DECK = (ROOT / "static" / "slides.html").read_text()
SLIDES = re.findall(r'<section data-route="([a-z-]+)" data-part="([a-z0-9-]+)">\s*<h3 class="slide-title">([^<]+)</h3>'
                    r'\s*<iframe class="demo" title="Backprop Lab: ([^"]+)" src="([^"]+)"', DECK)


def test_one_slide_per_part_in_the_registrys_order():
    assert [(r, p) for r, p, *_ in SLIDES] == [(r, p) for r, p, _ in lesson_parts(only_ready=False)]


def test_each_slide_is_titled_by_what_its_part_shows():
    titles = {(r, p): t for r, p, t in lesson_parts(only_ready=False)}
    for route, part, heading, frame_title, src in SLIDES:
        assert html.unescape(heading) == titles[(route, part)] == html.unescape(frame_title)
        assert html.unescape(src) == f"../index.html#/{route}?embed=1&part={part}"


def test_the_deck_covers_the_lectures_topics_in_order():
    order = ["neuron", "logic", "xor", "expressive", "cybenko", "digits", "least-squares", "softmax",
             "momentum", "minibatch", "backprop", "convergence", "playground"]
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
