"""The loss modules: loss_fn = nn.CrossEntropyLoss(); loss = loss_fn(logits, target).

Each calls its function in functional.py, where the formula is.
"""
from . import functional as F
from .module import Module


class _Loss(Module):
    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = reduction


class CrossEntropyLoss(_Loss):
    """Logits (n, C), class indices (n,) -> mean_i -log softmax(logits_i)[target_i] (a numerically stable log-softmax)."""

    def forward(self, input, target):
        return F.cross_entropy(input, target, self.reduction)


class NLLLoss(_Loss):
    """Log-probabilities (n, C), class indices (n,) -> mean_i -input[i, target_i]."""

    def forward(self, input, target):
        return F.nll_loss(input, target, self.reduction)


class MSELoss(_Loss):
    """input, target of one shape -> mean (input - target)^2."""

    def forward(self, input, target):
        return F.mse_loss(input, target, self.reduction)
