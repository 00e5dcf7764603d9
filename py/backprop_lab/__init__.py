"""Backprop Lab: a small multilayer perceptron written out by hand in numpy.

Modules, one idea each:

    activations  element-wise activation functions and their derivatives
    losses       loss functions and their gradient at the output pre-activation
    nn           the MLP: forward pass, backward pass (backpropagation)
    optim        stochastic gradient descent with optional momentum
    train        the mini-batch training loop from the lecture (epsilon, Q)
    datasets     TensorFlow-Playground-style 2-D toy data sets
    gradcheck    finite-difference check of the backward pass

Conventions (as in the lecture): a layer computes z = x W + b, a = f(z),
with x of shape (n, fan_in), W of shape (fan_in, fan_out), b of shape (fan_out,).
"""

__version__ = "0.1.0"
