"""A multilayer perceptron with the backward pass written out by hand.

Layer l (l = 1..L) computes, for a batch of n samples,

    z_l = a_{l-1} W_l + b_l      W_l: (fan_in, fan_out), b_l: (fan_out,)
    a_l = f(z_l)                 a_0 = X: (n, sizes[0]),  a_l: (n, sizes[l])

with the hidden activation f for l < L and the output activation for l = L.
Backpropagation runs the chain rule from the output back to the input:

    dz_L = dL/dz_L                         (from losses.py)
    dW_l = a_{l-1}^T dz_l                  (fan_in, fan_out)
    db_l = sum over samples of dz_l        (fan_out,)
    dz_{l-1} = (dz_l W_l^T) * f'(z_{l-1})
"""
import numpy as np

from . import losses
from .activations import OUTPUT_ACTIVATIONS, get

# predict(): class-1 threshold for a single output unit: the midpoint of the targets, the labels 0
# and 1 (a tanh output is trained towards 0 and 1 too, so its threshold is 0.5, not tanh's own 0)
THRESHOLDS = {"sigmoid": 0.5, "tanh": 0.5, "linear": 0.5}


class MLP:
    """MLP(sizes, activation="tanh", output="sigmoid", seed=0)

    sizes       layer widths, input first: [2, 4, 2, 1] has two hidden layers;
                [2, 1] has none (logistic regression with output="sigmoid")
    activation  hidden activation: sigmoid, tanh, relu or linear
    output      output activation: sigmoid, softmax, linear or tanh
    seed        seed of the weight initialisation

    Weights start Glorot/Xavier-uniform, W ~ U(-r, r) with
    r = sqrt(6 / (fan_in + fan_out)), drawn from np.random.default_rng(seed);
    biases start at exactly 0.

    self.params is the list [W1, b1, W2, b2, ...].  Optimisers update these
    arrays in place, so they stay the same objects for the life of the net.
    """

    def __init__(self, sizes, activation="tanh", output="sigmoid", seed=0):
        if len(sizes) < 2:
            raise ValueError("sizes needs at least an input and an output width, got %r" % (sizes,))
        self.sizes = [int(s) for s in sizes]
        self.activation, self.output = activation, output
        get(activation)                                       # a bad name fails here, not later
        get(output, OUTPUT_ACTIVATIONS, "output activation")
        rng = np.random.default_rng(seed)
        self.params = []
        for fan_in, fan_out in zip(self.sizes[:-1], self.sizes[1:]):
            r = np.sqrt(6.0 / (fan_in + fan_out))             # Glorot uniform
            self.params.append(rng.uniform(-r, r, size=(fan_in, fan_out)))
            self.params.append(np.zeros(fan_out))

    # Looked up at call time, so an edited activation or derivative (live.install, which
    # replaces the table entry) is what the next forward and backward pass use.
    @property
    def f(self):
        """Hidden activation (f, f')."""
        return get(self.activation)

    @property
    def f_out(self):
        """Output activation (f, f')."""
        return get(self.output, OUTPUT_ACTIVATIONS, "output activation")

    @property
    def n_params(self):
        """Total number of weights and biases."""
        return sum(p.size for p in self.params)

    @property
    def weights(self):
        return self.params[0::2]

    # ---- forward -------------------------------------------------------
    def _forward(self, X):
        """Pre-activations [z_1..z_L] and activations [a_0 = X, a_1..a_L]."""
        a = np.asarray(X, dtype=float)
        zs, acts = [], [a]
        L = len(self.params) // 2
        for l in range(L):
            W, b = self.params[2 * l], self.params[2 * l + 1]
            z = a @ W + b                                     # z = a W + b
            a = (self.f_out if l == L - 1 else self.f).f(z)   # a = f(z)
            zs.append(z)
            acts.append(a)
        return zs, acts

    def forward(self, X):
        """Network output for X (n, sizes[0]): shape (n, sizes[-1])."""
        return self._forward(X)[1][-1]

    __call__ = forward

    def layer_outputs(self, X):
        """[a_1, ..., a_L]: each layer's activations, a_l of shape (n, sizes[l])."""
        return self._forward(X)[1][1:]

    def predict(self, X):
        """Class labels, shape (n,): argmax over several outputs, else a threshold
        (0.5, the midpoint of the targets 0 and 1) on the single output."""
        return self._labels(self.forward(X))

    def _labels(self, out):
        """predict() from the network output `out` (n, sizes[-1])."""
        if out.shape[1] > 1:
            return np.argmax(out, axis=1)
        return (out[:, 0] > THRESHOLDS[self.output]).astype(int)

    # ---- loss and backward ---------------------------------------------
    def _penalty(self, l1, l2):
        return sum(losses.penalty(W, l1, l2)[0] for W in self.weights) if (l1 or l2) else 0.0

    def loss(self, X, y, loss="bce", l1=0.0, l2=0.0):
        """Loss value only (no backward pass); same value as loss_and_grads."""
        zs, acts = self._forward(X)
        value, _ = losses.loss_and_dz(loss, self.output, zs[-1], acts[-1], y)
        return value + self._penalty(l1, l2)

    def loss_and_grads(self, X, y, loss="bce", l1=0.0, l2=0.0):
        """(L, grads) with grads[i] = dL/dparams[i] (same shapes as params).

        L = mean loss over the n samples + l1 * sum|W| + 0.5 * l2 * sum W^2,
        the penalty summed over the weight matrices only (not the biases).
        """
        zs, acts = self._forward(X)
        value, dz = losses.loss_and_dz(loss, self.output, zs[-1], acts[-1], y)
        grads = [None] * len(self.params)
        for l in range(len(zs) - 1, -1, -1):
            W = self.params[2 * l]
            gW = acts[l].T @ dz                              # dL/dW = a_{l-1}^T dz
            if l1 or l2:
                p_value, p_grad = losses.penalty(W, l1, l2)
                value += p_value
                gW += p_grad
            grads[2 * l], grads[2 * l + 1] = gW, dz.sum(axis=0)   # dL/db = sum_i dz_i
            if l > 0:
                dz = (dz @ W.T) * self.f.df(zs[l - 1], acts[l])  # back through W and f
        return value, grads

    # ---- export --------------------------------------------------------
    def to_dict(self):
        """Plain-JSON description: sizes, activations and params as nested lists."""
        return {"sizes": list(self.sizes), "activation": self.activation, "output": self.output,
                "params": [p.tolist() for p in self.params]}

    @classmethod
    def from_dict(cls, d):
        net = cls(d["sizes"], d["activation"], d["output"])
        for p, values in zip(net.params, d["params"]):
            p[...] = np.asarray(values, dtype=float).reshape(p.shape)
        return net

    def __repr__(self):
        return "MLP(%r, activation=%r, output=%r)" % (self.sizes, self.activation, self.output)
