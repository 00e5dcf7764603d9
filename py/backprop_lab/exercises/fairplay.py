"""An exercise is answered by the student's own code, not by the lab's.

    shortcut(source, exercise)        -> None, or the error dict that refuses the text
    namespace(exercise)               -> the globals the submission runs in

The checks compare the submitted function with the lab's reference, so a submission
that simply calls the reference passes every check. Two one-line ways to do that are
closed here:

- `from backprop_lab.activations import ACTIVATIONS` (or any other mention of the lab's
  package: an import, importlib, sys.modules): refused by reading the code, with what
  to do instead;
- `_ref = ACTIVATIONS["sigmoid"].df` in the module's own globals: the namespace holds
  numpy, math and the module's helpers, but the reference, and every table entry that
  holds it, are replaced by a stand-in that says it is withheld.

A determined student can still get round this; the checks are there to teach, and an
honest answer never fails because of it. Pure Python: it runs on a bare Pyodide.
"""
import ast

from .studentcode import error, namespace_for

LAB = "backprop_lab"


def _mentions_lab(node):
    if isinstance(node, ast.Import):
        return any(a.name.split(".")[0] == LAB for a in node.names)
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == LAB
    if isinstance(node, ast.Name):
        return node.id == LAB
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return LAB in node.value
    return False


def shortcut(source, exercise):
    """The error dict refusing `source` if it reaches into the lab's own package, else None.
    (Text that does not parse is left to the compiler, which says where.)"""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if _mentions_lab(node):
            line = getattr(node, "lineno", None)
            return error(
                "shortcut", line,
                "Your code uses the lab's own package (backprop_lab), which already holds the answer. "
                "Write %s yourself: np, math and the helpers the exercise names are already there, "
                "with no import." % exercise.function)
    return None


class Withheld:
    """Stands where the reference was: calling it says why, instead of answering."""

    def __init__(self, what):
        self.what = what

    def __call__(self, *args, **kwargs):
        raise NameError("%s is the lab's own answer to this exercise, so it is not available "
                        "here: write it yourself" % self.what)

    def __repr__(self):
        return "<withheld: %s>" % self.what


def _without(value, reference, stand_in):
    """value with `reference` replaced (directly, in a (named) tuple, or in a dict's values), or
    value itself if it holds no reference."""
    if value is reference:
        return stand_in
    if isinstance(value, tuple) and any(v is reference for v in value):
        items = [stand_in if v is reference else v for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if type(value) is dict and any(v is reference or (isinstance(v, tuple) and any(x is reference for x in v))
                                   for v in value.values()):
        return {k: _without(v, reference, stand_in) for k, v in value.items()}
    return value


def namespace(exercise):
    """A copy of the exercise module's globals (np, math, helpers) without the reference."""
    ns = namespace_for(exercise.module)
    reference = exercise.reference_function()
    stand_in = Withheld("%s.%s" % exercise.reference)
    for key, value in list(ns.items()):
        if not key.startswith("__"):
            ns[key] = _without(value, reference, stand_in)
    return ns
