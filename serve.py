#!/usr/bin/env python3
"""Serve a Backprop Lab folder on this computer: python3 serve.py [--port 8000] [folder]

Standard library only (Python 3.7 or later), so it runs from the offline kit with nothing
installed. Compared with `python3 -m http.server` it
  - sends a file's precompressed `.gz` sibling (written by build.py for the big runtime files)
    with `Content-Encoding: gzip`, when the browser accepts gzip: the Python runtime and
    numpy cross a lecture hall's Wi-Fi at about half their size;
  - sends the COOP/COEP headers that give the page SharedArrayBuffer, so Stop can interrupt
    Python mid-call (`--no-isolation` leaves them out, as GitHub Pages does);
  - gives .wasm, .mjs and .data files the types browsers need.
build.py's `serve` task uses this very handler.
"""
import argparse
import email.utils
import functools
import http.server
import os
import re
import socket
import sys

GZ = ".gz"


def accepts_gzip(header):
    """Does an Accept-Encoding header allow gzip? ("gzip;q=0" refuses it; "*" allows it.)"""
    allowed = {}
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name.strip():
            allowed[name.strip().lower()] = q
    if "gzip" in allowed:
        return allowed["gzip"] > 0
    return allowed.get("*", 0) > 0


class LabHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the right types, gzip siblings, and COOP/COEP unless isolation is off."""
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".data": "application/octet-stream",
                      ".gz": "application/gzip"}
    isolate = True     # COOP/COEP
    compress = True    # send .gz siblings to browsers that accept gzip
    policy = None      # the site's Content-Security-Policy (index.html's), sent as a header too
    has_sibling = False

    def send_head(self):
        path = self.translate_path(self.path)
        self.has_sibling = os.path.isfile(path) and os.path.isfile(path + GZ)
        if self.compress and self.has_sibling and accepts_gzip(self.headers.get("Accept-Encoding")):
            return self.send_gzip(path)
        return super().send_head()

    def send_gzip(self, path):
        """The `.gz` sibling, labelled with the original's type (the browser decodes it)."""
        f = open(path + GZ, "rb")
        try:
            fs = os.fstat(f.fileno())
            since = self.headers.get("If-Modified-Since")
            if since and not self.headers.get("If-None-Match"):
                try:
                    when = email.utils.parsedate_to_datetime(since)
                except (TypeError, ValueError, IndexError, OverflowError):
                    when = None
                if when is not None and when.tzinfo is not None and int(fs.st_mtime) <= when.timestamp():
                    self.send_response(304)
                    self.end_headers()
                    f.close()
                    return None
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(fs.st_size))
            self.send_header("Last-Modified", self.date_time_string(fs.st_mtime))
            self.end_headers()
            return f
        except BaseException:
            f.close()
            raise

    def end_headers(self):
        if self.has_sibling:   # the body depends on Accept-Encoding: caches must know
            self.send_header("Vary", "Accept-Encoding")
        if self.isolate:  # SharedArrayBuffer, so Stop can interrupt Python mid-call
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cross-Origin-Resource-Policy", "cross-origin")
        if self.policy:   # a header reaches what a <meta> cannot: the worker scripts, the deck
            self.send_header("Content-Security-Policy", worker_policy(self.policy)
                             if self.path.split("?")[0].endswith("/app/runtime/worker.js") else self.policy)
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


def site_policy(folder):
    """The Content-Security-Policy of the site in `folder` (its index.html's <meta>), or None."""
    try:
        text = open(os.path.join(str(folder), "index.html"), encoding="utf-8").read()
    except OSError:
        return None
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
    return found.group(1) if found else None


def worker_policy(policy):
    """The Python worker's policy: the page's, with 'unsafe-eval' (Pyodide 0.17 evaluates strings as it
    starts). Other sites stay closed to it: connect-src and script-src name none."""
    return re.sub(r"script-src ([^;]*)", lambda m: m.group(0) if "'unsafe-eval'" in m.group(1)
                  else f"script-src {m.group(1)} 'unsafe-eval'", policy, count=1)


def make_server(folder, port=8000, isolate=True, host="127.0.0.1", compress=True):
    """A threading HTTP server for `folder` (port 0 picks a free one)."""
    handler = functools.partial(type("H", (LabHandler,), {"isolate": isolate, "compress": compress,
                                                          "policy": site_policy(folder)}),
                                directory=str(folder))
    return http.server.ThreadingHTTPServer((host, port), handler)


def lan_address():
    """This computer's address on its local network (the one phones on the same Wi-Fi reach), or None.

    A UDP socket "connected" to a private address makes the system pick the interface it would
    route through; connect() on UDP sends nothing, so this needs no network and never waits."""
    for probe in ("10.255.255.255", "192.168.255.255", "172.16.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 1))
                ip = s.getsockname()[0]
        except OSError:
            continue
        if ip and not ip.startswith(("127.", "0.")):
            return ip
    return None


def address_lines(bind, port, lan=None):
    """What serve.py prints: the address to open here, and the one phones on the same network use."""
    here = "127.0.0.1" if bind in ("", "0.0.0.0") else bind
    lines = [f"Backprop Lab: open http://{here}:{port}/ in a browser on this computer (Ctrl+C stops)."]
    if bind in ("", "0.0.0.0"):
        lines.append(f"Phones and laptops on the same network: http://{lan}:{port}/" if lan else
                     "Phones and laptops on the same network: this computer's address was not found "
                     f"(is it on a network?); use its IP address with :{port}")
    elif bind.startswith("127.") or bind == "localhost":
        lines.append("Only this computer can open it. For phones on the same network, start it with "
                     "--bind 0.0.0.0: python3 serve.py --bind 0.0.0.0"
                     + (f", then they open http://{lan}:{port}/" if lan else ""))
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=os.path.dirname(os.path.abspath(__file__)),
                        help="the site's folder (default: the folder this file is in)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1", help="address to listen on (default: this computer only)")
    parser.add_argument("--no-isolation", action="store_true", help="no COOP/COEP headers (as on GitHub Pages)")
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(args.folder, "index.html")):
        sys.exit(f"{args.folder} has no index.html: give the folder of the built site")
    server = make_server(args.folder, args.port, isolate=not args.no_isolation, host=args.bind)
    for line in address_lines(args.bind, server.server_address[1], lan_address()):
        print(line, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
