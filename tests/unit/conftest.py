"""Unit tests import backprop_lab as installed (pip install -e .; see tests/conftest.py)."""
import os

# The folder that holds the package (a working directory for tests that start a fresh Python).
PY_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "py"))
