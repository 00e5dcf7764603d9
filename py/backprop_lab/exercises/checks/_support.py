"""What every checks file uses: the submitted function, and messages in the lecture's words.

The runner (exercises/runner.py) puts the student's function in SUBMITTED before it
runs pytest on a checks file and empties it afterwards; a check takes it through the
`student` fixture:

    from ._support import student   # noqa: F401  (a fixture)

    def test_at_zero(student):
        ...

A failing check raises AssertionError with the whole message for the student
(pytest runs with --assert=plain, so the message is exactly the text given here).
Works with pytest 3.6 (Pyodide 0.17.1) up to pytest 9; numpy is imported only by
the helpers that need it (the engine exercises run without numpy).
"""
import contextlib
import math

import pytest

SUBMITTED = {}     # {"function": the student's function, "exercise": its id}
_patches = []      # (owner, name, previous value) of attributes a check replaced


@pytest.fixture
def student():
    fn = SUBMITTED.get("function")
    if fn is None:
        raise RuntimeError("no submitted function: run these checks with exercises.run_checks")
    return fn


class CheckFailure(AssertionError):
    """A failed check: the message, and where known the named mistake and the first failing case
    ({"input", "expected", "got", "short"}: short texts the page shows in small print)."""

    def __init__(self, message, case=None, mistake=None):
        AssertionError.__init__(self, message)
        self.case, self.mistake = case, mistake


def fail(message, case=None, mistake=None):
    raise CheckFailure(message, case, mistake)


def num(x, digits=4):
    """A number as the student reads it: 0.25, -3, 1e-07, nan, inf."""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return repr(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == int(x) and abs(x) < 1e15:
        return "%d" % x
    return "%.*g" % (digits, x)


def nums(want, got):
    """want and got as text, with as many digits as it takes to see that they differ."""
    for digits in (4, 6, 8, 10, 12, 15):
        a, b = num(want, digits), num(got, digits)
        if a != b:
            break
    return a, b


def array(x):
    """A small array on one line: [[0.4, -0.5], [0.35, 0.6]]."""
    import numpy as np
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        return num(x)
    return "[" + ", ".join(array(row) for row in x) + "]"


def where(name, index):
    """W[0, 1], b[2], z[0]."""
    return "%s[%s]" % (name, ", ".join(str(int(i)) for i in index))


def returned_nothing(result, what):
    if result is None:
        fail("your function returned None: is the `return` missing? (%s should give a result)" % what,
             mistake="no_return")


def as_array(result, what, shape=None):
    """The result as a float array, with a clear message if it is not one (of `shape`)."""
    import numpy as np
    returned_nothing(result, what)
    text = _text_in(result)
    if text is not None:
        fail("%s should hold numbers, yours holds the text %r: write the number itself, without quotes"
             % (what, text), mistake="text")
    try:
        arr = np.asarray(result)
        arr = arr if arr.dtype in (np.float32, np.float16) else np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        fail("%s should be an array of numbers, yours is %s" % (what, _short(result)))
    if shape is not None and arr.shape != tuple(shape):
        fail("%s should have shape %s, yours has shape %s" % (what, _shape(shape), _shape(arr.shape)))
    return arr


def _text_in(value):
    """The first str (or bytes) inside value (a list, tuple or array), or None."""
    if isinstance(value, (str, bytes)):
        return value
    if isinstance(value, (list, tuple)):
        for v in value:
            t = _text_in(v)
            if t is not None:
                return t
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    if kind in ("U", "S") or (kind == "O" and getattr(value, "size", 0)):
        return _text_in(value.ravel().tolist())
    return None


def as_number(result, what):
    returned_nothing(result, what)
    text = _text_in(result)
    if text is not None:
        fail("%s should be a number, yours is the text %r: write the number itself, without quotes"
             % (what, text), mistake="text")
    try:
        import numpy as np
        if isinstance(result, np.ndarray):
            if result.size != 1:
                fail("%s should be one number, yours is an array of shape %s" % (what, _shape(result.shape)))
            result = result.reshape(-1)[0]
    except ImportError:
        pass
    try:
        return float(result)
    except (TypeError, ValueError):
        fail("%s should be a number, yours is %s" % (what, _short(result)))


def _shape(shape):
    shape = tuple(int(s) for s in shape)
    return "(%s)" % (", ".join(map(str, shape)) + ("," if len(shape) == 1 else ""))


def _short(value):
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def close(got, want, rtol=1e-6, atol=1e-9):
    return abs(got - want) <= atol + rtol * abs(want)


def worst_entry(got, want, rtol=1e-6, atol=1e-9):
    """The index where got and want differ most beyond the tolerance, or None if they agree.

    NaN or inf where a finite number is wanted counts as the worst possible entry. A float32 (or
    float16) result is held to its own precision (cases.tolerance), never to float64's."""
    import numpy as np

    from ..cases import tolerance
    low_rtol, low_atol = tolerance(got, want)
    rtol, atol = max(rtol, low_rtol), max(atol, low_atol)
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    with np.errstate(invalid="ignore"):
        excess = np.abs(got - want) - (atol + rtol * np.abs(want))
    excess = np.where(np.isfinite(got), excess, np.inf)
    if not np.any(excess > 0):
        return None
    return np.unravel_index(int(np.argmax(excess)), got.shape) if got.shape else ()


def numeric_gradient(f, A, h=1e-6):
    """Central differences (f(A + h) - f(A - h)) / 2h of the number f() for every entry of A
    (A is nudged in place and put back): gradcheck.numerical_grads."""
    from ...gradcheck import numerical_grads
    return numerical_grads(lambda arrays: f(), [A], h)[0]


def compare_gradient(symbol, name, got, numeric, rtol=1e-4, atol=1e-6):
    """Fail with "dL/dW differs from finite differences by 0.3 at W[0, 1] ..." unless they agree."""
    import numpy as np
    got = as_array(got, symbol, np.shape(numeric))
    index = worst_entry(got, numeric, rtol, atol)
    if index is not None:
        diff = abs(got[index] - numeric[index])
        fail("%s differs from finite differences by %s at %s (finite differences give %s, yours gives %s)"
             % ((symbol, num(diff), where(name, index)) + nums(numeric[index], got[index])))


@contextlib.contextmanager
def patched(owner, name, value):
    """owner.name = value inside the block, put back afterwards (also on an interrupt)."""
    previous = vars(owner).get(name) if isinstance(owner, type) else getattr(owner, name)
    setattr(owner, name, value)
    _patches.append((owner, name, previous))
    try:
        yield
    finally:
        setattr(owner, name, previous)
        _patches.remove((owner, name, previous))


def undo_patches():
    """Put back anything a check left replaced (the runner calls this after every run)."""
    while _patches:
        owner, name, previous = _patches.pop()
        setattr(owner, name, previous)
