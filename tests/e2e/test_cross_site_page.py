"""Embedded where lecturers embed: the lab in a frame of ANOTHER site, in Playwright's default context.

The lecturer's page is served from http://localhost:<port>, the lab from http://127.0.0.1:<other port>
(served as GitHub Pages serves it, without COOP/COEP): two different sites, so the lab's frame is a
third-party context, and Chromium's default rules deny it sessionStorage, localStorage, the Cache API,
service workers and Web Locks. The lecturer pastes the Embed dialog's snippet as it is.
"""
import re

from layout_helpers import DRAWN, lesson_parts, routes
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT

FAULT = "could not be opened"


def snippet_from_the_embed_dialog(context, lab_url):
    """The snippet exactly as the lab's Embed dialog writes it (opened on the lab's own site)."""
    page = context.new_page()
    page.goto(lab_url)
    page.get_by_role("button", name="Embed").click()
    code = page.get_by_label("Embed code", exact=True).input_value()
    page.close()
    assert code.startswith("<iframe src=\"http://127.0.0.1:")
    return code


def lecturer_page(context, lecturer, name, body):
    (lecturer.folder / name).write_text(
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>My lecture</title></head>"
        f"<body style='margin:0'>{body}</body></html>")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(lecturer.url + name)
    return page


def test_the_storage_is_really_denied_in_that_frame(default_context, lecturer, plain_site):
    """The premise of this file: the lab's frame on the lecturer's page gets no storage."""
    code = snippet_from_the_embed_dialog(default_context, plain_site.url + "#/neuron")
    page = lecturer_page(default_context, lecturer, "premise.html", code)
    frame = page.locator("iframe").element_handle().content_frame()
    frame.wait_for_load_state()
    denied = frame.evaluate("""() => { try { sessionStorage.length; return false; } catch { return true; } }""")
    assert denied, "Chromium let a third-party frame read sessionStorage: this test proves nothing here"
    page.close()


def test_every_route_and_part_draws_in_a_frame_of_another_site(default_context, lecturer, plain_site):
    code = snippet_from_the_embed_dialog(default_context, plain_site.url + "#/neuron")
    page = lecturer_page(default_context, lecturer, "deck.html", f"<h1>My lecture</h1>{code}")
    frame = page.locator("iframe").element_handle().content_frame()
    expect(frame.get_by_role("heading", level=1, name="One neuron: weights, bias, activation")).to_be_visible(
        timeout=BOOT_TIMEOUT)
    frame.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)
    assert not frame.get_by_text(FAULT).count()
    # Every part, alone, as a slide shows it (hash navigation inside the same frame).
    for route, part, title in lesson_parts():
        frame.evaluate("(h) => { location.hash = h; }", f"#/{route}?embed=1&part={part}")
        expect(frame.get_by_role("heading", level=1, name=title)).to_be_visible(timeout=BOOT_TIMEOUT)
        try:
            frame.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)
        except Exception as err:
            raise AssertionError(f"{route}/{part}: its figure was not drawn in the frame") from err
        assert not frame.get_by_text(FAULT).count(), f"{route}/{part}: {frame.locator('#fault').inner_text()}"
    # Every route whole (a student following a link inside the frame), the list of lessons included.
    for route in routes():
        frame.evaluate("(h) => { location.hash = h; }", f"#/{route}")
        expect(frame.locator("main#view h1").first).to_be_visible(timeout=BOOT_TIMEOUT)
        expect(frame.locator("#fault")).to_be_hidden()
        assert not frame.get_by_text(FAULT).count(), f"{route}: it could not be opened in the frame"
    assert not page.errors, page.errors
    page.close()


def test_edits_and_progress_are_kept_in_memory_and_the_page_says_so(default_context, lecturer, plain_site):
    """Storage denied: the Python panel and the exercises work from memory, and one line says they
    will not be kept when the frame closes."""
    page = lecturer_page(default_context, lecturer, "lesson.html",
                         f'<iframe src="{plain_site.url}#/neuron" title="Lesson" style="width:100%;height:700px"></iframe>')
    frame = page.locator("iframe").content_frame
    panel = frame.get_by_text("Python: backprop_lab.lessons.neuron.neuron", exact=True)
    expect(panel).to_be_visible(timeout=BOOT_TIMEOUT)
    panel.click()
    expect(frame.get_by_role("note").filter(has_text="Your edits will not be kept when this frame closes")
           .first).to_be_visible()
    # An edit runs from memory: Edit, Reset are there and the panel works.
    expect(frame.get_by_role("button", name="Edit neuron", exact=True)).to_be_enabled(timeout=BOOT_TIMEOUT)
    frame.locator("body").evaluate("() => { location.hash = '#/exercises'; }")
    expect(frame.get_by_role("note").filter(has_text="Your progress and your code will not be kept")).to_be_visible()
    expect(frame.get_by_role("button", name=re.compile("^Run checks")).first).to_be_visible(timeout=BOOT_TIMEOUT)
    assert not page.errors, page.errors
    page.close()


ALL_ONE = "def neuron(X, w, b, f):\n    return X[:, 0] * 0 + 1\n"
TROJAN = ('def neuron(X, w, b, f):\n    """Weighted sum.\u2067 """\n    # return X[:, 0] * 0 + 1 \u2069\n'
          "    return X[:, 0] * 0 + 1\n")


def share_code(context, lab_url, source):
    """A code= value as the lab's Share writes it (its own encodeShare)."""
    page = context.new_page()
    page.goto(lab_url + "#/")
    code = page.evaluate("""async (source) => (await import("./app/ui/code-panel.js")).encodeShare(
      [{ module: "backprop_lab.lessons.neuron", name: "neuron", source }])""", source)
    page.close()
    return code


def test_a_frame_never_offers_to_run_a_links_code_and_never_takes_the_focus(default_context, lecturer, plain_site):
    """Clickjacking: another site frames a link with code (here barely visible, over a decoy button).
    The frame shows the code with "Open in a new tab" instead of Run, and the focus stays on the
    lecturer's page, so neither a click on the decoy nor Enter runs anything."""
    code = share_code(default_context, plain_site.url, ALL_ONE)
    src = f"{plain_site.url}#/neuron?code={code}"
    page = lecturer_page(default_context, lecturer, "clickjack.html",
                         "<button id=decoy style='position:absolute;top:300px;left:300px'>Win a prize</button>"
                         f"<iframe src='{src}' title='Lesson' style='width:100%;height:700px;opacity:0.3'></iframe>")
    frame = page.locator("iframe").content_frame
    prompt = frame.get_by_role("region", name="This link contains edited Python")
    expect(prompt).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(prompt.get_by_label("Code from the link: neuron")).to_contain_text("X[:, 0] * 0 + 1")
    expect(prompt.get_by_role("button", name="Run", exact=True)).to_have_count(0)
    new_tab = prompt.get_by_role("link", name="Open in a new tab")
    expect(new_tab).to_have_attribute("target", "_blank")
    assert new_tab.get_attribute("href").endswith(f"code={code}")
    expect(prompt).to_contain_text("never runs inside a frame")
    assert page.evaluate("document.activeElement.tagName") != "IFRAME", "the prompt took the focus into the frame"
    page.keyboard.press("Enter")
    page.locator("iframe").click(position={"x": 320, "y": 310})   # a click where the decoy lures
    expect(frame.get_by_text(re.compile("^Running your code"))).to_have_count(0)
    expect(prompt).to_be_visible()
    assert not page.errors, page.errors
    page.close()


def test_trojan_source_in_a_link_is_refused_and_said(default_context, plain_site):
    """Bidirectional controls would show `# return …` as a comment while Python runs it: refused."""
    code = share_code(default_context, plain_site.url, TROJAN)
    page = default_context.new_page()
    page.goto(f"{plain_site.url}#/neuron?code={code}")
    expect(page.get_by_text(re.compile(r"This link's edited Python was not used: the code in the link holds an "
                                       r"invisible text-direction character \(U\+2067\)"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("region", name=re.compile("This link contains edited Python"))).to_have_count(0)
    page.close()


def test_the_prompt_says_what_running_a_links_code_means_and_how_long_it_is(default_context, plain_site):
    long = ALL_ONE.replace("    return", "".join(f"    z{i} = {i}\n" for i in range(57)) + "    return")
    assert long.rstrip("\n").count("\n") + 1 == 59
    code = share_code(default_context, plain_site.url, long)
    page = default_context.new_page()
    page.goto(f"{plain_site.url}#/neuron?code={code}")
    prompt = page.get_by_role("region", name="This link contains edited Python. Run it?")
    expect(prompt).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(prompt).to_contain_text("it can do whatever this page can")
    expect(prompt).not_to_contain_text("runs in this tab's Python only")
    expect(prompt.get_by_role("button", name="Run", exact=True)).to_be_focused()
    expect(prompt).to_contain_text("backprop_lab.lessons.neuron.neuron: 59 lines (scroll the box to read them all)")
    box = prompt.get_by_label("Code from the link: neuron")
    assert box.evaluate("(el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === 'auto'")
    page.close()
