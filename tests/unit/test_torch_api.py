"""backprop_lab.torch's API on its own (no real PyTorch): dtypes, seeding, Module, SGD's rule, DataLoader."""
import numpy as np
import pytest

from backprop_lab import torch

nn = torch.nn


def test_the_default_dtype_is_float32_and_can_be_float64(torch_float64):
    torch.set_default_dtype(torch.float32)
    assert torch.tensor([1.0]).dtype == torch.float32 and repr(torch.tensor([1.0]).dtype) == "torch.float32"
    assert torch.randn(2).dtype == torch.float32 and nn.Linear(2, 2).weight.dtype == torch.float32
    assert (2 * torch.tensor([1.0])).dtype == torch.float32           # a Python number takes the tensor's kind
    assert torch.tensor([1, 2]).dtype == torch.int64 and (torch.tensor([1, 2]) / 2).dtype == torch.float32
    assert (torch.tensor([1.0]) + torch.tensor([1.0], dtype=torch.float64)).dtype == torch.float64
    assert torch.tensor(np.zeros(2)).dtype == torch.float64             # a numpy array keeps its dtype
    torch.set_default_dtype(torch.float64)
    assert torch.tensor([1.0]).dtype == torch.float64 and torch.zeros(2, 3).dtype == torch.float64
    assert torch.ones(2, dtype=torch.float32).dtype == torch.float32
    assert repr(torch.tensor([1.0, 2.0])) == "tensor([1., 2.])"
    assert repr(torch.tensor([0.5], dtype=torch.float32)) == "tensor([0.5000], dtype=torch.float32)"
    with pytest.raises(TypeError):
        torch.set_default_dtype(torch.int64)


def test_manual_seed_repeats_the_random_numbers():
    torch.manual_seed(3)
    a, layer_a = torch.randn(5), nn.Linear(4, 2)
    torch.manual_seed(3)
    b, layer_b = torch.randn(5), nn.Linear(4, 2)
    assert a.tolist() == b.tolist() and layer_a.weight.tolist() == layer_b.weight.tolist()
    torch.manual_seed(4)
    assert torch.randn(5).tolist() != a.tolist()
    r = torch.rand(1000)
    assert 0 <= r.numpy().min() and r.numpy().max() < 1
    assert sorted(torch.randperm(6).tolist()) == list(range(6))


def test_tensor_basics_read_like_pytorch():
    t = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
    assert t.shape == (2, 3) and repr(t.shape) == "torch.Size([2, 3])" and t.size(1) == 3 and t.ndim == 2
    assert t.argmax(dim=1).tolist() == [1, 2] and t.argmax().item() == 5 and t.argmax(dim=1).dtype == torch.int64
    assert (t > 2).dtype == torch.bool and (t > 2).tolist() == [[False, True, True], [True, False, True]]
    assert (t == 5).sum().item() == 1 and (t < 2).float().mean().item() == pytest.approx(1 / 6)
    assert t[1].tolist() == [4.0, 2.0, 6.0] and t[1, 2].item() == 6.0 and t.T.shape == (3, 2)
    assert t.mean().item() == pytest.approx(3.5) and t.sum(dim=0).tolist() == [5.0, 7.0, 9.0]
    assert t.view(3, 2).shape == (3, 2) and t.reshape(-1).shape == (6,)
    assert isinstance(t[0, 0].item(), float) and int(t[0, 0]) == 1
    assert f"{t.mean():.2f}" == "3.50"                                   # a loss prints in an f-string
    with pytest.raises(RuntimeError, match="a Tensor with 6 elements cannot be converted to Scalar"):
        t.item()
    w = torch.tensor([1.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="Use tensor.detach"):
        w.numpy()
    assert w.detach().numpy().tolist() == [1.0] and not w.detach().requires_grad
    w.data -= 0.5                                                       # .data shares the array
    assert w.tolist() == [0.5] and {w: 1}[w] == 1


class TwoLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(3, 4)
        self.scale = nn.Parameter(torch.ones(1))
        self.out = nn.Sequential(nn.Tanh(), nn.Linear(4, 2))
        self.note = "not a parameter"

    def forward(self, x):
        return self.out(self.hidden(x)) * self.scale


def test_a_module_registers_its_submodules_and_parameters_by_attribute():
    m = TwoLayer()
    names = [n for n, _ in m.named_parameters()]
    assert names == ["scale", "hidden.weight", "hidden.bias", "out.1.weight", "out.1.bias"]
    assert len(list(m.parameters())) == 5 and m.note == "not a parameter"
    assert m(torch.randn(5, 3)).shape == (5, 2)
    m.eval()
    assert not m.training and not m.out[1].training
    m.train()
    assert m.out[0].training


def test_state_dict_round_trips_and_load_state_dict_reports_what_does_not_fit():
    a, b = TwoLayer(), TwoLayer()
    b.load_state_dict(a.state_dict())
    x = torch.randn(2, 3)
    assert b(x).tolist() == a(x).tolist()
    state = a.state_dict()
    state["extra"] = torch.zeros(1)
    del state["scale"]
    with pytest.raises(RuntimeError, match='Unexpected key\\(s\\) in state_dict: "extra"') as info:
        b.load_state_dict(state)
    assert 'Missing key(s) in state_dict: "scale"' in str(info.value)
    state = a.state_dict()
    state["hidden.bias"] = torch.zeros(5)
    with pytest.raises(RuntimeError, match="size mismatch for hidden.bias"):
        b.load_state_dict(state)
    b.load_state_dict({k: v.numpy() * 0 for k, v in a.state_dict().items()})     # plain arrays too
    assert float(np.abs(b.hidden.weight.detach().numpy()).max()) == 0.0


def test_sgd_follows_pytorch_s_rule_with_momentum_and_weight_decay(torch_float64):
    """g = grad + wd p; buf = g, then momentum buf + g; p -= lr buf: worked by hand for f(p) = p^2 / 2."""
    p = nn.Parameter(torch.tensor([2.0]))
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.5, weight_decay=0.25)
    expected, buf, value = [], None, 2.0
    for _ in range(3):
        g = value + 0.25 * value                                        # f' = p, plus the decay
        buf = g if buf is None else 0.5 * buf + g
        value -= 0.1 * buf
        expected.append(value)
    seen = []
    for _ in range(3):
        opt.zero_grad()
        (p * p / 2).sum().backward()
        opt.step()
        seen.append(p.item())
    np.testing.assert_allclose(seen, expected, rtol=0, atol=1e-15)
    assert opt.param_groups[0]["lr"] == 0.1


def test_sgd_skips_a_parameter_without_a_gradient():
    used, unused = nn.Parameter(torch.ones(1)), nn.Parameter(torch.ones(1))
    opt = torch.optim.SGD([used, unused], lr=1.0)
    (used * 3).sum().backward()
    opt.step()
    assert used.item() == -2.0 and unused.item() == 1.0 and unused.grad is None


def test_data_loader_batches_in_order_or_shuffled_by_the_seed():
    X, y = torch.arange(10.0).reshape(10, 1), torch.arange(10)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=4)
    assert [yb.tolist() for _, yb in loader] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]] and len(loader) == 3
    shuffled = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=4, shuffle=True)
    torch.manual_seed(0)
    first, second = [[yb.tolist() for _, yb in shuffled] for _ in range(2)]
    torch.manual_seed(0)
    assert [yb.tolist() for _, yb in shuffled] == first                  # the seed repeats the order
    assert first != second, "a new order every epoch"
    assert sorted(sum(first, [])) == list(range(10))
    for xb, yb in shuffled:
        assert xb[:, 0].long().tolist() == yb.tolist()                   # rows stay paired
    dropped = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=4, drop_last=True)
    assert len(dropped) == 2 and [len(yb) for _, yb in dropped] == [4, 4]
    with pytest.raises(AssertionError, match="Size mismatch"):
        torch.utils.data.TensorDataset(X, torch.arange(3))


def test_mse_loss_warns_when_the_target_would_broadcast():
    with pytest.warns(UserWarning, match="different to the input size"):
        nn.MSELoss()(torch.zeros(4, 1), torch.zeros(4))
    assert nn.MSELoss()(torch.tensor([1.0, 3.0]), torch.tensor([0.0, 0.0])).item() == 5.0


def test_matmul_mismatch_names_both_shapes():
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(4x3 and 2x5\)"):
        torch.randn(4, 3) @ torch.randn(2, 5)
