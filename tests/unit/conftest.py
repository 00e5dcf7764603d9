"""Make the package in <repo>/py importable as backprop_lab."""
import os
import sys

PY_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "py"))
if PY_DIR not in sys.path:
    sys.path.insert(0, PY_DIR)
