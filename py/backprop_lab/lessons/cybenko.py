"""Lesson 5, universal approximation (Cybenko): H sigmoid units fit a continuous f on [0, 1].

    a(x) = sum_h alpha_h sigma(w_h x + b_h) + alpha_0,     h = 1 .. H

The hidden weights are chosen, not trained: unit h is a smooth step centred at
c_h = (h - 1/2) / H with steepness s = 2H, i.e. w_h = s and b_h = -s c_h. Only the
output weights alpha are fitted, by least squares (np.linalg.lstsq, no inverse).

The target f comes from a small expression language in x, parsed with Python's ast
module and evaluated by walking the tree: only numbers, x, pi, e, + - * / **, unary
minus and a fixed table of numpy functions. Nothing is ever passed to eval().
"""
import ast

import numpy as np

from .. import activations  # activations.sigmoid at call time: an edited sigmoid runs here

PRESETS = {
    "sin": "sin(2*pi*x)",
    "kink": "abs(x - 1/2)",
    "step": "(1 + tanh(30*(x - 1/2)))/2",
    "square": "x**2",
}
FUNCTIONS = {"sin": np.sin, "cos": np.cos, "exp": np.exp, "log": np.log, "sqrt": np.sqrt,
             "abs": np.abs, "tanh": np.tanh}
CONSTANTS = {"pi": np.pi, "e": np.e}
OPERATORS = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply,
             ast.Div: np.divide, ast.Pow: np.power}
MAX_LENGTH = 200
MAX_DEPTH = 30
H_SWEEP = [1, 2, 4, 8, 16, 32, 64, 100]
N_FIT = 501       # points the least squares fit sees
N_CHECK = 2001    # points sup|a - f| is measured on
N_PLOT = 401      # points sent to the page for drawing


class ExpressionError(ValueError):
    """A target expression that is not allowed or cannot be evaluated; the message says why."""


# ---- the target f: a safe expression language ---------------------------------------------

def _where(text, node):
    """'"part" at position i' for the piece of text a tree node came from."""
    part = ast.get_source_segment(text, node) or ""
    return '"%s" at position %d' % (part, node.col_offset + 1)


def _check_node(text, node):
    """Raise ExpressionError unless this one node is allowed (its children are checked too)."""
    if isinstance(node, ast.Expression):
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise ExpressionError("Only plain numbers are allowed: %s." % _where(text, node))
        return
    if isinstance(node, ast.Name):
        if node.id != "x" and node.id not in CONSTANTS:
            raise ExpressionError("Unknown name %s: use x, pi or e." % _where(text, node))
        return
    if isinstance(node, ast.BinOp):
        if type(node.op) not in OPERATORS:
            raise ExpressionError("Operator not allowed in %s: use + - * / **." % _where(text, node))
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise ExpressionError("Operator not allowed in %s." % _where(text, node))
        return
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in FUNCTIONS:
            raise ExpressionError("Unknown function in %s: use %s." % (_where(text, node), ", ".join(FUNCTIONS)))
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
            raise ExpressionError("%s() takes exactly one argument: %s." % (name, _where(text, node)))
        return
    if isinstance(node, (ast.operator, ast.unaryop, ast.expr_context)):
        return     # the op / Load fields of nodes already checked above
    kinds = {ast.Attribute: "attribute access", ast.Lambda: "lambda", ast.Subscript: "indexing",
             ast.Compare: "comparison", ast.BoolOp: "and/or", ast.IfExp: "if/else"}
    kind = kinds.get(type(node), type(node).__name__)
    raise ExpressionError("Not allowed (%s): %s." % (kind, _where(text, node)))


def parse_expression(text):
    """Parse an expression in x into a checked ast tree; raise ExpressionError with the reason."""
    text = text.strip()
    if not text:
        raise ExpressionError("Type an expression in x, for example sin(2*pi*x).")
    if len(text) > MAX_LENGTH:
        raise ExpressionError("The expression is longer than %d characters." % MAX_LENGTH)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as err:
        raise ExpressionError(_syntax_message(text, err)) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError("The expression cannot be read (too deeply nested?).") from None
    stack = [(tree, 0)]       # walk the tree without recursion, tracking the depth
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError("The expression is nested more than %d levels deep." % MAX_DEPTH)
        _check_node(text, node)
        children = node.args if isinstance(node, ast.Call) else ast.iter_child_nodes(node)
        stack.extend((child, depth + 1) for child in children)   # (a call's name is checked)
    return tree


def _syntax_message(text, err):
    """Where the syntax broke, for the page."""
    at = min(max(err.offset or len(text), 1), len(text))
    return ('Syntax error at position %d (near "%s"): check the brackets and operators; '
            'powers are written **.' % (at, text[at - 1:at + 4].replace("\n", " ")))


def _evaluate(node, x):
    """Value of a checked tree node at the points x (numpy arrays all the way)."""
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, x)
    if isinstance(node, ast.Constant):
        try:
            return np.float64(float(node.value))
        except OverflowError:
            raise ExpressionError("The number %s is too large." % str(node.value)[:20]) from None
    if isinstance(node, ast.Name):
        return x if node.id == "x" else np.float64(CONSTANTS[node.id])
    if isinstance(node, ast.BinOp):
        return OPERATORS[type(node.op)](_evaluate(node.left, x), _evaluate(node.right, x))
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, x)
        return -value if isinstance(node.op, ast.USub) else value
    return FUNCTIONS[node.func.id](_evaluate(node.args[0], x))          # a Call


def target(text, x):
    """f(x) for an expression text at the points x, shape (n,) -> (n,); ExpressionError if bad."""
    tree = parse_expression(text)
    try:
        with np.errstate(all="ignore"):        # 1/0 gives inf; we check for it below
            f = np.broadcast_to(_evaluate(tree, x), x.shape).astype(float)
    except RecursionError:
        raise ExpressionError("The expression is nested too deeply.") from None
    bad = ~np.isfinite(f)
    if bad.any():
        raise ExpressionError("f(x) is not a finite number at x = %.4g (a division by zero, log or "
                              "sqrt of a negative number, or an overflow?)." % x[np.argmax(bad)])
    return f


# ---- the network a(x) = sum_h alpha_h sigma(w_h x + b_h) + alpha_0 -----------------------------

def hidden_weights(H):
    """Chosen hidden weights: unit h steps up around c_h = (h - 1/2) / H, with steepness 2H.

    Returns w and b, each of shape (H,): w_h = s, b_h = -s c_h, so w_h x + b_h = s (x - c_h).
    """
    c = (np.arange(H) + 0.5) / H
    s = 2.0 * H
    return np.full(H, s), -s * c


def features(x, w, b):
    """Design matrix Phi, shape (n, H + 1): the units sigma(w_h x + b_h), then a column of ones."""
    units = activations.sigmoid(np.outer(x, w) + b)               # sigma(w_h x_i + b_h), (n, H)
    return np.column_stack([units, np.ones(len(x))])


def fit_alpha(x, f, w, b):
    """Least squares output weights: alpha = argmin ||Phi alpha - f||^2, shape (H + 1,).

    np.linalg.lstsq solves it through an SVD, which stays accurate when Phi's columns are
    nearly dependent, unlike the explicit (Phi^T Phi)^-1 Phi^T f.
    """
    alpha, *_ = np.linalg.lstsq(features(x, w, b), f, rcond=None)
    return alpha


def network(x, w, b, alpha):
    """a(x) = sum_h alpha_h sigma(w_h x + b_h) + alpha_0 at the points x, shape (n,)."""
    return features(x, w, b) @ alpha


MAX_F = 1e6   # |f(x)| above this is refused: the units are drawn as float32, and the axes would say nothing


def fit_network(text, H):
    """The H-unit network for the target text: w, b (H,) chosen, alpha (H + 1,) fitted on N_FIT points."""
    w, b = hidden_weights(H)
    x = np.linspace(0.0, 1.0, N_FIT)
    return w, b, fit_alpha(x, target(text, x), w, b)


def sup_error(text, w, b, alpha):
    """sup |a(x) - f(x)| over N_CHECK evenly spaced points of [0, 1], and the x where it is."""
    x = np.linspace(0.0, 1.0, N_CHECK)
    gap = np.abs(network(x, w, b, alpha) - target(text, x))
    return float(gap.max()), float(x[np.argmax(gap)])


def fit(expression="sin(2*pi*x)", H=10):
    """What the page draws: f, a and each unit alpha_h sigma(w_h x + b_h) on N_PLOT points,
    shapes (N_PLOT,) and (H, N_PLOT), the weights and sup|a - f|; or {"error": why}."""
    H = int(H)
    if not 1 <= H <= 100:
        return {"error": "H must be a whole number from 1 to 100."}
    try:
        w, b, alpha = fit_network(expression, H)
        error, at = sup_error(expression, w, b, alpha)
        x = np.linspace(0.0, 1.0, N_PLOT)
        f = target(expression, x)
    except ExpressionError as err:
        return {"error": str(err)}
    if np.abs(f).max() > MAX_F:   # the page draws in float32, and no figure shows 1e300 honestly
        return {"error": "f(x) reaches %.3g on [0, 1]: keep it within ±%g." % (np.abs(f).max(), MAX_F)}
    units = alpha[:H, None] * activations.sigmoid(np.outer(w, x) + b[:, None])     # alpha_h sigma(w_h x + b_h)
    return {
        "x": x, "f": f, "a": network(x, w, b, alpha), "units": units.astype(np.float32),
        "alpha0": float(alpha[H]), "w": w, "b": b, "alpha": alpha[:H],
        "sup_error": error, "sup_at": at, "H": H, "expression": expression,
    }


def error_curve(expression="sin(2*pi*x)"):
    """sup |a - f| for H = 1, 2, 4, ..., 64, 100: {"H": [...], "error": [...]}, or {"error": why}."""
    try:
        errors = [sup_error(expression, *fit_network(expression, H))[0] for H in H_SWEEP]
    except ExpressionError as err:
        return {"error": str(err)}
    return {"H": H_SWEEP, "sup_error": errors}
