"""nn.Module: the base of every layer and model; nn.Parameter: a tensor a module learns.

Assigning an attribute registers it, as in PyTorch:

    self.fc = nn.Linear(3, 2)          # a submodule, under the name "fc"
    self.w = nn.Parameter(t)           # a parameter, under the name "w"

so parameters() finds every parameter of the module and of its submodules, and
state_dict() names them by their path: "fc.weight", or "0.weight" inside a Sequential.
"""
from collections import OrderedDict

import numpy as np

from .. import dtypes
from ..tensor import Tensor


class Parameter(Tensor):
    """Parameter(tensor, requires_grad=True) - a tensor (the same array) that a Module learns."""

    def __init__(self, data=None, requires_grad=True):
        array = np.zeros(0) if data is None else data._data if isinstance(data, Tensor) else np.asarray(data)
        super().__init__(array, requires_grad=requires_grad)

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()


class Module:
    """Module() - subclass it, make the layers in __init__, compute the output in forward(x)."""

    def __init__(self):
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "training", True)

    def __setattr__(self, name, value):
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign to %s before Module.__init__() call" % name)
        for table in (self._parameters, self._modules):
            table.pop(name, None)
        if isinstance(value, Parameter):
            self._parameters[name] = value
        elif isinstance(value, Module):
            self._modules[name] = value
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name):                   # only called when normal lookup fails
        for table in ("_parameters", "_modules"):
            if name in self.__dict__.get(table, {}):
                return self.__dict__[table][name]
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))

    def __delattr__(self, name):
        for table in (self._parameters, self._modules):
            if name in table:
                del table[name]
                return
        object.__delattr__(self, name)

    def register_parameter(self, name, param):
        self._parameters[name] = param

    def add_module(self, name, module):
        self._modules[name] = module

    def __call__(self, *args, **kwargs):
        return self.forward(*args, **kwargs)

    def forward(self, *args):
        raise NotImplementedError('Module [%s] is missing the required "forward" function' % type(self).__name__)

    # ---- what it holds ----
    def named_modules(self, prefix=""):
        yield prefix, self
        for name, module in self._modules.items():
            yield from module.named_modules(prefix + "." + name if prefix else name)

    def modules(self):
        return (m for _, m in self.named_modules())

    def children(self):
        return iter(self._modules.values())

    def named_parameters(self):
        """(path, parameter) for every parameter, in the order they were assigned: ("0.weight", W), ..."""
        seen = set()
        for prefix, module in self.named_modules():
            for name, p in module._parameters.items():
                if p is not None and id(p) not in seen:
                    seen.add(id(p))
                    yield (prefix + "." + name if prefix else name), p

    def parameters(self):
        return (p for _, p in self.named_parameters())

    def state_dict(self):
        """path -> parameter's values (detached tensors sharing the arrays), PyTorch's names and order."""
        return OrderedDict((name, p.detach()) for name, p in self.named_parameters())

    def load_state_dict(self, state_dict, strict=True):
        """Copy the values in (shim or real torch tensors, or arrays) into the parameters, in their dtype."""
        own = OrderedDict(self.named_parameters())
        missing = [k for k in own if k not in state_dict]
        unexpected = [k for k in state_dict if k not in own]
        errors = []
        if strict and unexpected:
            errors.append("Unexpected key(s) in state_dict: %s. " % ", ".join('"%s"' % k for k in unexpected))
        if strict and missing:
            errors.append("Missing key(s) in state_dict: %s. " % ", ".join('"%s"' % k for k in missing))
        for name, p in own.items():
            if name in state_dict:
                value = _as_array(state_dict[name])
                if value.shape != p._data.shape:
                    errors.append("size mismatch for %s: copying a param with shape %s from checkpoint, the shape "
                                  "in current model is %s." % (name, _size(value.shape), _size(p._data.shape)))
        if errors:
            raise RuntimeError("Error(s) in loading state_dict for %s:\n\t%s" % (type(self).__name__, "\n\t".join(errors)))
        for name, p in own.items():
            if name in state_dict:
                p._data[...] = _as_array(state_dict[name])     # in place: an optimizer keeps its parameters
        return missing, unexpected

    # ---- modes and gradients ----
    def train(self, mode=True):
        for m in self.modules():
            object.__setattr__(m, "training", mode)
        return self

    def eval(self):
        return self.train(False)

    def zero_grad(self, set_to_none=True):
        for p in self.parameters():
            if set_to_none:
                p.grad = None
            elif p.grad is not None:
                p.grad.zero_()

    def requires_grad_(self, requires_grad=True):
        for p in self.parameters():
            p.requires_grad_(requires_grad)
        return self

    def to(self, *args, **kwargs):
        """m.to(torch.float64) casts the parameters; a device ("cpu") is accepted and ignored."""
        for p in self.parameters():
            p._data = p.to(*args, **kwargs).detach()._data
        return self

    def double(self):
        return self.to(dtypes.float64)

    def float(self):
        return self.to(dtypes.float32)

    def extra_repr(self):
        return ""

    def __repr__(self):
        lines = ["  (%s): %s" % (name, repr(m).replace("\n", "\n  ")) for name, m in self._modules.items()]
        if not lines:
            return "%s(%s)" % (type(self).__name__, self.extra_repr())
        return "%s(\n%s\n)" % (type(self).__name__, "\n".join(lines))


def _as_array(value):
    return value._data if isinstance(value, Tensor) else np.asarray(value)


def _size(shape):
    return "torch.Size([%s])" % ", ".join(str(n) for n in shape)
