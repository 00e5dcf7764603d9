"""Lesson 6, the PyTorch demo: a small network trained on MNIST with PyTorch's own loop.

The three functions the page shows, build / train_loop / accuracy, are a PyTorch script. Only the
import differs: `from backprop_lab import torch` instead of `import torch`, so it runs on the
lab's numpy autograd (backprop_lab/torch) in the browser. The same functions, run on real
PyTorch from the same weights, give PyTorch's numbers (tests/unit/test_torch_mnist.py).

    model, loss_fn, optimizer = build()     # a model, a loss, an optimizer
    train_loop(model, loader, loss_fn, optimizer)   # zero_grad / backward / step over the batches
    accuracy(model, X_test, y_test)         # the share of test digits it gets right

The page trains in short calls (setup once, then step): each call hands `train_loop` the next
batches of the epoch for about `budget_ms`, so it can draw between them and Pause is prompt.
The digits are lesson 6's (lessons/digits.py: 4,000 to train, 1,000 to test).
"""
import ast
import re
import textwrap
import time

import numpy as np

from backprop_lab import torch

from . import digits

nn, optim = torch.nn, torch.optim
PER_CLIENT_STATE = ("_run",)   # each slide of a deck keeps its own (bridge.use_client)
_run = {}
SIDE = 28


def build(lr=0.1, momentum=0.9, hidden=64):
    """The lecture's three pieces: a model, a loss and an optimizer."""
    model = nn.Sequential(
        nn.Linear(784, hidden),      # h = relu(x W1^T + b1): (M, 784) -> (M, hidden)
        nn.ReLU(),
        nn.Linear(hidden, 10),       # y = h W2^T + b2: ten scores, one per digit
    )
    loss_fn = nn.CrossEntropyLoss()  # -ln softmax(y)_label, averaged over the batch
    optimizer = optim.SGD(model.parameters(),
                          lr=lr, momentum=momentum)
    return model, loss_fn, optimizer


def train_loop(model, loader, loss_fn, optimizer):
    """One pass over the loader's batches: PyTorch's training loop."""
    model.train()
    for X, y in loader:
        optimizer.zero_grad()         # forget the last batch's gradients
        loss = loss_fn(model(X), y)   # forward: the batch's loss
        loss.backward()               # backprop: dloss/dtheta into every .grad
        optimizer.step()              # theta <- theta - lr * (momentum-smoothed) grad


def accuracy(model, X, y):
    """The share of the digits X (n, 784) whose highest score is their label y (n,)."""
    model.eval()
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()


class _Recorded(nn.Module):
    """The page's loss: the one build() made, noting each batch's value for the chart."""

    def __init__(self, loss_fn, log):
        super().__init__()
        self.loss_fn, self.log = loss_fn, log

    def forward(self, output, target):
        loss = self.loss_fn(output, target)
        self.log.append(float(loss.item()))
        return loss


class _Slice:
    """What `train_loop` gets as its loader in one call: the epoch's next batches (at most `left`, the
    batches the epoch still has), until `budget_ms` has passed (after at least `least` of them). The
    epoch's order is drawn once, at its start."""

    def __init__(self, batches, left, budget_ms, least):
        self.batches, self.left, self.budget_ms, self.least = batches, left, budget_ms, least
        self.served = 0

    def __iter__(self):
        start = time.perf_counter()
        while self.served < self.left:
            batch = next(self.batches)
            self.served += 1
            yield batch
            if self.served >= self.least and (time.perf_counter() - start) * 1000 >= self.budget_ms:
                return


def setup(lr=0.1, momentum=0.9, hidden=64, batch_size=32, seed=0):
    """A fresh network from build() on lesson 6's split `seed`; the first frame (epoch 0)."""
    X_train, y_train, X_test, y_test = digits.load(seed)
    torch.manual_seed(seed)
    model, loss_fn, optimizer = build(lr=lr, momentum=momentum, hidden=hidden)
    # Pixels as float32 and labels as int64, as torchvision's MNIST gives them (numpy's default int
    # is int32 in the browser's 32-bit Python, and the loss wants Long labels, as PyTorch's does).
    data = {k: torch.tensor(v, dtype=torch.float32 if v.ndim == 2 else torch.int64)
            for k, v in (("X_train", X_train), ("y_train", y_train), ("X_test", X_test), ("y_test", y_test))}
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(data["X_train"], data["y_train"]),
                                         batch_size=int(batch_size), shuffle=True)
    log = []
    _run.clear()
    _run.update(model=model, loss_fn=_Recorded(loss_fn, log), optimizer=optimizer, loader=loader, data=data,
                log=log, shown=0, epoch=0, steps=0, batches=None, served=0, epoch_start=0,
                epoch_loss=[], epoch_steps=[], test_acc=[], train_acc=[])
    _evaluate()
    return frame()


def _evaluate():
    """Accuracy on both sets, and the training loss: the mean of the epoch's batch losses, as a PyTorch
    loop reports it (epoch 0: the untrained network's loss on all the training digits)."""
    d, model = _run["data"], _run["model"]
    _run["test_acc"].append(accuracy(model, d["X_test"], d["y_test"]))
    _run["train_acc"].append(accuracy(model, d["X_train"], d["y_train"]))
    if _run["epoch"] == 0:
        with torch.no_grad():
            loss = _run["loss_fn"].loss_fn(model(d["X_train"]), d["y_train"]).item()
    else:
        losses = _run["log"][_run["epoch_start"]:]
        loss = float(np.mean(losses)) if losses else float("nan")
    _run["epoch_loss"].append(float(loss))
    _run["epoch_steps"].append(_run["steps"])


def step(budget_ms=15.0, batches=1, epochs=0):
    """Train for about `budget_ms` (at least `batches` batches), or `epochs` whole epochs if given:
    each time the page's `train_loop` runs on the next batches of the epoch. Returns the new frame."""
    start = time.perf_counter()
    goal = _run["epoch"] + int(epochs)
    while True:
        if _run["batches"] is None:                          # a new epoch: a new order of the batches
            _run["batches"], _run["served"] = iter(_run["loader"]), 0
            _run["epoch_start"] = len(_run["log"])
        left = max(0.0, budget_ms - (time.perf_counter() - start) * 1000)
        part = _Slice(_run["batches"], len(_run["loader"]) - _run["served"], left,
                      batches if not epochs else len(_run["loader"]))
        train_loop(_run["model"], part, _run["loss_fn"], _run["optimizer"])
        _run["steps"] += part.served
        _run["served"] += part.served
        if _run["served"] >= len(_run["loader"]):           # the epoch is over: measure it
            _run["batches"] = None
            _run["epoch"] += 1
            _evaluate()
        if not _diverged() and epochs and _run["epoch"] < goal:
            continue
        return frame()


def _diverged():
    return not np.all(np.isfinite(_run["log"][-1:]))


def set_rates(lr=None, momentum=None):
    """Change the optimizer's lr or momentum without touching the weights."""
    for group in _run["optimizer"].param_groups:
        if lr is not None:
            group["lr"] = float(lr)
        if momentum is not None:
            group["momentum"] = float(momentum)
    return {"lr": lr, "momentum": momentum}


def pictures(model, count=32):
    """The first layer's weights into the first `count` hidden units, each a 28x28 picture: uint8
    (count, 28, 28), 128 = 0, one scale for all (the 99th percentile of |w|, as lesson 6's templates)."""
    first = next(p for p in model.parameters() if p.dim() == 2 and p.shape[1] == SIDE * SIDE)
    W = first.detach().numpy()[:count]                          # (count, 784): row h feeds unit h
    scale = max(float(np.percentile(np.abs(W), 99)), 1e-12)
    return np.round(np.clip(128 + 127 * W / scale, 1, 255)).astype(np.uint8).reshape(-1, SIDE, SIDE)


def frame():
    """What the page draws: the batch losses since the last frame (with their step numbers), the
    accuracy and mean loss per epoch, and the weights' pictures."""
    log, start = _run["log"], _run["shown"]
    _run["shown"] = len(log)
    return {
        "epoch": _run["epoch"],
        "steps": _run["steps"],
        "batch_steps": list(range(start + 1, len(log) + 1)),
        "batch_losses": log[start:],
        "epoch_loss": _run["epoch_loss"],     # per epoch: the mean batch loss (epoch 0: all training digits)
        "epoch_steps": _run["epoch_steps"],   # the step count at which each was measured
        "test_acc": _run["test_acc"],
        "train_acc": _run["train_acc"],
        "diverged": _diverged(),
        "pictures": pictures(_run["model"]),
        "shapes": [list(p.shape) for p in _run["model"].parameters()],
    }


def script(lr=0.1, momentum=0.9, hidden=64):
    """The slide's listing: build() and train_loop() as one flat PyTorch script with these settings,
    comments, docstrings and def lines dropped (the edited versions, if any). It runs as it reads,
    given a `loader` (tests/unit/test_torch_mnist.py runs it)."""
    from .. import live

    def body(name):
        text = live.edited_source(__name__, name) or live.source(__name__, name)
        lines = [re.sub(r"\s+#.*$", "", line.rstrip()) for line in text.splitlines()]
        tree = ast.parse(textwrap.dedent("\n".join(lines)))
        fn = tree.body[0]
        stmts = [s for s in fn.body if not isinstance(s, ast.Return) and not (
            isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str))]
        src = textwrap.dedent("\n".join(lines)).splitlines()
        start, end = stmts[0].lineno - 1, stmts[-1].end_lineno
        return textwrap.dedent("\n".join(line for line in src[start:end] if line.strip()))

    values = {"lr": repr(float(lr)), "momentum": repr(float(momentum)), "hidden": str(int(hidden))}
    made = re.sub(r"\b(lr|momentum|hidden)\b(?!=)", lambda m: values[m.group(1)], body("build"))
    loop = body("train_loop").replace("model.train()\n", "")
    return "from backprop_lab import torch\nnn, optim = torch.nn, torch.optim\n\n" + made + "\n\n" + loop + "\n"
