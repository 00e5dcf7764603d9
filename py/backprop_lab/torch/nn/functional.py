"""torch.nn.functional (import it as F): activations and losses as functions.

The losses are compositions of tensor operations (tensor.py), so their backward comes
from autograd; log_softmax has its own, numerically stable forward and backward.

    cross_entropy(logits (n, C), target (n,) of class indices) = mean_i -log softmax(logits_i)[target_i]
    mse_loss(input, target) = mean (input - target)^2
"""
import warnings

import numpy as np

from .. import dtypes
from ..functions import log_softmax, relu, sigmoid, softmax, tanh
from ..tensor import Tensor, as_tensor, result

__all__ = ["relu", "sigmoid", "tanh", "softmax", "log_softmax", "linear", "nll_loss", "cross_entropy", "mse_loss"]


def linear(input, weight, bias=None):
    """(n, in) -> (n, out): input W^T + b, W of shape (out, in).

    A batch (n, in) is one operation of the graph, whose backward is linear_backward below
    (looked up when backward() runs, so an edited one is used); other shapes go through
    @ and +, whose backward autograd composes."""
    if input.dtype != weight.dtype:         # the classic: float64 data (from numpy) into a float32 model
        raise RuntimeError("mat1 and mat2 must have the same dtype, but got %s and %s"
                           % (_type_name(input.dtype), _type_name(weight.dtype)))
    if input.dim() != 2 or weight.dim() != 2 or input.shape[1] != weight.shape[1] or (
            bias is not None and (bias.dim() != 1 or bias.dtype != weight.dtype or bias.shape[0] != weight.shape[0])):
        out = input @ weight.T
        return out if bias is None else out + bias
    x, W = input._data, weight._data
    b = None if bias is None else bias._data
    out = x @ W.T if b is None else x @ W.T + b
    parents = (input, weight) if bias is None else (input, weight, bias)

    def backward(G):
        grads = linear_backward(x, W, G)
        return grads if bias is not None else grads[:2]
    return result(out, parents, backward, "AddmmBackward0" if bias is not None else "MmBackward0")


def linear_backward(x, W, grad_output):
    """Backward of a linear layer y = x W^T + b, given the upstream gradient dL/dy.

    x            (n, in)    the layer's input
    W            (out, in)  its weight, PyTorch's layout
    grad_output  (n, out)   dL/dy, the gradient arriving from the layer above
    returns (grad_input (n, in), grad_weight (out, in), grad_bias (out,))
    """
    grad_input = grad_output @ W            # dL/dx = dL/dy W
    grad_weight = grad_output.T @ x         # dL/dW = (dL/dy)^T x, W's shape (out, in)
    grad_bias = grad_output.sum(axis=0)     # dL/db = sum over the batch of dL/dy
    return grad_input, grad_weight, grad_bias


def _type_name(dtype):
    """PyTorch's name of a dtype in its error messages: Float, Double, Long, Int, Bool."""
    return {"float32": "Float", "float64": "Double", "int64": "Long", "int32": "Int", "bool": "Bool"}[dtype.name]


def _reduce(losses, reduction):
    if reduction == "mean":
        return losses.mean()
    if reduction == "sum":
        return losses.sum()
    if reduction == "none":
        return losses
    raise ValueError("%s is not a valid value for reduction" % reduction)


def nll_loss(input, target, reduction="mean"):
    """-input[i, target[i]] averaged over the batch: input (n, C) of log-probabilities, target (n,) ints."""
    target = as_tensor(target)
    if target.dtype != dtypes.int64:
        raise RuntimeError("expected target dtype to be Long or Byte, but got %s" % _type_name(target.dtype))
    rows = np.arange(input.shape[0])
    return _reduce(-input[rows, target._data], reduction)     # picks log p(target) in each row


def cross_entropy(input, target, reduction="mean"):
    """Logits (n, C) and class indices (n,) -> the mean of -log softmax(logits)[target]."""
    return nll_loss(log_softmax(input, 1), target, reduction)


def mse_loss(input, target, reduction="mean"):
    """Mean of (input - target)^2 over every entry; input and target of one shape."""
    target = as_tensor(target, input)
    if tuple(target.shape) != tuple(input.shape):
        warnings.warn("Using a target size (%r) that is different to the input size (%r). This will likely lead "
                      "to incorrect results due to broadcasting. Please ensure they have the same size."
                      % (target.shape, input.shape), UserWarning, stacklevel=2)
    return _reduce((input - target) ** 2, reduction)


def one_hot(tensor, num_classes=-1):
    """(n,) class indices -> (n, num_classes) of 0 and 1, int64."""
    k = int(tensor._data.max()) + 1 if num_classes < 0 else num_classes
    return Tensor(np.eye(k, dtype=np.int64)[tensor._data])
