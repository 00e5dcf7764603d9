"""The Playground: an MLP learns a 2-D dataset, one short chunk of epochs at a time.

The page calls ``setup`` once per configuration, then ``train`` again and again
while Play is on. Each call returns a *frame*: the epoch counter, the losses of
the epochs just run, the weights, and pictures as bytes, ready to be coloured:

    boundary    GRID x GRID  binary: round(255 p(class 1)); regression: output
                             mapped from [-1, 1]; multiclass: confidence
    classes     GRID x GRID  multiclass only: the predicted class of each cell
    neurons     (units, SMALL, SMALL)  every neuron's own output over the plane

Problems: two classes (sigmoid output), more classes (softmax output), or
regression (linear output, squared error). Own data comes as ``points``.

The pictures of each frame come from one fast float32 pass over the grid and the
small grid together (fastdraw.PlanePass: tanh from + * /, for drawing only);
``boundary(fast=False)`` and ``neuron_pictures(fast=False)`` draw the same
pictures from the exact ``MLP.forward``, the readable reference.
"""
import time

import numpy as np

from .. import datasets, fasttrain
from .. import features as feature_maps
from .. import losses as loss_functions
from ..fastdraw import PlanePass
from ..fastdraw import to_bytes as fast_bytes
from ..nn import MLP
from ..train import Trainer

GRID = 100      # the boundary is drawn from GRID x GRID forward passes
SMALL = 24      # each neuron's own picture is SMALL x SMALL
DOMAIN = 6.0    # the plane shown is [-DOMAIN, DOMAIN]^2, as in TensorFlow Playground
N_POINTS = 500
OUTPUT = {"binary": "sigmoid", "multiclass": "softmax", "regression": "linear"}
LOSS = {("binary", "cross_entropy"): "bce", ("multiclass", "cross_entropy"): "softmax_ce",
        ("binary", "squared"): "mse", ("multiclass", "squared"): "mse", ("regression", "squared"): "mse"}
# the range each hidden activation's picture is drawn in (None: from the values themselves)
RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "relu": (0.0, None), "linear": (None, None)}

PER_CLIENT_STATE = ("_run",)   # each slide of a deck keeps its own (bridge.use_client)
_run = {}       # this worker's one Playground run: net, trainer, grids, problem


def grid_points(n=GRID, d=DOMAIN):
    """Centres of an n x n grid over [-d, d]^2, row 0 at the top: shape (n*n, 2)."""
    ticks = -d + (np.arange(n) + 0.5) * (2 * d / n)
    x1, x2 = np.meshgrid(ticks, ticks[::-1])
    return np.column_stack([x1.ravel(), x2.ravel()])


def own_data(points, train_ratio, seed):
    """The user's points [[x1, x2, label], ...] as (X_train, y_train, X_test, y_test, kind)."""
    P = np.asarray(points, dtype=float).reshape(-1, 3)
    if len(P) < 2:
        raise ValueError("own data needs at least 2 points: click on the plane to add some")
    labels = P[:, 2]
    if np.any(labels != np.round(labels)) or labels.min() < 0:
        raise ValueError("own data: labels must be class numbers 0, 1, 2, ...")
    order = np.random.default_rng([seed, 1]).permutation(len(P))
    n_train = max(1, int(round(train_ratio * len(P))))
    train, test = order[:n_train], order[n_train:]
    X, y = np.clip(P[:, :2], -DOMAIN, DOMAIN), labels.astype(int)
    kind = "binary" if y.max() <= 1 else "multiclass"
    return X[train], y[train], X[test], y[test], kind


def make_data(dataset, noise, train_ratio, seed, points):
    """(X_train, y_train, X_test, y_test, kind, classes) for a named dataset or own points."""
    if dataset == "own":
        X_tr, y_tr, X_te, y_te, kind = own_data(points, train_ratio, seed)
        classes = max(2, int(max(y_tr.max(), y_te.max() if len(y_te) else 0)) + 1)
        return X_tr, y_tr, X_te, y_te, kind, classes
    X_tr, y_tr, X_te, y_te = datasets.make(dataset, n=N_POINTS, noise=noise,
                                           train_ratio=train_ratio, seed=seed)
    return X_tr, y_tr, X_te, y_te, datasets.KIND[dataset], datasets.n_classes(dataset)


def setup(dataset="circle", noise=0.0, train_ratio=0.5, batch_size=10, hidden=(4, 2),
          activation="tanh", eta=0.03, regularization="none", reg_rate=0.0,
          loss="cross_entropy", optimizer="sgd", beta=0.9, features=("x1", "x2"),
          points=(), seed=0):
    """Make the data and a fresh network; return the points and the first frame."""
    X_tr, y_tr, X_te, y_te, kind, k = make_data(dataset, noise, train_ratio, seed, points)
    if (kind, loss) not in LOSS:
        raise ValueError("regression is trained with squared error: cross-entropy needs classes")
    names = list(features)
    F_tr, F_te = feature_maps.transform(X_tr, names), feature_maps.transform(X_te, names)
    outputs = k if kind == "multiclass" else 1
    net = MLP([len(names)] + list(hidden) + [outputs], activation=activation,
              output=OUTPUT[kind], seed=seed)
    trainer = Trainer(net, F_tr, y_tr, F_te if len(F_te) else None, y_te if len(F_te) else None,
                      loss=LOSS[kind, loss], eta=eta, batch_size=batch_size, seed=seed)
    grid, small = feature_maps.transform(grid_points(), names), feature_maps.transform(grid_points(SMALL), names)
    _run.clear()
    _run.update(net=net, trainer=trainer, kind=kind, classes=k, features=names, shown=0,
                X_train=X_tr, X_test=X_te if len(X_te) else None, hidden=list(hidden),
                grid=grid, small=small, activation=activation,
                plane=PlanePass(net, np.vstack([grid, small])))   # buffers reused by every frame
    set_rates(eta=eta, regularization=regularization, reg_rate=reg_rate, batch_size=batch_size,
              optimizer=optimizer, beta=beta)
    _record_epoch_zero(trainer)
    label_type = np.float32 if kind == "regression" else np.uint8
    return {
        "kind": kind, "classes": k, "domain": DOMAIN, "features": names,
        "train": {"X": X_tr.astype(np.float32), "y": y_tr.astype(label_type)},
        "test": {"X": X_te.astype(np.float32), "y": y_te.astype(label_type)},
        "inputs": _pictures(_run["small"].T, "linear"),   # each feature over the plane
        "frame": frame(),
        # the best constant output's train loss: a run flat at it has collapsed (app/ui/instability.js)
        "constant_loss": loss_functions.constant_loss(LOSS[kind, loss], y_tr, outputs),
    }


def _record_epoch_zero(trainer):
    """History entry 0: the untrained network."""
    h = trainer.history
    h["epoch"].append(0)
    for split, X, y in (("train", trainer.X_train, trainer.y_train), ("test", trainer.X_test, trainer.y_test)):
        loss, acc = trainer.evaluate(X, y) if X is not None else (None, None)
        h[split + "_loss"].append(loss)
        h[split + "_acc"].append(acc)


def set_rates(eta=None, regularization=None, reg_rate=None, batch_size=None, optimizer=None, beta=None):
    """Change training settings without resetting the network."""
    trainer = _run["trainer"]
    if eta is not None:
        trainer.eta = float(eta)
    if regularization is not None:
        rate = float(reg_rate or 0.0)
        trainer.l1 = rate if regularization == "L1" else 0.0
        trainer.l2 = rate if regularization == "L2" else 0.0
    if batch_size is not None:
        trainer.batch_size = int(batch_size)
        _run.pop("epoch_ms", None)        # an epoch's length changes with the batch size
    if optimizer is not None:
        trainer.beta = float(beta) if optimizer == "momentum" else 0.0   # v = beta v - eta g
    return {"eta": trainer.eta, "l1": trainer.l1, "l2": trainer.l2, "beta": trainer.beta}


def train(epochs=1, budget_ms=0.0, stop_epoch=0, stop_loss=0.0):
    """Run `epochs` epochs, or more until `budget_ms` has passed; return a frame.

    With a budget, once a whole epoch has taken more than four budgets (a big net, batch
    size 1), training goes on mini-batch by mini-batch instead, stopping when the budget is
    spent: the page can then pause within one chunk. Training stops early at epoch `stop_epoch` or once
    the train loss is at most `stop_loss` (0 switches a condition off); the frame says which.
    """
    trainer = _run["trainer"]
    start = time.perf_counter()
    elapsed_ms = lambda: (time.perf_counter() - start) * 1000
    done = 0
    stopped = _stop_reason(stop_epoch, stop_loss)
    while not trainer.diverged and not stopped and (done < epochs or elapsed_ms() < budget_ms):
        if budget_ms and _run.get("epoch_ms", 0.0) > 4 * budget_ms:
            _steps_until(trainer, start, budget_ms)
            done = epochs                              # one chunk of mini-batches is this call's work
        else:
            t = time.perf_counter()
            trainer.epoch()
            _run["epoch_ms"] = (time.perf_counter() - t) * 1000   # the last whole epoch's cost
            done += 1
        stopped = _stop_reason(stop_epoch, stop_loss)
    del trainer.history["epsilon"][:], trainer.history["Q"][:]   # per-batch losses: not shown here
    out = frame(pictures="due" if budget_ms else "always")
    out["stopped"] = stopped
    return out


def _steps_until(trainer, start, budget_ms):
    """Mini-batches until the budget is spent (at least one), for epochs longer than a chunk.

    The epoch's cost is estimated again from these batches (their mean time x batches per epoch),
    so once epochs are cheap again (a smaller net, a moment of load passed) whole epochs resume.
    """
    steps, t0 = 0, time.perf_counter()
    while True:
        trainer.step()
        steps += 1
        if trainer.diverged or (time.perf_counter() - start) * 1000 >= budget_ms:
            break
    batches = -(-len(trainer.X_train) // trainer.batch_size)           # ceil(n / M)
    _run["epoch_ms"] = (time.perf_counter() - t0) * 1000 / steps * batches


def _stop_reason(stop_epoch, stop_loss):
    h = _run["trainer"].history
    if stop_epoch and h["epoch"][-1] >= stop_epoch:
        return "reached epoch %d" % stop_epoch
    if stop_loss and h["train_loss"][-1] is not None and h["train_loss"][-1] <= stop_loss:
        return "train loss reached %g" % stop_loss
    return ""


def _to_bytes(values, lo, hi):
    """Map values in [lo, hi] to 0..255 (NaN to the middle)."""
    scaled = (np.nan_to_num(values, nan=(lo + hi) / 2) - lo) / max(hi - lo, 1e-12)
    return np.round(np.clip(scaled, 0.0, 1.0) * 255).astype(np.uint8)


def _range(values, activation):
    """(lo, hi) a hidden neuron's pictures are drawn in: the activation's range, with an open
    end (relu, linear) taken from the largest |value| shown."""
    lo, hi = RANGE.get(activation, (None, None))
    if lo is None or hi is None:
        top = float(np.nanmax(np.abs(values))) if values.size else 1.0
        lo = -top if lo is None else lo
        hi = max(top, 1e-9)
    return lo, hi


def _pictures(units, activation, to_bytes=_to_bytes):
    """Each row of `units` (k, SMALL^2) as a SMALL x SMALL picture: (k, SMALL, SMALL) bytes."""
    lo, hi = _range(units, activation)
    return to_bytes(units, lo, hi).reshape(len(units), SMALL, SMALL)


def _layers(fast=True):
    """(grid, small, to_bytes): each layer's outputs over the GRID and SMALL grids, one row per neuron.

    fast: one float32 pass over both grids together (fastdraw, for pictures only:
    Pyodide's np.tanh/np.exp are slow, see fastdraw.py); otherwise, or if a value
    is not finite there, the exact MLP.layer_outputs.
    """
    if fast and not fasttrain.edited():   # edited code: draw with it (MLP.layer_outputs calls it)
        if _run["plane"].net is not _run["net"]:
            _run["plane"] = PlanePass(_run["net"], _run["plane"].X.T)
        layers = _run["plane"].run()
        if layers is not None:
            n = GRID * GRID
            return [a[:, :n] for a in layers], [a[:, n:] for a in layers], fast_bytes
    net = _run["net"]
    return ([a.T for a in net.layer_outputs(_run["grid"])], [a.T for a in net.layer_outputs(_run["small"])],
            _to_bytes)


def neuron_pictures(fast=True, layers=None):
    """Every hidden and output neuron's output over the plane, layer by layer."""
    _, small, to_bytes = layers or _layers(fast)
    pictures = [_pictures(a, _run["activation"], to_bytes) for a in small[:-1]]
    pictures.append(_output_pictures(small[-1], to_bytes))
    return np.concatenate(pictures) if pictures else np.zeros((0, SMALL, SMALL), np.uint8)


def _output_pictures(a, to_bytes=_to_bytes):
    lo = -1.0 if _run["kind"] == "regression" else 0.0
    return to_bytes(a, lo, 1.0).reshape(-1, SMALL, SMALL)


def boundary(fast=True, layers=None):
    """The output over the grid as GRID x GRID bytes (and the classes, for several)."""
    grid, _, to_bytes = layers or _layers(fast)
    a = grid[-1]                                  # (outputs, GRID^2)
    if _run["kind"] == "multiclass":
        classes = np.argmax(a, axis=0).astype(np.uint8).reshape(GRID, GRID)
        k = _run["classes"]
        return {"boundary": to_bytes(a.max(axis=0), 1.0 / k, 1.0).reshape(GRID, GRID), "classes": classes}
    lo = -1.0 if _run["kind"] == "regression" else 0.0
    return {"boundary": to_bytes(a[0], lo, 1.0).reshape(GRID, GRID)}


def confusion():
    """Confusion matrix on the test set (or the train set without one): counts[true, predicted]."""
    trainer = _run["trainer"]
    if _run["kind"] == "regression":
        return None
    X, y = (trainer.X_test, trainer.y_test) if trainer.X_test is not None else (trainer.X_train, trainer.y_train)
    k = _run["classes"]
    counts = np.zeros((k, k), dtype=np.int32)
    np.add.at(counts, (np.asarray(y, int), _run["net"].predict(X)), 1)   # counts[y_i, yhat_i] += 1
    return counts


def frame(pictures="always"):
    """What the page draws: new history since the last frame, numbers, weights and pictures.

    pictures="due" (while playing) leaves the pictures out of some frames when drawing them
    costs more than a chunk of training (big networks): they then come about every fourth
    time their cost has passed, so most calls stay short and Pause stays prompt.
    """
    trainer = _run["trainer"]
    h = trainer.history
    start, _run["shown"] = _run["shown"], len(h["epoch"])
    diverged = bool(trainer.diverged)
    regression = _run["kind"] == "regression"
    out = {
        "epoch": h["epoch"][-1],
        "epochs": h["epoch"][start:],
        "train_loss": h["train_loss"][start:],
        "test_loss": h["test_loss"][start:],
        "train_acc": None if regression else h["train_acc"][-1],
        "test_acc": None if regression else h["test_acc"][-1],
        "diverged": diverged,
        # True while the student's code trains (an edited training-step function): the page says so
        "reference_path": fasttrain.edited(),
    }
    if not diverged and (pictures == "always" or _pictures_due()):
        # a diverged net's weights are inf or NaN: nothing of it is drawn
        started = time.perf_counter()
        out["params"] = [p.astype(np.float32) for p in _run["net"].params]
        layers = _layers()                 # one pass draws the boundary and every neuron
        out.update(boundary(layers=layers))
        out["neurons"] = neuron_pictures(layers=layers)
        out["confusion"] = confusion()
        _run["pictures_at"] = time.perf_counter()
        _run["pictures_ms"] = (_run["pictures_at"] - started) * 1000
    return out


def _pictures_due(chunk_ms=20.0):
    """Whether a playing frame should carry pictures: always when they are cheap."""
    cost = _run.get("pictures_ms", 0.0)
    return cost < chunk_ms or (time.perf_counter() - _run.get("pictures_at", 0.0)) * 1000 > 4 * cost


def set_param(index, row, col, value):
    """Set one weight params[index][row, col] (or bias params[index][col], row = -1); new frame."""
    p = _run["net"].params[index]
    if row < 0:
        p[col] = float(value)
    else:
        p[row, col] = float(value)
    return refreshed_frame()


def refreshed_frame():
    """A frame after the weights changed by hand: the current epoch's losses measured again."""
    trainer = _run["trainer"]
    h = trainer.history
    for split, X, y in (("train", trainer.X_train, trainer.y_train), ("test", trainer.X_test, trainer.y_test)):
        if X is not None:
            h[split + "_loss"][-1], h[split + "_acc"][-1] = trainer.evaluate(X, y)
    _run["shown"] = len(h["epoch"]) - 1      # send the current epoch again, with its new values
    return frame()


def neuron_map(layer, unit):
    """One neuron's output over the full GRID x GRID plane (layer 0 = first hidden layer)."""
    a = _run["net"].layer_outputs(_run["grid"])[layer][:, unit]
    last = layer == len(_run["net"].params) // 2 - 1
    if last:
        lo = -1.0 if _run["kind"] == "regression" else 0.0
        return _to_bytes(a, lo, 1.0).reshape(GRID, GRID)
    lo, hi = _range(a, _run["activation"])
    return _to_bytes(a, lo, hi).reshape(GRID, GRID)


def _moons_outline(n):
    """make_moons without noise, drawn with numpy alone (the real data needs scikit-learn)."""
    t = np.linspace(0, np.pi, n // 2)
    upper = np.column_stack([np.cos(t), np.sin(t)])             # label 0
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])   # label 1
    X = 3.0 * (np.vstack([upper, lower]) - [0.5, 0.25])         # as datasets.moons scales it
    return X, np.repeat([0, 1], n // 2)


def thumbnails(n=120, size=32):
    """A small picture of each dataset: {name: size x size bytes}; 255 = empty, else the label
    (classes 0, 1, 2, ...; regression values mapped from [-1, 1] to 0..200)."""
    pictures = {}
    for name in datasets.NAMES:
        if name == "moons":
            X, y = _moons_outline(n)
        else:
            X, y, _, _ = datasets.make(name, n=n * 2, noise=0.0, train_ratio=1.0, seed=1)
        if datasets.KIND[name] == "regression":
            y = np.round((y + 1) * 100)
        image = np.full((size, size), 255, np.uint8)
        col = np.clip(((X[:, 0] + DOMAIN) / (2 * DOMAIN) * size).astype(int), 0, size - 1)
        row = np.clip(((DOMAIN - X[:, 1]) / (2 * DOMAIN) * size).astype(int), 0, size - 1)
        image[row, col] = y
        pictures[name] = image
    return pictures
