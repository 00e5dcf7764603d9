"""Making tensors: torch.tensor(data), zeros, ones, arange, and random ones from a seeded generator.

Random numbers come from one numpy RandomState, seeded by manual_seed(s): the same seed gives
the same numbers here on every numpy (not the numbers real PyTorch draws for that seed).
"""
import numpy as np

from . import dtypes
from .tensor import Tensor

_generator = [np.random.RandomState(0)]


def manual_seed(seed):
    """Seed the generator behind randn, rand, randint, randperm, nn.Linear's init and DataLoader's shuffle."""
    _generator[0] = np.random.RandomState(seed)
    return _generator[0]


def generator():
    """The shim's numpy RandomState (what manual_seed seeded)."""
    return _generator[0]


def _np_dtype(dtype, floating=True):
    if dtype is not None:
        return dtype.np
    return dtypes.get_default_dtype().np if floating else np.int64


def tensor(data, dtype=None, requires_grad=False):
    """A new tensor holding a copy of data (numbers, nested lists, a numpy array or a tensor).

    Python floats become the default dtype (float32); Python ints int64; bools bool; a numpy
    array keeps its dtype (float64 stays float64, as torch.tensor(array) does).
    """
    if isinstance(data, Tensor):
        a = data._data.copy()
    elif isinstance(data, np.ndarray) or isinstance(data, np.generic):
        a = np.array(data)
    else:
        a = np.array(_numbers(data))
        if a.dtype.kind == "f":
            a = a.astype(dtypes.get_default_dtype().np)
        elif a.dtype.kind in "iu":
            a = a.astype(np.int64)
    if dtype is not None:
        a = a.astype(dtype.np)
    return Tensor(a, requires_grad=requires_grad)


def _numbers(data):
    """Nested lists of tensors (e.g. [t1, t2] of 0-d tensors) as nested lists of numbers."""
    if isinstance(data, Tensor):
        return data.tolist()
    if isinstance(data, (list, tuple)):
        return [_numbers(x) for x in data]
    return data


def from_numpy(array):
    """A tensor sharing the numpy array's memory (and dtype)."""
    return Tensor(array)


def _size(size):
    """zeros(2, 3) and zeros((2, 3)) alike."""
    return tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else size


def zeros(*size, dtype=None, requires_grad=False):
    return Tensor(np.zeros(_size(size), dtype=_np_dtype(dtype)), requires_grad=requires_grad)


def ones(*size, dtype=None, requires_grad=False):
    return Tensor(np.ones(_size(size), dtype=_np_dtype(dtype)), requires_grad=requires_grad)


def full(size, fill_value, dtype=None, requires_grad=False):
    return Tensor(np.full(_size((size,)), fill_value, dtype=_np_dtype(dtype)), requires_grad=requires_grad)


def zeros_like(t, dtype=None, requires_grad=False):
    return zeros(*t.shape, dtype=dtype or t.dtype, requires_grad=requires_grad)


def ones_like(t, dtype=None, requires_grad=False):
    return ones(*t.shape, dtype=dtype or t.dtype, requires_grad=requires_grad)


def arange(start, end=None, step=1, dtype=None, requires_grad=False):
    """start, start + step, ... below end; int64 if all three are integers, else the default float."""
    if end is None:
        start, end = 0, start
    integral = all(isinstance(v, int) for v in (start, end, step))
    return Tensor(np.arange(start, end, step, dtype=_np_dtype(dtype, floating=not integral)),
                  requires_grad=requires_grad)


def linspace(start, end, steps, dtype=None, requires_grad=False):
    return Tensor(np.linspace(start, end, steps).astype(_np_dtype(dtype)), requires_grad=requires_grad)


def randn(*size, dtype=None, requires_grad=False):
    """Standard normal numbers N(0, 1)."""
    a = np.asarray(_generator[0].standard_normal(_size(size)), dtype=_np_dtype(dtype))
    return Tensor(a, requires_grad=requires_grad)


def rand(*size, dtype=None, requires_grad=False):
    """Uniform numbers in [0, 1)."""
    a = np.asarray(_generator[0].random_sample(_size(size)), dtype=_np_dtype(dtype))
    return Tensor(a, requires_grad=requires_grad)


def randint(low, high=None, size=(), dtype=None):
    """Integers in [low, high) (or [0, low) given one bound), int64."""
    if high is None:
        low, high = 0, low
    return Tensor(np.asarray(_generator[0].randint(low, high, size=size), dtype=_np_dtype(dtype, floating=False)))


def randperm(n, dtype=None):
    """0, ..., n-1 in a random order, int64."""
    return Tensor(_generator[0].permutation(n).astype(_np_dtype(dtype, floating=False)))
