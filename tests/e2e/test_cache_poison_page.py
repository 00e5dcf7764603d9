"""Nothing is served from the service worker's caches unchecked.

Code that reaches the Cache API (a student's, or a link's through js.eval in the worker, or any script
of the page's origin) can write into the lab's caches. Here the page itself plants a fake index.html in
the app's cache and a fake pyodide.js in the runtime's cache, as such code would; a new tab must still
get the real lab, and Python must still start, because sw.js checks every cached response against the
sha256 the build recorded and deletes what does not match.
"""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT

PLANT = """async () => {
  const names = await caches.keys();
  const app = names.find((n) => /^backprop-lab-[0-9a-f]{16}$/.test(n));
  const runtime = names.find((n) => n.startsWith("backprop-lab-runtime-"));
  const fake = (body, type) => new Response(body, { headers: { "Content-Type": type } });
  const page = "<!doctype html><title>Backprop Lab</title><h1>Sign in again</h1><script>window.__planted = 1</script>";
  const appCache = await caches.open(app);
  await appCache.put(new URL("index.html", location.href).href, fake(page, "text/html"));
  await appCache.put(new URL("./", location.href).href, fake(page, "text/html"));
  const runtimeCache = await caches.open(runtime);
  const pyodide = [...(await runtimeCache.keys())].map((r) => r.url).find((u) => u.endsWith("/pyodide.js"));
  await runtimeCache.put(pyodide, fake("self.loadPyodide = () => { throw new Error('planted'); };", "text/javascript"));
  return { app, runtime, pyodide };
}"""


def test_a_page_and_a_runtime_file_planted_in_the_caches_are_never_served(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})   # service workers on
    page = context.new_page()
    page.goto(site.url + "#/neuron")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=BOOT_TIMEOUT)
    expect(page.get_by_text(re.compile(r"^Colour: orange"))).to_be_visible(timeout=BOOT_TIMEOUT)
    planted = page.evaluate(PLANT)
    assert planted["app"] and planted["runtime"] and planted["pyodide"], planted

    other = context.new_page()
    other.goto(site.url)
    expect(other.get_by_role("link", name="Backprop Lab")).to_be_visible()
    expect(other.get_by_text("Sign in again")).to_have_count(0)
    assert other.evaluate("() => window.__planted") is None
    other.goto(site.url + "#/neuron")
    other.reload()
    expect(other.get_by_text(re.compile(r"^Colour: orange"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(other.get_by_text("planted")).to_have_count(0)
    # The fakes are gone from the caches, and the genuine files are back in their place.
    kept = other.evaluate("""async ({ app, runtime, pyodide }) => ({
      page: await (await (await caches.open(app)).match(new URL("index.html", location.href).href)).text(),
      pyodide: await (await (await caches.open(runtime)).match(pyodide)).text(),
    })""", planted)
    assert "Sign in again" not in kept["page"] and "<main id=\"view\"" in kept["page"]
    assert "planted" not in kept["pyodide"] and "loadPyodide" in kept["pyodide"]
    context.close()
