"""Every test imports backprop_lab as installed (`pip install -e .`, which `python3 build.py test`
does), never through sys.path. Make sure it is this checkout's code that is under test."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    try:
        import backprop_lab
    except ImportError:
        raise pytest.UsageError("backprop_lab is not installed: run `pip install -e .` in this venv "
                                "(python3 build.py test does it)") from None
    here = (ROOT / "py" / "backprop_lab").resolve()
    found = Path(backprop_lab.__file__).resolve().parent
    if found != here:
        raise pytest.UsageError(f"backprop_lab is imported from {found}, not from this checkout ({here}): "
                                "run `pip install -e .` here (python3 build.py test does it)")
