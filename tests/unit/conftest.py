"""Unit tests import backprop_lab as installed (pip install -e .; see tests/conftest.py)."""
import os

import pytest

# The folder that holds the package (a working directory for tests that start a fresh Python).
PY_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "py"))


@pytest.fixture
def torch_float64():
    """backprop_lab.torch with float64 as its default dtype for one test (float32, as PyTorch, after)."""
    from backprop_lab import torch
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(old)
