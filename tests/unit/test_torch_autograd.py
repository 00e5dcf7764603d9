"""backprop_lab.torch's autograd: every operation's backward against central differences, in float64.

No real PyTorch needed: these run on the floor venv (Python 3.8, numpy 1.17) too.
Each check contracts the output with fixed random weights W, L = sum(out * W), so that
every entry of dL/d(input) is a different mix of the operation's partial derivatives.
"""
import numpy as np
import pytest

from backprop_lab import torch
from backprop_lab.gradcheck import numerical_grads, relative_error
from backprop_lab.torch.tensor import result

F = torch.nn.functional


pytestmark = pytest.mark.usefixtures("torch_float64")   # every check in float64 (conftest.py)


def check(f, *shapes, positive=False, seed=0):
    """Max relative error between autograd's and finite differences' dL/dx for L = sum(f(*xs) * W)."""
    rs = np.random.RandomState(seed)
    arrays = [rs.uniform(0.5, 2.0, s) if positive else rs.standard_normal(s) for s in shapes]
    W = rs.standard_normal(np.shape(f(*[torch.tensor(a) for a in arrays]).numpy()))

    def L(arrays):
        return float((f(*[torch.tensor(a) for a in arrays]).numpy() * W).sum())

    xs = [torch.tensor(a, requires_grad=True) for a in arrays]
    (f(*xs) * torch.tensor(W)).sum().backward()
    numeric = numerical_grads(L, arrays)
    assert all(x.grad.shape == x.shape for x in xs)
    return max(relative_error(x.grad.numpy(), n) for x, n in zip(xs, numeric))


BINARY = {   # name: (f, shapes): broadcasting in every direction, and Python numbers on either side
    "add": (lambda a, b: a + b, [(3, 4), (4,)]),
    "sub": (lambda a, b: a - b, [(3, 1), (3, 4)]),
    "mul": (lambda a, b: a * b, [(2, 3, 4), (3, 1)]),
    "div": (lambda a, b: a / (b * b + 1), [(3, 4), (3, 4)]),
    "rsub_rmul_rdiv": (lambda a, b: 1 - 2 * a + 3 / (b * b + 1) + b / 2, [(3,), (3,)]),
    "matmul": (lambda a, b: a @ b, [(4, 3), (3, 5)]),
    "vec_mat": (lambda a, b: a @ b, [(3,), (3, 5)]),
    "mat_vec": (lambda a, b: a @ b, [(4, 3), (3,)]),
    "vec_vec": (lambda a, b: a @ b, [(3,), (3,)]),
    "batched_matmul": (lambda a, b: a @ b, [(2, 4, 3), (3, 5)]),
    "linear": (lambda x, w: F.linear(x, w, w[0]), [(5, 3), (3, 3)]),
    "mse_loss": (lambda a, b: F.mse_loss(a, b), [(4, 2), (4, 2)]),
}

UNARY = {    # name: (f, shape, positive inputs only)
    "neg": (lambda a: -a, (3, 4), False),
    "pow2": (lambda a: a ** 2, (3, 4), False),
    "pow3": (lambda a: a ** 3, (3, 4), False),
    "sqrt": (lambda a: a ** 0.5, (3, 4), True),
    "reciprocal": (lambda a: a ** -1, (3, 4), True),
    "exp": (lambda a: a.exp(), (3, 4), False),
    "log": (lambda a: torch.log(a), (3, 4), True),
    "relu": (lambda a: torch.relu(a), (3, 4), False),
    "sigmoid": (lambda a: torch.sigmoid(a * 4), (3, 4), False),       # both branches (a < 0, a >= 0)
    "tanh": (lambda a: a.tanh(), (3, 4), False),
    "sum": (lambda a: a.sum(), (3, 4), False),
    "sum_dim0": (lambda a: a.sum(dim=0), (3, 4), False),
    "sum_dim_keepdim": (lambda a: a.sum(dim=-1, keepdim=True), (2, 3, 4), False),
    "sum_dims": (lambda a: torch.sum(a, dim=(0, 2)), (2, 3, 4), False),
    "mean": (lambda a: a.mean(), (3, 4), False),
    "mean_dim1": (lambda a: a.mean(dim=1), (3, 4), False),
    "mean_keepdim": (lambda a: a.mean(0, keepdim=True) * a, (3, 4), False),
    "softmax": (lambda a: a.softmax(dim=1), (3, 4), False),
    "log_softmax": (lambda a: F.log_softmax(a * 30, dim=1), (3, 4), False),   # far from 0: stability
    "log_softmax_dim0": (lambda a: torch.log_softmax(a, 0), (3, 4), False),
    "reshape": (lambda a: a.reshape(4, 3) @ a, (3, 4), False),
    "view_flatten": (lambda a: a.view(2, -1).flatten(), (2, 3, 2), False),
    "transpose": (lambda a: a.T @ a.transpose(0, 1).T, (3, 4), False),
    "index_int": (lambda a: a[1], (3, 4), False),
    "index_slice": (lambda a: a[:, 1:3], (3, 4), False),
    "index_mask": (lambda a: a[a > 0], (3, 4), False),
    "index_repeat": (lambda a: a[torch.tensor([0, 2, 0]), torch.tensor([1, 1, 1])], (3, 4), False),
    "max": (lambda a: a.max(), (3, 4), False),
    "max_dim": (lambda a: torch.max(a, 1).values, (3, 4), False),
    "min_dim_keepdim": (lambda a: a.min(dim=0, keepdim=True)[0] * a, (3, 4), False),
    "reused": (lambda a: a * a.exp() + a, (3, 4), False),             # one input, three paths
    "cast_clone": (lambda a: a.double().to(torch.float64).clone() * 2, (3,), False),
    "cross_entropy": (lambda a: F.cross_entropy(a, torch.tensor([0, 3, 1])), (3, 4), False),
    "cross_entropy_sum": (lambda a: F.cross_entropy(a, torch.tensor([2, 2, 1]), reduction="sum"), (3, 4), False),
    "nll_loss": (lambda a: torch.nn.NLLLoss()(a.log_softmax(1), torch.tensor([1, 0, 2])), (3, 4), False),
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_op_gradients_match_finite_differences(name):
    f, shapes = BINARY[name]
    assert check(f, *shapes) < 1e-6


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_op_gradients_match_finite_differences(name):
    f, shape, positive = UNARY[name]
    assert check(f, shape, positive=positive) < 1e-6


def test_the_check_catches_a_wrong_backward(monkeypatch):
    """A backward with a wrong factor fails the check: the check can fail."""
    def wrong_tanh(self):
        t = np.tanh(self._data)
        return result(t, (self,), lambda G: (G * (1 - t),), "TanhBackward0")    # 1 - t, not 1 - t^2
    monkeypatch.setattr(torch.Tensor, "tanh", wrong_tanh)
    assert check(lambda a: a.tanh(), (3, 4)) > 1e-2


def test_a_network_s_parameter_gradients_match_finite_differences():
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Tanh(), torch.nn.Linear(5, 3))
    x, y = torch.randn(6, 4), torch.tensor([0, 1, 2, 2, 1, 0])
    torch.nn.CrossEntropyLoss()(model(x), y).backward()

    def L(_):
        with torch.no_grad():
            return torch.nn.CrossEntropyLoss()(model(x), y).item()
    numeric = numerical_grads(L, [p.detach().numpy() for p in model.parameters()])   # the same arrays, nudged
    assert len(numeric) == 4
    for p, n in zip(model.parameters(), numeric):
        assert relative_error(p.grad.numpy(), n) < 1e-6


def test_gradients_add_up_over_backward_calls_and_zero_grad_clears_them():
    w = torch.tensor([1.0, -2.0], requires_grad=True)
    (w * w).sum().backward()
    assert w.grad.tolist() == [2.0, -4.0]                    # d(w^2)/dw = 2w
    (3 * w).sum().backward()
    assert w.grad.tolist() == [5.0, -1.0]                    # 2w + 3: accumulated, as in PyTorch
    opt = torch.optim.SGD([w], lr=0.1)
    opt.zero_grad()
    assert w.grad is None


def test_retain_graph_allows_a_second_backward_and_the_default_frees_the_graph():
    x = torch.tensor([0.5, 1.5], requires_grad=True)
    y = (x.exp() * x).sum()
    y.backward(retain_graph=True)
    first = x.grad.numpy().copy()
    y.backward()
    np.testing.assert_allclose(x.grad.numpy(), 2 * first)
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        y.backward()


def test_backward_with_a_gradient_for_a_non_scalar():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * x
    with pytest.raises(RuntimeError, match="grad can be implicitly created only for scalar outputs"):
        y.backward()
    y.backward(torch.tensor([1.0, 0.0, 2.0]))
    assert x.grad.tolist() == [2.0, 0.0, 12.0]


def test_retain_grad_keeps_a_non_leaf_gradient_and_otherwise_warns():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x * 3
    h.retain_grad()
    z = x * 2
    (h * z).sum().backward()
    assert h.grad.tolist() == [2.0, 4.0]                     # d(h z)/dh = z
    with pytest.warns(UserWarning, match="not a leaf Tensor"):
        assert z.grad is None


def test_no_grad_records_nothing_and_allows_the_manual_update():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    (w * w).sum().backward()
    with torch.no_grad():
        assert not (w * 2).requires_grad
        w -= 0.25 * w.grad                                   # the lecture's hand-written SGD step
    assert w.tolist() == [0.5, 1.0] and w.requires_grad and w.is_leaf
    assert (w * 2).requires_grad
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        w -= 1.0

    @torch.no_grad()
    def evaluate():
        return (w * 2).requires_grad
    assert evaluate() is False and torch.is_grad_enabled()


def test_a_deep_graph_needs_no_deep_recursion():
    """backward() walks the graph without recursion: Pyodide's worker allows ~150 nested calls."""
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(3000):
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad.item() == 1.0


def test_a_cast_s_gradient_comes_back_in_the_leaf_s_dtype():
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    y = x.float()
    assert y.dtype == torch.float32 and y.requires_grad
    (y * y).sum().backward()
    assert x.grad.dtype == torch.float64 and x.grad.tolist() == [2.0, 4.0]


def test_a_large_logit_gives_a_finite_cross_entropy_and_gradient():
    logits = torch.tensor([[1000.0, 0.0, -1000.0]], requires_grad=True)
    loss = torch.nn.CrossEntropyLoss()(logits, torch.tensor([1]))
    loss.backward()
    assert loss.item() == pytest.approx(1000.0)              # -log softmax = 1000 - 0 + log(1 + e^-1000 + ...)
    np.testing.assert_allclose(logits.grad.numpy(), [[1.0, -1.0, 0.0]], atol=1e-12)
