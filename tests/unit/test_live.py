"""live.py: a student's edited function replaces the lab's own where lessons look it up,
reset puts the original back, and broken code changes nothing."""
import numpy as np
import pytest

from backprop_lab import activations, engine, exercises, live, losses
from backprop_lab.lessons import neuron as neuron_lesson
from backprop_lab.nn import MLP
from backprop_lab.optim import SGD


@pytest.fixture(autouse=True)
def clean():
    live.reset_all()
    yield
    live.reset_all()


ZERO_SIGMOID = "def sigmoid(z):\n    return 0.0 * z\n"


def sigmoid_map():
    return neuron_lesson.output_map(w1=1.0, w2=-1.0, b=0.3, f="sigmoid", size=16)["map"]


def test_install_changes_a_lessons_output_and_reset_brings_it_back():
    before = sigmoid_map()
    assert before.max() > before.min()
    result = live.install("backprop_lab.activations", "sigmoid", ZERO_SIGMOID)
    assert result["ok"] and result["reference_path"] is True
    edited = sigmoid_map()
    assert np.all(edited == 0)                     # the neuron lesson drew the student's sigmoid
    assert activations.ACTIVATIONS["sigmoid"].f is activations.sigmoid     # module and table agree
    assert activations.OUTPUT_ACTIVATIONS["sigmoid"].f is activations.sigmoid
    assert live.active() == [{"module": "backprop_lab.activations", "name": "sigmoid"}]
    back = live.reset("backprop_lab.activations", "sigmoid")
    assert back["ok"] and back["active"] == [] and back["reference_path"] is False
    assert np.array_equal(sigmoid_map(), before)


def test_reset_restores_the_very_same_objects():
    original = activations.sigmoid
    entry, out_entry = activations.ACTIVATIONS["sigmoid"], activations.OUTPUT_ACTIVATIONS["sigmoid"]
    live.install("backprop_lab.activations", "sigmoid", ZERO_SIGMOID)
    live.install("backprop_lab.activations", "ACTIVATIONS.sigmoid.df",
                 "def sigmoid_derivative(z, a):\n    return 0 * a\n")
    live.reset_all()
    assert activations.sigmoid is original
    assert activations.ACTIVATIONS["sigmoid"] is entry and activations.OUTPUT_ACTIVATIONS["sigmoid"] is out_entry


def test_a_lessons_module_function():
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    solved = exercises.solution("neuron").replace("return activation(f)(z)", "return -activation(f)(z)")
    assert live.install("backprop_lab.lessons.neuron", "neuron", solved)["ok"]
    assert live.uses_reference_path() is False     # not a training-step function
    assert list(neuron_lesson.neuron(X, 1.0, 1.0, -0.5, "sign")) == [1.0, -1.0]
    # output_map calls the module's neuron at call time, so it draws the edit too
    flipped = neuron_lesson.output_map(1.0, 1.0, -0.5, "sign", size=8)["map"]
    live.reset("backprop_lab.lessons.neuron", "neuron")
    assert list(neuron_lesson.neuron(X, 1.0, 1.0, -0.5, "sign")) == [-1.0, 1.0]
    # -sign(<w, x> + b) = sign(<-w, x> - b): the lab's neuron with the signs flipped draws the same
    assert np.array_equal(flipped, neuron_lesson.output_map(-1.0, -1.0, 0.5, "sign", size=8)["map"])
    assert not np.array_equal(flipped, neuron_lesson.output_map(1.0, 1.0, -0.5, "sign", size=8)["map"])


def test_derivative_in_the_table_is_used_by_every_network_even_one_built_before():
    X, y = np.array([[0.5, -1.0], [1.0, 0.2]]), np.array([1.0, 0.0])
    old_net = MLP([2, 3, 1], activation="sigmoid", seed=0)
    _, want = old_net.loss_and_grads(X, y)
    source = live.source("backprop_lab.activations", "ACTIVATIONS.sigmoid.df")
    assert source.startswith("def sigmoid_derivative(z, a):\n    return a * (1.0 - a)")
    assert live.install("backprop_lab.activations", "ACTIVATIONS.sigmoid.df", source.replace("a * (1.0 - a)", "0 * a"))["ok"]
    assert activations.OUTPUT_ACTIVATIONS["sigmoid"].df is activations.ACTIVATIONS["sigmoid"].df
    new_net = MLP([2, 3, 1], activation="sigmoid", seed=0)
    _, grads = new_net.loss_and_grads(X, y)
    assert np.all(grads[0] == 0) and np.all(grads[1] == 0)      # nothing flows back through f' = 0
    assert np.allclose(grads[2], want[2])                        # the last layer needs no f'
    _, old = old_net.loss_and_grads(X, y)         # built before: MLP looks f, f' up at call time
    assert np.all(old[0] == 0) and np.allclose(old[2], want[2])
    live.reset("backprop_lab.activations", "ACTIVATIONS.sigmoid.df")
    _, again = MLP([2, 3, 1], activation="sigmoid", seed=0).loss_and_grads(X, y)
    assert np.allclose(again[0], want[0])
    _, back = old_net.loss_and_grads(X, y)
    assert np.allclose(back[0], want[0])


def test_edits_sharing_a_table_entry_are_reset_one_at_a_time():
    zero_df = "def sigmoid_derivative(z, a):\n    return 0 * a\n"
    live.install("backprop_lab.activations", "sigmoid", ZERO_SIGMOID)
    live.install("backprop_lab.activations", "ACTIVATIONS.sigmoid.df", zero_df)
    entry = activations.ACTIVATIONS["sigmoid"]
    assert entry.f(np.array([3.0]))[0] == 0 and entry.df(None, np.array([0.5]))[0] == 0
    live.reset("backprop_lab.activations", "sigmoid")
    entry = activations.ACTIVATIONS["sigmoid"]
    assert entry.f(np.array([0.0]))[0] == 0.5                   # the lab's sigmoid is back
    assert entry.df(None, np.array([0.5]))[0] == 0               # the derivative edit stays
    assert live.active() == [{"module": "backprop_lab.activations", "name": "ACTIVATIONS.sigmoid.df"}]


def test_loss_function_follows_into_the_loss_table():
    z = np.array([[1.0, 2.0, 3.0]])
    a = activations.softmax(z)
    solution = exercises.solution("softmax_ce")
    doubled = solution.replace("return value, dz / n", "return 2 * value, dz / n")
    assert live.install("backprop_lab.losses", "softmax_ce", doubled)["ok"]
    value, _ = losses.loss_and_dz("softmax_ce", "softmax", z, a, [0])   # through losses.LOSSES
    live.reset_all()
    want, _ = losses.loss_and_dz("softmax_ce", "softmax", z, a, [0])
    assert value == pytest.approx(2 * want)


def test_method_of_a_class_and_the_training_path():
    X = np.array([[0.5, -1.0], [1.0, 0.2], [-0.3, 0.4]])
    y = np.array([1.0, 0.0, 1.0])
    solution = exercises.solution("mlp_backward")
    halved = solution.replace("return value, grads", "return value, [g / 2 for g in grads]")
    net = MLP([2, 3, 1], seed=0)
    _, want = net.loss_and_grads(X, y)
    result = live.install("backprop_lab.nn", "MLP.loss_and_grads", halved)
    assert result["ok"] and result["reference_path"] is True and live.uses_reference_path()
    _, got = net.loss_and_grads(X, y)                  # an existing net: methods are looked up on the class
    assert all(np.allclose(g, w / 2) for g, w in zip(got, want))
    live.reset("backprop_lab.nn", "MLP.loss_and_grads")
    assert not live.uses_reference_path()
    _, back = net.loss_and_grads(X, y)
    assert all(np.allclose(g, w) for g, w in zip(back, want))


def test_optimizer_step_and_value_operations():
    assert live.install("backprop_lab.optim", "SGD.step", exercises.solution("momentum"))["ok"]
    W = np.ones(2)
    SGD([W], 0.5).step([np.ones(2)])
    assert np.allclose(W, 0.5)
    swapped = exercises.solution("value_mul").replace('"*", (other.data, self.data)', '"*", (self.data, other.data)')
    assert live.install("backprop_lab.engine", "Value.__mul__", swapped)["ok"]
    a, b = engine.Value(2.0), engine.Value(-3.0)
    (a * b).backward()
    assert a.grad == 2.0                               # the student's (wrong) local gradient
    live.reset("backprop_lab.engine", "Value.__mul__")
    a, b = engine.Value(2.0), engine.Value(-3.0)
    (a * b).backward()
    assert a.grad == -3.0


def test_every_solved_exercise_can_run_live():
    for ex in exercises.list_exercises():
        if ex["target"] is None:
            continue
        target = ex["target"]
        result = live.install(target["module"], target["name"], exercises.solution(ex["id"]))
        assert result["ok"], (ex["id"], result)
    assert len(live.active()) >= 8
    live.reset_all()
    assert live.active() == []


def test_broken_code_leaves_the_original_in_place():
    before = sigmoid_map()
    result = live.install("backprop_lab.activations", "sigmoid", "def sigmoid(z):\n    e = 1 +\n    return e\n")
    assert result["ok"] is False
    assert result["error"]["kind"] == "syntax" and result["error"]["line"] == 2
    assert live.active() == [] and np.array_equal(sigmoid_map(), before)
    result = live.install("backprop_lab.activations", "sigmoid", "def sigmoid(z, extra):\n    return z\n")
    assert result["error"]["kind"] == "signature" and "sigmoid(z)" in result["error"]["message"]
    result = live.install("backprop_lab.activations", "sigmoid", "def sigma(z):\n    return z\ndef other(z):\n    return z\n")
    assert result["error"]["kind"] == "missing" and "sigmoid" in result["error"]["message"]
    result = live.install("backprop_lab.activations", "sigmoid", "import no_such_module\ndef sigmoid(z):\n    return z\n")
    assert result["error"]["kind"] == "exception" and result["error"]["line"] == 1
    assert live.active() == [] and np.array_equal(sigmoid_map(), before)


def test_the_last_good_version_stays():
    live.install("backprop_lab.activations", "sigmoid", ZERO_SIGMOID)
    result = live.install("backprop_lab.activations", "sigmoid", "def sigmoid(z):\n    return (\n")
    assert not result["ok"]
    assert np.all(sigmoid_map() == 0)                        # still the last good edit
    assert live.edited_source("backprop_lab.activations", "sigmoid") == ZERO_SIGMOID


def test_sources():
    original = live.source("backprop_lab.optim", "SGD.step")
    assert original.startswith("def step(self, grads):")
    edit = exercises.solution("momentum")
    live.install("backprop_lab.optim", "SGD.step", edit)
    assert live.source("backprop_lab.optim", "SGD.step") == original       # the lab's, not the edit
    assert live.edited_source("backprop_lab.optim", "SGD.step") == edit
    assert live.edited_source("backprop_lab.nn", "MLP.loss_and_grads") is None


def test_an_error_at_run_time_is_reported_with_its_line():
    broken = "def sigmoid(z):\n    s = 1 / (1 + np.exp(-z))\n    return s[no_such_name]\n"
    assert live.install("backprop_lab.activations", "sigmoid", broken)["ok"]
    with pytest.raises(NameError):
        sigmoid_map()
    err = live.last_error()
    assert err["kind"] == "exception" and err["line"] == 3
    assert err["module"] == "backprop_lab.activations" and err["name"] == "sigmoid"
    assert err["traceback"].startswith("line 3, in sigmoid\n    return s[no_such_name]")
    live.reset("backprop_lab.activations", "sigmoid")
    assert live.last_error() is None


def test_unknown_targets():
    assert live.install("backprop_lab.activations", "nope", "def nope():\n    pass\n")["error"]["kind"] == "missing"
    assert live.install("backprop_lab.no_module", "f", "def f():\n    pass\n")["error"]["kind"] == "missing"
    assert live.reset("backprop_lab.activations", "sigmoid")["ok"] is False


def test_keyboard_interrupt_in_an_edit_is_not_swallowed():
    live.install("backprop_lab.activations", "sigmoid", "def sigmoid(z):\n    raise KeyboardInterrupt\n")
    with pytest.raises(KeyboardInterrupt):
        sigmoid_map()
    assert live.last_error() is None


def test_the_xor_lesson_draws_with_an_edited_logic_neuron():
    """xor.py looks the logic lesson's functions up at call time, so an edit made there shows here."""
    from backprop_lab.lessons import xor
    before = np.asarray(xor.train_single_neuron()["map"])
    assert before.max() > before.min()
    text = "def threshold_neuron(X, w1, w2, b):\n    return (0 * X[:, 0]).astype(int)\n"
    assert live.install("backprop_lab.lessons.logic", "threshold_neuron", text)["ok"]
    assert np.all(np.asarray(xor.train_single_neuron()["map"]) == 0)
    live.reset("backprop_lab.lessons.logic", "threshold_neuron")
    assert np.array_equal(np.asarray(xor.train_single_neuron()["map"]), before)


def test_an_edit_calls_the_function_in_place_now_not_the_one_in_place_when_it_was_installed():
    """output_map (edited) calls neuron: after neuron's own edit is reset, it calls the lab's neuron
    again (it used to keep the looping edit it saw at install time)."""
    import numpy as np

    from backprop_lab import live
    from backprop_lab.lessons import neuron as lesson
    try:
        assert live.install("backprop_lab.lessons.neuron", "neuron",
                            "def neuron(X, w1, w2, b, f='sign'):\n    return np.zeros(len(X)) + 7.0\n")["ok"]
        src = live.source("backprop_lab.lessons.neuron", "output_map")
        assert live.install("backprop_lab.lessons.neuron", "output_map", src)["ok"]
        X = np.array([[1.0, 1.0]])
        assert lesson.neuron(X, 1, 1, 0)[0] == 7.0
        live.reset("backprop_lab.lessons.neuron", "neuron")
        out = lesson.output_map(f="tanh", size=4)
        a = lesson.neuron(lesson.plane(4, 2.0), 1.0, 1.0, -0.5, "tanh")
        lo, hi = lesson.ACTIVATION_RANGE["tanh"]
        expected = np.round(np.clip((a - lo) / (hi - lo), 0, 1) * 255).astype(np.uint8).reshape(4, 4)
        assert (np.asarray(out["map"]) == expected).all(), "the edited output_map called the lab's neuron"
    finally:
        live.reset_all()


def test_names_the_student_defined_stay_theirs_after_a_refresh():
    from backprop_lab import live
    from backprop_lab.lessons import neuron as lesson
    try:
        src = ("plane = None\n"
               "def separating_line(w1, w2, b, domain):\n    return plane\n")
        assert live.install("backprop_lab.lessons.neuron", "separating_line", src)["ok"]
        live.install("backprop_lab.lessons.neuron", "neuron", live.source("backprop_lab.lessons.neuron", "neuron"))
        assert lesson.separating_line(1, 1, 0, 2) is None, "its own `plane`, not the module's"
    finally:
        live.reset_all()


def test_the_interrupt_names_the_innermost_edit_it_went_through():
    """Stop asks whose loop it interrupted: the edited neuron inside the edited output_map, not output_map."""
    from backprop_lab import bridge
    from backprop_lab.lessons import neuron as lesson
    try:
        assert live.install("backprop_lab.lessons.neuron", "neuron",
                            "def neuron(X, w1, w2, b, f='sign'):\n    raise KeyboardInterrupt\n")["ok"]
        assert live.install("backprop_lab.lessons.neuron", "output_map",
                            live.source("backprop_lab.lessons.neuron", "output_map"))["ok"]
        with pytest.raises(KeyboardInterrupt):
            lesson.output_map(size=4)
        assert live.last_interrupt() == {"module": "backprop_lab.lessons.neuron", "name": "neuron"}
        assert live.last_error() is None, "an interrupt is not the edit's error"
        asked = bridge.run_lesson("backprop_lab.live", "last_interrupt")   # as the page asks, through the bridge
        assert '"name": "neuron"' in asked
        bridge.run_lesson("backprop_lab.lessons.neuron", "separating_line", '{"w1": 1, "w2": 1, "b": 0, "domain": 2}')
        assert live.last_interrupt() is None, "a new call forgets the last one's interrupt"
    finally:
        live.reset_all()
