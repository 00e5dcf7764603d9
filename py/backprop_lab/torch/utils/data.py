"""TensorDataset and DataLoader: a data set as tensors, served in mini-batches.

    loader = DataLoader(TensorDataset(X, y), batch_size=32, shuffle=True)
    for xb, yb in loader:          # xb: (32, d), yb: (32,); the last batch may be smaller
        ...

shuffle=True draws a new order every epoch (each `for` over the loader) from the shim's
generator, seeded by manual_seed: repeatable, but not the order real PyTorch draws.
"""
import numpy as np

from ..creation import generator
from ..tensor import Tensor


class Dataset:
    """Anything with __len__ and __getitem__(i) -> one example."""

    def __len__(self):
        raise NotImplementedError

    def __getitem__(self, i):
        raise NotImplementedError


class TensorDataset(Dataset):
    """TensorDataset(X, y, ...): example i is (X[i], y[i], ...); the tensors share their first size."""

    def __init__(self, *tensors):
        if any(len(t) != len(tensors[0]) for t in tensors):
            raise AssertionError("Size mismatch between tensors")
        self.tensors = tensors

    def __len__(self):
        return len(self.tensors[0])

    def __getitem__(self, i):
        return tuple(t[i] for t in self.tensors)


class DataLoader:
    """DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False): an iterable of batches."""

    def __init__(self, dataset, batch_size=1, shuffle=False, drop_last=False):
        self.dataset, self.batch_size, self.shuffle, self.drop_last = dataset, batch_size, shuffle, drop_last

    def __len__(self):
        n, b = len(self.dataset), self.batch_size
        return n // b if self.drop_last else (n + b - 1) // b

    def __iter__(self):
        n = len(self.dataset)
        order = generator().permutation(n) if self.shuffle else np.arange(n)
        for start in range(0, n, self.batch_size):
            idx = order[start:start + self.batch_size]
            if self.drop_last and len(idx) < self.batch_size:
                return
            yield self._batch(idx)

    def _batch(self, idx):
        if isinstance(self.dataset, TensorDataset):          # one fancy index per tensor, no Python loop
            return [Tensor(t._data[idx]) for t in self.dataset.tensors]
        examples = [self.dataset[int(i)] for i in idx]
        return [collate([ex[k] for ex in examples]) for k in range(len(examples[0]))]


def collate(items):
    """A list of examples' tensors (or numbers) stacked into one batch tensor."""
    return Tensor(np.stack([np.asarray(x._data if isinstance(x, Tensor) else x) for x in items]))
