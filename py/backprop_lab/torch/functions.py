"""PyTorch's function forms of the Tensor methods: torch.exp(x) is x.exp(), torch.matmul(a, b) is a @ b.

The forward and backward of each operation are in tensor.py, beside each other.
"""
from .tensor import as_tensor


def exp(input):
    return as_tensor(input).exp()


def log(input):
    return as_tensor(input).log()


def relu(input):
    return as_tensor(input).relu()


def sigmoid(input):
    return as_tensor(input).sigmoid()


def tanh(input):
    return as_tensor(input).tanh()


def softmax(input, dim):
    return as_tensor(input).softmax(dim)


def log_softmax(input, dim):
    return as_tensor(input).log_softmax(dim)


def sum(input, dim=None, keepdim=False):
    return as_tensor(input).sum(dim, keepdim)


def mean(input, dim=None, keepdim=False):
    return as_tensor(input).mean(dim, keepdim)


def max(input, dim=None, keepdim=False):
    """torch.max(x): the largest entry; torch.max(x, 1): (values, indices) of each row's largest."""
    return as_tensor(input).max(dim, keepdim)


def min(input, dim=None, keepdim=False):
    return as_tensor(input).min(dim, keepdim)


def argmax(input, dim=None, keepdim=False):
    return as_tensor(input).argmax(dim, keepdim)


def matmul(input, other):
    return as_tensor(input) @ other


mm = matmul


def reshape(input, shape):
    return as_tensor(input).reshape(shape)


def flatten(input, start_dim=0, end_dim=-1):
    return as_tensor(input).flatten(start_dim, end_dim)


def transpose(input, dim0, dim1):
    return as_tensor(input).transpose(dim0, dim1)


def eq(input, other):
    return as_tensor(input) == other


def is_tensor(obj):
    from .tensor import Tensor
    return isinstance(obj, Tensor)
