"""Checks of update_Q(Q, epsilon, lambda_): Q = lambda epsilon + (1 - lambda) Q."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import as_number, fail, num, student  # noqa: F401
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.nn import MLP
from backprop_lab.train import Trainer


def random_q(rng):
    scale = [1.0, 100.0, 1e6][rng.randint(3)]
    return {"Q": float(rng.uniform(0, scale)), "epsilon": float(rng.uniform(0, scale)),
            "lambda_": float(rng.choice([0.0, 1.0, rng.uniform()]) if rng.randint(4) == 0 else rng.uniform())}


SPEC = Spec(
    "running_q", random_q, lambda fn, Q, epsilon, lambda_: [fn(Q, epsilon, lambda_)], ["Q"],
    fixed=[{"Q": 2.0, "epsilon": 1.0, "lambda_": 0.1}, {"Q": 0.5, "epsilon": 3.0, "lambda_": 0.3}],
    mistakes=[
        Mistake("swapped", "λ weighs the new ε, not the old Q: Q = λε + (1 − λ)Q",
                fn=lambda Q, epsilon, lambda_: lambda_ * Q + (1 - lambda_) * epsilon),
        Mistake("average", "(Q + ε)/2 ignores λ: Q = λε + (1 − λ)Q", fn=lambda Q, epsilon, lambda_: (Q + epsilon) / 2),
        Mistake("forgets", "you returned ε alone: Q keeps (1 − λ) of the old Q, Q = λε + (1 − λ)Q",
                fn=lambda Q, epsilon, lambda_: epsilon),
        Mistake("minus", "the old Q is added, not subtracted: Q = λε + (1 − λ)Q",
                fn=lambda Q, epsilon, lambda_: lambda_ * epsilon - (1 - lambda_) * Q),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (λ on the wrong term, a plain average, ε alone, a minus)"""
    SPEC.named_mistakes(student)


class _Q(float):
    """The student's Q as a float that remembers a float32 (or float16) result: off() then allows its precision."""

    def off(self, want, tol):
        return abs(self - want) > max(tol, self.low * 2e-4 * max(1.0, abs(want)))


def update(student, Q, eps, lam):
    raw = student(Q, eps, lam)
    got = _Q(as_number(raw, "update_Q(Q, ε, λ)"))
    got.low = bool(getattr(getattr(raw, "dtype", None), "itemsize", 8) < 8)
    return got


def test_one_update(student):
    """Q = 2, ε = 1, λ = 0.1 gives 1.9"""
    got = update(student, 2.0, 1.0, 0.1)
    if got.off(1.9, 1e-12):
        fail("Q = λε + (1 − λ)Q with Q = 2, ε = 1 and λ = 0.1 should be 1.9 "
             "(mostly the old Q, a little of the new ε), yours gives %s" % num(got))


def test_extremes(student):
    """λ = 1 forgets Q (Q = ε); λ = 0 ignores ε (Q stays)"""
    got = update(student, 2.0, 0.5, 1.0)
    if got.off(0.5, 1e-12):
        fail("with λ = 1 the new Q should be ε = 0.5 (everything old is forgotten), yours gives %s" % num(got))
    got = update(student, 2.0, 0.5, 0.0)
    if got.off(2.0, 1e-12):
        fail("with λ = 0 Q should stay 2 (ε is ignored), yours gives %s" % num(got))


def test_matches_the_trainer(student):
    """the same Q as Trainer reports, mini-batch after mini-batch"""
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, size=(40, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    trainer = Trainer(MLP([2, 3, 1], seed=0), X, y, eta=0.3, batch_size=8, lambda_=0.2, seed=0)
    Q = trainer.Q
    for _ in range(6):
        trainer.step()
    for i, (eps, want) in enumerate(zip(trainer.history["epsilon"], trainer.history["Q"])):
        Q = update(student, Q, eps, 0.2)
        if Q.off(want, 1e-9 * max(1.0, abs(want))):
            fail("after mini-batch %d (ε = %s, λ = 0.2) Q should be %s as in the Trainer, yours gives %s"
                 % (i + 1, num(eps), num(want), num(Q)))


def test_random_cases(student):
    """the lab's Q on 12 random (Q, ε, λ), small and large, λ = 0 and 1 included"""
    SPEC.random_cases(student)
