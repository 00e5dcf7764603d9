"""Lesson 4, expressive power: presets, dragging and keyboard moves of vertices, the
non-convex message, hidden neurons' half-planes, the three-layer regions, the Python panel;
any Boolean function of 3 inputs from its truth table; the sawtooth, deep against shallow."""
import re

from layout_helpers import DRAWN, MEASURE
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import BLUE, check_lesson_nav, check_python_panel, colour_share, picture_changes, steady_picture


def legend(page):
    return page.get_by_text(re.compile(r"^Blue: the network says inside \(")).first


def test_polygon_net_follows_presets_drags_and_keys(site, page):
    page.goto(site.url + "#/expressive?shape=square&v=-100,-100,100,-100,100,100,-100,100")
    expect(page.get_by_role("heading", name="4. Expressive power")).to_be_visible()
    expect(legend(page)).to_contain_text("25.0%", timeout=BOOT_TIMEOUT)   # a 2 x 2 square in a 4 x 4 one
    expect(page.locator(".katex").first).to_be_visible()
    plane = page.get_by_role("img", name=re.compile("two-layer network's output"))
    square = steady_picture(plane)   # drawn on the frame after the answer the legend comes from
    assert 0.15 < colour_share(square, BLUE) < 0.35
    # one half-plane per edge, each with its live formula
    for j in range(1, 5):
        expect(page.get_by_role("img", name=f"Hidden neuron h{j}: the inner side of edge {j}")).to_be_visible()
    expect(page.get_by_text("W^{(2)").first).to_be_attached()

    # Preset: the hexagon has six hidden neurons and a different picture.
    page.get_by_label("Preset polygon").select_option("hexagon")
    expect(page.get_by_role("img", name="Hidden neuron h6: the inner side of edge 6")).to_be_visible()
    expect(page).to_have_url(re.compile("shape=hexagon"))
    expect(legend(page)).not_to_contain_text("25.0%")
    picture_changes(plane, square)

    # Keyboard: pick vertex 4 (-1.3, 0) and move it right four steps of 0.05.
    hexagon = steady_picture(plane)
    page.get_by_label("Vertex to move").select_option("Vertex 4")
    page.get_by_label("Vertex x1").focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"v=130,0,65,113,-65,113,-110,0,"))
    expect(page.get_by_text(re.compile("-1\\.10"))).to_be_visible()
    picture_changes(plane, hexagon)

    # Pointer: drag vertex 4 far inside, past the centre: the polygon is no longer convex.
    box = plane.bounding_box()
    to_px = lambda x1, x2: (box["x"] + (x1 + 2) / 4 * box["width"], box["y"] + (2 - x2) / 4 * box["height"])
    page.mouse.move(*to_px(-1.1, 0))
    page.mouse.down()
    page.mouse.move(*to_px(-0.5, 0), steps=4)
    page.mouse.move(*to_px(0.3, 0), steps=4)
    page.mouse.up()
    expect(page.get_by_role("alert").filter(has_text="not convex")).to_be_visible()
    expect(page).to_have_url(re.compile(r"v=130,0,65,113,-65,113,30,0,"))
    check_python_panel(page, "backprop_lab.lessons.expressive.polygon_map", "def polygon_map(")
    check_lesson_nav(page, None, "5. Universal approximation →")
    assert page.errors == []


def test_three_layer_net_draws_both_regions(site, page):
    page.goto(site.url + "#/expressive?region=two-triangles")
    region = page.get_by_role("img", name="The three-layer network's output over the plane")
    expect(page.get_by_text(re.compile("6 edge neurons, 2 AND neurons, 1 OR neuron"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("img", name="AND neuron g2: piece 2")).to_be_visible()
    triangles = steady_picture(region)
    page.get_by_label("Preset region").select_option("l-shape")
    expect(page.get_by_text(re.compile("8 edge neurons, 2 AND neurons"))).to_be_visible()
    expect(page).to_have_url(re.compile("region=l-shape"))
    blue_triangles = colour_share(triangles, BLUE)
    ell = picture_changes(region, triangles, lambda png: colour_share(png, BLUE) > blue_triangles)
    assert colour_share(ell, BLUE) > blue_triangles > 0.05
    check_python_panel(page, "backprop_lab.lessons.expressive.union_net", "def union_net(")


def test_part_polygon_alone_follows_the_preset(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/expressive?embed=1&part=polygon&shape=square&v=-100,-100,100,-100,100,100,-100,100")
    expect(page.get_by_role("heading", level=1, name="Two layers cut out a convex polygon")).to_be_visible()
    expect(legend(page)).to_contain_text("25.0%", timeout=BOOT_TIMEOUT)
    plane = page.get_by_role("img", name=re.compile("two-layer network's output"))
    square = steady_picture(plane)
    page.get_by_label("Preset polygon").select_option("hexagon")
    expect(legend(page)).not_to_contain_text("25.0%")
    picture_changes(plane, square)
    h6 = page.get_by_role("img", name="Hidden neuron h6: the inner side of edge 6")
    expect(h6).to_be_hidden()                                    # the hidden neurons wait in More settings
    page.get_by_text("More settings").click()
    expect(h6).to_be_visible()
    assert page.errors == []


def test_part_union_alone_follows_the_region(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/expressive?embed=1&part=union&region=two-triangles")
    expect(page.get_by_role("heading", level=1, name="Three layers: a union of polygons")).to_be_visible()
    expect(page.get_by_text(re.compile("6 edge neurons, 2 AND neurons, 1 OR neuron"))).to_be_visible(timeout=BOOT_TIMEOUT)
    region = page.get_by_role("img", name="The three-layer network's output over the plane")
    triangles = steady_picture(region)
    page.get_by_label("Preset region").select_option("l-shape")
    expect(page.get_by_text(re.compile("8 edge neurons, 2 AND neurons"))).to_be_visible()
    picture_changes(region, triangles)
    assert page.errors == []


def toggle(page, row):
    return page.get_by_role("button", name=re.compile(f"^Table output for x = {re.escape(row)}: [01]$"))


def agreement(page):
    return page.get_by_role("status").filter(has_text=re.compile(r"^The net agrees with the table on \d of 8 rows\.$"))


def test_boolean_net_follows_the_table_by_click_keys_and_presets(site, page):
    page.goto(site.url + "#/expressive?f=150")   # parity: true on rows 001, 010, 100, 111
    expect(agreement(page)).to_have_text("The net agrees with the table on 8 of 8 rows.", timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("4 hidden AND neurons (one per true row), then 1 OR.")).to_be_visible()
    expect(page.get_by_role("img", name="The net: 3 inputs, 4 hidden AND neurons, one OR output")).to_be_visible()
    expect(toggle(page, "(1, 1, 1)")).to_have_attribute("aria-pressed", "true")
    table = page.get_by_role("table").filter(has=toggle(page, "(0, 0, 0)"))
    first = table.get_by_role("row").nth(1)
    expect(first.get_by_role("cell")).to_have_text(["0", "0", "0", "0", "0", "–"])

    # A click sets f(0, 0, 0) = 1: a fifth hidden neuron, the net's answer on that row follows.
    toggle(page, "(0, 0, 0)").click()
    expect(toggle(page, "(0, 0, 0)")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_text("5 hidden AND neurons (one per true row), then 1 OR.")).to_be_visible()
    expect(first.get_by_role("cell")).to_have_text(["0", "0", "0", "1", "1", "h₁"])
    expect(page.get_by_role("img", name=re.compile("5 hidden AND neurons"))).to_be_visible()
    expect(page.get_by_text("h₁: −x¹ − x² − x³ + ½")).to_be_attached()   # the neuron of row 000, weights readable
    expect(page).to_have_url(re.compile(r"f=151\b"))
    expect(page.get_by_label("Preset truth table")).to_have_value("")              # no longer a preset

    # The keyboard: Space and Enter on two outputs switch them off.
    toggle(page, "(1, 1, 1)").focus()
    page.keyboard.press("Space")
    expect(toggle(page, "(1, 1, 1)")).to_have_attribute("aria-pressed", "false")
    toggle(page, "(0, 0, 1)").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("3 hidden AND neurons (one per true row), then 1 OR.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"f=21\b"))
    expect(agreement(page)).to_have_text("The net agrees with the table on 8 of 8 rows.")

    # Presets: majority, then all false (no hidden neuron, a constant 0).
    page.get_by_label("Preset truth table").select_option("majority")
    expect(page.get_by_text("4 hidden AND neurons (one per true row), then 1 OR.")).to_be_visible()
    expect(toggle(page, "(0, 1, 1)")).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Preset truth table").select_option("none")
    expect(page.get_by_text(re.compile(r"^No true row, so no hidden neuron"))).to_be_visible()
    expect(page.get_by_role("img", name="The net: 3 inputs and an OR output with no hidden neuron")).to_be_visible()
    expect(page).to_have_url(re.compile(r"f=0\b"))
    check_python_panel(page, "backprop_lab.lessons.expressive.boolean_check", "def boolean_check(")
    assert page.errors == []


def test_the_agreement_line_comes_from_the_net_python_ran(site, page):
    """Break the net in its Python panel (row_neuron never fires): the line says so; the table is unchanged."""
    page.goto(site.url + "#/expressive?f=150")
    expect(agreement(page)).to_have_text("The net agrees with the table on 8 of 8 rows.", timeout=BOOT_TIMEOUT)
    page.get_by_text("Python: backprop_lab.lessons.expressive.row_neuron", exact=True).click()
    page.get_by_role("button", name="Edit row_neuron", exact=True).click()
    editor = page.get_by_role("textbox", name="Edit row_neuron")
    expect(editor).to_contain_text("def row_neuron(")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("def row_neuron(x):\nx = np.asarray(x, dtype=float)\nreturn 2 * x - 1, -x.sum()\n")   # z = 0 on its row
    page.get_by_role("button", name="Run row_neuron", exact=True).click()
    expect(agreement(page)).to_have_text("The net agrees with the table on 4 of 8 rows.", timeout=BOOT_TIMEOUT)
    expect(toggle(page, "(1, 1, 1)")).to_have_attribute("aria-pressed", "true")


def counts(page, net):
    table = page.get_by_role("table", name=re.compile("counted by Python from each net"))
    return table.get_by_role("row", name=re.compile(f"^{net}")).get_by_role("cell")


def test_sawtooth_counts_follow_k(site, page):
    page.goto(site.url + "#/expressive?k=3")
    expect(counts(page, "deep")).to_have_text(["3", "6", "8"], timeout=BOOT_TIMEOUT)
    expect(counts(page, "shallow")).to_have_text(["1", "8", "8"])
    expect(page.get_by_text("Same function: 6 units in 3 layers against 8 in one.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Largest gap between the two on 16,385 points: 0$"))).to_be_visible()
    plot = page.get_by_role("img", name="The deep and the shallow net's functions on [0, 1]")
    three = steady_picture(plot)
    slider = page.get_by_label("Compositions k (hidden layers of the deep net)")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(counts(page, "deep")).to_have_text(["5", "10", "32"])
    expect(counts(page, "shallow")).to_have_text(["1", "32", "32"])
    expect(page.get_by_role("img", name=re.compile("the shallow net: 1 hidden layer of 32 ReLUs"))).to_be_visible()
    expect(page.get_by_text("so 32 pieces need at least 31 units; this one uses 32.", exact=False)).to_be_visible()
    expect(page).to_have_url(re.compile(r"k=5\b"))
    picture_changes(plot, three)
    page.keyboard.press("End")
    expect(counts(page, "deep")).to_have_text(["8", "16", "256"])
    expect(counts(page, "shallow")).to_have_text(["1", "256", "256"])
    check_python_panel(page, "backprop_lab.lessons.expressive.linear_pieces", "def linear_pieces(")
    assert page.errors == []


def fits(page, where):
    page.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)
    m = page.evaluate(MEASURE)
    assert m["scroll"] <= 0 and m["scrollX"] <= 0, f"{where}: the part scrolls: {m}"
    assert m["inView"] and m["figurePct"] >= 45, f"{where}: figure {m['figurePct']:.0f} % of the height: {m}"
    assert m["minFont"] >= 14, f"{where}: text of {m['minFont']} px ({m['minWhat']})"


def test_part_boolean_alone_fits_and_toggles(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/expressive?embed=1&part=boolean&f=150")
    expect(page.get_by_role("heading", level=1, name="Two layers compute any Boolean function")).to_be_visible()
    expect(agreement(page)).to_have_text("The net agrees with the table on 8 of 8 rows.", timeout=BOOT_TIMEOUT)
    fits(page, "boolean alone")
    page.get_by_label("Preset truth table").select_option("or")   # 7 true rows: the tallest net
    expect(page.get_by_text("7 hidden AND neurons (one per true row), then 1 OR.")).to_be_visible()
    toggle(page, "(0, 0, 0)").click()
    expect(page.get_by_text("8 hidden AND neurons (one per true row), then 1 OR.")).to_be_visible()
    fits(page, "boolean alone, 8 hidden neurons")
    assert page.errors == []


def test_part_depth_alone_fits_and_follows_k(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/expressive?embed=1&part=depth&k=2")
    expect(page.get_by_role("heading", level=1, name="Depth against width: the sawtooth")).to_be_visible()
    expect(counts(page, "deep")).to_have_text(["2", "4", "4"], timeout=BOOT_TIMEOUT)
    fits(page, "depth alone")
    page.get_by_label("Compositions k (hidden layers of the deep net)").focus()
    page.keyboard.press("End")
    expect(counts(page, "shallow")).to_have_text(["1", "256", "256"])
    fits(page, "depth alone, k = 8")
    assert page.errors == []
