"""Small helpers that keep the same code working on Pyodide 0.17 and on current CPython."""
import importlib
import sys


def deep_import(name, limit=300):
    """Import a module whose import chain is deep (scikit-learn, matplotlib).

    Pyodide 0.17's worker allows only about 150 nested Python calls, which some
    imports exceed. The limit is raised just for the import and then restored:
    raising it for good crashes other code. On CPython this is a plain import.
    """
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        return importlib.import_module(name)
    finally:
        sys.setrecursionlimit(old)
