"""Lesson 6, ten separating planes: a softmax linear classifier y = xW + b on 8x8 digits.

x is one image flattened to 64 numbers, W has shape (64, 10) and b shape (10,), so
y = xW + b gives ten scores, one per digit, and softmax turns them into probabilities.
Column c of W is a 64-d vector: reshaped to 8x8 it is the "template" class c is
matched against. Training is the lecture's mini-batch SGD on the cross-entropy,
run by the page in short chunks (``setup`` once, then ``train`` again and again).

The data is scikit-learn's digits (1797 images). Each was made from a 32x32
black-and-white bitmap: the bitmap is cut into 4x4 blocks and the "on" pixels of
each block are counted, which gives an 8x8 image of counts 0..16. ``downsample``
does the same to a digit drawn on the page.
"""
import time

import numpy as np

from ..nn import MLP
from ..train import Trainer

TEST_RATIO = 0.25
_data = {}      # the digits, loaded once: X (1797, 64) in [0, 1], y (1797,)
PER_CLIENT_STATE = ("_run",)   # each slide of a deck keeps its own (bridge.use_client)
_run = {}       # this worker's one training run: net, trainer, split


def load(seed=0):
    """Digits split into train and test, pixels scaled from 0..16 to 0..1.

    Returns X_train (n_train, 64), y_train (n_train,), X_test (n_test, 64), y_test (n_test,).
    """
    if "X" not in _data:
        from sklearn.datasets import load_digits  # imported lazily: only this lesson needs it
        digits = load_digits()
        _data["X"] = digits.data / 16.0             # counts 0..16 -> 0..1
        _data["y"] = digits.target.astype(int)
    X, y = _data["X"], _data["y"]
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = int(round(TEST_RATIO * len(X)))
    test, train = order[:n_test], order[n_test:]
    return X[train], y[train], X[test], y[test]


def setup(eta=0.5, batch_size=32, seed=0):
    """A fresh classifier y = xW + b (W: (64, 10)) and its trainer; returns the first frame."""
    X_train, y_train, X_test, y_test = load(seed)
    net = MLP([64, 10], output="softmax", seed=seed)         # one layer: y = softmax(xW + b)
    trainer = Trainer(net, X_train, y_train, X_test, y_test, loss="softmax_ce",
                      eta=eta, batch_size=batch_size, seed=seed)
    h = trainer.history                                       # epoch 0: the untrained net
    h["epoch"].append(0)
    for split, X, y in (("train", X_train, y_train), ("test", X_test, y_test)):
        loss, acc = trainer.evaluate(X, y)
        h[split + "_loss"].append(loss)
        h[split + "_acc"].append(acc)
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
    """The ten columns of W (64, 10) as 8x8 pictures: uint8 (10, 8, 8).

    128 is a weight of 0; 255 and 1 are +-s, where s is the 99th percentile of |W|
    (one scale for all ten, so they can be compared; the rare larger weights are
    clipped, so that a few outliers do not wash out the rest).
    """
    scale = max(float(np.percentile(np.abs(W), 99)), 1e-12)
    pictures = np.clip(128 + 127 * W.T / scale, 1, 255)   # column c -> picture c
    return np.round(pictures).astype(np.uint8).reshape(10, 8, 8)


def confusion(y_true, y_pred, k=10):
    """Counts C[t, p] of samples of true class t predicted as p: int (k, k)."""
    C = np.zeros((k, k), dtype=int)
    np.add.at(C, (y_true, y_pred), 1)
    return C


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


def downsample(bitmap):
    """A 32x32 bitmap (0 = off, 1 = on) as the dataset's 8x8 image of counts 0..16.

    Cut into 4x4 blocks, count the on pixels in each: image[i, j] = sum of
    bitmap[4i:4i+4, 4j:4j+4].
    """
    bitmap = (np.asarray(bitmap) > 0).astype(int)          # (32, 32)
    return bitmap.reshape(8, 4, 8, 4).sum(axis=(1, 3))     # (8, 4, 8, 4) -> (8, 8)


def fit_box(bitmap, size=32):
    """The drawn strokes cropped to their bounding box and scaled (nearest pixel) so
    the longer side fills the size x size box, centred, as the dataset's digits were."""
    bitmap = np.asarray(bitmap) > 0
    rows, cols = np.nonzero(bitmap)
    if len(rows) == 0:
        return bitmap.astype(np.uint8)
    crop = bitmap[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    h, w = crop.shape
    scale = size / max(h, w)
    new_h, new_w = max(1, int(round(h * scale))), max(1, int(round(w * scale)))
    r = np.minimum((np.arange(new_h) / scale).astype(int), h - 1)   # source row of each row
    c = np.minimum((np.arange(new_w) / scale).astype(int), w - 1)
    out = np.zeros((size, size), dtype=np.uint8)
    top, left = (size - new_h) // 2, (size - new_w) // 2
    out[top:top + new_h, left:left + new_w] = crop[r][:, c]
    return out


def parse_bitmap(rows):
    """The page's drawing, 32 strings of 32 characters "0"/"1", as a (32, 32) uint8 array."""
    return np.array([[ch == "1" for ch in row] for row in rows], dtype=np.uint8)


def predict_proba(image):
    """Class probabilities p = softmax(xW + b) for one 8x8 image of counts 0..16: (10,)."""
    x = np.asarray(image, dtype=float).reshape(1, 64) / 16.0   # same scaling as the data
    return _run["net"].forward(x)[0]


def classify(rows, fit=True):
    """Classify a drawn digit: its 8x8 image (uint8 counts), p (10,), the predicted class."""
    bitmap = parse_bitmap(rows)
    if fit:
        bitmap = fit_box(bitmap)
    image = downsample(bitmap)
    p = predict_proba(image)
    return {"image": image.astype(np.uint8), "p": p, "predicted": int(np.argmax(p)),
            "sum": float(p.sum()), "empty": not bitmap.any()}


def test_digit(index=0):
    """Test-set image number `index` (wraps around): its 8x8 counts, true class and p."""
    trainer = _run["trainer"]
    i = int(index) % len(trainer.X_test)
    image = np.round(trainer.X_test[i] * 16).reshape(8, 8)    # back to counts 0..16
    p = predict_proba(image)
    return {"index": i, "label": int(trainer.y_test[i]), "image": image.astype(np.uint8),
            "p": p, "predicted": int(np.argmax(p)), "sum": float(p.sum())}
