"""Tensor: a numpy array that remembers how it was made, and reverse-mode autograd on it.

micrograd's idea (engine.py), on arrays.  An operation on tensors that require a gradient
returns a tensor holding its inputs (_parents) and a function _backward that turns the
gradient G = dL/d(out), an array shaped like out, into dL/d(input) for every input:

    out = a * b          _backward(G) = (G * b, G * a)          (chain rule: local x upstream)

backward() walks the graph once from the output back to the leaves, in reverse topological
order, adding each contribution; a leaf (a tensor made by the user, requires_grad=True)
keeps the sum in .grad.  Broadcasting is undone on the way: a gradient is summed over the
axes along which its input was broadcast (unbroadcast), so it has the input's shape.

Like PyTorch, backward() frees what the graph saved (its _backward functions) unless
retain_graph=True, so a second backward through the same graph is an error.

Shapes in docstrings: (n, d) means an array with n rows and d columns; () is a scalar.
"""
import collections
import warnings

import numpy as np

from . import dtypes
from .grad_mode import is_grad_enabled

FREED = ("Trying to backward through the graph a second time (or directly access saved tensors after they "
         "have already been freed). Saved intermediate values of the graph are freed when you call .backward() "
         "or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time "
         "or if you need to access saved tensors after calling backward.")
NON_LEAF_GRAD = ("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute "
                 "won't be populated during autograd.backward(). If you indeed want the .grad field to be populated "
                 "for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf "
                 "Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 "
                 "for more information.")


C_NAMES = {"float32": "float", "float64": "double", "int32": "int", "int64": "long int", "bool": "bool"}


class Size(tuple):
    """A tensor's shape: a tuple that prints as torch.Size([4, 3])."""

    def __repr__(self):
        return "torch.Size([%s])" % ", ".join(str(n) for n in self)


class Tensor:
    """Tensor(array, requires_grad=False) - use torch.tensor(data) to make one from a list."""

    __hash__ = object.__hash__                 # == compares elements, but a tensor is a dict key by identity

    def __init__(self, data, requires_grad=False):
        self._data = data if isinstance(data, np.ndarray) else np.asarray(data)
        dtypes.from_numpy_dtype(self._data.dtype)          # a supported dtype, or TypeError
        if requires_grad and not self.dtype.is_floating_point:
            raise RuntimeError("Only Tensors of floating point dtype can require gradients")
        self.requires_grad = bool(requires_grad)
        self._grad = None                      # dL/d(this), a Tensor, for leaves (and retain_grad())
        self._parents = ()                     # the tensors this one was computed from
        self._backward = None                  # G -> (dL/d parent for each parent); None once freed
        self._op = ""                          # "MulBackward0", ... ("" for a leaf)
        self._saves = False                    # does _backward use saved values (freed after backward)?
        self._retains_grad = False

    # ---- the array and what it is ----
    @property
    def data(self):
        """The same array as a tensor outside the graph (no grad): t.data -= lr * t.grad updates t."""
        return Tensor(self._data)

    @data.setter
    def data(self, value):
        self._data = value._data if isinstance(value, Tensor) else np.asarray(value, dtype=self._data.dtype)

    @property
    def shape(self):
        return Size(self._data.shape)

    def size(self, dim=None):
        return self.shape if dim is None else self._data.shape[dim]

    @property
    def dtype(self):
        return dtypes.from_numpy_dtype(self._data.dtype)

    @property
    def ndim(self):
        return self._data.ndim

    def dim(self):
        return self._data.ndim

    def numel(self):
        return int(self._data.size)

    device = "cpu"

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return len(self._data)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    @property
    def is_leaf(self):
        return not self._op

    @property
    def grad_fn(self):
        return _GradFn(self._op) if self._op else None

    @property
    def grad(self):
        """dL/d(this) after backward(): a Tensor for a leaf that requires grad, else None."""
        if self._op and not self._retains_grad:
            warnings.warn(NON_LEAF_GRAD, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value):
        self._grad = value

    def retain_grad(self):
        """Keep .grad on this non-leaf tensor too."""
        self._retains_grad = True

    def requires_grad_(self, requires_grad=True):
        if not self.is_leaf:
            raise RuntimeError("you can only change requires_grad flags of leaf variables.")
        self.requires_grad = requires_grad
        return self

    # ---- leaving the graph ----
    def detach(self):
        """The same array, outside the graph."""
        return Tensor(self._data)

    def numpy(self):
        """The array itself (shared, not copied)."""
        if self.requires_grad:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        return self._data

    def __array__(self, dtype=None, copy=None):   # np.asarray(t), matplotlib
        return self._data if dtype is None else self._data.astype(dtype)

    def item(self):
        """The one number in the tensor, as a Python float (or int, bool)."""
        if self._data.size != 1:
            raise RuntimeError("a Tensor with %d elements cannot be converted to Scalar" % self._data.size)
        return self._data.item()

    def tolist(self):
        return self._data.tolist()

    def __float__(self):
        return float(self.item())

    def __int__(self):
        return int(self.item())

    def __index__(self):
        if self.dtype.is_floating_point:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def __format__(self, spec):                    # f"{loss:.4f}" formats the number of a 0-d tensor
        return format(self.item(), spec) if self._data.ndim == 0 else format(repr(self), spec)

    def __bool__(self):
        if self._data.size != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self._data.item())

    def __repr__(self):
        a = self._data
        if a.dtype.kind == "f":                                     # 4 decimals, or none for whole numbers
            whole = np.all(np.mod(a[np.isfinite(a)], 1) == 0)
            text = np.array2string(a, separator=", ", precision=4, floatmode="maxprec" if whole else "fixed",
                                   prefix="tensor(")
        else:
            text = np.array2string(a, separator=", ", prefix="tensor(")
        extra = ""
        if self.dtype not in (dtypes.get_default_dtype(), dtypes.int64, dtypes.bool):
            extra += ", dtype=%r" % self.dtype
        if self._op:
            extra += ", grad_fn=<%s>" % self._op
        elif self.requires_grad:
            extra += ", requires_grad=True"
        return "tensor(%s%s)" % (text, extra)

    # ---- backward ----
    def backward(self, gradient=None, retain_graph=None):
        """Add dself/dleaf to leaf.grad for every leaf this tensor depends on (gradient: dL/dself)."""
        if not self.requires_grad:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")
        if gradient is None:
            if self._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            gradient = np.ones_like(self._data)                     # dself/dself = 1
        G = {id(self): np.broadcast_to(np.asarray(gradient, dtype=self._data.dtype), self._data.shape)}
        for node in reversed(topological_order(self)):
            g = G.pop(id(node), None)
            if g is None:
                continue
            if node.is_leaf or node._retains_grad:
                node._accumulate(g)
            if node.is_leaf:
                continue
            if node._backward is None:
                raise RuntimeError(FREED)
            for parent, pg in zip(node._parents, node._backward(g)):
                if parent.requires_grad and pg is not None:
                    pg = unbroadcast(pg, parent._data.shape).astype(parent._data.dtype, copy=False)
                    G[id(parent)] = G[id(parent)] + pg if id(parent) in G else pg
            if node._saves and not retain_graph:
                node._backward = None                               # free what it saved

    def _accumulate(self, g):
        if self._grad is None:
            self._grad = Tensor(np.array(g, dtype=self._data.dtype))  # a copy: g may be a view
        else:
            self._grad._data = self._grad._data + g

    # ---- arithmetic: out = a (op) b, with its backward G -> (dL/da, dL/db) ----
    def __add__(self, other):
        other = as_tensor(other, self)
        a, b = promote(self, other)
        return result(a + b, (self, other), lambda G: (G, G), "AddBackward0", saves=False)

    def __sub__(self, other):
        other = as_tensor(other, self)
        a, b = promote(self, other)
        return result(a - b, (self, other), lambda G: (G, -G), "SubBackward0", saves=False)

    def __mul__(self, other):
        other = as_tensor(other, self)
        a, b = promote(self, other)
        return result(a * b, (self, other), lambda G: (G * b, G * a), "MulBackward0")   # d(ab) = b da + a db

    def __truediv__(self, other):
        other = as_tensor(other, self)
        a, b = promote(self, other)
        if a.dtype.kind != "f":                                     # 1 / 2 is 0.5, as in PyTorch
            a, b = a.astype(dtypes.get_default_dtype().np), b.astype(dtypes.get_default_dtype().np)
        # d(a/b)/da = 1/b,  d(a/b)/db = -a/b^2
        return result(a / b, (self, other), lambda G: (G / b, -G * a / (b * b)), "DivBackward0")

    def __neg__(self):
        return result(-self._data, (self,), lambda G: (-G,), "NegBackward0", saves=False)

    def __pow__(self, n):
        if isinstance(n, Tensor):
            raise TypeError("the shim supports tensor ** number only")
        a = self._data
        # d(a^n)/da = n a^(n-1)
        return result(a ** n, (self,), lambda G: (G * n * a ** (n - 1),), "PowBackward0")

    def __matmul__(self, other):
        other = as_tensor(other, self)
        if self.dtype != other.dtype:                               # PyTorch does not promote in a product
            raise RuntimeError("expected m1 and m2 to have the same dtype, but got: %s != %s"
                               % (C_NAMES[self.dtype.name], C_NAMES[other.dtype.name]))
        A, B = self._data, other._data
        if A.ndim == 1 or B.ndim == 1:                              # a vector is a 1-row / 1-column matrix
            check_vector_matmul(A.shape, B.shape)
            row, col = A.ndim == 1, B.ndim == 1
            out = (self.reshape(1, -1) if row else self) @ (other.reshape(-1, 1) if col else other)
            s = out.shape                                           # drop the 1-long axes put in
            return out.reshape(s[:-2] + (() if row else s[-2:-1]) + (() if col else s[-1:]))
        if A.shape[-1] != B.shape[-2]:
            raise RuntimeError("mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)"
                               % (int(np.prod(A.shape[:-1])), A.shape[-1], B.shape[-2], B.shape[-1]))
        # out = A B:  dL/dA = G B^T,  dL/dB = A^T G
        return result(A @ B, (self, other), lambda G: (G @ B.swapaxes(-1, -2), A.swapaxes(-1, -2) @ G), "MmBackward0")

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return as_tensor(other, self) - self

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return as_tensor(other, self) / self

    def __rmatmul__(self, other):
        return as_tensor(other, self) @ self

    # ---- in place (outside the graph: under no_grad, or on tensors that need no grad) ----
    def _inplace(self, other, ufunc, name):
        other = as_tensor(other, self)
        if is_grad_enabled() and (self.requires_grad or other.requires_grad):
            if self.is_leaf and self.requires_grad:
                raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
            return getattr(self, name)(other)       # inside the graph: a new node (the name is rebound)
        ufunc(self._data, other._data, out=self._data, casting="unsafe")
        return self

    def __iadd__(self, other):
        return self._inplace(other, np.add, "__add__")

    def __isub__(self, other):
        return self._inplace(other, np.subtract, "__sub__")

    def __imul__(self, other):
        return self._inplace(other, np.multiply, "__mul__")

    def __itruediv__(self, other):
        return self._inplace(other, np.true_divide, "__truediv__")

    def add_(self, other, alpha=1):
        return self.__iadd__(as_tensor(other, self) * alpha if alpha != 1 else other)

    def sub_(self, other, alpha=1):
        return self.__isub__(as_tensor(other, self) * alpha if alpha != 1 else other)

    def mul_(self, other):
        return self.__imul__(other)

    def zero_(self):
        self._data[...] = 0
        return self

    # ---- comparisons: bool tensors, outside the graph ----
    def _compare(self, other, ufunc):
        if other is None:                                           # t == None is False, as in PyTorch
            return ufunc is np.not_equal
        a, b = promote(self, as_tensor(other, self))
        return Tensor(ufunc(a, b))

    def __eq__(self, other):
        return self._compare(other, np.equal)

    def __ne__(self, other):
        return self._compare(other, np.not_equal)

    def __lt__(self, other):
        return self._compare(other, np.less)

    def __le__(self, other):
        return self._compare(other, np.less_equal)

    def __gt__(self, other):
        return self._compare(other, np.greater)

    def __ge__(self, other):
        return self._compare(other, np.greater_equal)

    eq, ne, lt, le, gt, ge = __eq__, __ne__, __lt__, __le__, __gt__, __ge__

    # ---- reductions ----
    def sum(self, dim=None, keepdim=False):
        """Sum over all elements (-> shape ()) or over the axes dim (removed unless keepdim)."""
        a = self._data
        if a.dtype.kind == "b":
            a = a.astype(np.int64)                                  # True + True == 2, as in PyTorch
        axes = _axes(dim, a.ndim)
        kept = _kept_shape(a.shape, axes)
        # every input element contributes once: dL/da = G, broadcast back over the summed axes
        return result(np.sum(a, axis=axes, keepdims=keepdim), (self,),
                      lambda G: (np.broadcast_to(G.reshape(kept), a.shape),), "SumBackward0", saves=False)

    def mean(self, dim=None, keepdim=False):
        """Average over all elements (-> shape ()) or over the axes dim (removed unless keepdim)."""
        a = self._data
        if a.dtype.kind != "f":
            raise RuntimeError("mean(): could not infer output dtype. Input dtype must be either a floating point "
                               "or complex dtype. Got: %s" % self.dtype.name.capitalize().replace("Int64", "Long"))
        axes = _axes(dim, a.ndim)
        kept = _kept_shape(a.shape, axes)
        count = a.size // max(int(np.prod(kept)), 1)                # how many entries each mean averages
        # mean = sum / count:  dL/da = G / count, broadcast back over the averaged axes
        return result(np.mean(a, axis=axes, keepdims=keepdim), (self,),
                      lambda G: (np.broadcast_to(G.reshape(kept) / count, a.shape),), "MeanBackward0", saves=False)

    def max(self, dim=None, keepdim=False):
        """The largest entry (shape ()), or (values, indices) along dim as PyTorch's torch.max(x, 1)."""
        return self._extreme(dim, keepdim, np.argmax, "max")

    def min(self, dim=None, keepdim=False):
        return self._extreme(dim, keepdim, np.argmin, "min")

    def _extreme(self, dim, keepdim, arg, name):
        a = self._data
        if dim is None:
            m = a.max() if name == "max" else a.min()
            ties = (a == m) / np.sum(a == m)                        # the gradient is shared among ties
            return result(m, (self,), lambda G: (G * ties,), name.capitalize() + "Backward1")
        i = np.expand_dims(arg(a, axis=dim), dim)                   # (.., 1, ..): where each extreme is
        values = np.take_along_axis(a, i, axis=dim)

        def backward(G):                                            # dL/da = G at the extreme, 0 elsewhere
            dA = np.zeros_like(a)
            np.put_along_axis(dA, i, G.reshape(values.shape), axis=dim)
            return (dA,)
        out = result(values if keepdim else values.squeeze(dim), (self,), backward, name.capitalize() + "Backward0")
        return MaxMin(out, Tensor(i if keepdim else i.squeeze(dim)))

    def argmax(self, dim=None, keepdim=False):
        """Index of the largest entry (of the flattened tensor if dim is None), as int64."""
        i = np.argmax(self._data, axis=dim)
        if keepdim and dim is not None:
            i = np.expand_dims(i, dim)
        return Tensor(np.asarray(i, dtype=np.int64))

    # ---- element-wise functions: out = f(a), dL/da = G f'(a) ----
    def exp(self):
        e = np.exp(self._data)
        return result(e, (self,), lambda G: (G * e,), "ExpBackward0")             # (e^a)' = e^a

    def log(self):
        a = self._data
        return result(np.log(a), (self,), lambda G: (G / a,), "LogBackward0")     # (ln a)' = 1/a

    def relu(self):
        a = self._data
        return result(np.maximum(a, 0), (self,), lambda G: (G * (a > 0),), "ReluBackward0")   # step(a)

    def sigmoid(self):
        a = self._data
        e = np.exp(-np.abs(a))                                      # no overflow: exp of a number <= 0
        s = np.where(a >= 0, 1 / (1 + e), e / (1 + e)).astype(a.dtype)
        return result(s, (self,), lambda G: (G * s * (1 - s),), "SigmoidBackward0")    # s' = s (1 - s)

    def tanh(self):
        t = np.tanh(self._data)
        return result(t, (self,), lambda G: (G * (1 - t * t),), "TanhBackward0")        # tanh' = 1 - tanh^2

    def log_softmax(self, dim):
        """log(exp(a_i) / sum_j exp(a_j)) along dim, computed as (a - max) - log sum exp(a - max)."""
        a = self._data
        shifted = a - a.max(axis=dim, keepdims=True)                # exp never overflows
        out = shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))
        # d out_i / d a_j = [i == j] - softmax_j:  dL/da = G - softmax * sum(G)
        return result(out, (self,), lambda G: (G - np.exp(out) * G.sum(axis=dim, keepdims=True),),
                      "LogSoftmaxBackward0")

    def softmax(self, dim):
        """exp(a_i) / sum_j exp(a_j) along dim."""
        return self.log_softmax(dim).exp()

    # ---- shape: the same numbers, arranged anew; the gradient is arranged back ----
    def reshape(self, *shape):
        shape = shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape
        old = self._data.shape
        return result(self._data.reshape(shape), (self,), lambda G: (G.reshape(old),), "ViewBackward0", saves=False)

    view = reshape

    def flatten(self, start_dim=0, end_dim=-1):
        s = self._data.shape
        if not s:
            return self.reshape(1)
        end = end_dim % len(s)
        return self.reshape(s[:start_dim] + (-1,) + s[end + 1:])

    def transpose(self, dim0, dim1):
        return result(self._data.swapaxes(dim0, dim1), (self,), lambda G: (G.swapaxes(dim0, dim1),),
                      "TransposeBackward0", saves=False)

    def t(self):
        return self if self.ndim < 2 else self.transpose(0, 1)

    @property
    def T(self):
        return self.t()

    def __getitem__(self, index):
        """t[i], t[1:3], t[mask], t[rows, cols]: the selected entries (read-only)."""
        index = _numpy_index(index)
        a = self._data

        def backward(G):                                            # each selected entry gets its G back
            dA = np.zeros(a.shape, dtype=G.dtype)
            np.add.at(dA, index, G)                                 # += : an entry picked twice gets both
            return (dA,)
        return result(a[index], (self,), backward, "IndexBackward0", saves=False)

    # ---- dtype: a cast's gradient is cast back ----
    def to(self, *args, dtype=None, **kwargs):
        """t.to(torch.float64); a device ("cpu") is accepted and ignored."""
        for arg in args:
            if isinstance(arg, dtypes.dtype):
                dtype = arg
        if dtype is None or dtype == self.dtype:
            return self
        return result(self._data.astype(dtype.np), (self,), lambda G: (G,), "ToCopyBackward0", saves=False)

    def type(self, dtype):
        return self.to(dtype)

    def float(self):
        return self.to(dtypes.float32)

    def double(self):
        return self.to(dtypes.float64)

    def long(self):
        return self.to(dtypes.int64)

    def int(self):
        return self.to(dtypes.int32)

    def bool(self):
        return self.to(dtypes.bool)

    def cpu(self):
        return self

    def clone(self):
        return result(self._data.copy(), (self,), lambda G: (G,), "CloneBackward0", saves=False)


MaxMin = collections.namedtuple("MaxMin", ["values", "indices"])    # what t.max(dim) returns


class _GradFn:
    """What t.grad_fn shows: the name of the backward of the operation that made t."""

    def __init__(self, name):
        self._name = name

    def name(self):
        return self._name

    def __repr__(self):
        return "<%s object>" % self._name


def result(data, parents, backward, op, saves=True):
    """The output tensor of an operation: in the graph if grad is on and some input requires it."""
    out = Tensor(np.asarray(data))
    if is_grad_enabled() and any(p.requires_grad for p in parents):
        out.requires_grad = True
        out._parents, out._backward, out._op, out._saves = tuple(parents), backward, op, saves
    return out


def as_tensor(x, like=None):
    """x itself if a Tensor; a Python number takes the kind of `like`: 2 * float32 stays float32."""
    if isinstance(x, Tensor):
        return x
    if like is not None and isinstance(x, (int, float, bool)) and not isinstance(x, np.ndarray):
        if like.dtype.is_floating_point or isinstance(x, (int, bool)) and like.dtype != dtypes.bool:
            return Tensor(np.asarray(x, dtype=like._data.dtype))
        return Tensor(np.asarray(x, dtype=dtypes.get_default_dtype().np if isinstance(x, float) else np.int64))
    from .creation import tensor
    return tensor(x)


def promote(a, b):
    """The two arrays in one dtype, by PyTorch's rule: float wins over int; float32 with float64 is float64."""
    x, y = a._data, b._data
    fx, fy = x.dtype.kind == "f", y.dtype.kind == "f"
    if fx and not fy:
        return x, y.astype(x.dtype)
    if fy and not fx:
        return x.astype(y.dtype), y
    t = np.result_type(x.dtype, y.dtype)
    return x.astype(t, copy=False), y.astype(t, copy=False)


def unbroadcast(g, shape):
    """Sum g over the axes that broadcasting added or stretched, back to `shape`."""
    while g.ndim > len(shape):
        g = g.sum(axis=0)                                           # a leading axis that was added
    for axis, n in enumerate(shape):
        if n == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)                     # an axis of length 1 that was stretched
    return g


def topological_order(root):
    """Every tensor root depends on (that requires grad), each after its parents. Iterative: Pyodide's
    worker allows only about 150 nested calls, fewer than a deep graph has nodes."""
    order, seen, stack = [], {id(root)}, [(root, iter(root._parents))]
    while stack:
        node, parents = stack[-1]
        for p in parents:
            if id(p) not in seen and p.requires_grad:
                seen.add(id(p))
                stack.append((p, iter(p._parents)))
                break
        else:
            stack.pop()
            order.append(node)
    return order


def check_vector_matmul(a, b):
    """PyTorch's errors for a vector in a matrix product whose sizes do not fit."""
    if len(a) == 1 and len(b) == 1 and a != b:
        raise RuntimeError("inconsistent tensor size, expected tensor [%d] and src [%d] to have the same number "
                           "of elements, but got %d and %d elements respectively" % (a[0], b[0], a[0], b[0]))
    if len(a) == 1 and len(b) >= 2 and a[0] != b[-2]:
        raise RuntimeError("mat1 and mat2 shapes cannot be multiplied (1x%d and %dx%d)" % (a[0], b[-2], b[-1]))
    if len(b) == 1 and len(a) >= 2 and a[-1] != b[0]:
        raise RuntimeError("size mismatch, got input (%d), mat (%dx%d), vec (%d)" % (a[-2], a[-2], a[-1], b[0]))


def _axes(dim, ndim):
    """dim (None, an int or a tuple, negative counts from the end) as numpy's axis argument."""
    if dim is None:
        return None
    dims = dim if isinstance(dim, (tuple, list)) else (dim,)
    return tuple(d % max(ndim, 1) for d in dims)


def _kept_shape(shape, axes):
    """The shape after reducing over axes with keepdims: those axes become 1."""
    return tuple(1 if axes is None or i in axes else n for i, n in enumerate(shape))


def _numpy_index(index):
    """An index with tensors in it (t[mask], t[idx]) as one numpy understands."""
    if isinstance(index, tuple):
        return tuple(_numpy_index(i) for i in index)
    return index._data if isinstance(index, Tensor) else index
