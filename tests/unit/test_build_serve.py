"""serve.py (the kit's server, and build.py serve's handler): gzip siblings with the right
headers, only when the browser accepts gzip; COOP/COEP. Stdlib only, so this also runs on 3.8."""
import gzip
import os
import re
import threading
import urllib.request

import pytest

import serve

WASM = bytes(range(256)) * 400          # 100 KB that gzip shrinks a lot


@pytest.fixture
def site(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>lab</title>")
    (tmp_path / "pyodide").mkdir()
    (tmp_path / "pyodide" / "pyodide.asm.wasm").write_bytes(WASM)
    (tmp_path / "pyodide" / "pyodide.asm.wasm.gz").write_bytes(gzip.compress(WASM, 9, mtime=0))
    (tmp_path / "pyodide" / "plain.data").write_bytes(b"x" * 5000)   # no sibling
    servers = []

    def start(**kw):
        server = serve.make_server(tmp_path, 0, **kw)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def get(url, method="GET", **headers):
    req = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:   # urllib never decodes: we see the wire bytes
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, b""


def test_gz_sibling_is_sent_with_content_encoding_and_decodes_to_the_original(site):
    url = site() + "pyodide/pyodide.asm.wasm"
    status, headers, body = get(url, **{"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "application/wasm"     # the original's type, not application/gzip
    assert int(headers["Content-Length"]) == len(body) < len(WASM) // 5
    assert "Accept-Encoding" in headers["Vary"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    assert gzip.decompress(body) == WASM


@pytest.mark.parametrize("accept", [None, "identity", "gzip;q=0", "br", "deflate, gzip;q=0.0"])
def test_without_gzip_in_accept_encoding_the_file_is_sent_as_it_is(site, accept):
    status, headers, body = get(site() + "pyodide/pyodide.asm.wasm", **({"Accept-Encoding": accept} if accept else {}))
    assert status == 200 and body == WASM
    assert headers["Content-Encoding"] is None
    assert int(headers["Content-Length"]) == len(WASM)
    assert "Accept-Encoding" in headers["Vary"]


@pytest.mark.parametrize("accept", ["gzip", "GZIP;q=0.5", "*", "br;q=1, gzip;q=0.1"])
def test_accept_encoding_forms_that_allow_gzip(site, accept):
    _, headers, body = get(site() + "pyodide/pyodide.asm.wasm", **{"Accept-Encoding": accept})
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == WASM


def test_head_reports_the_compressed_length_with_its_encoding(site):
    """The worker's size check compares Content-Length only when Content-Encoding is absent."""
    _, headers, body = get(site() + "pyodide/pyodide.asm.wasm", method="HEAD", **{"Accept-Encoding": "gzip"})
    assert body == b""
    assert headers["Content-Encoding"] == "gzip"
    assert int(headers["Content-Length"]) == len(gzip.compress(WASM, 9, mtime=0))


def test_a_file_without_sibling_and_no_compress_flag_are_sent_plain(site):
    url = site()
    _, headers, body = get(url + "pyodide/plain.data", **{"Accept-Encoding": "gzip"})
    assert body == b"x" * 5000 and headers["Content-Encoding"] is None and headers["Vary"] is None
    plain = site(compress=False, isolate=False)
    _, headers, body = get(plain + "pyodide/pyodide.asm.wasm", **{"Accept-Encoding": "gzip"})
    assert body == WASM and headers["Content-Encoding"] is None
    assert headers["Cross-Origin-Opener-Policy"] is None


def test_revalidation_of_a_gzipped_file_gets_304(site):
    url = site() + "pyodide/pyodide.asm.wasm"
    _, headers, _ = get(url, **{"Accept-Encoding": "gzip"})
    status, headers304, body = get(url, **{"Accept-Encoding": "gzip", "If-Modified-Since": headers["Last-Modified"]})
    assert status == 304 and body == b""
    assert "Accept-Encoding" in headers304["Vary"]


def test_serve_py_refuses_a_folder_without_the_site(tmp_path):
    with pytest.raises(SystemExit, match="no index.html"):
        serve.main([str(tmp_path), "--port", "0"])


def test_serve_py_is_standard_library_only():
    source = open(os.path.join(os.path.dirname(serve.__file__), "serve.py")).read()
    imports = {line.split()[1].split(".")[0] for line in source.splitlines() if line.startswith(("import ", "from "))}
    assert imports <= {"argparse", "email", "functools", "http", "os", "re", "socket", "sys"}, imports


def test_the_sites_policy_is_sent_as_a_header_and_the_python_worker_gets_eval_but_no_other_site(tmp_path):
    """A header reaches what the page's <meta> cannot: the worker script. Pyodide 0.17's worker may
    evaluate strings, but connect-src and script-src still name no other site."""
    policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"
    (tmp_path / "index.html").write_text(f'<meta http-equiv="Content-Security-Policy" content="{policy}">')
    (tmp_path / "app" / "runtime").mkdir(parents=True)
    (tmp_path / "app" / "runtime" / "worker.js").write_text("self.onmessage = null;")
    server = serve.make_server(tmp_path, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        assert get(url + "index.html")[1]["Content-Security-Policy"] == policy
        worker = get(url + "app/runtime/worker.js")[1]["Content-Security-Policy"]
        assert worker == "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; connect-src 'self'"
    finally:
        server.shutdown()
        server.server_close()
    other = serve.make_server(tmp_path / "app", 0)   # a folder with no index.html: no policy to send
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        assert get(f"http://127.0.0.1:{other.server_address[1]}/runtime/worker.js")[1]["Content-Security-Policy"] is None
    finally:
        other.shutdown()
        other.server_close()


def test_serve_py_prints_where_to_open_it_and_where_phones_can(capsys, monkeypatch, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html>")
    monkeypatch.setattr(serve, "lan_address", lambda: "192.168.1.23")
    monkeypatch.setattr(serve.http.server.ThreadingHTTPServer, "serve_forever",
                        lambda self: (_ for _ in ()).throw(KeyboardInterrupt))
    serve.main([str(tmp_path), "--port", "0", "--bind", "0.0.0.0"])
    out = capsys.readouterr().out.splitlines()
    assert re.match(r"Backprop Lab: open http://127\.0\.0\.1:\d+/ in a browser on this computer", out[0]), out
    assert re.match(r"Phones and laptops on the same network: http://192\.168\.1\.23:\d+/$", out[1]), out


def test_serve_py_on_this_computer_only_says_how_to_reach_phones():
    lines = serve.address_lines("127.0.0.1", 8000, "10.0.0.5")
    assert lines[0].startswith("Backprop Lab: open http://127.0.0.1:8000/")
    assert "--bind 0.0.0.0" in lines[1] and "http://10.0.0.5:8000/" in lines[1]
    assert "not found" in serve.address_lines("0.0.0.0", 8000, None)[1]


def test_the_lan_address_is_found_without_the_network_or_is_none():
    ip = serve.lan_address()   # a UDP connect() sends nothing: works on a machine with no network
    assert ip is None or (re.fullmatch(r"\d+\.\d+\.\d+\.\d+", ip) and not ip.startswith("127."))
