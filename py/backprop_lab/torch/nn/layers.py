"""The layers of a lecture's network: Linear, the activations, Sequential, Flatten.

Linear(in, out) computes y = x W^T + b with W of shape (out, in) and b of shape (out,), as
PyTorch does (the lab's own nn.py writes x W + b with W of shape (in, out): the same numbers,
transposed).  Both start uniform in [-1/sqrt(in), 1/sqrt(in)], PyTorch's default
(kaiming_uniform_ with a = sqrt(5) gives exactly that bound).
"""
import math
from collections import OrderedDict

import numpy as np

from .. import dtypes
from ..creation import generator
from . import functional as F
from .module import Module, Parameter


class Linear(Module):
    """Linear(in_features, out_features, bias=True): (n, in) -> (n, out),  y = x W^T + b."""

    def __init__(self, in_features, out_features, bias=True, dtype=None):
        super().__init__()
        self.in_features, self.out_features = in_features, out_features
        bound = 1 / math.sqrt(in_features) if in_features > 0 else 0
        np_dtype = (dtype or dtypes.get_default_dtype()).np
        uniform = lambda *shape: Parameter(np.asarray(generator().uniform(-bound, bound, shape), dtype=np_dtype))
        self.weight = uniform(out_features, in_features)              # W: (out, in)
        self.bias = uniform(out_features) if bias else None           # b: (out,)

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)                    # (n, in) @ (in, out) + (out,) -> (n, out)

    def extra_repr(self):
        return "in_features=%d, out_features=%d, bias=%s" % (self.in_features, self.out_features,
                                                             self.bias is not None)


class ReLU(Module):
    """max(0, x), element-wise."""

    def forward(self, x):
        return x.relu()


class Sigmoid(Module):
    """1 / (1 + e^-x), element-wise."""

    def forward(self, x):
        return x.sigmoid()


class Tanh(Module):
    """tanh(x), element-wise."""

    def forward(self, x):
        return x.tanh()


class Identity(Module):
    def forward(self, x):
        return x


class Softmax(Module):
    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, x):
        return x.softmax(self.dim)


class LogSoftmax(Softmax):
    def forward(self, x):
        return x.log_softmax(self.dim)


class Flatten(Module):
    """(n, d1, d2, ...) -> (n, d1 * d2 * ...): an image batch to a batch of vectors."""

    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim, self.end_dim = start_dim, end_dim

    def forward(self, x):
        return x.flatten(self.start_dim, self.end_dim)


class Sequential(Module):
    """Sequential(layer0, layer1, ...): x -> layer0 -> layer1 -> ...; the layers are named "0", "1", ..."""

    def __init__(self, *layers):
        super().__init__()
        if len(layers) == 1 and isinstance(layers[0], OrderedDict):
            for name, layer in layers[0].items():
                self.add_module(name, layer)
        else:
            for i, layer in enumerate(layers):
                self.add_module(str(i), layer)

    def forward(self, x):
        for layer in self._modules.values():
            x = layer(x)
        return x

    def __getitem__(self, i):
        layers = list(self._modules.values())
        return Sequential(*layers[i]) if isinstance(i, slice) else layers[i]

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def append(self, layer):
        self.add_module(str(len(self)), layer)
        return self

