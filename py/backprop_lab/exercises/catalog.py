"""The exercises: what each asks, where it belongs, and whose code is the answer.

Each Exercise names
    function   the function (or method) the student writes
    reference  (module, path) of the lab's own code that answers it: its source is the
               solution text and its signature and docstring start the stub. Where the lab
               has no such function, the reference is in exercises/solutions.py.
    live       True if that reference is what the lessons really call, so a solved
               exercise can be put in its place with live.install(*reference, source)
    checks     the pytest file checks/check_<id>.py
    todo       the stub's body after the docstring ("raise NotImplementedError(...)" or
               part of the function with the rest left to do)
    docstring  the stub's docstring, where the lab's function has none (or a one-liner)
    hints      the hint ladder, from the idea down to the key line (at least 3); where None,
               hints.HINTS[id] (hints.ladder)
"""
import ast
import importlib
import os
import textwrap

from .. import live

CHECKS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "checks")


class Exercise:
    def __init__(self, id, title, lesson, function, reference, statement, hint, todo,
                 live=True, docstring=None, hints=None):
        self.id, self.title, self.lesson = id, title, lesson
        self.function, self.reference, self.live = function, reference, live
        self.statement, self.hint = statement, hint
        self.todo, self.docstring = textwrap.dedent(todo).strip("\n"), docstring
        self.hints = list(hints) if hints else None

    @property
    def checks_path(self):
        return os.path.join(CHECKS_DIR, "check_%s.py" % self.id)

    @property
    def module(self):
        """The module whose globals (np, helpers) the student's code sees."""
        fn = self.reference_function()
        return importlib.import_module(getattr(fn, "__module__", None) or self.reference[0])

    def reference_function(self):
        return live.resolve(*self.reference)

    def _parts(self):
        """(def lines, docstring lines, body lines) of the reference's source."""
        text = live.source(*self.reference)
        if getattr(self.reference_function(), "__name__", "") == "<lambda>":
            text = text.replace("def %s(" % live._lambda_name(self.reference[1]), "def %s(" % self.function, 1)
        lines = text.rstrip("\n").split("\n")
        node = ast.parse(text).body[0]
        first = node.body[0]
        has_doc = (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                   and isinstance(first.value.value, str))
        start = node.lineno - 1 if not node.decorator_list else node.decorator_list[0].lineno - 1
        head = lines[start:first.lineno - 1]
        if has_doc:
            doc = lines[first.lineno - 1:first.end_lineno]
            body = lines[first.end_lineno:]
        else:
            doc, body = [], lines[first.lineno - 1:]
        if self.docstring is not None:
            doc = _docstring_lines(self.docstring)
        return head, doc, body

    def stub(self):
        head, doc, _ = self._parts()
        return "\n".join(head + doc + textwrap.indent(self.todo, "    ").split("\n")) + "\n"

    def solution(self):
        head, doc, body = self._parts()
        return "\n".join(head + doc + body) + "\n"

    def as_edit(self, source):
        """{"module", "name", "source"} that live.install puts in place of the target, or None.
        (The stub's def has the name install expects: a table's lambda, ACTIVATIONS.sigmoid.df,
        is written as def sigmoid_derivative, which is live._lambda_name of its path.)"""
        if not self.live:
            return None
        return {"module": self.reference[0], "name": self.reference[1], "source": source}

    def describe(self):
        from . import hints, puzzle
        return {"id": self.id, "title": self.title, "lesson": self.lesson, "statement": self.statement,
                "function": self.function, "stub": self.stub(),
                "target": {"module": self.reference[0], "name": self.reference[1]} if self.live else None,
                "hints": hints.ladder(self),
                "puzzle": {"kind": puzzle.kind(self), "pieces": puzzle.shuffled(self)}}


def _docstring_lines(text):
    text = textwrap.dedent(text).strip("\n")
    lines = text.split("\n")
    if len(lines) == 1:
        return ['    """%s"""' % lines[0]]
    return ['    """' + lines[0]] + [("    " + l) if l.strip() else "" for l in lines[1:]] + ['    """']


EXERCISES = [
    Exercise(
        "sigmoid_derivative", "The sigmoid's derivative", "convergence", "sigmoid_derivative",
        ("backprop_lab.activations", "ACTIVATIONS.sigmoid.df"),
        "Backpropagation multiplies by f'(z) at every hidden layer. For the sigmoid "
        "σ(z) = 1 / (1 + e^−z) the derivative can be written with the output a = σ(z) alone, "
        "which the forward pass has already computed. Write it.",
        "Differentiate 1 / (1 + e^−z) and compare what you get with σ(z) and 1 − σ(z). "
        "At z = 0 the answer is 1/4. Use a, not np.exp(−z): far from 0 the exponential overflows.",
        'raise NotImplementedError("TODO: the sigmoid\'s derivative from a = sigma(z)")',
        docstring="""
        sigma'(z) for the sigmoid, element-wise.

        z  pre-activation, any shape, e.g. (n, fan_out)
        a  sigma(z), the same shape (already computed by the forward pass)
        returns an array of z's shape
        """),
    Exercise(
        "tanh_derivative", "The tanh derivative", "convergence", "tanh_derivative",
        ("backprop_lab.activations", "ACTIVATIONS.tanh.df"),
        "tanh is the Playground's default hidden activation. Like the sigmoid, its derivative "
        "is a short expression in the output a = tanh(z). Write it.",
        "tanh(z) = (e^z − e^−z) / (e^z + e^−z); its derivative is 1 over cosh²(z), and "
        "cosh² − sinh² = 1. At z = 0 the slope is 1.",
        'raise NotImplementedError("TODO: the tanh derivative from a = tanh(z)")',
        docstring="""
        tanh'(z), element-wise.

        z  pre-activation, any shape, e.g. (n, fan_out)
        a  tanh(z), the same shape
        returns an array of z's shape
        """),
    Exercise(
        "neuron", "One neuron", "neuron", "neuron",
        ("backprop_lab.lessons.neuron", "neuron"),
        "A neuron is a linear model followed by an activation: a(x, w) = f(⟨w, x⟩ + b). "
        "Compute it for every row x of X, with the activation picked by name. The neuron "
        "lesson draws its picture with this function.",
        "⟨w, x⟩ for all rows at once is a matrix-vector product, X @ w with w = (w1, w2). "
        "The bias goes inside f. activation(f) gives you the function for a name.",
        'raise NotImplementedError("TODO: z = <w, x> + b, then f(z)")',
        docstring="""
        a(x, w) = f(<w, x> + b) = f(w1 x1 + w2 x2 + b) for each row x of X.

        X       inputs, shape (n, 2)
        w1, w2  the weights, b the bias (floats)
        f       the activation's name: "sign", "sigmoid", "tanh" or "relu";
                activation(f) is that function
        returns the n outputs, shape (n,)
        """),
    Exercise(
        "nand", "NAND as one neuron", "logic", "nand_weights",
        ("backprop_lab.exercises.solutions", "nand_weights"),
        "The lecture builds AND, OR and NOT from threshold neurons [w1 x1 + w2 x2 + b > 0]. "
        "NAND is NOT (x1 AND x2): 1 on every corner except (1, 1). Choose w1, w2 and b so that "
        "one neuron computes it.",
        "Start from AND's weights, [x1 + x2 − 3/2 > 0]. Negating z turns [z > 0] into [z < 0], "
        "which is NOT [z > 0] as long as z is never exactly 0 on a corner.",
        'raise NotImplementedError("TODO: return w1, w2, b")', live=False),
    Exercise(
        "softmax_ce", "Stable softmax cross-entropy", "softmax", "softmax_ce",
        ("backprop_lab.losses", "softmax_ce"),
        "The loss of a softmax classifier is the mean over the samples of −ln p_y, where "
        "p = softmax(z) and y is the true class. Computed literally, e^z overflows once a logit "
        "passes about 709. Compute L with the log-sum-exp trick so that logits of 1000 give a "
        "finite loss, and return its gradient at the logits too.",
        "−ln p_y = ln Σ_j e^z_j − z_y, and ln Σ_j e^z_j = m + ln Σ_j e^(z_j − m) with m = max_j z_j. "
        "The gradient of the mean loss is (softmax(z) − onehot(y)) / n; a already holds softmax(z).",
        'raise NotImplementedError("TODO: the mean of -ln p_y, and dL/dz")',
        docstring="""
        Mean softmax cross-entropy of the logits z and its gradient.

        z       logits, shape (n, k): n samples, k classes
        a       softmax(z), shape (n, k)
        y       true classes, integers in 0..k-1, shape (n,)
        output  the output activation's name ("softmax")
        returns (L, dz): L = mean over i of -ln softmax(z_i)[y_i], a float,
                and dz = dL/dz, shape (n, k)
        """),
    Exercise(
        "linear_backward", "A linear layer's backward pass", "digits", "linear_backward",
        ("backprop_lab.exercises.solutions", "linear_backward"),
        "A linear layer computes z = x W + b for a batch x of n rows. Given δ = dL/dz from the "
        "layer above, the chain rule gives the three gradients the network needs: for the "
        "weights, for the bias, and for the input (which the layer below needs). Write them.",
        "Match the shapes: dW must be (fan_in, fan_out) like W, so it is xᵀ δ. Every sample adds "
        "its own δ to db. dx is δ Wᵀ.",
        'raise NotImplementedError("TODO: dW = x^T delta, db, dx")', live=False),
    Exercise(
        "mlp_backward", "Backpropagation through the MLP", "playground", "loss_and_grads",
        ("backprop_lab.nn", "MLP.loss_and_grads"),
        "Here is the network's real loss_and_grads with its backward loop taken out. The forward "
        "pass and the loss's gradient at the output dz are given. Walk back through the layers: "
        "at each layer l the weight gradient, the bias gradient and, unless it is the first "
        "layer, the δ of the layer below (the delta rule). Once it passes, the Playground can "
        "train with your version.",
        "For layer l: dW_l = a_{l−1}ᵀ dz and db_l = the sum of dz over samples; then "
        "dz = (dz W_lᵀ) ⊙ f'(z_{l−1}) with self.f.df(zs[l − 1], acts[l]). acts[0] is X, so "
        "acts[l] is the input of layer l. Add the penalty's gradient to each dW.",
        """
        zs, acts = self._forward(X)
        value, dz = losses.loss_and_dz(loss, self.output, zs[-1], acts[-1], y)
        grads = [None] * len(self.params)
        for l in range(len(zs) - 1, -1, -1):
            W = self.params[2 * l]
            raise NotImplementedError("TODO: grads[2 * l], grads[2 * l + 1] and the dz of layer l - 1")
        return value, grads
        """),
    Exercise(
        "l2_penalty", "The L2 term", "convergence", "penalty",
        ("backprop_lab.losses", "penalty"),
        "L2 regularization adds ½ λ ΣW² to the loss, which pulls every weight towards 0 and "
        "fights overfitting. The L1 term is already written; add the L2 term to the penalty and "
        "to its gradient.",
        "The derivative of ½ w² is w, so the L2 term adds λ W to the gradient. Only the weights "
        "W are penalised, and the penalty is not divided by the batch size.",
        """
        value, grad = 0.0, 0.0
        if l1:
            value += l1 * np.sum(np.abs(W))
            grad = grad + l1 * np.sign(W)                # d|W|/dW = sign(W)
        if l2:
            raise NotImplementedError("TODO: the L2 term 0.5 * l2 * sum W^2 and its gradient")
        return value, grad
        """),
    Exercise(
        "momentum", "The momentum step", "momentum", "step",
        ("backprop_lab.optim", "SGD.step"),
        "Gradient descent takes W = W − η g. Momentum keeps a velocity v for every parameter: "
        "v = β v − η g, then W = W + v, so steps in a steady direction add up and zigzags cancel. "
        "Write the optimizer's step for both cases, updating the network's arrays in place.",
        "Loop over zip(self.params, grads, self.velocity). Write into the arrays (p -= ..., "
        "v *= ..., p += v): p = p − η g would only make a new array that the network never sees.",
        'raise NotImplementedError("TODO: W = W - eta g, or v = beta v - eta g; W = W + v")',
        docstring="""
        One update with grads[i] = dL/dparams[i], in place.

        self.params    [W1, b1, W2, b2, ...], numpy arrays the network reads
        grads          arrays of the same shapes
        self.velocity  v, one array per param (zeros at the start), kept between steps
        self.eta, self.beta   learning rate and momentum (may change between steps)
        """),
    Exercise(
        "running_q", "The running loss Q", "minibatch", "update_Q",
        ("backprop_lab.exercises.solutions", "update_Q"),
        "The lecture's mini-batch algorithm cannot afford the loss on the whole training set "
        "after every step, so it keeps an estimate Q: after each mini-batch with loss ε, it "
        "moves Q a little towards ε. λ, the forgetting rate, says how much.",
        "Q = λε + (1 − λ)Q: with λ = 0.1 the new Q is nine parts old Q and one part ε.",
        'raise NotImplementedError("TODO: Q = lambda epsilon + (1 - lambda) Q")', live=False),
    Exercise(
        "value_mul", "Backward of a product", "backprop", "__mul__",
        ("backprop_lab.engine", "Value.__mul__"),
        "In the autograd engine every operation records its inputs and its local derivatives; "
        "backward() then applies the chain rule, input.grad += local · out.grad. Write "
        "multiplication: the output's data and the local derivative for each input.",
        "For out = a · b, d out/da = b and d out/db = a. Turn a plain number into a Value with "
        "as_value(other) first, so that v * 3 works too.",
        'raise NotImplementedError("TODO: Value(data, (self, other), \'*\', (d out/d self, d out/d other))")',
        docstring="""
        out = self * other, a new Value (other may be a Value or a plain number).

        Value(data, _prev, _op, _local): _prev = (self, other), _op = "*", and
        _local = (d out / d self, d out / d other), two floats for backward().
        """),
    Exercise(
        "value_tanh", "Backward of tanh", "backprop", "tanh",
        ("backprop_lab.engine", "Value.tanh"),
        "tanh is a function of one Value: its output has one input and one local derivative. "
        "Write the output's data and that local derivative, using the output itself.",
        "math.tanh gives t = tanh(a) without overflow; the local derivative is 1 − t². "
        "(Computing it from e^a or cosh(a) overflows for a = 1000.)",
        'raise NotImplementedError("TODO: Value(tanh(a), (self,), \'tanh\', (local derivative,))")',
        docstring="""
        out = tanh(self), a new Value with one input.

        Value(data, _prev, _op, _local): _prev = (self,), _op = "tanh", and
        _local = (d out / d self,), one float for backward().
        """),
]

BY_ID = {ex.id: ex for ex in EXERCISES}


def get(exercise_id):
    try:
        return BY_ID[exercise_id]
    except KeyError:
        raise ValueError("unknown exercise %r; valid: %s" % (exercise_id, ", ".join(sorted(BY_ID)))) from None
