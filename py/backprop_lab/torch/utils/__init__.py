"""torch.utils: only data (TensorDataset, DataLoader)."""
from . import data

__all__ = ["data"]
