"""Lesson 3, XOR: x1 XOR x2 = [x1 != x2] is 1 on (0, 1) and (1, 0), 0 on (0, 0) and (1, 1).

(a) One neuron cannot compute it: no line has (0, 1) and (1, 0) on one side and
    (0, 0), (1, 1) on the other. Trained anyway, it gets at most 3 of the 4 right.
(b) An extra feature x1 x2 fixes that:  XOR = [x1 + x2 - 2 x1 x2 - 1/2 > 0].
(c) So do two layers of gates:          XOR = [(x1 OR x2) - (x1 AND x2) - 1/2 > 0].
(d) A 2-2-1 network trained by gradient descent from random weights usually
    finds such a solution by itself, but some starting weights get stuck.
"""
import time

import numpy as np

from ..nn import MLP
from ..optim import SGD
from . import logic  # logic.threshold_neuron etc. at call time: an edited one runs here too
from .logic import CORNERS

X = CORNERS                              # (4, 2): (0, 0), (0, 1), (1, 0), (1, 1)
Y = np.array([0, 1, 1, 0])               # x1 XOR x2 = [x1 != x2]
SIZE = 80                                # the plane is drawn from SIZE x SIZE points


def table_rows(outputs, **columns):
    """Truth-table rows: x1, x2, any extra columns (arrays of length 4), the output and
    whether it equals XOR."""
    rows = []
    for i, (x, out) in enumerate(zip(X, outputs)):
        row = {"x1": int(x[0]), "x2": int(x[1]), "target": int(Y[i])}
        row.update({name: float(values[i]) for name, values in columns.items()})
        row["output"] = int(out)
        row["right"] = bool(out == Y[i])
        rows.append(row)
    return rows


def as_bytes(values):
    """Values in [0, 1] on the SIZE x SIZE grid -> uint8 picture (0 -> 0, 1 -> 255)."""
    values = np.clip(np.nan_to_num(values), 0.0, 1.0)
    return np.round(values * 255).astype(np.uint8).reshape(SIZE, SIZE)


def points():
    """The four corners coloured by XOR, for drawing."""
    return {"X": X.astype(np.float32), "y": Y.astype(np.uint8)}


# ---- (a) one neuron ----------------------------------------------------------
def train_single_neuron(seed=0, eta=0.5, epochs=100):
    """Logistic regression p = sigmoid(w1 x1 + w2 x2 + b) on the four XOR points by
    gradient descent on the cross-entropy (an MLP with no hidden layer, sizes [2, 1]).
    Returns its weights and line after `epochs` epochs, the loss (epochs + 1,) and the
    number of rows right (epochs + 1,) before each epoch and at the end, and the truth table."""
    net = MLP([2, 1], output="sigmoid", seed=seed)
    optimizer = SGD(net.params, eta)
    losses, n_right = np.empty(epochs + 1), np.empty(epochs + 1, dtype=np.int32)
    for epoch in range(epochs + 1):
        n_right[epoch] = np.sum(net.predict(X) == Y)       # [p > 1/2] is [z > 0]
        losses[epoch], grads = net.loss_and_grads(X, Y, loss="bce")
        if epoch < epochs:
            optimizer.step(grads)                          # W = W - eta * dL/dW
    (w1, w2), b = net.params[0][:, 0], net.params[1][0]
    p = net.forward(X)[:, 0]
    rows = table_rows(p > 0.5, p=p)
    return {
        "w1": float(w1), "w2": float(w2), "b": float(b),
        "line": logic.line_in_square(w1, w2, b),
        "map": as_bytes(logic.threshold_neuron(logic.square(SIZE), w1, w2, b)),
        "losses": losses, "n_right_per_epoch": n_right, "best": int(n_right.max()),
        "rows": rows, "n_right": sum(r["right"] for r in rows),
        "points": points(),
    }


# ---- (b) the feature x1 x2 ---------------------------------------------------
def feature_neuron(v=-2.0):
    """a(x) = [x1 + x2 + v x1 x2 - 1/2 > 0]: one neuron on the features (x1, x2, x1 x2).
    With the lecture's v = -2 it is XOR; with v = 0 it is OR."""
    def z_of(P):
        return P[:, 0] + P[:, 1] + v * P[:, 0] * P[:, 1] - 0.5   # z = x1 + x2 + v x1 x2 - 1/2
    z = z_of(X)
    rows = table_rows(z > 0, x1x2=X[:, 0] * X[:, 1], z=z)
    return {
        "map": as_bytes(z_of(logic.square(SIZE)) > 0),
        "rows": rows, "n_right": sum(r["right"] for r in rows),
        "points": points(),
    }


# ---- (c) two layers of gates -------------------------------------------------
def gate_network():
    """The lecture's two-layer net. Hidden: h1 = x1 OR x2, h2 = x1 AND x2 (columns of W1);
    output: [h1 - h2 - 1/2 > 0]. Shapes: W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)."""
    (w_or1, w_or2, b_or), (w_and1, w_and2, b_and) = logic.GATES["or"], logic.GATES["and"]
    W1 = np.array([[w_or1, w_and1], [w_or2, w_and2]])
    b1 = np.array([b_or, b_and])
    W2 = np.array([[1.0], [-1.0]])           # the -1 on AND plays the part of NOT
    b2 = np.array([-0.5])
    return W1, b1, W2, b2


def two_layer_forward(P, W1, b1, W2, b2):
    """Hidden values h = [P W1 + b1 > 0] (n, 2) and output a = [h W2 + b2 > 0] (n,)."""
    h = (P @ W1 + b1 > 0).astype(float)     # h = [x W1 + b1 > 0]
    a = (h @ W2 + b2 > 0).astype(int)[:, 0]  # a = [h W2 + b2 > 0]
    return h, a


def two_layer_xor():
    """The gate network's weights, its hidden values and output per row, and its
    output over the plane (a band between the OR line and the AND line)."""
    W1, b1, W2, b2 = gate_network()
    h, a = two_layer_forward(X, W1, b1, W2, b2)
    rows = table_rows(a, h_or=h[:, 0], h_and=h[:, 1])
    return {
        "W1": W1.tolist(), "b1": b1.tolist(), "W2": W2.tolist(), "b2": b2.tolist(),
        "map": as_bytes(two_layer_forward(logic.square(SIZE), W1, b1, W2, b2)[1]),
        "lines": [logic.line_in_square(W1[0, j], W1[1, j], b1[j]) for j in range(2)],
        "rows": rows, "n_right": sum(r["right"] for r in rows),
        "points": points(),
    }


# ---- (d) a 2-2-1 network learns XOR -------------------------------------------
ETA = 2.0            # learning rate of full-batch gradient descent
DONE_LOSS = 0.02     # training stops here: all four points are confidently right
MAX_EPOCHS = 20000
STUCK_AFTER, STUCK_WINDOW, STUCK_DROP = 2000, 1000, 1e-3

PER_CLIENT_STATE = ("_run",)   # each slide of a deck keeps its own (bridge.use_client)
_run = {}            # this worker's one 2-2-1 run: net, optimizer, losses


def setup(seed=0):
    """A fresh 2-2-1 net (sigmoid hidden and output units, weights from `seed`)."""
    net = MLP([2, 2, 1], activation="sigmoid", output="sigmoid", seed=seed)
    _run.update(net=net, optimizer=SGD(net.params, ETA), losses=[net.loss(X, Y, "bce")],
                shown=0, solved_at=None, grid=logic.square(SIZE))
    return frame()


def gradient_step():
    """One epoch: the gradient of the loss on all four points by backprop, W = W - eta dL/dW.
    Returns the loss of the new weights (the ones the page then draws)."""
    net = _run["net"]
    _, grads = net.loss_and_grads(X, Y, loss="bce")   # dL/dW at the current weights
    _run["optimizer"].step(grads)                      # W = W - eta dL/dW
    return net.loss(X, Y, "bce")                       # L(W) after the step


def looks_stuck(losses):
    """True when the loss is still high but has stopped falling: a plateau so flat that
    gradient descent makes no visible progress (its floor is at infinite weights: the loss
    keeps creeping down as the weights grow). Two are common: two points at p = 1/2
    (loss (ln 2) / 2 = 0.347), and, rarer,
    three points at p = 2/3 (loss -(2 ln 2/3 + ln 1/3) / 4 = 0.477, seed 34)."""
    epoch = len(losses) - 1
    return (epoch >= STUCK_AFTER and losses[-1] > 0.1
            and losses[-1 - STUCK_WINDOW] - losses[-1] < STUCK_DROP)


def status(loss, n_right, losses):
    """training, done (loss < DONE_LOSS), stuck, diverged or limit."""
    if not np.isfinite(loss):
        return "diverged"
    if n_right == 4 and loss < DONE_LOSS:
        return "done"
    if len(losses) > MAX_EPOCHS:
        return "limit"
    if n_right < 4 and looks_stuck(losses):
        return "stuck"
    return "training"


def train(epochs=20, budget_ms=200.0):
    """Up to `epochs` epochs, stopping early after budget_ms or when training has
    finished; returns a frame."""
    start = time.perf_counter()
    losses = _run["losses"]
    for _ in range(int(epochs)):
        losses.append(gradient_step())
        if not np.isfinite(losses[-1]) or (time.perf_counter() - start) * 1000 > budget_ms:
            break
    return frame()


def frame():
    """What the page draws: the new losses, the output over the plane, the hidden
    neurons' lines, the truth table and the status."""
    net, losses = _run["net"], _run["losses"]
    start, _run["shown"] = _run["shown"], len(losses)
    epoch = len(losses) - 1
    p = net.forward(X)[:, 0]
    rows = table_rows(p > 0.5, p=p)
    n_right = sum(r["right"] for r in rows)
    if n_right == 4 and _run["solved_at"] is None:
        _run["solved_at"] = epoch
    W1, b1 = net.params[0], net.params[1]
    return {
        "epoch": epoch,
        "epochs": list(range(start, len(losses))),
        "losses": [float(v) for v in losses[start:]],
        "loss": float(losses[-1]),
        "map": as_bytes(net.forward(_run["grid"])[:, 0]),
        "hidden_lines": [logic.line_in_square(W1[0, j], W1[1, j], b1[j]) for j in range(2)],
        "rows": rows, "n_right": n_right,
        "solved_at": _run["solved_at"],
        "status": status(losses[-1], n_right, losses),
        "points": points(),
    }
