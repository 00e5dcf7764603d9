"""Shared checks for lesson pages (used by the tests of every lesson)."""
import io

from PIL import Image
from playwright.sync_api import expect

ORANGE = (245, 167, 98)   # app/ui/heatmap.js BACKGROUND: class 0 / low output
BLUE = (126, 170, 230)    # class 1 / high output


def colour_share(png, rgb, tol=40):
    """Fraction of the picture's pixels within `tol` (sum of |channel differences|) of `rgb`."""
    img = Image.open(io.BytesIO(png)).convert("RGB")
    data = img.tobytes()
    n = len(data) // 3
    near = 0
    for i in range(0, len(data), 3):
        if abs(data[i] - rgb[0]) + abs(data[i + 1] - rgb[1]) + abs(data[i + 2] - rgb[2]) <= tol:
            near += 1
    return near / n


def check_python_panel(page, qualified_name, source_start):
    """The Python panel shows the real source of the function the page runs."""
    page.get_by_text(f"Python: {qualified_name}", exact=True).click()
    expect(page.get_by_label(f"Source of {qualified_name.rsplit('.', 1)[1]}", exact=True)).to_contain_text(source_start)


def check_lesson_nav(page, prev_title, next_title):
    nav = page.get_by_role("navigation", name="Lesson navigation")
    if prev_title:
        expect(nav.get_by_role("link", name=prev_title)).to_be_visible()
    if next_title:
        expect(nav.get_by_role("link", name=next_title)).to_be_visible()
    expect(nav.get_by_role("link", name="All lessons")).to_be_visible()
