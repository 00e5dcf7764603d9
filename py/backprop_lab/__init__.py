"""Backprop Lab: a small multilayer perceptron written out by hand in numpy.

Modules, one idea each:

    activations  element-wise activation functions and their derivatives
    losses       loss functions and their gradient at the output pre-activation
    nn           the MLP: forward pass, backward pass (backpropagation)
    optim        stochastic gradient descent with optional momentum
    train        the mini-batch training loop from the lecture (epsilon, Q)
    datasets     TensorFlow-Playground-style 2-D toy data sets
    gradcheck    finite-difference check of the backward pass
    engine       a scalar autograd engine (micrograd style), pure Python
    torch        PyTorch's API for a first lecture, on numpy (from backprop_lab import torch)
    mnist        the MNIST subset lesson 6 trains on: reading it, and a drawing preprocessed as MNIST's
    live         Run: a student's function put in place of the lab's

Conventions (as in the lecture): a layer computes z = x W + b, a = f(z),
with x of shape (n, fan_in), W of shape (fan_in, fan_out), b of shape (fan_out,).
"""

__version__ = "0.1.0"
