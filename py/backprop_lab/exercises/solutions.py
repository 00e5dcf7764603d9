"""Reference solutions of the exercises that have no function of their own elsewhere.

Every other exercise's reference IS the lab's own code (activations, losses, nn,
optim, engine, lessons.neuron ...): see catalog.py. These are written out
inline elsewhere (train.py updates Q and draws its mini-batches in Trainer._step,
nn.py does a layer's backward inside MLP.loss_and_grads), or are new (NAND, the
XOR feature's weights, the normal equations, the softmax's Jacobian).
"""
import numpy as np

from ..lessons.logic import GATES


def nand_weights():
    """(w1, w2, b) of one threshold neuron a(x) = [w1 x1 + w2 x2 + b > 0] computing
    NOT (x1 AND x2) on the four corners x1, x2 in {0, 1}."""
    w1, w2, b = GATES["and"]            # AND = [x1 + x2 - 3/2 > 0]
    return -w1, -w2, -b                 # NAND = [-x1 - x2 + 3/2 > 0]: z never 0 on a corner


def linear_backward(x, W, delta):
    """Backward pass of one linear layer z = x W + b.

    x      (n, fan_in)     the layer's input
    W      (fan_in, fan_out)
    delta  (n, fan_out)    dL/dz, the gradient arriving from above
    returns (dW, db, dx): dL/dW (fan_in, fan_out), dL/db (fan_out,), dL/dx (n, fan_in)
    """
    dW = x.T @ delta                    # dL/dW = x^T delta
    db = delta.sum(axis=0)              # dL/db = sum over samples of delta
    dx = delta @ W.T                    # dL/dx = delta W^T
    return dW, db, dx


def update_Q(Q, epsilon, lambda_):
    """The lecture's running estimate of the loss after one mini-batch with loss epsilon:
    Q = lambda * epsilon + (1 - lambda) * Q   (floats; lambda_ in [0, 1] is the forgetting rate)."""
    return lambda_ * epsilon + (1 - lambda_) * Q


def xor_feature_weights():
    """(w1, w2, v, b) of one threshold neuron on the features (x1, x2, x1 x2),
    a(x) = [w1 x1 + w2 x2 + v x1 x2 + b > 0], computing x1 XOR x2 on the four corners."""
    w1, w2, b = GATES["or"]             # OR = [x1 + x2 - 1/2 > 0]: right except at (1, 1)
    v = -2.0                            # the lecture's v: at (1, 1) z = 1 + 1 - 2 - 1/2 < 0
    return w1, w2, v, b


def normal_equations(X, y):
    """W_hat from the normal equations X^T X W = X^T y, solved as a linear system.

    X  (n, d)  the design matrix (rows [x_i, 1] in the least-squares lesson)
    y  (n,)    the targets
    returns W_hat, shape (d,)
    """
    A = X.T @ X                         # X^T X (d, d)
    r = X.T @ y                         # X^T y (d,)
    return np.linalg.solve(A, r)        # W_hat = (X^T X)^-1 X^T y without forming the inverse


def softmax_jacobian(p):
    """J[i, j] = d p_i / d z_j of p = softmax(z), given p (k,): shape (k, k)."""
    return np.diag(p) - np.outer(p, p)  # dp_i/dz_j = p_i ([i = j] - p_j)


def minibatches(n, M, rng):
    """One epoch of mini-batches: the indices 0..n-1 in a random order (rng.permutation),
    cut into batches of M (the last one smaller if M does not divide n), as
    train.Trainer._step draws them. rng is a numpy RandomState. Returns a list of
    integer arrays."""
    order = rng.permutation(n)          # each sample once: without replacement
    return [order[i:i + M] for i in range(0, n, M)]
