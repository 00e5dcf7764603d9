"""Checks of minibatches(n, M, rng) -> one epoch's index arrays, drawn without replacement (lesson 10).

The draws are random, so the checks compare what any right answer shares with the lab's: each
index once, the batch sizes, a shuffled order, and a new order in the next epoch."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import fail, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake


def epoch(fn, n, M, rng):
    batches = fn(n, M, rng)
    if batches is None:
        fail("your function returned None: is the `return` missing? (the list of batches)", mistake="no_return")
    try:
        batches = [np.asarray(b).reshape(-1) for b in batches]
    except TypeError:
        fail("minibatches should return a list of index arrays, yours returns %r" % (batches,))
    for b in batches:
        if b.size and b.dtype.kind not in "iu":
            fail("the batches should hold integer indices (rows of X), yours hold %s" % b.dtype)
    return batches


def call(fn, n, M, seed):
    """[every index drawn, sorted], [batch sizes], [shuffled], [next epoch differs]."""
    rng = np.random.RandomState(seed)
    first, second = epoch(fn, n, M, rng), epoch(fn, n, M, rng)
    drawn = np.concatenate(first) if first else np.zeros(0)
    again = np.concatenate(second) if second else np.zeros(0)
    sizes = [len(b) for b in first]
    return [np.sort(drawn), np.array(sizes, dtype=float), float(not np.array_equal(drawn, np.sort(drawn))),
            float(len(again) != len(drawn) or not np.array_equal(again, drawn))]


def random_epoch(rng):
    n = rng.randint(8, 80)
    return {"n": n, "M": int(rng.choice([1, 2, 3, 5, 8, 10, 16, 32, n, n + 5])), "seed": rng.randint(10 ** 6)}


def _cut(order, M):
    return [order[i:i + M] for i in range(0, len(order), M)]


SPEC = Spec(
    "minibatches", random_epoch, call, ["indices drawn (sorted)", "batch sizes", "shuffled", "new order next epoch"],
    fixed=[{"n": 10, "M": 4, "seed": 0}, {"n": 12, "M": 3, "seed": 1}],
    mistakes=[
        Mistake("with_replacement", "drawn with replacement, some samples come twice in an epoch and others not at "
                                    "all: take a permutation of 0..n−1, so that each is used exactly once",
                fn=[lambda n, M, rng: _cut(rng.randint(0, n, size=n), M),
                    lambda n, M, rng: _cut(rng.choice(n, n), M)]),
        Mistake("no_shuffle", "the samples come in the same order every epoch, 0, 1, 2, …: the lecture draws the "
                              "batches at random, rng.permutation(n)", fn=lambda n, M, rng: _cut(np.arange(n), M)),
        Mistake("drops_last", "you dropped the last, smaller batch: when M does not divide n the remaining n mod M "
                              "samples still make a batch, or they are never trained on",
                fn=lambda n, M, rng: _cut(rng.permutation(n), M)[:n // M]),
        Mistake("same_order", "every epoch gets the same order: use the rng you are given, not a new RandomState "
                              "of your own, so that the next epoch draws a new order",
                fn=lambda n, M, rng: _cut(np.random.RandomState(0).permutation(n), M)),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (with replacement, no shuffle, the last batch dropped, one order for all)"""
    SPEC.named_mistakes(student)


def test_ten_in_batches_of_four(student):
    """n = 10, M = 4: three batches of 4, 4 and 2, holding 0..9 once each"""
    batches = epoch(student, 10, 4, np.random.RandomState(3))
    sizes = [len(b) for b in batches]
    if sizes != [4, 4, 2]:
        fail("10 samples in batches of 4 make batches of sizes [4, 4, 2], yours has sizes %s" % sizes)
    drawn = sorted(int(i) for b in batches for i in b)
    if drawn != list(range(10)):
        fail("one epoch should use every sample 0..9 exactly once, yours uses %s" % drawn)


def test_random_cases(student):
    """the lab's own epochs for 14 (n, M): each index once, the batch sizes, shuffled, a new order next time"""
    SPEC.random_cases(student)
