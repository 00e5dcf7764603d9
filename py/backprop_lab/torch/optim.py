"""torch.optim.SGD, with PyTorch's update rule exactly (dampening 0, as PyTorch's default).

For every parameter p with a gradient, one step():

    g   = p.grad + weight_decay * p                 (L2 penalty's gradient added)
    buf = g                       on the first step  (momentum > 0)
    buf = momentum * buf + g      after that
    g   = buf                     (or g + momentum * buf with nesterov=True)
    p   = p - lr * g

Compare the lab's optim.py: v = beta v - eta g; W = W + v.  With a constant learning rate
the two make the same steps (v = -lr buf), except PyTorch's first step uses buf = g.
zero_grad() sets every .grad to None, as PyTorch 2 does: backward() then starts afresh.
"""
import numpy as np

from .grad_mode import no_grad


class Optimizer:
    """Optimizer(params, defaults): params are tensors, or dicts {"params": [...], "lr": ...} (groups)."""

    def __init__(self, params, defaults):
        params = list(params)
        if not params:
            raise ValueError("optimizer got an empty parameter list")
        groups = params if isinstance(params[0], dict) else [{"params": params}]
        self.defaults = defaults
        self.param_groups = []
        for group in groups:
            group = dict(defaults, **group)
            group["params"] = list(group["params"])
            self.param_groups.append(group)
        self.state = {}                                # id(p) -> {"momentum_buffer": array}

    def zero_grad(self, set_to_none=True):
        for group in self.param_groups:
            for p in group["params"]:
                if set_to_none:
                    p.grad = None
                elif p.grad is not None:
                    p.grad.zero_()

    def __repr__(self):
        lines = [type(self).__name__ + " ("]
        for i, group in enumerate(self.param_groups):
            lines.append("Parameter Group %d" % i)
            lines += ["    %s: %s" % (k, group[k]) for k in sorted(group) if k != "params"]
        return "\n".join(lines + [")"])


class SGD(Optimizer):
    """SGD(params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False)."""

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False):
        if lr < 0 or momentum < 0 or weight_decay < 0:
            raise ValueError("Invalid value: lr=%r, momentum=%r, weight_decay=%r" % (lr, momentum, weight_decay))
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov))

    @no_grad()
    def step(self):
        for group in self.param_groups:
            lr, momentum, wd = group["lr"], group["momentum"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad._data
                if wd != 0:
                    g = g + wd * p._data                                  # g = grad + weight_decay p
                if momentum != 0:
                    state = self.state.setdefault(id(p), {})
                    buf = state.get("momentum_buffer")
                    if buf is None:
                        buf = state["momentum_buffer"] = np.array(g)      # buf = g (first step)
                    else:
                        buf *= momentum                                   # buf = momentum buf + (1 - dampening) g
                        buf += (1 - group["dampening"]) * g
                    g = g + momentum * buf if group["nesterov"] else buf
                p._data -= lr * g                                         # p = p - lr g
