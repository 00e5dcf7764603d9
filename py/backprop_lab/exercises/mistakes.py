"""Known mistakes, recognised by what they compute.

Each exercise lists the classic wrong answers it anticipates, with one sentence each in the
lecture's terms:

    Mistake("sum_not_mean", "you summed the losses over the samples: L is their mean (divide by n)",
            edit=("value = np.mean(lse - z[rows, labels])", "value = np.sum(lse - z[rows, labels])"))
    Mistake("sigmoid", "a(1 − a) is the sigmoid's derivative; tanh's is 1 − a²", fn=lambda z, a: a * (1 - a))
    Mistake("in_place", "...", detect=lambda student: ...)

A variant is a function (fn, or a list of them: ways to make the same mistake), or the
reference solution's text with some lines changed (edit: one (old, new) pair or a list of
them), compiled in the namespace the reference lives in.
find() runs the student's function, the reference and every variant on the same inputs (the
exercise's fixed cases and its first random ones): the student's answer IS that mistake when
its outputs agree with the variant's on every case (or it raises the same kind of exception
where the variant does), where the variant differs from the reference on some. Not the text:
`1 - a*a`, `1 - a**2` and `1 - np.square(a)` are one answer.
detect(student) is for mistakes an output does not show (an argument changed in place): it
returns the failing case ({"input", "expected", "got", "short"}) or None.
"""
import numpy as np

from . import catalog, studentcode
from .cases import agree
from .checks._support import CheckFailure

MISTAKE_CASES = 5      # random cases tried besides the fixed ones
_compiled = {}


class Mistake:
    def __init__(self, id, message, fn=None, edit=None, detect=None):
        self.id, self.message, self.detect = id, message, detect
        self.fns = fn if isinstance(fn, list) else [fn] if fn is not None else []
        self.edits = [edit] if isinstance(edit, tuple) else list(edit or [])

    def variants(self, exercise_id):
        """The wrong functions themselves (one or more ways to make this mistake)."""
        if self.fns:
            return self.fns
        key = (exercise_id, self.id)
        if key not in _compiled:
            exercise = catalog.get(exercise_id)
            text = exercise.solution()
            for old, new in self.edits:
                if old not in text:
                    raise ValueError("mistake %s of %s: the solution no longer contains %r" % (self.id, exercise_id, old))
                text = text.replace(old, new)
            from .fairplay import base_namespace
            ns = base_namespace(exercise.module)
            filename = studentcode.new_filename("mistake %s" % self.id)
            _compiled[key] = [studentcode.compile_function(text, exercise.function, ns, filename)]
        return _compiled[key]


class _Raised:
    """What a run raised instead of returning (compared by type between student and variant)."""

    def __init__(self, exc):
        self.exc = exc


def _outputs(spec, fn, inputs, student=False):
    """fn's outputs as float arrays, a _Raised, or None (outputs that are not numbers)."""
    try:
        out = spec.run(fn, inputs)
    except CheckFailure:
        if student:
            raise          # returned None, or text: said as it is
        return None
    except Exception as exc:    # not KeyboardInterrupt
        return _Raised(exc)
    try:
        return [np.asarray(v, dtype=float) for v in out]
    except (TypeError, ValueError):
        return None


def _same(got, out):
    if isinstance(got, _Raised) or isinstance(out, _Raised):
        return isinstance(got, _Raised) and isinstance(out, _Raised) and type(got.exc) is type(out.exc)
    if got is None or out is None or len(got) != len(out):
        return False
    return all(agree(g, o) for g, o in zip(got, out))


def find(spec, student):
    """(mistake, case) of the first known mistake the student's function makes, or None.

    Raises what the student's function raised if it is no known mistake."""
    cases = spec.fixed + spec.random_inputs()[:MISTAKE_CASES]
    wants = [spec.want(c) for c in cases]
    gots = [_outputs(spec, student, c, student=True) for c in cases]
    for m in spec.mistakes:
        if m.detect is not None:
            case = m.detect(student)
            if case is not None:
                return m, case
            continue
        for fn in m.variants(spec.exercise):
            outs = [_outputs(spec, fn, c) for c in cases]
            if all(_same(g, o) for g, o in zip(gots, outs)) and not all(_same(w, o) for w, o in zip(wants, outs)):
                return m, _first_difference(spec, cases, wants, gots)
    raised = [g for g in gots if isinstance(g, _Raised)]
    if raised:
        raise raised[0].exc
    return None


def _first_difference(spec, cases, wants, gots):
    from .cases import show_inputs
    for c, w, g in zip(cases, wants, gots):
        if isinstance(g, _Raised):
            return {"input": show_inputs(c), "expected": "a result", "got": studentcode.one_line(g.exc),
                    "short": studentcode.one_line(g.exc)}
        for name, wi, gi in zip(spec.outputs, w, g):
            if agree(gi, wi):
                continue
            if gi.shape == wi.shape:
                diff = np.abs(np.nan_to_num(gi - wi, nan=np.inf)) if gi.size else gi
                index = np.unravel_index(int(np.argmax(diff)), gi.shape) if gi.shape else ()
                return spec.case(c, name, index, wi, gi)
            return {"input": show_inputs(c), "expected": "%s of shape %s" % (name, wi.shape),
                    "got": "%s of shape %s" % (name, gi.shape),
                    "short": "%s: expected shape %s, got %s" % (name, wi.shape, gi.shape)}
    return None
