"""Stochastic gradient descent, optionally with (heavy-ball) momentum.

    beta == 0:   W = W - eta * g
    beta >  0:   v = beta * v - eta * g;   W = W + v

Parameters are updated IN PLACE, so the network keeps its own array objects.
eta and beta are plain attributes: change them between steps at any time
(the velocities v are kept).
"""
import numpy as np


class SGD:
    """SGD(params, eta, beta=0.0) for a list of numpy arrays `params`."""

    def __init__(self, params, eta, beta=0.0):
        self.params = params
        self.eta, self.beta = eta, beta
        self.velocity = [np.zeros_like(p) for p in params]   # v, one per param

    def step(self, grads):
        """One update with grads[i] = dL/dparams[i]."""
        if self.beta == 0:
            for p, g in zip(self.params, grads):
                p -= self.eta * g                            # W = W - eta g
            return
        for p, g, v in zip(self.params, grads, self.velocity):
            v *= self.beta                                   # v = beta v - eta g
            v -= self.eta * g
            p += v                                           # W = W + v
