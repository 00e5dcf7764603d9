"""Reference solutions of the exercises that have no function of their own elsewhere.

Every other exercise's reference IS the lab's own code (activations, losses, nn,
optim, engine, lessons.neuron): see catalog.py. These three are written out
inline elsewhere (train.py updates Q in Trainer._step, nn.py does a layer's
backward inside MLP.loss_and_grads), or are new (NAND).
"""
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
