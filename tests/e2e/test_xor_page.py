"""Lesson 3, XOR: one neuron fails, the feature x1 x2 and the gate network succeed, a 2-2-1 net learns it."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import check_lesson_nav, check_python_panel, picture_changes, steady_picture


def status(page, pattern):
    return page.get_by_role("status").filter(has_text=re.compile(pattern))


def press(page, label, key, times):
    page.get_by_label(label, exact=True).focus()
    for _ in range(times):
        page.keyboard.press(key)


def test_xor_one_neuron_fails_the_constructions_work_and_the_net_learns(site, page):
    page.goto(site.url + "#/xor")
    expect(page.get_by_role("heading", name="3. XOR")).to_be_visible()
    expect(page.locator(".katex").first).to_be_visible()

    # (a) the trained single neuron: at most 3 of 4, now and at every epoch
    one = status(page, r"rows right after \d+ epochs")
    expect(one).to_contain_text("after 100 epochs", timeout=BOOT_TIMEOUT)
    m = re.search(r"(\d)/4 rows right after 100 epochs; the best at any epoch was (\d)/4", one.text_content())
    assert int(m.group(1)) <= 3 and int(m.group(2)) <= 3
    plane_a = page.get_by_role("img", name=re.compile("One neuron trained on XOR"))
    before = steady_picture(plane_a)
    press(page, "Epochs of gradient descent", "Home", 1)     # 0 epochs: the random starting line
    expect(one).to_contain_text("after 0 epochs")
    expect(page).to_have_url(re.compile("epochsA=0"))
    picture_changes(plane_a, before)

    # (b) the feature x1 x2: 4/4 with the lecture's -2, plain OR (3/4) at 0
    feature = status(page, r"rows right(: this neuron computes XOR)?\.$")
    expect(feature).to_have_text("4/4 rows right: this neuron computes XOR.")
    plane_b = page.get_by_role("img", name=re.compile("feature x1 x2"))
    before = steady_picture(plane_b)
    press(page, "Weight of x¹x²", "ArrowRight", 4)           # -2 -> 0
    expect(page).to_have_url(re.compile(r"v=0"))
    expect(feature).to_have_text("3/4 rows right.")
    picture_changes(plane_b, before)

    # (c) the gate network: 4/4, and the diagram shows the hidden values of the chosen row
    expect(status(page, "the network computes XOR")).to_contain_text("4/4 rows right")
    expect(page.get_by_role("img", name="Network diagram for input (1, 1): OR = 1, AND = 1, output = 0")).to_be_visible()
    plane_c = page.get_by_role("img", name=re.compile("two-layer gate network"))
    before = steady_picture(plane_c)
    page.get_by_label("Input (x¹, x²) shown in the diagram").select_option("01")
    expect(page.get_by_role("img", name="Network diagram for input (0, 1): OR = 1, AND = 0, output = 1")).to_be_visible()
    picture_changes(plane_c, before)

    # (d) the 2-2-1 net, default seed: Play until trained, the loss falls and 4/4 is announced
    net = status(page, r"^Epoch \d+ · loss")
    expect(net).to_contain_text("Epoch 0 · loss")
    first_loss = float(re.search(r"loss ([\d.]+)", net.text_content()).group(1))
    plane_d = page.get_by_role("img", name=re.compile("2-2-1 network's output"))
    before = steady_picture(plane_d)
    page.get_by_role("button", name="Play").click()
    expect(net).to_contain_text("Trained", timeout=30_000)
    expect(net).to_contain_text("4/4 right")
    expect(net).to_contain_text(re.compile(r"reached 4/4 at epoch \d+"))
    assert float(re.search(r"loss ([\d.]+)", net.text_content()).group(1)) < first_loss / 10
    expect(page.get_by_role("button", name="Play")).to_be_visible()    # paused itself when trained
    picture_changes(plane_d, before)

    check_python_panel(page, "backprop_lab.lessons.xor.gradient_step", "def gradient_step(")
    check_lesson_nav(page, "2. Logic gates", None)
    assert not page.errors


def test_a_stuck_seed_is_reported_and_new_seed_starts_again(site, page):
    page.goto(site.url + "#/xor?seed=9")
    expect(page.locator(".katex").first).to_be_visible()
    net = status(page, r"^Epoch \d+ · loss")
    expect(net).to_contain_text("Epoch 0 · loss", timeout=BOOT_TIMEOUT)
    plane_d = page.get_by_role("img", name=re.compile("2-2-1 network's output"))
    before = steady_picture(plane_d)
    page.get_by_role("button", name="Play").click()
    expect(net).to_contain_text("Stuck", timeout=30_000)
    expect(net).to_contain_text("a plateau for this seed")
    assert not re.search(r"reached 4/4", net.text_content())
    picture_changes(plane_d, before)
    stuck = steady_picture(plane_d)
    page.get_by_role("button", name="New seed").click()
    expect(page).not_to_have_url(re.compile(r"seed=9(&|$)"))
    expect(net).to_contain_text("Epoch 0 · loss")
    picture_changes(plane_d, stuck)
    check_python_panel(page, "backprop_lab.lessons.xor.looks_stuck", "def looks_stuck(")


def test_the_feature_weight_minus_one_and_a_quarter_misses_the_corner_1_1(site, page):
    # z(1, 1) = 3/2 + v: all four need v <= -3/2, and -1.25 (only reachable by the link) gets 3 of 4
    page.goto(site.url + "#/xor?v=-1.25")
    feature = status(page, r"rows right(: this neuron computes XOR)?\.$")
    expect(feature).to_have_text("3/4 rows right.", timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("region", name="The feature x¹x² makes XOR separable")).to_contain_text("gets only 3 of 4")
    expect(page).to_have_url(re.compile(r"v=-1\.25"))


def counter(page):
    return page.get_by_role("region", name="A 2-2-1 network learns XOR").get_by_role("group", name="Training") \
        .get_by_role("status")


def test_shortcuts_drive_the_player_but_not_while_typing_in_a_python_panel(site, page):
    page.goto(site.url + "#/xor")
    net = status(page, r"^Epoch \d+ · loss")
    expect(net).to_contain_text("Epoch 0 · loss", timeout=BOOT_TIMEOUT)
    expect(counter(page)).to_have_text("Epoch 0")
    page.locator("h1").click()                      # focus on the page, not on a control
    page.keyboard.press("ArrowRight")               # one step: a chunk of 20 epochs
    expect(counter(page)).to_have_text("Epoch 20")
    expect(net).to_contain_text("Epoch 20 · loss")

    # Keys typed into a Python panel belong to it: no reset, no play.
    page.get_by_text("Python: backprop_lab.lessons.xor.gradient_step", exact=True).click()
    source = page.get_by_label("Source of gradient_step")
    expect(source).to_contain_text("def gradient_step(")
    expect(page.get_by_role("button", name="Play")).to_be_enabled()   # the step has been shown: nothing runs
    source.focus()
    page.keyboard.press("r")
    page.keyboard.press(" ")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1000)   # a negative check's window: a shortcut would have reset, played or stepped by now
    expect(counter(page)).to_have_text("Epoch 20")
    expect(page.get_by_role("button", name="Play")).to_be_visible()

    # Outside inputs: Space plays and pauses, R resets.
    page.locator("h1").click()
    page.keyboard.press(" ")
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    expect(counter(page)).to_have_text(re.compile(r"^Epoch (\d{3,}|[4-9]\d)$"))
    page.keyboard.press(" ")
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    page.keyboard.press("r")
    expect(counter(page)).to_have_text("Epoch 0")
    expect(net).to_contain_text("Epoch 0 · loss")
    expect(page.get_by_role("button", name="Play")).to_be_enabled()   # the reset has been shown: nothing runs
    # Modifiers are not shortcuts (Ctrl+R would be the browser's; Shift+Space is not one either)
    page.keyboard.press("Alt+ArrowRight")
    page.wait_for_timeout(500)    # a negative check's window: a step would have been shown by now
    expect(counter(page)).to_have_text("Epoch 0")
    assert not page.errors


def alone(site, page, part, title):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + f"#/xor?embed=1&part={part}")
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(page.get_by_role("navigation", name="Lesson navigation")).to_have_count(0)


def test_part_one_neuron_alone_follows_its_epochs(site, page):
    alone(site, page, "one-neuron", "One neuron cannot compute XOR")
    one = status(page, r"rows right after \d+ epochs")
    expect(one).to_contain_text("after 100 epochs", timeout=BOOT_TIMEOUT)
    plane = page.get_by_role("img", name=re.compile("One neuron trained on XOR"))
    before = steady_picture(plane)
    press(page, "Epochs of gradient descent", "Home", 1)
    expect(one).to_contain_text("after 0 epochs")
    picture_changes(plane, before)
    expect(page.get_by_label("Seed of the starting weights")).to_be_hidden()   # in More settings
    page.get_by_text("More settings").click()
    expect(page.get_by_label("Seed of the starting weights")).to_be_visible()
    expect(page.get_by_role("img", name="Loss of the single neuron per epoch")).to_be_visible()
    assert not page.errors


def test_part_feature_alone_follows_the_weight_of_the_product(site, page):
    alone(site, page, "feature", "The feature x¹x² makes XOR separable")
    feature = status(page, r"rows right(: this neuron computes XOR)?\.$")
    expect(feature).to_have_text("4/4 rows right: this neuron computes XOR.", timeout=BOOT_TIMEOUT)
    plane = page.get_by_role("img", name=re.compile("feature x1 x2"))
    before = steady_picture(plane)
    press(page, "Weight of x¹x²", "ArrowRight", 4)
    expect(feature).to_have_text("3/4 rows right.")
    picture_changes(plane, before)
    assert not page.errors


def test_part_gate_net_alone_shows_the_chosen_input_in_the_diagram(site, page):
    alone(site, page, "gate-net", "Two layers of gates compute XOR")
    expect(status(page, "the network computes XOR")).to_contain_text("4/4 rows right", timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("img", name="Network diagram for input (1, 1): OR = 1, AND = 1, output = 0")).to_be_visible()
    plane = page.get_by_role("img", name=re.compile("two-layer gate network"))
    before = steady_picture(plane)
    page.get_by_label("Input (x¹, x²) shown in the diagram").select_option("01")
    expect(page.get_by_role("img", name="Network diagram for input (0, 1): OR = 1, AND = 0, output = 1")).to_be_visible()
    picture_changes(plane, before)
    table = page.get_by_role("table", name="XOR by the two-layer gate network")
    expect(table).to_be_hidden()                    # the truth table waits in More settings
    page.get_by_text("More settings").click()
    expect(table.get_by_text("✓ right")).to_have_count(4)
    assert not page.errors


def test_part_trained_net_alone_plays_until_trained(site, page):
    alone(site, page, "trained-net", "A 2-2-1 network learns XOR")
    net = status(page, r"^Epoch \d+ · loss")
    expect(net).to_contain_text("Epoch 0 · loss", timeout=BOOT_TIMEOUT)
    plane = page.get_by_role("img", name=re.compile("2-2-1 network's output"))
    before = steady_picture(plane)
    page.get_by_role("button", name="Play").click()
    expect(net).to_contain_text("Trained", timeout=30_000)
    expect(net).to_contain_text("4/4 right")
    picture_changes(plane, before)
    expect(page.get_by_label("Seed of the random weights")).to_be_hidden()   # in More settings
    page.get_by_text("More settings").click()
    expect(page.get_by_label("Seed of the random weights")).to_be_visible()
    assert not page.errors


# Every weight and bias label of the diagram, as drawn (getBBox, the SVG's units), against every edge (sampled
# along its length): which labels touch an edge, their own included? A weight on its own edge reads as a
# crossing; on another edge it could belong to either.
LABELS_ON_EDGES = """(svg) => {
  const lines = [...svg.querySelectorAll("line")].map((l) => ["x1", "y1", "x2", "y2"].map((k) => +l.getAttribute(k))
    .concat(l.dataset.edge));
  const labels = [...svg.querySelectorAll("text.weight, text.bias")];
  const hits = [];
  for (const t of labels) {
    const b = t.getBBox();
    const inside = (x, y) => x > b.x - 1 && x < b.x + b.width + 1 && y > b.y - 1 && y < b.y + b.height + 1;
    for (const [x1, y1, x2, y2, edge] of lines) {
      for (let i = 0; i <= 400; i++) {
        if (inside(x1 + (x2 - x1) * i / 400, y1 + (y2 - y1) * i / 400)) { hits.push(`${t.textContent} on ${edge}`); break; }
      }
    }
  }
  return { labels: labels.map((t) => t.textContent), hits };
}"""


def diagram_is_clear(page, name):
    diagram = page.get_by_role("img", name=name)
    expect(diagram).to_be_visible()
    seen = diagram.evaluate(LABELS_ON_EDGES)
    assert len(seen["labels"]) == 9 and "b = −½" in seen["labels"] and "−1" in seen["labels"], seen
    assert seen["hits"] == [], seen
    box = diagram.bounding_box()
    assert box["height"] > 150, box


def test_no_label_of_the_gate_network_touches_an_edge(site, page):
    alone(site, page, "gate-net", "Two layers of gates compute XOR")
    expect(status(page, "the network computes XOR")).to_contain_text("4/4 rows right", timeout=BOOT_TIMEOUT)
    diagram_is_clear(page, "Network diagram for input (1, 1): OR = 1, AND = 1, output = 0")
    page.get_by_label("Input (x¹, x²) shown in the diagram").select_option("01")
    diagram_is_clear(page, "Network diagram for input (0, 1): OR = 1, AND = 0, output = 1")
    page.set_viewport_size({"width": 1024, "height": 768})   # a 4:3 deck
    page.get_by_label("Input (x¹, x²) shown in the diagram").select_option("10")
    diagram_is_clear(page, "Network diagram for input (1, 0): OR = 1, AND = 0, output = 1")
    # In the article too, where the diagram sits under the input select.
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/xor")
    diagram_is_clear(page, "Network diagram for input (1, 1): OR = 1, AND = 1, output = 0")
    assert not page.errors
