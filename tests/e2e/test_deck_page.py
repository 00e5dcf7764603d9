"""The lecture deck: walk every slide as a lecturer would (→), and check that each demo boots, draws
its figure and fits its slide, measured inside the slide's frame, at 1280×720 (every demo slide) and
1920×1080 (a few). The demos are in projector mode: their smallest text, on the page or drawn on a
canvas, is ≥ 20 px on screen at 1280×720 (deck_helpers.py measures it, times the slide's scale).

Only slides of lessons made of parts are walked for the fit (a lesson not yet split shows whole);
test_deck.py checks that the deck has a slide for every part of every lesson.
"""
import re

from deck_helpers import CANVAS_TEXT, FRAME_SCALE, FRAME_TEXT
from layout_helpers import DRAWN, MEASURE, lesson_parts
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT

READY = {(r, p) for r, p, _ in lesson_parts()}


SIZES = [(1280, 720), (1920, 1080)]
# The slides also measured at 1920×1080 (redrawn for it): charts, a picture, and the Playground's grid.
LARGE_TOO = {("neuron", "neuron"), ("digits", "train"), ("convergence", "l2"), ("playground", "playground")}
SETTLE = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250))))"


def check(page, handle, where):
    """The demo in this slide's frame shows its figure, does not scroll, and its text is ≥ 20 px on screen."""
    try:
        handle.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)
    except Exception as err:   # say which slide did not draw
        raise AssertionError(f"{where}: its figure was not drawn") from err
    m = handle.evaluate(MEASURE)
    assert m["scroll"] <= 0 and m["scrollX"] <= 0, f"{where}: the demo scrolls inside its slide: {m}"
    assert m["inView"] and m["figurePct"] >= 45, f"{where}: figure {m['figurePct']:.0f} % / in view {m['inView']}"
    text, scale = handle.evaluate(FRAME_TEXT), page.evaluate(FRAME_SCALE)
    px = round(text["min"] * scale, 2)
    assert px >= 20, f"{where}: text of {px} px on screen ({text['min']} px × {scale:.3f}: {text['what']})"


def test_every_demo_in_the_deck_draws_and_fits_its_slide(site, browser):
    """Each slide's demo boots once; it is measured at 1280×720; for a few, the window then goes to
    1920×1080 (a lecturer's laptop, then the hall's projector) and it is measured again, redrawn."""
    small, large = SIZES
    context = browser.new_context(viewport={"width": small[0], "height": small[1]}, service_workers="block")
    context.add_init_script(CANVAS_TEXT)
    page = context.new_page()
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.goto(site.url + "static/slides.html")
    expect(page.get_by_role("heading", name="Intro to neural networks and backpropagation")).to_be_visible()
    slides = page.locator(".slides > section")
    count = slides.count()
    walked = 0
    for i in range(1, count):
        while page.evaluate("() => window.deck.getIndices().h") < i:
            page.keyboard.press("ArrowRight")   # a fragment (the likelihood slide's answer) takes a press of its own
        slide = slides.nth(i)
        expect(slide).to_have_class(re.compile(r"\bpresent\b"))
        route, part = slide.get_attribute("data-route"), slide.get_attribute("data-part")
        if (route, part) not in READY:
            continue
        title = slide.locator("h3").inner_text()
        frame_el = slide.locator("iframe.demo")
        frame = frame_el.content_frame
        expect(frame.get_by_role("heading", level=1, name=title)).to_be_visible(timeout=BOOT_TIMEOUT)
        expect(frame.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
        handle = frame_el.element_handle().content_frame()
        check(page, handle, f"slide {i} ({route}/{part}) at 1280×720")
        if (route, part) in LARGE_TOO:
            page.set_viewport_size({"width": large[0], "height": large[1]})
            handle.evaluate(SETTLE)
            check(page, handle, f"slide {i} ({route}/{part}) at 1920×1080")
            page.set_viewport_size({"width": small[0], "height": small[1]})
        walked += 1
    assert walked == len(READY), f"walked {walked} demo slides of {len(READY)}"
    assert missing == [], f"the deck asked for files that are not there: {missing}"
    context.close()


STATEMENT = """(section) => {
  const scale = window.deck.getScale();
  const box = section.getBoundingClientRect();
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width >= 1 && r.height >= 1 && s.visibility !== "hidden" && s.display !== "none" && s.opacity !== "0";
  };
  // The smallest text on screen: every visible element with its own text, its font size times the
  // deck's scale (reveal.js scales the 1280×720 slide to the window with a transform).
  let minFont = Infinity, minWhat = "";
  const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.replace(/[\\s\u200b]/g, "")) continue;
    const e = n.parentElement;
    if (e.closest(".katex-mathml, aside.notes") || !visible(e)) continue;
    const f = parseFloat(getComputedStyle(e).fontSize) * scale;
    if (f < minFont) { minFont = f; minWhat = n.textContent.trim().slice(0, 40); }
  }
  // Nothing outside the slide, nor outside the window.
  const out = [];
  for (const e of section.querySelectorAll("*")) {
    if (e.closest("aside.notes, .katex-mathml, svg *") || !visible(e)) continue;   // an svg's inside: its viewBox clips
    const r = e.getBoundingClientRect();
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1 ||
        r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.left < -1 || r.top < -1) {
      out.push(`${e.tagName.toLowerCase()}.${e.getAttribute("class")} ${(e.textContent || "").trim().slice(0, 30)}`);
    }
  }
  const title = section.querySelector("h2");
  const ts = getComputedStyle(title), t = title.getBoundingClientRect();
  const tex = [...section.querySelectorAll(".tex")];
  return {
    minFont, minWhat, out: out.slice(0, 5), overflowing: section.scrollHeight > section.clientHeight + 1,
    align: ts.textAlign, transform: ts.textTransform, titleText: title.textContent,
    titleLeft: t.left - box.left,
    titleCentre: t.width < box.width * 0.9 && Math.abs((t.left + t.right) / 2 - (box.left + box.right) / 2) < 4,
    tex: tex.length, typeset: tex.filter((e) => e.querySelector(".katex") && !e.querySelector(".katex-error")).length,
    fragments: section.querySelectorAll(".fragment").length, shown: section.querySelectorAll(".fragment.visible").length,
  };
}"""


def test_statement_slides_read_on_a_projector(site, browser):
    """Each statement slide at 1280×720, with all its fragments shown: text ≥ 20 px on screen, nothing
    past the slide's edges, every formula typeset by KaTeX, and the title left-aligned in sentence case."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.url + "static/slides.html")
    expect(page.locator(".reveal.ready")).to_be_attached()
    page.evaluate("document.fonts.ready")
    slides = page.locator(".slides > section")
    topics = []
    for i in range(slides.count()):
        slide = slides.nth(i)
        topic = slide.get_attribute("data-topic")
        if topic is None:
            continue
        topics.append(topic)
        page.evaluate(f"() => window.deck.slide({i}, 0, 99)")   # the slide, with its last fragment shown
        expect(slide).to_have_class(re.compile(r"\bpresent\b"))
        slide.evaluate("(s) => Promise.all(s.getAnimations({ subtree: true }).map((a) => a.finished))")   # transitions
        m = slide.evaluate(STATEMENT)
        where = f"slide {i} ({topic})"
        assert m["minFont"] >= 20, f"{where}: text of {m['minFont']:.1f} px ({m['minWhat']})"
        assert not m["out"] and not m["overflowing"], f"{where}: past the slide's edge: {m['out']}"
        assert m["typeset"] == m["tex"], f"{where}: {m['tex'] - m['typeset']} formulas not typeset by KaTeX"
        assert m["align"] in ("left", "start") and not m["titleCentre"] and m["titleLeft"] < 100, f"{where}: {m}"
        assert m["transform"] == "none" and m["titleText"] != m["titleText"].upper(), f"{where}: title in capitals"
        assert m["shown"] == m["fragments"], f"{where}: fragments not shown"
    assert len(topics) >= 16 and topics[0] == "motivation" and topics[-1] == "summary", topics
    assert page.locator(".slides > section.statement .katex").count() >= 40, "the formulas are KaTeX's"
    assert not errors, errors
    context.close()


def notes_text(section):
    """A slide's notes as the speaker view shows them, whitespace aside."""
    return " ".join(section.locator("aside.notes").text_content().split())


def test_the_speaker_view_follows_the_deck_and_boots_no_demo(site, browser):
    """S opens the speaker view: the present slide's notes, the next slide's title and a timer; it follows
    the deck and leads it; its demo slides show a stand-in, and it loads none of the lab: no frame, no
    Python worker, no request for the lab's page or runtime."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.url + "static/slides.html#/1")
    expect(page.locator(".reveal.ready")).to_be_attached()
    slides = page.locator(".slides > section")
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    workers = []
    speaker.on("worker", lambda w: workers.append(w.url))
    speaker.on("pageerror", lambda e: errors.append(f"speaker: {e}"))
    speaker.set_viewport_size({"width": 1280, "height": 720})
    notes = speaker.locator("#speaker-notes")
    expect(speaker.get_by_role("heading", name="Notes")).to_be_visible()
    expect(speaker.locator("#speaker-count")).to_have_text(f"Slide 2 of {slides.count()}")

    def shows(i):
        expect(speaker.locator("#speaker-count")).to_have_text(f"Slide {i + 1} of {slides.count()}")
        assert " ".join(notes.inner_text().split()) == notes_text(slides.nth(i))
        expect(speaker.locator("#speaker-next")).to_have_text(
            slides.nth(i + 1).locator("h2, h3").first.text_content().strip())

    shows(1)
    expect(speaker.locator("#speaker-elapsed")).not_to_have_text("0:00", timeout=5000)   # the timer runs
    demo = next(i for i in range(slides.count()) if slides.nth(i).get_attribute("data-route"))
    for _ in range(demo - 1):
        page.keyboard.press("ArrowRight")                 # the deck leads: the speaker view follows
    shows(demo)
    title = slides.nth(demo).locator("h3").text_content()
    stand_in = speaker.locator(".reveal .slides > section.present .demo-stand-in")
    expect(stand_in.get_by_role("heading", name=title)).to_be_visible()
    expect(stand_in).to_contain_text("Live demo")
    speaker.keyboard.press("ArrowRight")                  # the speaker view leads: the deck follows
    page.wait_for_function(f"() => window.deck.getIndices().h === {demo + 1}")
    shows(demo + 1)
    loaded = speaker.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
    lab = [u for u in loaded if re.search(r"index\.html|app/main\.js|app/runtime|pyodide|config\.json", u)]
    assert lab == [] and workers == [], f"the speaker view loaded the lab: {lab} {workers}"
    assert len(speaker.frames) == 1 and speaker.locator("iframe").count() == 0, "the speaker view has frames"
    assert not errors, errors
    context.close()


def pdf_pages(pdf):
    """The PDF's pages in order, each as the list of (width, height) of the images it draws. Enough of a
    PDF reader for Chromium's output (no object streams): objects by number, the page tree's /Kids."""
    objs = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}
    root = next(n for n, body in objs.items() if re.search(rb"/Type\s*/Pages\b", body) and b"/Parent" not in body)

    def walk(n):
        body = objs[n]
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body).group(1)
            return [page for k in re.findall(rb"(\d+) 0 R", kids) for page in walk(int(k))]
        xobjects = re.search(rb"/XObject\s*<<([^>]*)>>", body)
        refs = re.findall(rb"(\d+) 0 R", xobjects.group(1)) if xobjects else []
        images = []
        for r in refs:
            head = objs[int(r)].split(b"stream")[0]
            if re.search(rb"/Subtype\s*/Image", head):
                images.append(tuple(int(re.search(rb"/%s\s+(\d+)" % k, head).group(1)) for k in (b"Width", b"Height")))
        return [images]
    return walk(root)


def test_the_printed_deck_has_a_page_per_slide_and_each_demos_picture(site, browser):
    """Handouts: reveal.js's print view (?print-pdf) turns each demo into a picture of its figure, drawn
    at its default settings; Chromium's PDF of it has one page per slide, and each demo slide's page
    draws its picture (an image in the PDF), the statement slides none."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.url + "static/slides.html?print-pdf")
    page.wait_for_function("() => document.documentElement.dataset.handouts === 'ready'", timeout=300_000)
    slides = page.locator(".slides section")
    demos = [i for i in range(slides.count()) if slides.nth(i).get_attribute("data-route")]
    assert page.locator(".demo-missing").all_text_contents() == []
    assert page.locator("iframe").count() == 0, "every frame is a picture now"
    assert page.locator(".fragment:not(.visible)").count() == 0, "a printed slide shows all its steps"
    pictures = page.locator("img.demo-snapshot")
    assert pictures.count() == len(demos) == 25
    for i in demos:
        img = slides.nth(i).locator("img.demo-snapshot")
        expect(img).to_have_attribute("alt", re.compile(re.escape(slides.nth(i).locator("h3").text_content())))
        colours = img.evaluate("""(img) => {
          const c = document.createElement("canvas");
          c.width = img.naturalWidth; c.height = img.naturalHeight;
          const ctx = c.getContext("2d");
          ctx.drawImage(img, 0, 0);
          const px = ctx.getImageData(0, 0, c.width, c.height).data, seen = new Set();
          for (let k = 0; k < px.length && seen.size < 20; k += 4 * 11) seen.add(px.slice(k, k + 4).join());
          return seen.size;
        }""")
        assert colours >= 5, f"slide {i}: its picture is blank ({colours} colours)"
    pages = pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
    assert len(pages) == slides.count(), f"{len(pages)} pages for {slides.count()} slides"
    for i, images in enumerate(pages):
        if i in demos:
            assert any(w >= 300 and h >= 200 for w, h in images), f"page {i + 1}: no picture of its demo: {images}"
        else:
            assert images == [], f"page {i + 1} (a statement slide) has images: {images}"
    assert not errors, errors
    context.close()
