"""Lesson 4, expressive power: presets, dragging and keyboard moves of vertices, the
non-convex message, hidden neurons' half-planes, the three-layer regions, the Python panel."""
import re

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
