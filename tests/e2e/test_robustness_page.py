"""Speed and robustness: absurd settings in every lesson that trains, and fuzzed hostile URLs.

Divergence. Least squares (η = 0.3 > 2/λ_max) and momentum (η = 1 on the quadratic, whose steep
curvature is 20) diverge at the largest η their sliders allow: the page stops the run and says so.
XOR (d), digits, mini-batch SGD and convergence cannot diverge with any setting the UI allows (a
fixed or small enough η on a loss whose gradient is bounded, checked in CPython first); for them
the test runs the most extreme settings the URL accepts and checks every number stays finite.
Either way no NaN or Infinity may reach the lesson's figures and numbers or the URL.

Fuzz. 500 seeded mutations of real URLs of every lesson and the Playground, made by editing the
hash in one page: no uncaught error, a notice "Ignored ..." naming each bad field, nothing from the
URL in the DOM as HTML, and no NaN or Infinity in the URL the page writes back.
"""
import os
import random
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import ACTIVITY_PROBE, page_settles, steady_picture

ROOT = Path(__file__).resolve().parents[2]
NOT_FINITE = re.compile(r"\bNaN\b|Infinity|undefined")


# ---------------------------------------------------------------------------------------------
# One page for the divergence tests: Python boots once and each lesson is opened by editing the
# hash, as a user following a link would.
@pytest.fixture(scope="module")
def lab(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(site.url + "#/")
    yield page
    context.close()


def open_lesson(page, hash_, title):
    page.goto(page.url.split("#")[0] + hash_)
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def figures_text(page):
    """The lesson's own text, figures and numbers, without the Python source panels."""
    return page.locator("#view .lesson > .notice").inner_text() + "\n" + page.locator(".lesson-body").inner_text()


def assert_finite_everywhere(page):
    text = figures_text(page)
    found = NOT_FINITE.search(text)
    assert not found, f"{found.group(0)} in the page: ...{text[max(0, found.start() - 200):found.end() + 100]}"
    assert not re.search(r"NaN|Infinity", page.url), page.url
    assert not page.errors, page.errors


def test_least_squares_diverges_at_the_largest_eta_and_recovers(lab):
    open_lesson(lab, "#/least-squares?steps=1000&n=200&noise=2&seed=50", "7. Least squares vs gradient descent")
    expect(lab.get_by_text(re.compile(r"^Critical η = 2/λ_max"))).to_be_visible(timeout=BOOT_TIMEOUT)
    eta = lab.get_by_label("Learning rate η")
    eta.focus()
    lab.keyboard.press("End")                     # the slider's largest η, 0.3
    expect(lab).to_have_url(re.compile(r"eta=0\.3(&|$)"))
    message = lab.get_by_role("status").filter(has_text=re.compile(r"^diverged: η above 2/λ_max"))
    expect(message).to_be_visible()
    expect(lab.get_by_text(re.compile(r"^Iteration \d+: W = \[-?\d"))).to_be_visible()
    # The animation has drawn the whole (stopped) path: it shows the last step, the one the message names.
    steps = re.search(r"\(after (\d+) steps\)", message.text_content()).group(1)
    expect(lab.get_by_text(re.compile(rf"^Iteration {steps}: "))).to_be_visible()
    assert_finite_everywhere(lab)
    plot = lab.get_by_role("img", name=re.compile("least-squares line"))
    assert len(set(plot.screenshot()[::97])) > 20, "the plot is drawn, not blank"

    lab.keyboard.press("Home")                    # recovery, without reloading
    expect(lab).to_have_url(re.compile(r"eta=0\.005"))
    expect(lab.locator(".lesson-body").get_by_text(re.compile("^diverged: "))).to_have_count(0)
    assert_finite_everywhere(lab)


def test_momentum_diverges_at_the_largest_step_and_recovers(lab):
    # Rosenbrock from the far corner with the largest β, set through the link: both walks leave.
    open_lesson(lab, "#/momentum?surface=rosenbrock&eta=1&beta=0.99&n=2000&x0=10&y0=10",
                "8. Gradient descent and momentum")
    expect(lab.get_by_text(re.compile(r"^Plain GD: diverged at iteration \d+"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(lab.get_by_text(re.compile(r"^Momentum \(β = 0\.99\): diverged at iteration \d+"))).to_be_visible()
    assert_finite_everywhere(lab)

    # The quadratic, with the keyboard: End puts η at 10^0 = 1, and the steep direction's error is
    # multiplied by 1 - 20η = -19 at every step.
    open_lesson(lab, "#/momentum?surface=quadratic&beta=0.6&n=2000&x0=10&y0=-10", "8. Gradient descent and momentum")
    expect(lab.get_by_text(re.compile(r"^Plain GD: converged"))).to_be_visible()
    lab.get_by_label("Step size η (log scale)").focus()
    lab.keyboard.press("End")
    expect(lab).to_have_url(re.compile(r"eta=1(&|$)"))
    expect(lab.get_by_text(re.compile(r"^Plain GD: diverged at iteration \d+"))).to_be_visible()
    expect(lab.get_by_text(re.compile(r"^Momentum \(β = 0\.60\): diverged at iteration \d+"))).to_be_visible()
    picture = lab.get_by_role("img", name=re.compile("Contours of the loss"))
    png = steady_picture(picture)                 # the diverged paths, drawn on the frame after the answer
    assert_finite_everywhere(lab)
    assert len(set(png[::97])) > 20, "the contours and paths are drawn"

    lab.keyboard.press("Home")                    # η = 1e-4: slow, but no longer diverging
    expect(lab).to_have_url(re.compile(r"eta=0\.0001"))
    expect(lab.get_by_text(re.compile(r"^Plain GD: not converged yet after 2000 iterations"))).to_be_visible()
    expect(lab.locator(".lesson-body").get_by_text(re.compile(r"^(Plain GD|Momentum).*diverged"))).to_have_count(0)
    assert_finite_everywhere(lab)


def train_for(page, play_scope, seconds, reached):
    """Play for at least `seconds` (the extreme settings run that long) and until `reached` shows
    (the progress the test then asserts), then Pause."""
    play_scope.get_by_role("button", name="Play").click()
    page.wait_for_timeout(seconds * 1000)   # the duration of the run under test, not a wait for a state
    expect(reached).to_be_visible(timeout=60_000)
    pause = play_scope.get_by_role("button", name="Pause")
    if pause.count():
        pause.click()
    expect(play_scope.get_by_role("button", name="Play")).to_be_visible()   # "Play": the chunk in flight has been shown


def test_xor_network_stays_finite_at_the_extreme_seed(lab):
    # (d) has no learning-rate control (η is fixed), so it cannot diverge: the extremes a user can
    # reach are the seeds and the epochs of (a).
    open_lesson(lab, "#/xor?seedA=49&epochsA=300&v=-3&seed=999999", "3. XOR")
    section = lab.get_by_role("region", name="A 2-2-1 network learns XOR")
    expect(section.get_by_role("button", name="Play")).to_be_enabled(timeout=BOOT_TIMEOUT)
    expect(section.get_by_text(re.compile(r"^Epoch 0 · loss 0\.\d{3}"))).to_be_visible()
    train_for(lab, section, 4, section.get_by_text(re.compile(r"^Epoch \d{3,} · loss ")))   # epoch >= 100
    summary = section.get_by_text(re.compile(r"^Epoch \d+ · loss "))
    epoch, loss = re.match(r"Epoch (\d+) · loss (\S+)", summary.text_content()).groups()
    assert int(epoch) >= 100 and 0 <= float(loss) < 1, summary.text_content()
    expect(section.get_by_text("infinite or NaN")).to_have_count(0)
    assert_finite_everywhere(lab)


def test_digits_stays_finite_at_the_largest_eta_and_smallest_batch(lab):
    # Softmax cross-entropy of a linear layer is convex with a bounded gradient, and the loss is
    # computed by log-sum-exp: η = 3 with M = 1 makes it noisy, never infinite.
    open_lesson(lab, "#/digits?eta=3&M=1&seed=9999&fit=0", "6. MNIST: PyTorch, then ten planes")
    part = lab.get_by_role("region", name="Ten separating planes, trained")
    expect(part.get_by_role("button", name="Play")).to_be_enabled(timeout=BOOT_TIMEOUT)
    train_for(lab, part, 5, part.get_by_text(re.compile(r"^Epoch [1-9]\d*$")))
    expect(part.get_by_text(re.compile(r"^Epoch [1-9]\d*$"))).to_be_visible()
    for label in ("Train loss", "Test loss"):
        assert re.fullmatch(r"\d+\.\d{3}", part.get_by_label(label).text_content()), label
    for label in ("Train accuracy", "Test accuracy"):
        assert re.fullmatch(r"\d+\.\d%", part.get_by_label(label).text_content()), label
    expect(lab.locator(".lesson-body, .notice").get_by_text("diverged")).to_have_count(0)
    assert_finite_everywhere(lab)


def test_minibatch_stays_finite_at_the_largest_eta(lab):
    # A sigmoid output with the cross-entropy computed from the logits: the gradient is bounded,
    # so even η = 2 with M = 1 and λ = 1 only makes the weights grow, never overflow.
    open_lesson(lab, "#/minibatch?M=1&lambda=1&eta=2", "10. Mini-batch SGD")
    expect(lab.get_by_role("button", name="Play")).to_be_enabled(timeout=BOOT_TIMEOUT)
    train_for(lab, lab, 4, lab.get_by_text(re.compile(r"^Batch ([5-9]\d|\d{3,}) \(epoch")))   # batch >= 50
    numbers = lab.get_by_text(re.compile(r"^Batch \d+ \(epoch"))
    text = numbers.text_content()
    match = re.match(r"Batch (\d+) \(epoch \d+\.\d\d\) · ε = (\d+\.\d+) · Q = (\d+\.\d+) · full-data loss = (\d+\.\d+)$", text)
    assert match and int(match.group(1)) >= 50, text
    expect(lab.locator(".lesson-body, .notice").get_by_text("diverged")).to_have_count(0)
    assert_finite_everywhere(lab)


def test_convergence_stays_finite_at_the_extreme_settings(lab):
    # η is fixed (0.03 and 0.1) and the strongest L2 only shrinks the weights faster.
    open_lesson(lab, "#/convergence?dataset=spiral&epochs=100&seed=999&l2=0.1", "12. Improving convergence")
    expect(lab.get_by_text(re.compile(r"^Winner after 100 epochs: "))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(lab.get_by_text(re.compile(r"^After 300 epochs the test−train gap is"))).to_be_visible(timeout=60_000)
    expect(lab.locator(".lesson-body").get_by_text(re.compile("diverged"))).to_have_count(0)
    assert_finite_everywhere(lab)


# ---------------------------------------------------------------------------------------------
# The fuzz.
FUZZ_COUNT = int(os.environ.get("FUZZ_COUNT", 200))   # seeded; FUZZ_COUNT=2000 for a long run
FUZZ_SEED = 20240611
HTML_INJECTED = "img[src=x], script:not([src]), [onerror], iframe, svg[onload]"


def lesson_titles():
    """{route: title} of the lessons (the registry's LESSONS; not its other PAGES)."""
    text = (ROOT / "app/lessons/registry.js").read_text().split("export const PAGES")[0]
    return dict(re.findall(r'route: "([^"]+)", title: "([^"]+)"', text))


def schema_types():
    """{route: {key: type}} read from the lessons' SCHEMA objects (backprop's is built at run
    time: its keys are numbers and one choice, which the default below covers)."""
    types = {}
    for route in lesson_titles():
        files = [ROOT / f"app/lessons/{route}.js"]
        if not files[0].exists():   # a lesson with several parts is a folder, one file per part
            files = sorted((ROOT / f"app/lessons/{route}").glob("*.js"))
        found = {}
        for f in files:
            found.update(re.findall(r'^\s+(\w+): \{ type: "(\w+)"', f.read_text(), re.M))
        types[route] = found
    return types


# Values that no number, int, choice, bool, ints, set or points field accepts.
BAD = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
       "1e308", "-1e308", "-1e9", "1e-400x", "abc", "NaN", "Infinity", "-Infinity", "%E0%A4%A", "%", "%zz",
       "[object Object]", "true", "null", "undefined", "1,2,x", "__proto__", "constructor", "0x1g",
       "\"><svg onload=alert(1)>", "javascript:alert(1)", "%00", "1;2;3"]
# Values that may be fine for some fields (empty lists, a number in range, ...): allowed, never required.
MAYBE = ["", "0", "1", "-5", "1.5", "  3  ", "2,2", "1,1,1,1,1,1,1", "0,0,0;1,1,1", "x", "sin(x)"]
HUGE = "9" * 100_000


def mutate(rng, route, query, types, i):
    """A mutated query and the fragments the notice must then contain (one per bad field)."""
    params = [p.split("=", 1) if "=" in p else [p, ""] for p in query.split("&") if p]
    if rng.random() < 0.2:
        rng.shuffle(params)                          # any order of keys is fine
    keys = [k for k, _ in params]
    rng.shuffle(keys)                                # each key is mutated at most once
    expected = []
    n = rng.choice([1, 1, 2, 3])
    for j in range(n):
        kind = rng.random()
        must_be_bad = j == n - 1 and not expected
        if not keys or kind < 0.15:                  # an unknown key, maybe with HTML in its name
            key = f"zz{i}x{j}" + rng.choice(["", "<img src=x onerror=alert(1)>", "%E0%A4%A", "[]", "__proto__"])
            params.append([key, rng.choice(BAD + MAYBE)])
            expected.append(f'Ignored unknown setting "zz{i}x{j}')
            continue
        key = keys.pop()
        is_text = types.get(key, "number") == "text"
        if kind < 0.3:                               # 100 kB: too long even for free text
            value, bad = rng.choice([HUGE, "-" + HUGE[:400]]), True
        elif kind < 0.8 or must_be_bad:
            value, bad = rng.choice(BAD), not is_text
        else:
            value, bad = rng.choice(MAYBE), False
        if rng.random() < 0.25:                      # a repeated key: the first one counts
            params.insert(next(k for k, p in enumerate(params) if p[0] == key), [key, value])
        else:
            next(p for p in params if p[0] == key)[1] = value
        if bad:
            expected.append(f"Ignored {key}=")
    if not expected:                                 # every URL has something the notice must name
        params.append([f"zz{i}end", "1"])
        expected.append(f'Ignored unknown setting "zz{i}end')
    return "&".join(f"{k}={v}" for k, v in params), expected


# Edit the hash as a user does, wait until the shell has handled it (its hashchange listener,
# registered first, clears the old view) and the new page's heading is there, then read what the
# page shows. One round trip per URL keeps 500 of them fast; it reads the DOM only.
GO_AND_READ = """async ([hash, injectedSelector]) => {
    await new Promise((done) => {
        addEventListener("hashchange", () => done(), { once: true });
        setTimeout(done, 5000);
        location.hash = hash;
    });
    const start = performance.now();
    let h1 = null;
    while (!(h1 = document.querySelector("#view h1")) && performance.now() - start < 15000) {
        await new Promise((frame) => requestAnimationFrame(frame));
    }
    const notice = document.querySelector("#view .notice[role=status]");
    return {
        heading: h1 ? h1.textContent : null,
        notice: notice ? notice.textContent : null,
        noticeShown: !!notice && notice.getClientRects().length > 0,
        hash: location.hash,
        injected: document.querySelectorAll(injectedSelector).length,
    };
}"""


def test_fuzzed_urls_never_throw_never_inject_and_say_what_was_ignored(site, page):
    titles = lesson_titles()
    types = schema_types()
    routes = list(titles)
    rng = random.Random(FUZZ_SEED)
    page.add_init_script(ACTIVITY_PROBE)
    page.goto(site.url + "#/")
    expect(page.get_by_role("heading", name="Backprop Lab", level=1)).to_be_visible()

    def go(hash_):
        return page.evaluate(GO_AND_READ, [hash_, HTML_INJECTED])

    # The real URLs: each lesson writes its whole state into the hash when it opens.
    real = {}
    for route in routes:
        shown = go(f"#/{route}")
        assert shown["heading"] == titles[route], shown
        assert shown["hash"].startswith(f"#/{route}?"), shown
        real[route] = shown["hash"].split("?", 1)[1]
        assert not page.errors, (route, page.errors)

    start = time.perf_counter()
    bad_fields = unknown_keys = 0
    for i in range(FUZZ_COUNT):
        route = rng.choice(routes)
        if rng.random() < 0.04:                      # a broken route: the list of lessons
            broken = route + rng.choice(["%E0%A4%A", "%", "%zz", "<img src=x onerror=alert(1)>", "/x"])
            hash_ = f"#/{broken}?{real[route]}"
            title, expected = "Backprop Lab", []
        else:
            query, expected = mutate(rng, route, real[route], types.get(route, {}), i)
            hash_ = f"#/{route}?{query}"
            title = titles[route]
        where = f"fuzz #{i} (seed {FUZZ_SEED}) {hash_[:300]!r}"
        shown = go(hash_)
        assert shown["heading"] == title, f"{where}: heading {shown['heading']!r}"
        for fragment in expected:
            assert shown["noticeShown"] and fragment in shown["notice"], \
                f"{where}: the notice {shown['notice']!r} lacks {fragment!r}"
        bad_fields += sum(not f.startswith("Ignored unknown") for f in expected)
        unknown_keys += sum(f.startswith("Ignored unknown") for f in expected)
        if expected:
            written = dict(p.split("=", 1) for p in shown["hash"].split("?", 1)[1].split("&"))
            text_keys = {k for k, t in types.get(route, {}).items() if t == "text"}
            leaked = {k: v[:80] for k, v in written.items()
                      if k.startswith("zz") or (k not in text_keys and re.search(r"NaN|Infinity", v))}
            assert not leaked, f"{where}: the URL written back has {leaked}"
        assert shown["injected"] == 0, f"{where}: URL text became HTML ({shown['injected']} elements)"
        assert not page.errors, f"{where}: uncaught {page.errors}"
    elapsed = time.perf_counter() - start
    print(f"{FUZZ_COUNT} fuzzed URLs ({bad_fields} bad fields, {unknown_keys} unknown keys) in {elapsed:.1f} s")
    page_settles(page)                               # the last pages' Python answers are in
    page.wait_for_timeout(500)                       # a negative check's window: late errors from the last pages
    assert not page.errors, page.errors
