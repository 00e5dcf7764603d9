"""backprop_lab.torch against real PyTorch: the same lecture script, the same numbers.

Each script runs twice, once on real torch and once on the shim, from the same initial
weights (real torch's state_dict copied in with load_state_dict) and the same synthetic
data, in float64: the losses at every step, the final weights and the accuracy agree to 1e-8.
The error messages a PyTorch user knows read the same too.

Needs real torch (requirements-test.txt); the floor venv has none, so this module skips there.
"""
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from backprop_lab import torch as shim  # noqa: E402 - after the skip: the shim needs no torch, the test does

TOL = 1e-8


@pytest.fixture
def float64():
    old_real, old_shim = torch.get_default_dtype(), shim.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    shim.set_default_dtype(shim.float64)
    yield
    torch.set_default_dtype(old_real)
    shim.set_default_dtype(old_shim)


def classification_data(n=192, d=20, classes=10, seed=0):
    """Points labelled by the argmax of a random linear map (learnable, not trivially)."""
    rs = np.random.RandomState(seed)
    X = rs.standard_normal((n, d))
    y = np.argmax(X @ rs.standard_normal((d, classes)) + 0.5 * rs.standard_normal((n, classes)), axis=1)
    return X, y


def regression_data(n=96, d=3, seed=1):
    rs = np.random.RandomState(seed)
    X = rs.standard_normal((n, d))
    Y = 1 / (1 + np.exp(-(np.sin(X[:, :1] * 2) + X[:, 1:2] * X[:, 2:3])))      # in (0, 1): a sigmoid output fits
    return X, Y


def lecture_script(T, model, loss_fn, X, Y, lr, momentum, weight_decay, epochs, batch_size, classify=True):
    """The lecture's training loop, written once for both libraries (T is torch or the shim)."""
    data = T.utils.data.TensorDataset(T.tensor(X), T.tensor(Y))
    loader = T.utils.data.DataLoader(data, batch_size=batch_size, shuffle=False)
    opt = T.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=weight_decay)
    losses = []
    for _ in range(epochs):
        model.train()
        for x, y in loader:
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
    model.eval()
    with T.no_grad():
        out = model(T.tensor(X))
        score = (out.argmax(dim=1) == T.tensor(Y)).float().mean().item() if classify else loss_fn(out, T.tensor(Y)).item()
    weights = {k: v.numpy().copy() for k, v in model.state_dict().items()}
    return np.array(losses), weights, score


def both(make, loss_name, X, Y, **kw):
    """Run the script on real torch and on the shim from real torch's initial weights."""
    torch.manual_seed(0)
    real = make(torch.nn)
    fake = make(shim.nn)
    fake.load_state_dict(real.state_dict())
    assert list(fake.state_dict()) == list(real.state_dict())
    return (lecture_script(torch, real, getattr(torch.nn, loss_name)(), X, Y, **kw),
            lecture_script(shim, fake, getattr(shim.nn, loss_name)(), X, Y, **kw))


def worst(a, b):
    """The largest |a - b| over the losses and over every weight."""
    (la, wa, _), (lb, wb, _) = a, b
    return float(np.max(np.abs(la - lb))), max(float(np.max(np.abs(wa[k] - wb[k]))) for k in wa)


def mlp(nn, d_in=20, hidden=32, d_out=10):
    return nn.Sequential(nn.Linear(d_in, hidden), nn.ReLU(), nn.Linear(hidden, d_out))


@pytest.mark.parametrize("n, d, hidden, epochs, batch_size, steps", [
    (192, 20, 32, 3, 32, 18),                                       # 6 batches x 3 epochs
    (256, 784, 64, 2, 64, 8),                                       # an MNIST-sized input layer
])
def test_cross_entropy_with_momentum_and_weight_decay_matches_pytorch_step_for_step(n, d, hidden, epochs, batch_size,
                                                                                      steps, float64):
    X, y = classification_data(n=n, d=d)
    real, fake = both(lambda nn: mlp(nn, d, hidden, 10), "CrossEntropyLoss", X, y, lr=0.05, momentum=0.9,
                      weight_decay=1e-4, epochs=epochs, batch_size=batch_size)
    assert len(real[0]) == len(fake[0]) == steps
    assert real[0][-1] < 0.9 * real[0][0], "the script learns: a test of something that moves"
    loss_diff, weight_diff = worst(real, fake)
    assert loss_diff < TOL and weight_diff < TOL
    assert real[2] == fake[2] and real[2] > 0.3                     # the same accuracy, 3x chance (10 classes)


def test_mse_with_tanh_and_sigmoid_matches_pytorch_step_for_step(float64):
    X, Y = regression_data()
    make = lambda nn: nn.Sequential(nn.Linear(3, 16), nn.Tanh(), nn.Linear(16, 1), nn.Sigmoid())
    real, fake = both(make, "MSELoss", X, Y, lr=0.5, momentum=0.5, weight_decay=0, epochs=4, batch_size=16,
                      classify=False)
    assert len(real[0]) == 24 and real[0][-6:].mean() < real[0][:6].mean()
    loss_diff, weight_diff = worst(real, fake)
    assert loss_diff < TOL and weight_diff < TOL
    assert abs(real[2] - fake[2]) < TOL


def test_plain_sgd_with_a_last_short_batch_matches_pytorch(float64):
    X, y = classification_data(n=50, d=8, classes=3, seed=3)
    real, fake = both(lambda nn: mlp(nn, 8, 6, 3), "CrossEntropyLoss", X, y, lr=0.2, momentum=0, weight_decay=0,
                      epochs=2, batch_size=16)                      # batches of 16, 16, 16 and 2
    assert len(real[0]) == 8
    assert max(worst(real, fake)) < TOL and real[2] == fake[2]


def test_the_comparison_can_fail(float64):
    """A different learning rate in the shim's run shows up far above the tolerance."""
    X, y = classification_data(n=64)
    torch.manual_seed(0)
    real = mlp(torch.nn)
    fake = mlp(shim.nn)
    fake.load_state_dict(real.state_dict())
    kw = dict(momentum=0.9, weight_decay=1e-4, epochs=1, batch_size=32)
    a = lecture_script(torch, real, torch.nn.CrossEntropyLoss(), X, y, lr=0.05, **kw)
    b = lecture_script(shim, fake, shim.nn.CrossEntropyLoss(), X, y, lr=0.06, **kw)
    assert worst(a, b)[1] > 1e-4


def test_default_float32_reads_and_trains_like_pytorch():
    """Without set_default_dtype both libraries work in float32 and agree to float32's precision."""
    assert str(shim.tensor([1.0]).dtype) == str(torch.tensor([1.0]).dtype) == "torch.float32"
    assert str(shim.tensor([1]).dtype) == str(torch.tensor([1]).dtype)
    assert str(shim.arange(3).dtype) == str(torch.arange(3).dtype)
    assert str(shim.arange(3.0).dtype) == str(torch.arange(3.0).dtype)
    assert str((shim.tensor([1, 2]) / 2).dtype) == str((torch.tensor([1, 2]) / 2).dtype)
    assert str(shim.nn.Linear(2, 3).weight.dtype) == str(torch.nn.Linear(2, 3).weight.dtype)
    X, y = classification_data(n=64)
    real, fake = both(mlp, "CrossEntropyLoss", X.astype(np.float32), y, lr=0.05, momentum=0.9, weight_decay=1e-4,
                      epochs=1, batch_size=32)
    assert fake[1]["0.weight"].dtype == np.float32
    assert max(worst(real, fake)) < 1e-5


@pytest.mark.parametrize("name", ["add", "mul", "div", "matmul", "pow", "exp_log", "relu", "sigmoid", "tanh",
                                  "sum_dim", "mean_keepdim", "softmax", "index", "transpose", "max", "mse"])
def test_each_operation_s_value_and_gradient_match_pytorch(name, float64):
    ops = {
        "add": lambda T, a, b: (a + b.sum(0) + 1 - a).sum(),
        "mul": lambda T, a, b: (2 * a * b[:, :1]).sum(),
        "div": lambda T, a, b: (a / (b * b + 1) + 1 / (a * a + 2)).sum(),
        "matmul": lambda T, a, b: (a @ b.T).sum() + (a[0] @ b[1]),
        "pow": lambda T, a, b: (a ** 3 - (b * b) ** 0.5).sum(),
        "exp_log": lambda T, a, b: T.log(T.exp(a) + b.exp()).mean(),
        "relu": lambda T, a, b: T.relu(a).sum() + b.relu().mean(),
        "sigmoid": lambda T, a, b: (T.sigmoid(a * 5) * b).sum(),
        "tanh": lambda T, a, b: (a.tanh() * b.tanh()).sum(),
        "sum_dim": lambda T, a, b: (a.sum(dim=1) * b.sum(dim=1)).sum(),
        "mean_keepdim": lambda T, a, b: (a.mean(dim=0, keepdim=True) * b).sum() + a.mean(),
        "softmax": lambda T, a, b: (T.softmax(a, dim=1) * b).sum() + T.log_softmax(b, 1).mean(),
        "index": lambda T, a, b: a[1].sum() + a[:, 2].sum() + b[b > 0].sum() + a[T.tensor([0, 0, 2])].sum(),
        "transpose": lambda T, a, b: ((a.T @ b).view(-1) * T.arange(16.0)).sum() + (a.reshape(4, 3) ** 2).sum(),
        "max": lambda T, a, b: T.max(a, 1)[0].sum() + a.min(dim=0, keepdim=True).values.sum() * 2 + b.max(),
        "mse": lambda T, a, b: T.nn.MSELoss()(a, b) + T.nn.functional.mse_loss(a.sigmoid(), b, reduction="sum"),
    }
    rs = np.random.RandomState(7)
    A, B = rs.standard_normal((3, 4)), rs.standard_normal((3, 4))
    if name == "matmul":
        B = rs.standard_normal((4, 4))[:3]
    values, grads = [], []
    for T in (torch, shim):
        a, b = T.tensor(A, requires_grad=True), T.tensor(B, requires_grad=True)
        out = ops[name](T, a, b)
        out.backward()
        values.append(out.item())
        grads.append((a.grad.numpy(), b.grad.numpy()))
    assert abs(values[0] - values[1]) < 1e-12
    for g_real, g_fake in zip(*grads):
        np.testing.assert_allclose(g_fake, g_real, rtol=0, atol=1e-12)


def messages(script):
    """The error (type, message) script raises on real torch and on the shim."""
    out = []
    for T in (torch, shim):
        with pytest.raises(Exception) as info:
            script(T)
        out.append((info.type.__name__, str(info.value)))
    return out


@pytest.mark.parametrize("script", [
    lambda T: T.zeros(4, 3) @ T.zeros(2, 5),
    lambda T: T.matmul(T.zeros(3), T.zeros(4, 2)),
    lambda T: T.zeros(2, 3) @ T.zeros(4),
    lambda T: T.zeros(3) @ T.zeros(4),
    lambda T: T.nn.Linear(3, 5)(T.zeros(4, 2)),
    lambda T: T.zeros(2, 3) @ T.zeros(3, 2, dtype=T.float64),
    lambda T: T.zeros(2, 3) @ T.zeros(3, 2, dtype=T.int64),
    lambda T: T.nn.Linear(3, 2)(T.zeros(4, 3, dtype=T.float64)),     # numpy's float64 data into a float32 model
    lambda T: T.nn.CrossEntropyLoss()(T.zeros(4, 3), T.zeros(4)),    # float class labels
    lambda T: T.nn.functional.nll_loss(T.zeros(4, 3), T.zeros(4, dtype=T.int32)),
], ids=["mat_mat", "vec_mat", "mat_vec", "vec_vec", "linear", "dtypes", "int_float", "linear_dtypes", "float_target",
        "int32_target"])
def test_a_product_or_loss_that_does_not_fit_fails_as_in_pytorch(script):
    real, fake = messages(script)
    assert real == fake
    assert fake[0] == "RuntimeError"


def test_the_readme_example_message_names_both_shapes():
    real, fake = messages(lambda T: T.randn(4, 3) @ T.randn(2, 5))
    assert fake[1] == real[1] == "mat1 and mat2 shapes cannot be multiplied (4x3 and 2x5)"


def test_a_second_backward_fails_as_in_pytorch():
    def twice(T):
        x = T.tensor([1.0, 2.0], requires_grad=True)
        y = (x.exp() * x).sum()
        y.backward()
        y.backward()
    real, fake = messages(twice)
    assert real == fake and "Trying to backward through the graph a second time" in fake[1]


def test_a_second_backward_through_an_op_that_saved_nothing_works_in_both():
    grads = []
    for T in (torch, shim):
        x = T.tensor([1.0, 2.0], requires_grad=True)
        y = (x + 1).sum()
        y.backward()
        y.backward()
        grads.append(x.grad.tolist())
    assert grads[0] == grads[1] == [2.0, 2.0]


def test_backward_of_a_non_scalar_fails_as_in_pytorch():
    real, fake = messages(lambda T: (T.ones(3, requires_grad=True) * 2).backward())
    assert real == fake == ("RuntimeError", "grad can be implicitly created only for scalar outputs")


def test_backward_of_a_tensor_without_grad_fails_as_in_pytorch():
    real, fake = messages(lambda T: T.ones(1).sum().backward())
    assert real == fake


def test_the_grad_of_a_non_leaf_warns_as_in_pytorch_and_is_none():
    caught = []
    for T in (torch, shim):
        z = T.ones(2, requires_grad=True) * 2
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            assert z.grad is None
        caught.append((w[0].category, str(w[0].message)))
    (real_type, real_text), (fake_type, fake_text) = caught
    assert real_type is fake_type is UserWarning
    assert real_text.startswith(fake_text) and len(fake_text) > 200     # torch adds where it was triggered


def test_optimizer_zero_grad_sets_none_as_in_pytorch():
    seen = []
    for T in (torch, shim):
        w = T.nn.Parameter(T.ones(2))
        (w * w).sum().backward()
        opt = T.optim.SGD([w], lr=0.1, momentum=0.9)
        opt.step()
        opt.zero_grad()
        seen.append(w.grad)
    assert seen == [None, None]


def test_state_dict_names_and_shapes_are_pytorch_s():
    for T in (torch, shim):
        T.manual_seed(0)
    real = torch.nn.Sequential(torch.nn.Linear(5, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2, bias=False))
    fake = shim.nn.Sequential(shim.nn.Linear(5, 4), shim.nn.Tanh(), shim.nn.Linear(4, 2, bias=False))
    assert [(k, tuple(v.shape)) for k, v in fake.state_dict().items()] == \
           [(k, tuple(v.shape)) for k, v in real.state_dict().items()] == [("0.weight", (4, 5)), ("0.bias", (4,)),
                                                                            ("2.weight", (2, 4))]
    assert [n for n, _ in fake.named_parameters()] == [n for n, _ in real.named_parameters()]
    assert repr(fake) == repr(real)


def test_linear_default_init_has_pytorch_s_bound():
    """U(-1/sqrt(in), 1/sqrt(in)): the shim's numbers differ, their range is the same."""
    shim.manual_seed(0)
    torch.manual_seed(0)
    fake, real = shim.nn.Linear(400, 300), torch.nn.Linear(400, 300)
    for p_fake, p_real in [(fake.weight, real.weight), (fake.bias, real.bias)]:
        a, b = p_fake.detach().numpy(), p_real.detach().numpy()
        assert np.abs(a).max() <= 1 / 20 and np.abs(b).max() <= 1 / 20
        assert np.abs(a).max() > 0.98 / 20 and abs(a.std() - b.std()) < 0.1 * b.std()


def test_data_loader_batches_are_pytorch_s_without_shuffle():
    X, y = classification_data(n=10, d=2, classes=3)
    batches = []
    for T in (torch, shim):
        loader = T.utils.data.DataLoader(T.utils.data.TensorDataset(T.tensor(X), T.tensor(y)), batch_size=4)
        batches.append([(xb.numpy().tolist(), yb.numpy().tolist(), str(yb.dtype)) for xb, yb in loader])
        assert len(loader) == 3
    assert batches[0] == batches[1]


def test_the_tutorials_predicted_class_idiom_gives_pytorch_s_indices():
    X = np.random.RandomState(2).standard_normal((6, 4))
    got = []
    for T in (torch, shim):
        _, predicted = T.max(T.tensor(X), 1)
        got.append((predicted.tolist(), str(predicted.dtype), T.tensor(X).max().item()))
    assert got[0] == got[1]
