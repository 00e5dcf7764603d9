"""Lesson 6's PyTorch demo (lessons/torch_mnist.py): the code the page shows is a PyTorch script.

Its own build / train_loop / accuracy, run on real PyTorch and on the shim from the same weights and
the same 784-d digits in float64, give the same losses, weights and accuracy to 1e-8; and the
page's way of training (the epoch handed to `train` a few batches per call) changes nothing.
"""
import inspect

import numpy as np
import pytest

from backprop_lab import torch as shim
from backprop_lab.lessons import digits, torch_mnist

TOL = 1e-8


def fake_digits(n=240, seed=0):
    """n stand-in 'images' of 784 pixels in [0, 1], labelled by which tenth of the pixels is brightest."""
    rs = np.random.RandomState(seed)
    y = rs.randint(0, 10, n)
    X = rs.rand(n, 784) * 0.3
    for c in range(10):
        X[y == c, c * 78:(c + 1) * 78] += 0.7 * rs.rand((y == c).sum(), 78)
    return X, y


def script(T):
    """The page's three functions, compiled against library T (real torch or the shim): only the import differs."""
    source = "\n\n".join(inspect.getsource(getattr(torch_mnist, f)) for f in ("build", "train_loop", "accuracy"))
    namespace = {"torch": T, "nn": T.nn, "optim": T.optim}
    exec(compile(source, "torch_mnist_script", "exec"), namespace)
    return namespace


def run(T, model_state, X, y, epochs=2, batch_size=32):
    """Train the page's model with its own functions; the loss after every step, the weights, the accuracy."""
    ns = script(T)
    model, loss_fn, optimizer = ns["build"](lr=0.1, momentum=0.9, hidden=16)
    model.load_state_dict({k: T.tensor(v) for k, v in model_state.items()})
    losses = []

    def noted(output, target):
        loss = loss_fn(output, target)
        losses.append(loss.item())
        return loss

    Xt, yt = T.tensor(X), T.tensor(y)
    loader = T.utils.data.DataLoader(T.utils.data.TensorDataset(Xt, yt), batch_size=batch_size, shuffle=False)
    for _ in range(epochs):
        ns["train_loop"](model, loader, noted, optimizer)
    weights = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
    return np.array(losses), weights, ns["accuracy"](model, Xt, yt)


def test_the_pages_script_gives_pytorchs_numbers(torch_float64):
    torch = pytest.importorskip("torch")
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        X, y = fake_digits()
        torch.manual_seed(0)
        start = {k: v.numpy().copy() for k, v in script(torch)["build"](hidden=16)[0].state_dict().items()}
        real = run(torch, start, X, y)
        ours = run(shim, start, X, y)
    finally:
        torch.set_default_dtype(old)
    assert len(real[0]) == 2 * 8 == len(ours[0])                      # 240 digits, batches of 32: 8 steps an epoch
    assert np.max(np.abs(real[0] - ours[0])) < TOL
    assert real[0][-1] < 0.5 * real[0][0], "it learns"
    assert sorted(real[1]) == sorted(ours[1]) == ["0.bias", "0.weight", "2.bias", "2.weight"]
    assert max(np.max(np.abs(real[1][k] - ours[1][k])) for k in real[1]) < TOL
    assert abs(real[2] - ours[2]) < TOL and real[2] > 0.8


def page_setup(monkeypatch, X, y, **kw):
    """The page's setup on fake digits in place of lesson 6's split (4 in 5 train, the rest test)."""
    cut = len(y) * 4 // 5
    monkeypatch.setattr(digits, "load", lambda seed=0: (X[:cut], y[:cut], X[cut:], y[cut:]))
    return torch_mnist.setup(**kw)


def test_training_in_short_calls_is_one_pass_per_epoch(monkeypatch):
    """The page hands `train_loop` a slice of the epoch per call; the weights end where one pass per epoch ends."""
    X, y = fake_digits(n=400)
    page_setup(monkeypatch, X, y, hidden=8, batch_size=16, seed=1)
    one_go = torch_mnist.step(epochs=2)
    W_one = [p.detach().numpy().copy() for p in torch_mnist._run["model"].parameters()]
    page_setup(monkeypatch, X, y, hidden=8, batch_size=16, seed=1)
    frames = []
    while not frames or frames[-1]["epoch"] < 2:
        frames.append(torch_mnist.step(budget_ms=0, batches=3))
    sliced = frames[-1]
    W_sliced = [p.detach().numpy().copy() for p in torch_mnist._run["model"].parameters()]
    assert one_go["steps"] == sliced["steps"] == 2 * (320 // 16)          # 4:1 split: 320 train digits
    assert all(np.array_equal(a, b) for a, b in zip(W_one, W_sliced))
    assert one_go["epoch_loss"] == pytest.approx(sliced["epoch_loss"], abs=0)
    assert sliced["epoch_steps"] == one_go["epoch_steps"] == [0, 20, 40]   # each epoch measured where it ended
    assert len(one_go["test_acc"]) == 3 and one_go["test_acc"][-1] > one_go["test_acc"][0]
    # Every batch's loss reached the chart once, in order, numbered by its step.
    seen = [n for f in frames for n in f["batch_steps"]]
    assert seen[:sliced["steps"]] == list(range(1, sliced["steps"] + 1))


def test_a_frame_holds_the_weights_pictures_and_the_layers_shapes(monkeypatch):
    X, y = fake_digits(n=100)
    f = page_setup(monkeypatch, X, y.astype(np.int32), hidden=12)   # int32: numpy's int in the browser
    assert torch_mnist._run["data"]["y_train"].dtype == shim.int64
    assert f["pictures"].shape == (12, 28, 28) and f["pictures"].dtype == np.uint8
    assert f["shapes"] == [[12, 784], [12], [10, 12], [10]]
    assert f["epoch"] == 0 and f["steps"] == 0 and len(f["epoch_loss"]) == 1
    assert abs(f["epoch_loss"][0] - np.log(10)) < 0.3, "an untrained net is about as unsure as a uniform guess"


@pytest.mark.parametrize("library", ["shim", "torch"])
def test_the_slides_listing_is_a_script_that_runs_as_it_reads(library):
    """The slide shows script(): run as it stands (given a loader), it trains a model with the settings it names."""
    T = shim if library == "shim" else pytest.importorskip("torch")
    text = torch_mnist.script(lr=0.2, momentum=0.5, hidden=24)
    assert "lr=0.2, momentum=0.5" in text and "nn.Linear(784, 24)" in text and "loss.backward()" in text
    assert max(map(len, text.splitlines())) <= 44, "it fits beside the demo on a slide"
    assert "#" not in text and '"""' not in text and "def " not in text
    X, y = fake_digits(n=160)
    loader = T.utils.data.DataLoader(T.utils.data.TensorDataset(T.tensor(X, dtype=T.float32), T.tensor(y)), batch_size=32)
    namespace = {"loader": loader}
    exec(compile(text.replace("from backprop_lab import torch", "torch = T"), "slide", "exec"), dict(namespace, T=T), namespace)
    model, optimizer = namespace["model"], namespace["optimizer"]
    assert [tuple(p.shape) for p in model.parameters()] == [(24, 784), (24,), (10, 24), (10,)]
    assert optimizer.param_groups[0]["lr"] == 0.2 and optimizer.param_groups[0]["momentum"] == 0.5
    assert namespace["loss"].item() < 2.2, "five steps of the loop trained it"
