"""A URL fuzz over every lesson (issue 14): no link or value breaks a page.

FUZZ_STATES (default 320) seeded, reproducible hashes over all 13 routes, opened one after the
other in one booted page by editing location.hash, as a user following links does. Each state
starts from the real URL the lesson writes (so every key it reads is there: the keys of every
SCHEMA, both of backprop's graphs, and the page keys embed, projector and part) and then
replaces or adds values and keys from these families:

- prototype names as keys and values (constructor, __proto__, toString, hasOwnProperty, ...);
- extreme numbers: 1e308, -1e308, -0, NaN, Infinity, -Infinity, 1e-320, 5e-324, 0x10, 1e21;
- 1 MB values;
- markup: <img src=x onerror=...>, "><script>...</script>, <svg onload=...>, raw and %-encoded;
- broken percent-escapes (%, %zz, %E0%A4%A, an encoded lone surrogate), '+' and spaces;
- repeated keys, lists with bad entries, prototype-named and broken routes.

For every state: 0 uncaught page errors, never a blank view (the view has a heading, or the fault
box is shown), 0 elements injected from the URL, 0 CSP violations (securitypolicyviolation,
listened to from an init script), and no NaN or Infinity in the URL the page writes back. Every
failing state is listed (route, state number, hash, what went wrong), not only the first.
"""
import os
import random
import re
import time
from pathlib import Path

from layout_helpers import lesson_parts
from playwright.sync_api import expect

from lesson_helpers import ACTIVITY_PROBE, page_settles

ROOT = Path(__file__).resolve().parents[2]
FUZZ_STATES = int(os.environ.get("FUZZ_STATES", 320))
FUZZ_SEED = int(os.environ.get("FUZZ_SEED", 20261201))
MB = 1_000_000

PROTO = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__"]
NUMBERS = ["1e308", "-1e308", "-0", "NaN", "Infinity", "-Infinity", "1e-320", "5e-324", "0x10", "1e21",
           "1.7976931348623157e308", "-1e-320", "0.1e1", " 1", "1_000", "3e9"]
MARKUP = ["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>', "<svg onload=alert(1)>",
          "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
          "<iframe src=javascript:alert(1)>", "javascript:alert(1)", "</textarea><img src=x onerror=alert(1)>"]
ESCAPES = ["%", "%zz", "%E0%A4%A", "%ED%A0%80", "%C0%AF", "%uD800", "%%", "100%", "x+1", "1 2", "+", "%2B%20"]
LISTS = ["1,2,x", ",,,", "1;2;3", "-0,-0", "0,0,0;1,1,1", "x1,x1", "", "1,1e308", "NaN,NaN,0", ";;;"]
VALUES = PROTO + NUMBERS + MARKUP + ESCAPES + LISTS
PAGE_KEYS = ["embed", "projector", "part"]
INJECTED = ("img[src=x], img[onerror], script:not([src]), [onerror], [onload], iframe, svg[onload], "
            "a[href^='javascript:']")


def lesson_titles():
    """{route: title} of the lessons (the registry's LESSONS; not its other PAGES)."""
    text = (ROOT / "app/lessons/registry.js").read_text().split("export const PAGES")[0]
    return dict(re.findall(r'route: "([^"]+)", title: "([^"]+)"', text))


def schema_keys():
    """{route: {key: type}} from every lesson's SCHEMA (the Playground's is playground/schema.js;
    backprop builds its schema from LEAVES at run time: model and every leaf of both graphs)."""
    keys = {}
    for route in lesson_titles():
        files = [ROOT / f"app/lessons/{route}.js"]
        if not files[0].exists():   # a lesson with several parts is a folder, one file per part
            files = sorted((ROOT / f"app/lessons/{route}").glob("*.js"))
        found = {}
        for f in files:
            found.update(re.findall(r'^\s+(\w+): \{ type: "(\w+)"', f.read_text(), re.M))
        keys[route] = found
    leaves = re.search(r"const LEAVES = \{(.*?)\n\};", (ROOT / "app/lessons/backprop.js").read_text(), re.S).group(1)
    keys["backprop"] = {"model": "choice", **{k: "number" for k in re.findall(r'\["(\w+)", -?[\d.]+\]', leaves)}}
    return keys


def hostile(rng, big_budget):
    """One hostile value; a 1 MB one while the budget lasts."""
    if big_budget[0] > 0 and rng.random() < 0.04:
        big_budget[0] -= 1
        return rng.choice(["9" * MB, "<img src=x onerror=alert(1)>" * (MB // 28), ("1,2;" * (MB // 4)), "%" * MB])
    return rng.choice(VALUES)


def make_state(rng, i, route, real, keys, big_budget):
    """A fuzzed hash for `route`, starting from its real query (a list of [key, value])."""
    params = [list(p) for p in real]
    for _ in range(rng.choice([1, 1, 2, 3, 4])):
        r = rng.random()
        if r < 0.5:                                   # a key the lesson reads, with a hostile value
            key = rng.choice(sorted(keys))
            params = [p for p in params if p[0] != key] + [[key, hostile(rng, big_budget)]]
        elif r < 0.62:                                # a prototype-named key
            params.append([rng.choice(PROTO), hostile(rng, big_budget)])
        elif r < 0.72:                                # a page key with any value
            params.append([rng.choice(PAGE_KEYS), rng.choice(["1", "0", "2", "true"] + VALUES)])
        elif r < 0.84:                                # a repeated key: the first one counts
            key = rng.choice(sorted(keys))
            params.insert(0, [key, hostile(rng, big_budget)])
        elif r < 0.92:                                # a key with markup or a broken escape in its name
            params.append([f"k{i}" + rng.choice(MARKUP + ESCAPES + PROTO), hostile(rng, big_budget)])
        else:                                         # a key with no '=' at all
            params.append([rng.choice(PROTO + sorted(keys)), None])
    if rng.random() < 0.2:
        rng.shuffle(params)
    query = "&".join(k if v is None else f"{k}={v}" for k, v in params)
    if rng.random() < 0.05:                           # a prototype-named or broken route: the list
        odd = rng.choice(PROTO + ['%E0%A4%A', '%', route + '%zz', route + '/x', '<img src=x onerror=alert(1)>'])
        return f"#/{odd}?{query}", True
    return f"#/{route}?{query}", False


INIT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(`${e.violatedDirective} ${String(e.blockedURI).slice(0, 80)}`), true);
"""

# Edit the hash, wait until the shell has handled it, then until the view has a heading or the
# fault box shows; let the lesson settle (two frames and a short pause), then read the page.
GO = """async ([hash, injected, settleMs]) => {
    await new Promise((done) => {
        addEventListener("hashchange", () => done(), { once: true });
        setTimeout(done, 5000);
        location.hash = hash;
    });
    const start = performance.now();
    const shown = () => document.querySelector("#view h1") ||
        (!document.getElementById("fault").hidden && document.getElementById("fault").textContent.trim());
    while (!shown() && performance.now() - start < 15000) await new Promise((f) => requestAnimationFrame(f));
    await new Promise((f) => requestAnimationFrame(() => requestAnimationFrame(f)));
    await new Promise((f) => setTimeout(f, settleMs));
    const h1 = document.querySelector("#view h1");
    const fault = document.getElementById("fault");
    return {
        heading: h1 ? h1.textContent : null,
        fault: fault.hidden ? null : document.getElementById("fault-message").textContent,
        hash: location.hash.slice(0, 20000),
        injected: [...document.querySelectorAll(injected)].map((e) => e.outerHTML.slice(0, 120)),
        csp: window.__cspViolations.splice(0),
    };
}"""


def split_query(hash_):
    query = hash_.split("?", 1)[1] if "?" in hash_ else ""
    return [p.split("=", 1) if "=" in p else [p, ""] for p in query.split("&") if p]


def test_url_fuzz_over_every_lesson(site, page):
    titles = lesson_titles()
    keys = schema_keys()
    # Embedded (embed=1 in a state), a lesson shows one part alone, headed by the part's title.
    part_titles = {}
    for r, _, t in lesson_parts(only_ready=False):
        part_titles.setdefault(r, set()).add(t)
    assert len(titles) == 13 and set(keys) == set(titles), titles
    page.add_init_script(INIT)
    page.add_init_script(ACTIVITY_PROBE)
    page.goto(site.url + "#/")
    expect(page.get_by_role("heading", name="Backprop Lab", level=1)).to_be_visible()

    def go(hash_, settle=120):
        return page.evaluate(GO, [hash_, INJECTED, settle])

    # The real URLs: each lesson writes its whole state when it opens (backprop: both graphs).
    real = {}
    for route, start in [(r, f"#/{r}") for r in titles] + [("backprop", "#/backprop?model=net")]:
        shown = go(start)
        assert shown["heading"] == titles[route], shown
        params = split_query(shown["hash"])
        real.setdefault(route, []).append(params)
        assert not page.errors, (route, page.errors)
    for route, wanted in keys.items():                # every key a SCHEMA names is in a real URL
        written = {k for params in real[route] for k, _ in params}
        assert set(wanted) <= written, (route, set(wanted) - written)

    rng = random.Random(FUZZ_SEED)
    big_budget = [12]                                 # at most twelve 1 MB values
    routes = sorted(titles)
    failures = []
    last_fault = None
    counts = {r: 0 for r in routes}
    start = time.perf_counter()
    for i in range(FUZZ_STATES):
        route = routes[i % len(routes)] if i < 2 * len(routes) else rng.choice(routes)   # each route twice first
        base = rng.choice(real[route])
        route_keys = {k for k, _ in base} | set(keys[route])
        hash_, to_list = make_state(rng, i, route, base, route_keys, big_budget)
        counts[route] += 1
        errors_before = len(page.errors)
        shown = go(hash_, 1200 if i % 16 == 15 else 120)   # every 16th waits for Python's answers to be drawn
        where = f"state #{i} (seed {FUZZ_SEED}) route {route}: {hash_[:240]!r}{' …' if len(hash_) > 240 else ''}"
        problems = []
        if not shown["heading"] and not shown["fault"]:
            problems.append("blank view: no heading and no fault box")
        elif to_list and shown["heading"] != "Backprop Lab":
            problems.append(f"a broken route should show the lesson list, shows {shown['heading']!r}")
        elif not to_list and shown["heading"] not in {titles[route], None} | part_titles.get(route, set()):
            problems.append(f"heading {shown['heading']!r}")
        if shown["fault"] and shown["fault"] != last_fault:   # a fault stays up until Retry: report it once
            problems.append(f"fault box: {shown['fault'][:200]!r}")
        last_fault = shown["fault"]
        if shown["injected"]:
            problems.append(f"injected from the URL: {shown['injected'][:3]}")
        if shown["csp"]:
            problems.append(f"CSP violations: {shown['csp'][:3]}")
        text_keys = {k for k, t in keys.get(route, {}).items() if t == "text"} | set(PAGE_KEYS)
        if not to_list and shown["hash"].startswith(f"#/{route}?"):
            leaked = {k: v[:60] for k, v in split_query(shown["hash"])
                      if k not in text_keys and re.search(r"NaN|Infinity|undefined", v)}
            if leaked:
                problems.append(f"the URL written back has {leaked}")
        if len(page.errors) > errors_before:
            problems.append(f"uncaught: {page.errors[errors_before:]}")
        if problems:
            failures.append(f"{where}\n    " + "\n    ".join(problems))
    page_settles(page)                                # the last states' Python answers are in
    page.wait_for_timeout(1500)                       # a negative check's window: late errors from the last states
    if len(page.errors) and not failures:
        failures.append(f"late uncaught errors: {page.errors}")
    elapsed = time.perf_counter() - start
    print(f"{FUZZ_STATES} fuzzed states over {len(routes)} routes in {elapsed:.1f} s; per route {counts}; "
          f"{12 - big_budget[0]} values of 1 MB; {len(failures)} failing")

    # The lab still works after all that: a lesson opens and Python answers.
    go("#/neuron?w1=1&w2=1&b=-0.5&f=sign")
    expect(page.get_by_text(re.compile(r"^Colour: "))).to_be_visible(timeout=60_000)
    assert not failures, f"{len(failures)} of {FUZZ_STATES} states failed:\n" + "\n".join(failures[:40])
