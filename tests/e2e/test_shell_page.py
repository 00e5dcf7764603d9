"""The page around the lessons: embed mode, the Embed snippet, projector mode, shortcuts, slides."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT, wait_ready


def test_embedded_lesson_in_an_iframe_boots_and_trains(site, page):
    page.goto(site.url + "static/README.md")   # any page of the site, to host the iframe
    page.set_content(f'<h1>Slide</h1><iframe title="demo" src="{site.url}#/playground?dataset=xor&embed=1" '
                     'style="width:400px;height:900px;border:0"></iframe>')
    frame = page.frame_locator("iframe[title=demo]")
    expect(frame.get_by_role("button", name="Play")).to_be_enabled(timeout=BOOT_TIMEOUT)
    expect(frame.get_by_role("link", name="Backprop Lab")).to_be_hidden()      # no site chrome
    expect(frame.get_by_role("navigation", name="Lesson navigation")).to_be_hidden()
    frame.get_by_role("button", name="Play").click()
    expect(frame.get_by_text(re.compile(r"^Epoch [1-9]\d*$"))).to_be_visible()
    frame.get_by_role("button", name="Pause").click()
    width = page.locator("iframe").evaluate("f => f.contentDocument.documentElement.scrollWidth")
    assert width <= 400, "the demo fits a 400 px frame without sideways scrolling"


def test_embed_snippet_reproduces_the_state(site, page):
    page.goto(site.url + "#/neuron?w1=-1.5&w2=0.5&b=1&f=tanh")
    expect(page.get_by_text(re.compile(r"^Colour: orange"))).to_be_visible(timeout=BOOT_TIMEOUT)
    page.get_by_role("button", name="Embed").click()
    code = page.get_by_label("Embed code", exact=True).input_value()
    src = re.search(r'src="([^"]+)"', code).group(1)
    assert "embed=1" in src and "w1=-1.5" in src
    assert "loading=" not in code, "eager: a deck's hidden slides load and warm up before they show"
    assert "aspect-ratio:16/9" in code and "height=" not in code, "the frame's height follows the slide's shape"
    page.get_by_role("button", name="Close").first.click()
    page.set_content(f"<div style='width:960px'>{code}</div>")
    frame = page.frame_locator("iframe")
    expect(frame.get_by_label("Activation f")).to_have_value("tanh", timeout=BOOT_TIMEOUT)
    expect(frame.get_by_label("Weight w1")).to_have_value("-1.5")
    expect(frame.get_by_label("Bias b")).to_have_value("1")


def test_embed_dialog_on_localhost_offers_shapes_a_relative_link_and_a_class_link(site, page):
    page.goto(site.url + "#/neuron?w1=2")
    expect(page.get_by_text(re.compile(r"^Colour: "))).to_be_visible(timeout=BOOT_TIMEOUT)
    page.get_by_role("button", name="Embed").click()
    dialog = page.get_by_role("dialog", name="Embed this demo")
    expect(dialog.get_by_role("note")).to_contain_text("only while this computer's server runs")
    page.get_by_label("Slide shape").select_option(label="4:3 (classic slide)")
    assert "aspect-ratio:4/3" in page.get_by_label("Embed code", exact=True).input_value()
    relative = page.get_by_label("Relative embed code (a deck inside the site's folder)").input_value()
    assert 'src="index.html#/neuron?' in relative and "embed=1" in relative and "127.0.0.1" not in relative
    preview = dialog.get_by_title("Preview of the embedded demo")
    ratio = preview.evaluate("f => f.getBoundingClientRect().width / f.getBoundingClientRect().height")
    assert abs(ratio - 4 / 3) < 0.05
    expect(preview).to_have_attribute("src", re.compile(r"embed=1"))
    dialog.get_by_role("button", name="Show to class").click()
    shown = page.get_by_role("dialog", name="Open this demo on your phone")
    expect(shown).to_contain_text("#/neuron?w1=2")
    expect(shown.get_by_role("note")).to_contain_text("phones cannot reach it")
    size = shown.locator(".class-link").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 22


def test_embed_dialog_lists_the_parts_and_shows_the_chosen_one_and_a_qr_code(site, page):
    page.goto(site.url + "#/xor")
    expect(page.get_by_role("heading", name="3. XOR", level=1)).to_be_visible(timeout=BOOT_TIMEOUT)
    page.get_by_role("button", name="Embed").click()
    dialog = page.get_by_role("dialog", name="Embed this demo")
    picker = dialog.get_by_role("group", name="Which demo (part of this lesson)")
    expect(picker.get_by_role("radio")).to_have_count(4)
    expect(picker.get_by_role("radio", name="A 2-2-1 network learns XOR")).to_be_checked()   # the main part
    picker.get_by_role("radio", name="The feature x¹x² makes XOR separable").check()
    code = page.get_by_label("Embed code", exact=True).input_value()
    assert "part=feature" in code and "embed=1" in code and 'title="The feature x¹x² makes XOR separable' in code
    preview = dialog.get_by_title("Preview of the embedded demo")
    expect(preview).to_have_attribute("src", re.compile(r"part=feature"))
    # An embedded demo boots Python only once it is on screen, so scroll to the preview as a user would.
    preview.scroll_into_view_if_needed()
    shown = preview.content_frame
    expect(shown.get_by_role("heading", level=1, name="The feature x¹x² makes XOR separable")).to_be_visible(
        timeout=BOOT_TIMEOUT)
    dialog.get_by_role("button", name="Show to class").click()
    qr = page.get_by_role("dialog", name="Open this demo on your phone").get_by_role("img", name=re.compile("^QR code of "))
    expect(qr).to_have_attribute("data-modules", re.compile(r"^\d+$"))
    dark = qr.evaluate("""c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let k = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) k++; return k / (d.length / 4); }""")
    assert 0.2 < dark < 0.6, f"a QR code is roughly half dark modules inside its quiet zone, not {dark:.2f}"
    assert int(qr.get_attribute("data-modules")) >= 25, "the link needs a QR code of version 2 or more"


def test_projector_mode_changes_type_size_and_colours(site, page):
    page.goto(site.url + "#/neuron")
    expect(page.get_by_text(re.compile(r"^Colour: orange"))).to_be_visible(timeout=BOOT_TIMEOUT)
    size = lambda: float(page.locator("body").evaluate("b => parseFloat(getComputedStyle(b).fontSize)"))
    ink = lambda: page.locator("h1").evaluate("h => getComputedStyle(h).color")
    before_size, before_ink = size(), ink()
    page.get_by_role("button", name="Projector mode").click()
    expect(page.get_by_role("button", name="Projector mode")).to_have_attribute("aria-pressed", "true")
    expect(page).to_have_url(re.compile("projector=1"))
    assert size() >= before_size * 1.2
    assert ink() != before_ink and ink() == "rgb(0, 0, 0)"
    # The URL parameter alone turns it on.
    page.goto(site.url + "#/playground?projector=1")
    wait_ready(page)
    assert size() >= before_size * 1.2
    expect(page.get_by_role("status").filter(has_text="Ignored")).to_have_count(0)


def test_every_keyboard_shortcut_works(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    page.locator("h1").click()        # focus on the page, not on a control
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Epoch ([5-9]|\d\d+)$"))).to_be_visible()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    page.keyboard.press("r")
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null")
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Play / Pause")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def next_slide_until(page, frame_selector, most=40):
    """Press → (as a lecturer does) until the present slide holds this demo frame."""
    for _ in range(most):
        page.keyboard.press("ArrowRight")
        if page.locator(f".slides > section.present {frame_selector}").count():
            return
    raise AssertionError(f"no slide holds {frame_selector}")


def test_slide_deck_starts_python_once_on_its_title_slide_and_a_left_slide_pauses(site, page):
    """The deck's one Python starts on its title slide (one worker), every demo joins it, and a demo
    that trains is paused when its slide is left: its counter no longer moves, and it is there, as it
    was, when the lecturer comes back."""
    workers = []
    page.on("worker", lambda w: workers.append(w))
    page.goto(site.url + "static/slides.html")
    expect(page.get_by_role("heading", name="Intro to neural networks and backpropagation")).to_be_visible()
    ready = page.frame_locator("iframe.ready")
    expect(ready.get_by_text(re.compile("^✓ Python ready for the demos"))).to_be_visible(timeout=BOOT_TIMEOUT)
    assert len(workers) == 1, "the title slide starts the deck's one Python"
    neuron = "iframe[title='Backprop Lab: One neuron: weights, bias, activation']"
    next_slide_until(page, neuron)                       # past the statement slides before it
    frame = page.frame_locator(neuron)
    expect(frame.get_by_text(re.compile(r"^Colour: orange"))).to_be_visible(timeout=BOOT_TIMEOUT)
    trained = "iframe[title='Backprop Lab: A 2-2-1 network learns XOR']"
    next_slide_until(page, trained)                      # to the 2-2-1 network learning XOR
    xor = page.frame_locator(trained)
    expect(xor.get_by_role("button", name="Play")).to_be_enabled(timeout=BOOT_TIMEOUT)
    xor.get_by_role("button", name="Play").click()
    counter = xor.locator("output.epoch")
    expect(counter).not_to_have_text("Epoch 0")
    page.keyboard.press("ArrowRight")                    # leave the slide while it trains (the key goes to the deck)
    expect(xor.locator(".player button.primary")).to_have_text("Play")   # paused (the slide is hidden now)
    left_at = counter.text_content()
    page.wait_for_timeout(1000)                          # the window in which a running demo would move on
    assert counter.text_content() == left_at, "a left slide still trains"
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(left_at)                # back: as it was, nothing reloaded
    assert len(workers) == 1, f"{len(workers)} Python workers for the deck"


def test_the_home_page_shows_the_lectures_path_in_pictures_and_starts_no_python(site, page):
    """Cards in the lecture's order, grouped by its arc, each with its picture; no worker, no runtime file."""
    workers, fetched = [], []
    page.on("worker", lambda w: workers.append(w))
    page.on("request", lambda r: fetched.append(r.url))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/")
    path = page.get_by_role("list", name="The lecture's path")
    expect(path).to_be_visible()
    stages = path.locator(":scope > li > h2").all_inner_texts()
    assert [s.split(maxsplit=1)[1] for s in stages] == ["Neurons", "Expressive power", "Training", "Backprop", "Practice"]
    cards = page.locator(".home .card")
    keys = [c.get_attribute("data-key") for c in cards.all()]
    assert keys[:3] == ["neuron", "logic", "xor"] and keys[-3:] == ["playground", "exercises", "deck"], keys
    assert len(keys) == 15
    for card in cards.all():   # every card has a drawn picture (not a blank canvas)
        assert card.locator("canvas").evaluate(
            "(c) => new Set(Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data)).size > 8")
    first = cards.first.bounding_box()
    assert first["y"] + first["height"] < 720, "the first card is in the first screen"
    expect(path.get_by_role("link", name="The lecture deck")).to_have_attribute("href", "static/slides.html")
    expect(path.get_by_role("link", name="Exercises")).to_have_attribute("href", "#/exercises")
    page.wait_for_timeout(1500)
    assert not workers, "the home page started a Python worker"
    expect(page.locator("#boot")).to_be_hidden()   # and does not say "Starting Python…"
    assert not [u for u in fetched if "pyodide" in u or "worker" in u], [u for u in fetched if "pyodide" in u]
    cards.nth(1).click(position={"x": 40, "y": 40})   # the whole card follows its link (here: its picture)
    expect(page.get_by_role("heading", name="2. Logic gates", level=1)).to_be_visible()
