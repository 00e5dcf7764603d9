"""A small PyTorch, on numpy: the part of PyTorch's API a lecture uses, with reverse-mode autograd.

    from backprop_lab import torch
    nn, optim = torch.nn, torch.optim

    model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
    loss_fn = nn.CrossEntropyLoss()
    opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for x, y in torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, Y), batch_size=32):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

It is micrograd's idea (the lab's engine.py) on arrays, in small files, one idea each:

    dtypes       torch.float32, torch.int64, ...; the default dtype
    grad_mode    no_grad(): switch the recording of the graph off
    tensor       Tensor, every operation's forward and backward side by side, and backward()
    creation     tensor(), zeros, ones, arange, randn, rand, manual_seed
    functions    torch.exp(x), torch.relu(x), ...: the function forms of the methods
    nn           Module, Parameter, Linear, Sequential, ReLU/Sigmoid/Tanh, the losses; nn.functional
    optim        SGD with momentum and weight decay, PyTorch's update rule
    utils.data   TensorDataset, DataLoader

Default dtype: float32, as in PyTorch, so that tensor([1.0]).dtype, a Linear layer's weights and
the printed tensors read as they do in PyTorch, and code written for PyTorch runs unchanged.
set_default_dtype(torch.float64) switches to float64 (for gradient checks against finite
differences and for comparing with PyTorch to 1e-8); dtype= arguments pick one per tensor.

Errors read like PyTorch's: a matrix product of shapes that do not fit names both shapes,
a second backward through a freed graph, .grad of a non-leaf (a warning), and backward() on a
non-scalar without a gradient.  Random numbers come from numpy's RandomState seeded by
manual_seed: repeatable, but not PyTorch's numbers (copy weights with load_state_dict to compare).

Runs on Python 3.8 with numpy 1.17 (Pyodide 0.17) and on current CPython and numpy.
"""
from . import nn, optim, utils
from .creation import (
    arange,
    from_numpy,
    full,
    linspace,
    manual_seed,
    ones,
    ones_like,
    rand,
    randint,
    randn,
    randperm,
    tensor,
    zeros,
    zeros_like,
)
from .dtypes import bool, double, dtype, float, float32, float64, get_default_dtype, int, int32, int64, long, set_default_dtype
from .functions import (
    argmax,
    eq,
    exp,
    flatten,
    is_tensor,
    log,
    log_softmax,
    matmul,
    max,
    mean,
    min,
    mm,
    relu,
    reshape,
    sigmoid,
    softmax,
    sum,
    tanh,
    transpose,
)
from .grad_mode import enable_grad, is_grad_enabled, no_grad, set_grad_enabled
from .tensor import Size, Tensor

__version__ = "2.0-shim"


class cuda:
    """No GPU here: `device = "cuda" if torch.cuda.is_available() else "cpu"` picks "cpu"."""

    @staticmethod
    def is_available():
        return False


def device(name="cpu"):
    """torch.device("cpu") is the name itself: every tensor lives on the CPU."""
    return name


__all__ = ["nn", "optim", "utils", "arange", "from_numpy", "full", "linspace", "manual_seed", "ones", "ones_like",
           "rand", "randint", "randn", "randperm", "tensor", "zeros", "zeros_like", "bool", "double", "dtype",
           "float", "float32", "float64", "get_default_dtype", "int", "int32", "int64", "long", "set_default_dtype",
           "argmax", "eq", "exp", "flatten", "is_tensor", "log", "log_softmax", "matmul", "max", "mean", "min", "mm",
           "relu", "reshape", "sigmoid", "softmax", "sum", "tanh", "transpose", "enable_grad", "is_grad_enabled",
           "no_grad", "set_grad_enabled", "Size", "Tensor", "cuda", "device"]
