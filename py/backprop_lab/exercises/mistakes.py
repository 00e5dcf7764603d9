"""Known mistakes, recognised by what they compute.

Each exercise lists the classic wrong answers it anticipates, with one sentence each in the
lecture's terms:

    Mistake("sum_not_mean", "you summed the losses over the samples: L is their mean (divide by n)",
            edit=("value = np.mean(lse - z[rows, labels])", "value = np.sum(lse - z[rows, labels])"))
    Mistake("sigmoid", "a(1 − a) is the sigmoid's derivative; tanh's is 1 − a²", fn=lambda z, a: a * (1 - a))
    Mistake("in_place", "...", detect=lambda student: ...)

A variant is a function (fn), or the reference solution's text with some lines changed (edit:
one (old, new) pair or a list of them), compiled in the namespace the reference lives in.
find() runs the student's function, the reference and every variant on the same inputs (the
exercise's fixed cases and its first random ones): the student's answer IS that mistake when
its outputs agree with the variant's on every case, where the variant differs from the
reference on some. Not the text: `1 - a*a`, `1 - a**2` and `1 - np.square(a)` are one answer.
detect(student) is for mistakes an output does not show (an argument changed in place): it
returns the failing case ({"input", "expected", "got", "short"}) or None.
"""
import numpy as np

from . import catalog, studentcode
from .cases import agree

MISTAKE_CASES = 5      # random cases tried besides the fixed ones
_compiled = {}


class Mistake:
    def __init__(self, id, message, fn=None, edit=None, detect=None):
        self.id, self.message, self.fn, self.detect = id, message, fn, detect
        self.edits = [edit] if isinstance(edit, tuple) else list(edit or [])

    def variant(self, exercise_id):
        """The wrong function itself."""
        if self.fn is not None:
            return self.fn
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
            _compiled[key] = studentcode.compile_function(text, exercise.function, ns, filename)
        return _compiled[key]


def _floats(outputs):
    try:
        return [np.asarray(v, dtype=float) for v in outputs]
    except (TypeError, ValueError):
        return None


def find(spec, student):
    """(mistake, case) of the first known mistake the student's function makes, or None."""
    cases = spec.fixed + spec.random_inputs()[:MISTAKE_CASES]
    wants = [spec.want(c) for c in cases]
    raw = [spec.run(student, c) for c in cases]
    gots = [_floats(r) for r in raw]
    for m in spec.mistakes:
        if m.detect is not None:
            case = m.detect(student)
            if case is not None:
                return m, case
            continue
        if any(g is None for g in gots):
            continue
        fn = m.variant(spec.exercise)
        try:
            outs = [_floats(spec.run(fn, c)) for c in cases]
        except Exception:           # a variant that raises here cannot be told by its outputs
            continue
        if any(o is None for o in outs):
            continue
        if not all(agree(g, o) for go, oo in zip(gots, outs) for g, o in zip(go, oo)):
            continue
        for c, w, g, o in zip(cases, wants, gots, outs):
            for name, wi, gi, oi in zip(spec.outputs, w, g, o):
                if not agree(oi, wi):
                    if gi.shape == wi.shape:
                        diff = np.abs(np.nan_to_num(gi - wi, nan=np.inf)) if gi.size else gi
                        index = np.unravel_index(int(np.argmax(diff)), gi.shape) if gi.shape else ()
                        return m, spec.case(c, name, index, wi, gi)
                    from .cases import show_inputs
                    return m, {"input": show_inputs(c), "expected": "%s of shape %s" % (name, wi.shape),
                               "got": "%s of shape %s" % (name, gi.shape),
                               "short": "%s: expected shape %s, got %s" % (name, wi.shape, gi.shape)}
    return None
