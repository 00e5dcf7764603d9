"""Checks of linear_backward(x, W, grad_output) -> (grad_input, grad_weight, grad_bias) for y = x W^T + b,
the backward of the PyTorch-style Linear layer (torch/nn/functional.py, lesson 6's PyTorch demo)."""
import numpy as np

from backprop_lab.exercises.cases import Spec, unpack
from backprop_lab.exercises.checks._support import compare_gradient, numeric_gradient, student  # noqa: F401
from backprop_lab.exercises.mistakes import Mistake


def random_layer(rng):
    n, fan_in, fan_out = rng.randint(1, 8), rng.randint(1, 7), rng.randint(1, 6)
    dtype = [np.float64, np.float32][rng.randint(2)]
    return {"x": rng.normal(scale=[1.0, 10.0][rng.randint(2)], size=(n, fan_in)).astype(dtype),
            "W": rng.normal(size=(fan_out, fan_in)).astype(dtype), "G": rng.normal(size=(n, fan_out)).astype(dtype)}


def call(fn, x, W, G):
    return unpack(fn(x, W, G), 3, "three arrays (grad_input, grad_weight, grad_bias)")


R = np.random.RandomState(5)
SPEC = Spec(
    "torch_linear_backward", random_layer, call, ["grad_input", "grad_weight", "grad_bias"],
    fixed=[{"x": R.normal(size=(4, 3)), "W": R.normal(size=(3, 3)), "G": R.normal(size=(4, 3))},
           {"x": R.normal(size=(5, 4)), "W": R.normal(size=(2, 4)), "G": R.normal(size=(5, 2))}],
    mistakes=[
        Mistake("weight_transposed", "grad_weight has the weight's shape (out, in), PyTorch's layout: it is "
                                     "(dL/dy)ᵀ x, not xᵀ (dL/dy), which is the lab's own (in, out) layout",
                fn=lambda x, W, G: (G @ W, x.T @ G, G.sum(axis=0))),
        Mistake("input_transposed", "y = x Wᵀ multiplies by Wᵀ, so going back multiplies by W: dL/dx = (dL/dy) W",
                fn=lambda x, W, G: (G @ W.T, G.T @ x, G.sum(axis=0))),
        Mistake("bias_mean", "grad_bias sums dL/dy over the batch: the 1/n of a mean loss is already in dL/dy",
                fn=lambda x, W, G: (G @ W, G.T @ x, G.mean(axis=0))),
        Mistake("bias_axis", "b has one entry per output unit, so grad_bias sums over the samples (axis 0)",
                fn=lambda x, W, G: (G @ W, G.T @ x, G.sum(axis=1))),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (grad_weight as xᵀG, dL/dx with Wᵀ, mean or wrong axis for the bias)"""
    SPEC.named_mistakes(student)


def test_finite_differences(student):
    """all three agree with finite differences of L = Σ y ⊙ G, y = x Wᵀ + b"""
    rng = np.random.RandomState(2)
    x, W, b, G = rng.normal(size=(4, 3)), rng.normal(size=(2, 3)), rng.normal(size=2), rng.normal(size=(4, 2))
    dx, dW, db = call(student, x.copy(), W.copy(), G.copy())

    def loss():
        return float(np.sum((x @ W.T + b) * G))
    compare_gradient("dL/dx", "x", dx, numeric_gradient(loss, x))
    compare_gradient("dL/dW", "W", dW, numeric_gradient(loss, W))
    compare_gradient("dL/db", "b", db, numeric_gradient(loss, b))


def test_random_cases(student):
    """the lab's own backward on 14 layers (square and not, float32 and float64)"""
    SPEC.random_cases(student)
