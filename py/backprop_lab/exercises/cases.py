"""Random cases against the reference, with tolerance by dtype and plain coercion.

A check file describes its exercise once, as a Spec:

    SPEC = Spec("tanh_derivative",
                inputs=lambda rng: {"z": rng.normal(scale=3, size=(rng.randint(1, 6), 3))},
                call=lambda fn, z: [fn(z, np.tanh(z))],
                outputs=["tanh'(z)"],
                fixed=[{"z": np.array([-1000.0, 0.0, 1000.0])}],
                mistakes=[Mistake("sigmoid", "a(1 − a) is the sigmoid's derivative ...", lambda z, a: a * (1 - a))])
    def test_named_mistakes(student):      # first in the file
        SPEC.named_mistakes(student)

    def test_random_cases(student):
        SPEC.random_cases(student)

`call(fn, **inputs)` gets fresh copies of the inputs every time and returns the list of outputs;
the reference (the lab's own function, catalog.Exercise.reference_function) and the student's
function go through the same call, and their outputs are compared one by one. A failure names
the first failing case: {"input", "expected", "got", "short"} rides on the failure
(_support.CheckFailure) to the page.

Tolerance by dtype: float64 results are held to 1e-7 relative; a float32 (or float16) result to its
own precision. A float64 result that is right only to float32's precision fails with a message that
says precision is the only problem. Pure numpy; works with numpy 1.17 and Python 3.8.
"""
import copy

import numpy as np

from .checks._support import _text_in, array, fail, num, where

RANDOM_CASES = 12
TOL64 = (1e-7, 1e-9)       # rtol, atol (atol times the output's scale, at least 1)
TOL32 = (2e-4, 1e-6)
TOL16 = (2e-2, 2e-3)


def _dtype(x):
    dt = getattr(x, "dtype", None)
    return dt if dt is not None and dt.kind == "f" else None


def tolerance(got, want=None):
    """(rtol, atol) for a result of got's dtype: float64's is (0, 0) here (the caller's own applies)."""
    dt = _dtype(got)
    if dt is None or dt.itemsize >= 8:
        return 0.0, 0.0
    rtol, atol = TOL32 if dt.itemsize >= 4 else TOL16
    scale = 1.0 if want is None else max(1.0, float(np.nanmax(np.abs(np.where(np.isfinite(want), want, 0)))
                                                     if np.size(want) else 1.0))
    return rtol, atol * scale


def _excess(got, want, rtol, atol):
    with np.errstate(invalid="ignore"):
        diff = np.abs(got - want)
        excess = diff - (atol + rtol * np.abs(want))
    same_inf = np.isinf(got) & np.isinf(want) & (np.sign(got) == np.sign(want))
    both_nan = np.isnan(got) & np.isnan(want)
    excess = np.where(same_inf | both_nan, -1.0, excess)
    excess = np.where(np.isnan(excess), np.inf, excess)
    return excess


def mismatch(got, want, rtol=None, atol=None):
    """None if got agrees with want within got's dtype's tolerance, else (index, precision_only)."""
    got_f, want_f = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    scale = max(1.0, float(np.max(np.abs(want_f[np.isfinite(want_f)]))) if np.any(np.isfinite(want_f)) else 1.0)
    dt = _dtype(got)
    r, a = TOL64 if (dt is None or dt.itemsize >= 8) else (TOL32 if dt.itemsize >= 4 else TOL16)
    r, a = (r if rtol is None else max(r, rtol)), (a if atol is None else max(a, atol)) * scale
    excess = _excess(got_f, want_f, r, a)
    if not np.any(excess > 0):
        return None
    index = np.unravel_index(int(np.argmax(excess)), got_f.shape) if got_f.shape else ()
    lower = TOL32 if (dt is None or dt.itemsize >= 8) else TOL16    # the next precision down
    loose = _excess(got_f, want_f, lower[0], lower[1] * scale)
    return index, bool(not np.any(loose > 0))


def agree(got, want):
    """got and want are the same numbers (shape and values, nan where nan): used to tell
    which known mistake a result is."""
    got_f, want_f = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if got_f.shape != want_f.shape:
        return False
    scale = max(1.0, float(np.max(np.abs(want_f[np.isfinite(want_f)]))) if np.any(np.isfinite(want_f)) else 1.0)
    return not np.any(_excess(got_f, want_f, 1e-6, 1e-9 * scale) > 0)


def show(value, limit=90):
    """A value in a short line: 0.25, [[1, -2], [0.5, 3]], or "shape (40, 3): [[0.1, ...". """
    if isinstance(value, (str, bool)) or value is None:
        return repr(value)
    if isinstance(value, (int, float, np.number)):
        return num(value)
    if isinstance(value, (list, tuple)) and any(isinstance(v, (list, tuple, np.ndarray)) for v in value):
        text = "[" + ", ".join(show(v, limit) for v in value) + "]"
        return text if len(text) <= limit else text[:limit - 3] + "..."
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        text = repr(value)
        return text if len(text) <= limit else text[:limit - 3] + "..."
    if arr.ndim == 0:
        return num(arr)
    text = array(arr)
    if len(text) <= limit:
        return text
    shape = "shape (%s)" % ", ".join(map(str, arr.shape)) + ("," if arr.ndim == 1 else "")
    return "%s: %s..." % (shape.replace(",)", ")") if arr.ndim > 1 else shape + ")", text[:limit - 25])


def show_inputs(inputs):
    return "; ".join("%s = %s" % (k, show(v, 70)) for k, v in inputs.items())


def numbers(value, name, like):
    """The output `value` as an array shaped like `like` (the reference's), or a plain failure."""
    if value is None:
        fail("your function returned None: is the `return` missing? (%s should be there)" % name, mistake="no_return")
    text = _text_in(value)
    if text is not None:
        fail("%s should hold numbers, yours holds the text %r: write the number itself, without quotes"
             % (name, text), mistake="text")
    try:
        arr = np.asarray(value)
        if _dtype(arr) is None:
            arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail("%s should be numbers, yours is %s" % (name, show(value)))
    want_shape = np.shape(like)
    if arr.shape != want_shape:
        if arr.size == 1 and len(want_shape) == 0:
            return arr.reshape(())
        fail("%s should have shape %s, yours has shape %s" % (name, _shape(want_shape), _shape(arr.shape)))
    return arr


def _shape(shape):
    return "(%s)" % (", ".join(map(str, shape)) + ("," if len(shape) == 1 else ""))


class Spec:
    """One exercise's random cases, compared against the reference, and its named mistakes."""

    def __init__(self, exercise, inputs, call, outputs, fixed=(), mistakes=(), cases=RANDOM_CASES, seed=20241):
        self.exercise, self.inputs, self.call, self.outputs = exercise, inputs, call, list(outputs)
        self.fixed, self.mistakes, self.n, self.seed = list(fixed), list(mistakes), cases, seed

    @property
    def reference(self):
        from . import catalog
        return catalog.get(self.exercise).reference_function()

    def random_inputs(self):
        return [self.inputs(np.random.RandomState(self.seed + i)) for i in range(self.n)]

    def run(self, fn, inputs):
        """fn's outputs on fresh copies of the inputs, as a list."""
        with np.errstate(all="ignore"):
            out = self.call(fn, **copy.deepcopy(inputs))
        return list(out)

    def want(self, inputs):
        return [np.asarray(v, dtype=float) for v in self.run(self.reference, inputs)]

    def got(self, fn, inputs, want):
        out = self.run(fn, inputs)
        return [numbers(v, name, w) for v, name, w in zip(out, self.outputs, want)]

    def case(self, inputs, name, index, want, got):
        def at(x):
            x = np.asarray(x)
            return show(x if x.size <= 6 else x[index] if index != () else x)
        label = name if np.size(want) <= 6 or index == () else where(name, index)
        return {"input": show_inputs(inputs), "expected": "%s = %s" % (label, at(want)),
                "got": "%s = %s" % (label, at(got)),
                "short": "%s: expected %s, got %s" % (where(name, index) if index != () else name,
                                                      num(np.asarray(want)[index]), num(np.asarray(got)[index]))}

    def compare(self, inputs, want, got, what):
        for name, w, g in zip(self.outputs, want, got):
            bad = mismatch(g, w)
            if bad is None:
                continue
            index, precision_only = bad
            case = self.case(inputs, name, index, w, g)
            at = where(name, index) if index != () else name
            if precision_only:
                low = _dtype(g) is not None and _dtype(g).itemsize < 8
                fail("%s is right only to float32's precision%s: precision is the only problem. %s is %s, yours %s; "
                     "compute in float64%s" % (name, "" if not low else " at best (yours is %s)" % _dtype(g).name,
                                               at, num(np.asarray(w)[index], 10), num(np.asarray(g)[index], 10),
                                               "" if low else " (or return your float32 array as it is: a float32 "
                                               "result is held to float32's precision)"), case=case)
            fail("%s: %s should be %s, yours gives %s (input: %s)"
                 % (what, at, num(np.asarray(w)[index]), num(np.asarray(g)[index]), case["input"]), case=case)

    # ---- what a checks file's tests call --------------------------------------------------
    def random_cases(self, student):
        """Fail on the first case (fixed ones, then random ones) where student and reference differ."""
        total = len(self.fixed) + self.n
        for i, inputs in enumerate(self.fixed + self.random_inputs()):
            want = self.want(inputs)
            self.compare(inputs, want, self.got(student, inputs, want),
                         "on case %d of %d against the lab's own %s" % (i + 1, total, _name(self.exercise)))

    def named_mistakes(self, student):
        """Fail with the mistake's own sentence if the student's function computes a known mistake."""
        from .mistakes import find
        found = find(self, student)
        if found:
            mistake, case = found
            fail(mistake.message, case=case, mistake=mistake.id)


def unpack(result, n, what):
    """result as n values (a function returning a tuple), or a plain failure."""
    if result is None:
        fail("your function returned None: is the `return` missing? (%s)" % what, mistake="no_return")
    try:
        values = list(result)
    except TypeError:
        values = None
    if values is None or len(values) != n:
        fail("your function should return %s, yours returns %s" % (what, show(result)))
    return values


def _name(exercise_id):
    from . import catalog
    return catalog.get(exercise_id).function
