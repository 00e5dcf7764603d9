"""The one module that knows it is called from JavaScript.

The worker calls ``run_lesson(module, fn, args_json)``. The lesson function gets plain
Python values and returns plain data: numbers, strings, lists, dicts and numpy
arrays. Everything but the arrays crosses back as one JSON string; each array is
replaced by ``{"__array__": i, "dtype": ..., "shape": [...]}`` and handed over
separately with ``take_array(i)``, so the worker can copy its bytes
(``getBuffer``) instead of turning every number into JSON.

Nothing here imports ``js`` or ``pyodide``, so the same code runs under CPython
tests, and it does not import numpy itself: a pure-Python lesson runs on a
Pyodide that has no numpy. Non-finite floats become ``null``: NaN never reaches a chart or the URL.
A dict of the result with a key ``__array__`` of its own (say, from an imported file) would pass
for a placeholder, so it is refused with a one-line ValueError, like any lesson error.
"""
import importlib
import inspect
import json
import math
import sys

from .compat import deep_import

_arrays = []  # arrays of the last result, waiting to be taken by the worker
PLACEHOLDER = "__array__"   # {"__array__": i, ...} stands for _arrays[i] in the JSON


def _plain(value):
    """Turn a lesson's result into JSON-ready data, moving arrays to _arrays."""
    np = sys.modules.get("numpy")  # only loaded if some lesson needed it
    if isinstance(value, dict):
        if PLACEHOLDER in value:
            raise ValueError("a result holds a key named %s, which only the bridge's array "
                             "placeholders may use" % PLACEHOLDER)
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if np is not None and isinstance(value, np.ndarray):
        _arrays.append(np.ascontiguousarray(value))
        return {PLACEHOLDER: len(_arrays) - 1, "dtype": str(value.dtype),
                "shape": list(value.shape)}
    if np is not None and isinstance(value, np.generic):
        value = value.item()  # numpy scalar -> Python bool, int or float
    if isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value


def run_lesson(module, fn, args_json="{}", client=""):
    """Run ``module.fn(**args)`` and return its result as a JSON string.

    ``client`` names the page that calls: the slides of one deck share one interpreter, and each
    keeps its own run (see ``use_client``). The page of its own, and the host slide, are ``""``."""
    del _arrays[:]
    live = sys.modules.get("backprop_lab.live")
    if live is not None and module != live.__name__:   # a lesson's call (not the page asking live)
        live.begin_call()
    args = json.loads(args_json)
    func = getattr(importlib.import_module(module), fn)
    use_client(client)
    return json.dumps(_plain(func(**args)), allow_nan=False)


# ---- one interpreter, several slides: each client has its own run ------------------------------
# A lesson module keeps its current run in module-level dicts, named in its PER_CLIENT_STATE
# (playground._run, convergence._race ...). Before a call, the bridge puts the calling client's own
# dicts in their place, so two slides of the same lesson (XOR's gate net and its trained net, or the
# lab's deck and a lecturer's) never train each other's network. Functions read the names at call
# time (``playground._run["net"]`` from playground_io too), so swapping the module attribute suffices.
_clients = {}          # client -> {(module name, attribute): dict}
_current = [""]        # the client whose dicts are in place now


def use_client(client):
    """Put ``client``'s state dicts in place in every loaded lesson module that declares some."""
    if client == _current[0]:
        return
    mine, theirs = _clients.setdefault(client, {}), _clients.setdefault(_current[0], {})
    for name, mod in list(sys.modules.items()):
        for attr in getattr(mod, "PER_CLIENT_STATE", ()) if name.startswith("backprop_lab.") else ():
            theirs[(name, attr)] = getattr(mod, attr)
            setattr(mod, attr, mine.setdefault((name, attr), {}))
    _current[0] = client


# Modules to import right after a package loads, with a raised recursion limit (compat.py):
# scikit-learn's imports are too deep for Pyodide 0.17's worker otherwise. matplotlib must
# be switched to Agg before pyplot is imported (the default backend needs a DOM).
DEEP_IMPORTS = {"scikit-learn": ["sklearn.datasets"], "matplotlib": ["matplotlib.pyplot"]}


def after_load(package):
    """Prepare a just-loaded package: import its deep modules."""
    if package == "matplotlib":
        importlib.import_module("matplotlib").use("Agg")
    for module in DEEP_IMPORTS.get(package, []):
        deep_import(module)


def take_array(i):
    """The i-th array of the last result (the worker copies its buffer)."""
    if not 0 <= i < len(_arrays):
        raise IndexError("no array %d in the last result (it has %d)" % (i, len(_arrays)))
    return _arrays[i]


def get_source(module, fn=None):
    """Source code of a module or one of its functions, as actually loaded."""
    obj = importlib.import_module(module)
    for name in (fn or "").split(".") if fn else []:   # "Trainer._step" is a method
        obj = getattr(obj, name)
    return inspect.getsource(obj)
