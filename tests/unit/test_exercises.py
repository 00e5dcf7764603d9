"""The checked exercises: reference solutions pass, typical wrong answers fail with the
message meant for them, the TODO stubs fail cleanly, errors point at the right line."""
import os
import re
import subprocess
import sys
import textwrap

import pytest

from backprop_lab import activations, engine, exercises
from backprop_lab.exercises import catalog, studentcode
from backprop_lab.exercises.checks import _support

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
IDS = [ex["id"] for ex in exercises.list_exercises()]


def run(exercise_id, source):
    return exercises.run_checks(exercise_id, textwrap.dedent(source))


def solution_with(exercise_id, old, new):
    text = exercises.solution(exercise_id)
    assert old in text, "the solution of %s no longer contains %r" % (exercise_id, old)
    return text.replace(old, new)


def messages(result):
    return "\n".join(f["message"] for f in result["failed"])


def failed_with(result, *fragments):
    """The run failed, and some failure message contains every fragment."""
    assert not result["ok"], result
    for f in result["failed"]:
        if all(fr in f["message"] for fr in fragments):
            return f
    raise AssertionError("no failure says %r; the failures say:\n%s" % (fragments, messages(result)))


# ---- the catalogue ------------------------------------------------------------------------
def test_at_least_ten_exercises_with_everything_the_page_shows():
    listed = exercises.list_exercises()
    assert len(listed) >= 10
    assert len(set(IDS)) == len(IDS)
    for ex in listed:
        assert set(ex) >= {"id", "title", "lesson", "statement", "stub", "function", "target"}
        assert ex["title"] and len(ex["statement"]) > 40
        assert "def %s(" % ex["function"] in ex["stub"]
        assert len(exercises.hint(ex["id"])) > 20


LESSON_ROUTES = ["neuron", "logic", "xor", "expressive", "cybenko", "digits", "least-squares", "momentum",
                 "softmax", "minibatch", "backprop", "convergence", "playground"]
NEW = ["xor_feature", "threshold_forward", "cybenko_alpha", "lstsq", "normal_equations", "ls_gradient",
       "critical_eta", "softmax_jacobian", "minibatches", "numerical_gradient", "l1_penalty", "confusion",
       "torch_linear_backward"]


def test_twenty_or_more_exercises_and_one_or_more_for_every_lesson():
    """Issue "Exercises that teach", item 7: lessons 1 to 12 and the Playground each have an exercise."""
    with open(os.path.join(ROOT, "app", "lessons", "registry.js"), encoding="utf-8") as f:
        routes = re.findall(r'route: "([^"]+)"', f.read())
    assert routes[:len(LESSON_ROUTES)] == LESSON_ROUTES      # the registry's lessons 1-12, then the Playground
    assert len(IDS) >= 20
    by_lesson = {}
    for ex in catalog.EXERCISES:
        by_lesson.setdefault(ex.lesson, []).append(ex.id)
    assert [r for r in LESSON_ROUTES if not by_lesson.get(r)] == []


def test_the_new_exercises_have_a_ladder_of_hints():
    for exercise_id in NEW:
        ex = catalog.get(exercise_id)
        assert ex.hints and len(ex.hints) >= 3 and all(len(h) > 15 for h in ex.hints), exercise_id
        assert len(set(ex.hints)) == len(ex.hints)
    assert catalog.get("neuron").hints is None      # the old twelve's hints are another table's


def test_lessons_are_routes_of_the_registry():
    with open(os.path.join(ROOT, "app", "lessons", "registry.js"), encoding="utf-8") as f:
        routes = set(re.findall(r'route: "([^"]+)"', f.read()))
    assert {"neuron", "playground", "backprop"} <= routes
    for ex in exercises.list_exercises():
        assert ex["lesson"] in routes, ex["id"]


def test_the_topics_asked_for_are_covered():
    targets = {(ex.reference[0], ex.reference[1]) for ex in catalog.EXERCISES}
    for target in [("backprop_lab.activations", "ACTIVATIONS.sigmoid.df"),
                   ("backprop_lab.activations", "ACTIVATIONS.tanh.df"),
                   ("backprop_lab.lessons.neuron", "neuron"),
                   ("backprop_lab.losses", "softmax_ce"),
                   ("backprop_lab.nn", "MLP.loss_and_grads"),
                   ("backprop_lab.losses", "penalty"),
                   ("backprop_lab.optim", "SGD.step"),
                   ("backprop_lab.engine", "Value.__mul__"),
                   ("backprop_lab.engine", "Value.tanh")]:
        assert target in targets


def test_references_are_the_labs_own_functions():
    assert catalog.get("sigmoid_derivative").reference_function() is activations.ACTIVATIONS["sigmoid"].df
    assert catalog.get("value_mul").reference_function() is vars(engine.Value)["__mul__"]
    from backprop_lab.nn import MLP
    assert catalog.get("mlp_backward").reference_function() is vars(MLP)["loss_and_grads"]
    # the solution text is the lab's source (here the body of nn.py's loop)
    assert "self.f.df(zs[l - 1], acts[l])" in exercises.solution("mlp_backward")


def test_unknown_exercise():
    with pytest.raises(ValueError, match="unknown exercise 'nope'"):
        exercises.hint("nope")


# ---- references pass, stubs fail cleanly ----------------------------------------------------
@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_solution_passes(exercise_id):
    result = exercises.run_checks(exercise_id, exercises.solution(exercise_id))
    assert result["failed"] == [] and result["error"] is None
    assert result["ok"] and len(result["passed"]) == result["total"] >= 2


@pytest.mark.parametrize("exercise_id", IDS)
def test_stub_reports_not_written_yet(exercise_id):
    result = exercises.run_checks(exercise_id, exercises.stub(exercise_id))
    assert not result["ok"]
    assert result["error"]["kind"] == "not_written"
    assert result["error"]["message"].startswith("not written yet (TODO:")
    raise_line = [i + 1 for i, l in enumerate(exercises.stub(exercise_id).splitlines()) if "NotImplementedError" in l]
    assert result["error"]["line"] == raise_line[0]
    assert result["failed"] and all(f["message"].startswith("not written yet") for f in result["failed"])


# ---- typical wrong answers, one exercise at a time -------------------------------------------
def test_sigmoid_derivative_wrong_answers():
    r = run("sigmoid_derivative", """
        def sigmoid_derivative(z, a):
            return a
        """)
    failed_with(r, "σ'(0) should be 0.25", "yours gives 0.5")
    r = run("sigmoid_derivative", """
        def sigmoid_derivative(z, a):
            return 1 - a * a
        """)
    failed_with(r, "σ'(0) should be 0.25", "yours gives 0.75")
    r = run("sigmoid_derivative", """
        def sigmoid_derivative(z, a):
            e = np.exp(-z)
            return e / (1 + e) ** 2
        """)
    assert "test_at_zero" in r["passed"]
    failed_with(r, "σ'(-1000) should be 0", "yours gives nan")


def test_tanh_derivative_wrong_answers():
    r = run("tanh_derivative", """
        def tanh_derivative(z, a):
            return 1 - a
        """)
    assert "test_at_zero" in r["passed"]        # right at 0, wrong elsewhere
    failed_with(r, "tanh'(z) at z = ", "the slope of tanh there")
    r = run("tanh_derivative", """
        def tanh_derivative(z, a):
            return 1 - z ** 2
        """)
    failed_with(r, "tanh'(-1000) should be 0", "yours gives -999999")
    r = run("tanh_derivative", """
        def tanh_derivative(z, a):
            return a * (1 - a)
        """)
    failed_with(r, "tanh'(0) should be 1", "yours gives 0")


def test_neuron_wrong_answers():
    r = run("neuron", """
        def neuron(X, w1, w2, b, f="sign"):
            return activation(f)(X @ np.array([w1, w2]))
        """)
    failed_with(r, "a(x, w) for x = (0, 0), w = (1, 2), b = -0.5 with f = sign should be -1",
                "(z = ⟨w, x⟩ + b = -0.5), yours gives 0")
    r = run("neuron", """
        def neuron(X, w1, w2, b, f="sign"):
            return activation(f)(X @ np.array([w1, w2])) + b
        """)
    failed_with(r, "should be -1", "yours gives -0.5")
    r = run("neuron", """
        def neuron(X, w1, w2, b, f="sign"):
            return activation(f)(X * np.array([w1, w2]) + b)
        """)
    failed_with(r, "neuron(X, w1, w2, b, f) for X of shape (4, 2) should have shape (4,), yours has shape (4, 2)")


def test_nand_wrong_answers():
    r = run("nand", """
        def nand_weights():
            return 1.0, 1.0, -1.5
        """)
    failed_with(r, "NAND(0, 0) should be 1, your neuron gives 0 (z = w1 x1 + w2 x2 + b = -1.5)")
    r = run("nand", """
        def nand_weights():
            return -1, -1, 1
        """)
    failed_with(r, "NAND(0, 1) should be 1, your neuron gives 0", "[z > 0] is 0 when z = 0 exactly")
    r = run("nand", """
        def nand_weights():
            return -1, -1
        """)
    failed_with(r, "nand_weights() should return three numbers (w1, w2, b)")


NAIVE_SOFTMAX_CE = """
    def softmax_ce(z, a, y, output):
        n = len(z)
        rows = np.arange(n)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        value = -np.mean(np.log(p[rows, y]))
        dz = p.copy()
        dz[rows, y] -= 1
        return value, dz / n
    """


def test_softmax_ce_wrong_answers():
    r = run("softmax_ce", NAIVE_SOFTMAX_CE)
    assert "test_small_logits" in r["passed"] and "test_gradient" in r["passed"]
    failed_with(r, "L for logits [1000, 0, −1000] and y = 1 should be 1000, yours gives inf", "log-sum-exp")
    r = run("softmax_ce", solution_with("softmax_ce", "value = np.mean(lse - z[rows, labels])",
                                        "value = np.sum(lse - z[rows, labels])"))
    failed_with(r, "L for two samples should be the mean", "(that is the sum; divide by n = 2)")
    r = run("softmax_ce", solution_with("softmax_ce", "return value, dz / n", "return value, dz"))
    failed_with(r, "dL/dz differs from finite differences by", "at z[")


def test_linear_backward_wrong_answers():
    r = run("linear_backward", solution_with("linear_backward", "dW = x.T @ delta", "dW = delta.T @ x"))
    failed_with(r, "dW should have W's shape (fan_in, fan_out) = (3, 2), yours has shape (2, 3)")
    r = run("linear_backward", solution_with("linear_backward", "db = delta.sum(axis=0)", "db = delta.mean(axis=0)"))
    assert "test_dW" in r["passed"] and "test_dx" in r["passed"]
    failed_with(r, "dL/db differs from finite differences by", "at b[")
    r = run("linear_backward", solution_with("linear_backward", "dx = delta @ W.T", "dx = delta @ W"))
    f = failed_with(r, "your function raised ValueError")
    line = [i + 1 for i, l in enumerate(exercises.solution("linear_backward").splitlines()) if "dx = delta @ W.T" in l][0]
    assert "(line %d)" % line in f["message"]
    assert r["error"]["kind"] == "exception" and r["error"]["line"] == line


def test_mlp_backward_wrong_answers():
    no_f_prime = solution_with("mlp_backward", "dz = (dz @ W.T) * self.f.df(zs[l - 1], acts[l])", "dz = dz @ W.T")
    r = run("mlp_backward", no_f_prime)
    assert "test_no_hidden_layer" in r["passed"]
    failed_with(r, "dL/dW1 differs from finite differences by", "at W1[", "for the network [2, 3, 1] with tanh")
    r = run("mlp_backward", solution_with("mlp_backward", "dz.sum(axis=0)", "dz.mean(axis=0)"))
    failed_with(r, "dL/db", "differs from finite differences by")
    no_penalty = solution_with("mlp_backward", "            value += p_value\n            gW += p_grad\n", "            pass\n")
    r = run("mlp_backward", no_penalty)
    assert {f["test"] for f in r["failed"]} == {"test_with_l2", "test_with_l1", "test_with_l1_and_l2", "test_random_cases"}
    failed_with(r, "L for the network [2, 3, 1] with tanh hidden units, sigmoid output and loss bce and λ = 0.1 "
                   "should be")


def test_l2_penalty_wrong_answers():
    r = run("l2_penalty", solution_with("l2_penalty", "grad = grad + l2 * W", "grad = grad + 2 * l2 * W"))
    failed_with(r, "dR/dW differs from finite differences by", "at W[")
    failed_with(r, "with l1 = 0.3 and λ = 0.1, dR/dW should be l1 sign(W) + λ W = [[0.4, -0.5], [0.35, 0.6]], "
                   "yours gives [[0.5, -0.7], [0.4, 0.9]]")
    r = run("l2_penalty", solution_with("l2_penalty", "value += 0.5 * l2 * np.sum(W * W)", "value += l2 * np.sum(W * W)"))
    failed_with(r, "the L2 term ½ λ ΣW² with λ = 0.1", "(that is λ ΣW²: the term is ½ λ ΣW²)")


def test_momentum_wrong_answers():
    r = run("momentum", '''
        def step(self, grads):
            for p, g in zip(self.params, grads):
                p = p - self.eta * g
        ''')
    failed_with(r, "W did not change: update the arrays in place")
    failed_with(r, "after one step with η = 0.1 and β = 0 (W = W − η g), W[1, 0] should be 2.8, yours gives 3")
    r = run("momentum", solution_with("momentum", "v -= self.eta * g", "v += self.eta * g"))
    assert "test_plain_step" in r["passed"]
    failed_with(r, "after one step with η = 0.1 and β = 0.9", "W[1, 0] should be 2.8, yours gives 3.2")
    r = run("momentum", '''
        def step(self, grads):
            for p, g in zip(self.params, grads):
                p -= self.eta * g
        ''')
    failed_with(r, "after a second step with η = 0.1 and β = 0.9", "keeps the velocity of the first step")


def test_running_q_wrong_answers():
    r = run("running_q", """
        def update_Q(Q, epsilon, lambda_):
            return lambda_ * Q + (1 - lambda_) * epsilon
        """)
    failed_with(r, "with Q = 2, ε = 1 and λ = 0.1 should be 1.9", "yours gives 1.1")
    r = run("running_q", """
        def update_Q(Q, epsilon, lambda_):
            return (Q + epsilon) / 2
        """)
    failed_with(r, "should be 1.9", "yours gives 1.5")
    failed_with(r, "after mini-batch 1", "as in the Trainer")


def test_value_mul_wrong_answers():
    r = run("value_mul", solution_with("value_mul", '"*", (other.data, self.data)', '"*", (self.data, other.data)'))
    failed_with(r, "d(a · b)/da should be b = −3, yours gives 2")
    r = run("value_mul", solution_with("value_mul", '"*", (other.data, self.data)', '"*", (1.0, 1.0)'))
    failed_with(r, "d(a · b)/da should be b = −3, yours gives 1")
    r = run("value_mul", '''
        def __mul__(self, other):
            return Value(self.data * other.data, (self, other), "*", (other.data, self.data))
        ''')
    assert "test_local_gradients" in r["passed"]
    # line 1 of the submission is empty: the return is line 3
    failed_with(r, "your function raised AttributeError: 'int' object has no attribute 'data' (line 3)")
    assert r["error"]["line"] == 3
    assert vars(engine.Value)["__mul__"] is catalog.get("value_mul").reference_function()   # put back


def test_value_tanh_wrong_answers():
    r = run("value_tanh", solution_with("value_tanh", "(1.0 - t * t,)", "(1.0 - self.data ** 2,)"))
    failed_with(r, "d tanh(a)/da at a = 0.8 should be 1 − tanh(a)² = 0.5591", "yours gives 0.36")
    r = run("value_tanh", solution_with("value_tanh", "(1.0 - t * t,)", "(1.0 - t,)"))
    failed_with(r, "d tanh(a)/da at a = 0.8 should be")
    r = run("value_tanh", solution_with("value_tanh", "(1.0 - t * t,)", "(1.0 / math.cosh(self.data) ** 2,)"))
    failed_with(r, "your function raised OverflowError: math range error")
    assert vars(engine.Value)["tanh"] is catalog.get("value_tanh").reference_function()


# ---- errors in the submitted text ----------------------------------------------------------
def test_syntax_error_reports_its_line():
    r = run("sigmoid_derivative", """
        def sigmoid_derivative(z, a):
            s = a
            return s * * (1 - s)
        """)
    # the text starts with an empty line (line 1); the bad line is line 4 of the submission
    assert r["error"]["kind"] == "syntax"
    assert r["error"]["line"] == 4
    assert r["error"]["message"].startswith("SyntaxError: invalid syntax")
    assert "return s * * (1 - s)" in r["error"]["traceback"]
    assert r["total"] == 0 and not r["ok"]


def test_an_unclosed_bracket_is_reported_on_its_own_line():
    """Python 3.8 gives up on the line after an unclosed bracket; the mistake is the bracket's line."""
    r = exercises.run_checks("sigmoid_derivative",
                             "def sigmoid_derivative(z, a):\n    s = (a * (1 - a)\n    return s\n")
    assert r["error"]["kind"] == "syntax" and r["error"]["line"] == 2
    assert r["error"]["message"].startswith("SyntaxError: '(' was never closed (line 2)")
    assert "s = (a * (1 - a)" in r["error"]["traceback"]
    # Brackets in strings and comments are not brackets; a bracket that closes is not blamed.
    assert studentcode.unclosed_bracket("x = '(('  # [\ny = (1,\n     2)\n") is None
    assert studentcode.unclosed_bracket("a = [1,\n     f(2, 3),\n") == (1, 4, "[")
    r = exercises.run_checks("sigmoid_derivative",
                             "def sigmoid_derivative(z, a):\n    s = (a,\n         a)\n    return s * * 2\n")
    assert r["error"]["line"] == 4 and "never closed" not in r["error"]["message"]


def test_indentation_error_is_a_syntax_error():
    r = exercises.run_checks("running_q", "def update_Q(Q, epsilon, lambda_):\nreturn Q\n")
    assert r["error"]["kind"] == "syntax" and r["error"]["line"] == 2
    assert r["error"]["message"].startswith("IndentationError")


def test_exception_inside_the_function_gives_its_line_and_a_short_traceback():
    r = exercises.run_checks("sigmoid_derivative",
                             "def sigmoid_derivative(z, a):\n    s = a\n    return s * (1 - undefined)\n")
    err = r["error"]
    assert err["kind"] == "exception" and err["line"] == 3
    assert err["message"] == "NameError: name 'undefined' is not defined (line 3)"
    assert err["traceback"].splitlines() == ["line 3, in sigmoid_derivative",
                                             "    return s * (1 - undefined)",
                                             "NameError: name 'undefined' is not defined"]
    failed_with(r, "your function raised NameError: name 'undefined' is not defined (line 3)")


def test_exception_raised_deeper_points_at_the_students_line():
    # the error is raised inside numpy; the line reported is the student's line that called it
    r = exercises.run_checks("neuron", "def neuron(X, w1, w2, b, f='sign'):\n"
                                       "    w = np.array([w1, w2, b])\n"
                                       "    return activation(f)(X @ w)\n")
    assert r["error"]["kind"] == "exception" and r["error"]["line"] == 3
    assert "_pytest" not in r["error"]["traceback"] and "numpy" not in r["error"]["traceback"]
    assert r["error"]["traceback"].startswith("line 3, in neuron\n")


def test_exception_while_the_code_runs():
    r = exercises.run_checks("running_q", "x = 1 / 0\n\ndef update_Q(Q, epsilon, lambda_):\n    return Q\n")
    assert r["error"]["kind"] == "exception" and r["error"]["line"] == 1
    assert r["error"]["message"].startswith("ZeroDivisionError")


def test_missing_function_and_wrong_arguments():
    r = exercises.run_checks("running_q", "def update_q(Q, eps, lam):\n    return Q\n")
    assert r["error"]["kind"] == "missing"
    assert "Define a function called update_Q" in r["error"]["message"] and "update_q" in r["error"]["message"]
    r = exercises.run_checks("running_q", "def update_Q(Q, epsilon):\n    return Q\n")
    assert r["error"]["kind"] == "signature" and r["error"]["line"] == 1
    assert "update_Q must take the same arguments as the original: update_Q(Q, epsilon, lambda_)" \
        in r["error"]["message"]


def test_helpers_and_indented_code_are_fine():
    r = exercises.run_checks("running_q", "    def helper(a, b, t):\n        return t * a + (1 - t) * b\n\n"
                                          "    def update_Q(Q, epsilon, lambda_):\n"
                                          "        return helper(epsilon, Q, lambda_)\n")
    assert r["ok"], r


# ---- the namespace stays clean ---------------------------------------------------------------
def test_the_students_names_do_not_leak_into_the_module():
    original = activations.sigmoid
    r = run("sigmoid_derivative", """
        sigmoid = None
        np = None
        def sigmoid_derivative(z, a):
            return a * (1 - a)
        """)
    # np is None inside the student's own namespace only; a * (1 - a) does not need it
    assert r["ok"], r
    assert activations.sigmoid is original and activations.np is not None


def test_printing_is_collected_not_shown(capsys):
    r = run("running_q", """
        def update_Q(Q, epsilon, lambda_):
            print("Q was", Q)
            return lambda_ * epsilon + (1 - lambda_) * Q
        """)
    assert r["ok"]
    assert "Q was 2.0" in r["output"]
    out, err = capsys.readouterr()
    assert "Q was" not in out and "passed" not in out and err == ""


def test_no_cache_folder_is_written():
    exercises.run_checks("nand", exercises.solution("nand"))
    checks = os.path.dirname(catalog.get("nand").checks_path)
    assert not os.path.exists(os.path.join(checks, ".pytest_cache"))
    assert not os.path.exists(os.path.join(os.path.dirname(checks), ".pytest_cache"))


def test_keyboard_interrupt_gets_out_and_leaves_things_clean():
    with pytest.raises(KeyboardInterrupt):
        run("sigmoid_derivative", """
            def sigmoid_derivative(z, a):
                raise KeyboardInterrupt
            """)
    assert _support.SUBMITTED == {}
    # interrupted inside a patched method: the lab's own method is back
    reference = catalog.get("value_mul").reference_function()
    with pytest.raises(KeyboardInterrupt):
        run("value_mul", """
            def __mul__(self, other):
                raise KeyboardInterrupt
            """)
    assert vars(engine.Value)["__mul__"] is reference
    assert (engine.Value(2.0) * 3).data == 6.0
    # and the next run works
    assert exercises.run_checks("value_mul", exercises.solution("value_mul"))["ok"]


def test_checks_compare_with_the_labs_own_code_while_live_edits_are_in_place():
    from backprop_lab import live
    try:
        assert live.install("backprop_lab.activations", "sigmoid", "def sigmoid(z):\n    return 0 * z\n")["ok"]
        assert live.install("backprop_lab.engine", "Value.tanh", exercises.stub("value_tanh"))["ok"]
        assert exercises.run_checks("sigmoid_derivative", exercises.solution("sigmoid_derivative"))["ok"]
        assert exercises.run_checks("mlp_backward", exercises.solution("mlp_backward"))["ok"]
        assert exercises.run_checks("value_mul", exercises.solution("value_mul"))["ok"]
        # the edits are back afterwards
        assert [e["name"] for e in live.active()] == ["sigmoid", "Value.tanh"]
        assert activations.sigmoid(activations.np.array([3.0]))[0] == 0
    finally:
        live.reset_all()


def test_timed_out_result():
    r = exercises.timed_out("neuron", 5)
    assert r["error"]["kind"] == "timeout" and "5 s" in r["error"]["message"] and not r["ok"]


# ---- Pyodide 0.17.1's own pytest (3.6.3) on Python 3.8 ---------------------------------------
PYODIDE_DIST = os.path.join(ROOT, "node_modules", "@pyodide", "pyodide", "dist")
PYTEST_PACKAGES = ["pytest", "pluggy", "py", "attrs", "more-itertools", "atomicwrites", "six"]


def _lz4_block(src):
    """Decode one raw LZ4 block (emscripten packs Pyodide 0.17's .data files in 2 KiB chunks)."""
    dst, i = bytearray(), 0
    while i < len(src):
        token = src[i]
        i += 1
        n = token >> 4
        if n == 15:
            while True:
                n += src[i]
                i += 1
                if src[i - 1] != 255:
                    break
        dst += src[i:i + n]
        i += n
        if i >= len(src):
            break
        offset = src[i] | (src[i + 1] << 8)
        i += 2
        n = token & 15
        if n == 15:
            while True:
                n += src[i]
                i += 1
                if src[i - 1] != 255:
                    break
        start = len(dst) - offset
        for k in range(n + 4):
            dst.append(dst[start + k])
    return bytes(dst)


def _unpack_pyodide_package(name, out):
    """Write the site-packages files of Pyodide 0.17.1's package `name` under `out`."""
    with open(os.path.join(PYODIDE_DIST, name + ".js"), encoding="utf-8") as f:
        js = f.read()
    with open(os.path.join(PYODIDE_DIST, name + ".data"), "rb") as f:
        data = f.read()
    files = re.findall(r'filename:"([^"]+)",start:(\d+),end:(\d+)', js)
    if "compressedData" in js:
        def numbers(key):
            return [int(float(x)) for x in re.search(key + r":\[([^\]]*)\]", js).group(1).split(",") if x]
        chunks = zip(numbers("offsets"), numbers("sizes"), numbers("successes"))
        data = b"".join(_lz4_block(data[o:o + s]) if ok else data[o:o + s] for o, s, ok in chunks)
    prefix = "/lib/python3.8/site-packages/"
    for path, start, end in files:
        if path.startswith(prefix):
            target = os.path.join(out, path[len(prefix):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(data[int(start):int(end)])


def _python38():
    if sys.version_info[:2] == (3, 8):
        return sys.executable
    candidate = os.path.join(ROOT, ".venv38", "bin", "python")
    return candidate if os.path.exists(candidate) else None


PYODIDE_PYTEST_SCRIPT = r"""
import json, sys
import pytest
from backprop_lab import exercises
from backprop_lab.exercises import studentcode
out = {"pytest": pytest.__version__, "runs": {}}
for ex in exercises.list_exercises():
    good = exercises.run_checks(ex["id"], exercises.solution(ex["id"]))
    stub = exercises.run_checks(ex["id"], ex["stub"])
    out["runs"][ex["id"]] = [good["ok"], good["failed"], stub["error"]["kind"]]
wrong = exercises.run_checks("sigmoid_derivative", "def sigmoid_derivative(z, a):\n    return a\n")
out["wrong"] = [f["message"] for f in wrong["failed"]]
out["named"] = [wrong["failed"][0].get("mistake"), sorted(wrong["failed"][0].get("case") or {})]
hard = exercises.run_checks("running_q", "def update_Q(Q, epsilon, lambda_):\n    return 1.9\n")
out["hard_coded"] = [f["test"] for f in hard["failed"]]
try:
    exercises.run_checks("running_q", "def update_Q(Q, epsilon, lambda_):\n    raise KeyboardInterrupt\n")
    out["interrupt"] = "not raised"
except KeyboardInterrupt:
    out["interrupt"] = "raised"
print(json.dumps(out))
"""


@pytest.mark.skipif(not os.path.exists(os.path.join(PYODIDE_DIST, "pytest.data")) or _python38() is None,
                    reason="needs npm's @pyodide/pyodide 0.17.1 (build.py setup) and a Python 3.8 (.venv38)")
def test_runner_works_with_pyodide_017s_own_pytest(tmp_path):
    """Pyodide 0.17.1 ships pytest 3.6.3: unpack it from the vendored distribution and run the
    exercises with it on Python 3.8 (numpy 1.17 from .venv38), ahead of any pytest installed there."""
    site = tmp_path / "site"
    for name in PYTEST_PACKAGES:
        _unpack_pyodide_package(name, str(site))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), os.path.join(ROOT, "py")]))
    env.pop("PYTEST_ADDOPTS", None)
    proc = subprocess.run([_python38(), "-c", PYODIDE_PYTEST_SCRIPT], env=env, cwd=str(tmp_path),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    import json
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["pytest"] == "3.6.3"
    assert sorted(out["runs"]) == sorted(IDS)
    for exercise_id, (ok, failed, stub_kind) in out["runs"].items():
        assert ok and failed == [], (exercise_id, failed)
        assert stub_kind == "not_written", exercise_id
    assert any("σ'(0) should be 0.25" in m and "yours gives 0.5" in m for m in out["wrong"])
    assert out["named"] == ["output_itself", ["expected", "got", "input", "short"]]
    assert "test_random_cases" in out["hard_coded"]
    assert out["interrupt"] == "raised"


def test_the_exercises_come_lesson_by_lesson_in_the_lectures_order():
    from backprop_lab.exercises import catalog
    assert catalog.LESSON_ORDER == LESSON_ROUTES
    lessons = [ex["lesson"] for ex in exercises.list_exercises()]
    assert lessons == sorted(lessons, key=LESSON_ROUTES.index)
