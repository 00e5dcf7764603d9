"""#22's findings on the lessons' words: each sentence that said something untrue is gone, and the
replacement says what the code does (the numbers behind each are tested beside their lessons)."""
from pathlib import Path

from backprop_lab.lessons import minibatch

LESSONS = Path(__file__).resolve().parents[2] / "app" / "lessons"


def text(name):
    return (LESSONS / name).read_text()


def test_lesson_4_blames_the_and_not_the_number_of_layers():
    t = text("expressive/polygon.js")
    assert "two layers of this kind cannot carve it out" not in t
    assert "an AND of half-planes is always convex" in t and "with an OR at the output" in t


def test_lesson_10_says_the_batch_is_drawn_without_replacement():
    t = text("minibatch.js")
    assert "the samples are independent" not in t
    assert "without replacement" in t and "\\\\frac{N-M}{N-1}" in t


def test_the_finite_population_factor_the_page_states_is_what_the_code_measures():
    trainer = minibatch.make_trainer(seed=0)
    N = len(trainer.X_train)
    sigma2 = minibatch.gradient_variance(1, batches=400, seed=0, trainer=trainer)["variance"]
    M = N // 2
    measured = minibatch.gradient_variance(M, batches=400, seed=0, trainer=trainer)["variance"]
    stated = sigma2 / M * (N - M) / (N - 1)
    assert abs(measured / stated - 1) < 0.2, (measured, stated)
    assert measured < 0.7 * sigma2 / M, "at M = N/2, plain 1/M would overstate it by about 2x"


def test_xor_calls_its_stuck_state_a_plateau_not_a_local_minimum():
    t = text("xor.js")
    assert "local minimum" not in t
    assert "a plateau" in t and "infinite weights" in t
