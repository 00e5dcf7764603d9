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

Also refused by reading the code, each with why and what to do instead: calling the lab's
own method being written (self.step, SGD.step, self.loss_and_grads, Value.tanh ...),
np.gradient (finite differences between an array's neighbours, not the derivative asked for),
and scipy.special.logsumexp / softmax in softmax_ce (the log-sum-exp trick is the exercise), and
per exercise (REFUSED_IN): np.polyfit in the least-squares fits, np.linalg.lstsq and pinv in the
normal equations, sklearn's confusion_matrix in the confusion matrix.

A determined student can still get round this; the checks are there to teach, and an
honest answer never fails because of it. Pure Python: it runs on a bare Pyodide.
"""
import ast
import math

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


def _dotted(node):
    """"np.gradient" for the expression np.gradient, or None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id] + parts[::-1])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("type", "super"):
        return ".".join([node.func.id + "()"] + parts[::-1])
    return None


def _imported(node):
    """Dotted names an import brings in: "numpy.gradient", "scipy.special.logsumexp"."""
    if isinstance(node, ast.ImportFrom) and node.module:
        return [node.module + "." + a.name for a in node.names]
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    return []


GRADIENT = ("np.gradient estimates a slope from an array's neighbouring entries (finite differences "
            "between samples), which is not the derivative this exercise asks for: write the formula "
            "from the lecture instead")
LOGSUMEXP = ("%s does the log-sum-exp trick for you, and that trick is what this exercise is "
             "about: take m = max_j z_j of each row and compute m + ln Σ_j e^(z_j − m) yourself")


POLYFIT = ("np.polyfit fits the line for you, and setting up the least squares problem with X is what this "
           "exercise is about: solve it for W = [w, b] with X and y")
SOLVER = ("%s solves the least squares problem for you, and this exercise is the normal equations "
          "themselves: form XᵀX and Xᵀy and solve XᵀX W = Xᵀy with np.linalg.solve")
# Shortcuts refused in one exercise only: {exercise id: {last part of the name: why}}
REFUSED_IN = {
    "lstsq": {"polyfit": POLYFIT},
    "normal_equations": {"polyfit": POLYFIT, "lstsq": SOLVER % "np.linalg.lstsq", "pinv": SOLVER % "np.linalg.pinv",
                         "closed_form": SOLVER % "the lesson's closed_form"},
    "cybenko_alpha": {"polyfit": "np.polyfit fits polynomials, not sigmoid units: build Φ from the units and "
                                 "solve the least squares problem Φα ≈ f"},
    "confusion": {"confusion_matrix": "sklearn's confusion_matrix counts for you, and the counting is this "
                                      "exercise: add 1 at (y_true[i], y_pred[i]) for every sample"},
    "softmax_jacobian": {"jacobian": "a library's Jacobian differentiates for you: write ∂p_i/∂z_j from p"},
}


def _refused_name(name, exercise):
    """Why the dotted name `name` is refused in `exercise`, or None."""
    last = name.split(".")[-1]
    first = name.split(".")[0]
    if last in REFUSED_IN.get(exercise.id, {}):
        return REFUSED_IN[exercise.id][last]
    if last == "gradient" and first in ("np", "numpy"):
        return GRADIENT
    if exercise.id == "softmax_ce" and last in ("logsumexp", "log_softmax", "softmax") and (
            first in ("scipy", "special", "logsumexp", "log_softmax") or "scipy" in name):
        return LOGSUMEXP % ("scipy.special." + last)
    if "." in exercise.reference[1]:          # a method: self.step, SGD.step, type(self).step, super().step
        owner = exercise.reference[1].split(".")[0]
        parts = name.split(".")
        if len(parts) == 2 and parts[1] == exercise.function and parts[0] in ("self", owner, "type()", "super()"):
            return ("that is the lab's own %s, the method you are writing, so calling it answers nothing: "
                    "write its body yourself" % exercise.reference[1])
    return None


def shortcut(source, exercise):
    """The error dict refusing `source` if it reaches into the lab's own package, or takes a refused
    shortcut, else None. (Text that does not parse is left to the compiler, which says where.)"""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        names = _imported(node) or ([_dotted(node)] if isinstance(node, ast.Attribute) else [])
        for name in names:
            why = name and _refused_name(name, exercise)
            if why:
                return error("shortcut", getattr(node, "lineno", None), "Your code uses %s: %s." % (name, why))
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


def base_namespace(module):
    """A copy of `module`'s globals with np and math, the same two for every exercise."""
    ns = namespace_for(module)
    ns.setdefault("math", math)
    try:
        import numpy
    except ImportError:       # the engine's exercises run on a Pyodide without numpy
        numpy = None
    if numpy is not None:
        ns.setdefault("np", numpy)
    return ns


def namespace(exercise):
    """A copy of the exercise module's globals (np, math, helpers) without the reference."""
    ns = base_namespace(exercise.module)
    reference = exercise.reference_function()
    stand_in = Withheld("%s.%s" % exercise.reference)
    for key, value in list(ns.items()):
        if not key.startswith("__"):
            ns[key] = _without(value, reference, stand_in)
    return ns
