"""Whether operations record the graph for backward: no_grad() switches that off.

    with torch.no_grad():          # e.g. the update w -= lr * w.grad, or evaluation
        ...

no_grad() also decorates a function (@torch.no_grad()).
"""
import functools

_enabled = [True]


def is_grad_enabled():
    return _enabled[0]


class set_grad_enabled:
    """set_grad_enabled(mode) - record the graph (True) or not (False), for good or in a `with`."""

    def __init__(self, mode):
        self.prev = _enabled[0]
        _enabled[0] = bool(mode)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        _enabled[0] = self.prev


class no_grad:
    """Context manager (and decorator) in which no graph is recorded."""

    mode = False

    def __enter__(self):
        self.prev = _enabled[0]
        _enabled[0] = self.mode

    def __exit__(self, *exc):
        _enabled[0] = self.prev

    def __call__(self, f):
        @functools.wraps(f)
        def wrapped(*args, **kwargs):
            with self.__class__():
                return f(*args, **kwargs)
        return wrapped


class enable_grad(no_grad):
    """Context manager (and decorator) in which the graph is recorded, even inside no_grad()."""

    mode = True
