"""PyTorch's dtypes (torch.float32, torch.int64, ...) as names for numpy's.

A dtype prints as PyTorch's does ("torch.float32") and knows its numpy type (.np).
The default dtype is what floating-point data becomes when none is given:
float32, as in PyTorch, until set_default_dtype(torch.float64).
"""
import numpy as np


class dtype:
    """dtype(name, np_type) - one element type: torch.float32 is dtype("float32", np.float32)."""

    def __init__(self, name, np_type):
        self.name = name
        self.np = np.dtype(np_type)
        self.is_floating_point = self.np.kind == "f"

    def __repr__(self):
        return "torch." + self.name

    def __reduce__(self):                      # copy / pickle to the same object
        return (from_numpy_dtype, (self.np,))


float32 = float = dtype("float32", np.float32)
float64 = double = dtype("float64", np.float64)
int32 = int = dtype("int32", np.int32)
int64 = long = dtype("int64", np.int64)
bool = dtype("bool", np.bool_)

_BY_NUMPY = {d.np: d for d in (float32, float64, int32, int64, bool)}
_default = [float32]                           # the default floating-point dtype


def from_numpy_dtype(np_dtype):
    """The torch dtype for a numpy dtype (float16 and the like are not supported)."""
    try:
        return _BY_NUMPY[np.dtype(np_dtype)]
    except KeyError:
        raise TypeError("can't convert np.ndarray of type %s: the shim supports float32, float64, "
                        "int32, int64 and bool" % np.dtype(np_dtype)) from None


def set_default_dtype(d):
    """The dtype of floating-point data given without one (float32 unless set)."""
    if d not in (float32, float64):
        raise TypeError("only floating-point types are supported as the default type")
    _default[0] = d


def get_default_dtype():
    return _default[0]
