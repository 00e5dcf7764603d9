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
        self.hints = list(hints) if hints else None      # a ladder, from the idea down to the key line
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
    # ---- one or more per lesson (issue "Exercises that teach", item 7) -----------------------
    Exercise(
        "xor_feature", "XOR with the feature x1x2", "xor", "xor_feature_weights",
        ("backprop_lab.exercises.solutions", "xor_feature_weights"),
        "No single neuron on (x1, x2) computes XOR: no line separates (0, 1) and (1, 0) from (0, 0) and "
        "(1, 1). Give the neuron a third input, the feature x1x2, and it can: choose the weights of "
        "a(x) = [w1 x1 + w2 x2 + v x1x2 + b > 0] so that it is x1 XOR x2 on the four corners.",
        "XOR is OR except at (1, 1), the one corner where x1x2 = 1.",
        'raise NotImplementedError("TODO: return w1, w2, v, b")', live=False,
        hints=["XOR is OR except at (1, 1). Start from OR's weights, [x1 + x2 − 1/2 > 0], with v = 0.",
               "The feature x1x2 is 0 on three corners and 1 at (1, 1): v changes z at (1, 1) only.",
               "At (1, 1) OR has z = 1 + 1 − 1/2 = 3/2; v must bring it below 0, so v < −3/2.",
               "return 1.0, 1.0, -2.0, -0.5   (the lecture's v = −2)"]),
    Exercise(
        "threshold_forward", "A forward pass through threshold layers", "expressive", "forward",
        ("backprop_lab.lessons.expressive", "forward"),
        "The lesson's nets are layers of threshold units: a layer with weights W (fan_in, fan_out) and "
        "biases b (fan_out,) turns the n rows of its input a (n, fan_in) into [a W + b > 0] (n, fan_out), "
        "and the next layer takes that as its input. Run X (n, 2) through all the layers and return "
        "every layer's output. The polygon and region pictures are drawn with this function.",
        "One line per layer: a = step(a @ W + b), starting from a = X.",
        'raise NotImplementedError("TODO: a = [a W + b > 0] for each layer, every output kept")',
        hints=["Start from a = X and go through layers in order; each layer's output is the next one's input.",
               "A layer is one matrix product and a threshold: z = a @ W + b, then [z > 0] as 0.0 or 1.0.",
               "step(z) is (z > 0).astype(float); keep each layer's a in a list.",
               "for W, b in layers:  a = step(a @ W + b);  outputs.append(a)"]),
    Exercise(
        "cybenko_alpha", "Cybenko's output weights by least squares", "cybenko", "fit_alpha",
        ("backprop_lab.lessons.cybenko", "fit_alpha"),
        "With the hidden units fixed, a(x) = Σ_h α_h σ(w_h x + b_h) + α_0 is linear in α, so the best α is "
        "a least squares fit. Build Φ (n, H + 1), whose columns are the units σ(w_h x + b_h) at the n points "
        "x and then a column of ones, and return the α (H + 1,) that makes ||Φα − f||² smallest. The lesson "
        "fits every H with this function.",
        "Φ = [σ(x wᵀ + b), 1]; then α = lstsq(Φ, f).",
        'raise NotImplementedError("TODO: Phi = [sigma(w_h x + b_h) ..., 1], alpha = argmin ||Phi alpha - f||^2")',
        hints=["a(x) is linear in α: it is Φα, where column h of Φ is unit h's output at the n points.",
               "np.outer(x, w) + b is (n, H): entry (i, h) is w_h x_i + b_h. σ of it is the units; "
               "activations.sigmoid is σ.",
               "Append a column of ones for α_0, last: np.column_stack([units, np.ones(len(x))]) "
               "(features(x, w, b) builds exactly this Φ).",
               "alpha, *_ = np.linalg.lstsq(Phi, f, rcond=None)"]),
    Exercise(
        "lstsq", "Least squares with lstsq", "least-squares", "closed_form",
        ("backprop_lab.lessons.least_squares", "closed_form"),
        "The line fit's design matrix X (n, 2) has rows [x_i, 1], so XW = w x + b for W = [w, b]. The "
        "W_hat that makes ||XW − y||² smallest is (XᵀX)⁻¹Xᵀy, but the lab never forms that inverse: "
        "np.linalg.lstsq solves the least squares problem through an SVD of X. Return W_hat (2,). The "
        "lesson draws the fitted line and measures gradient descent's distance to it with this function.",
        "np.linalg.lstsq(X, y, rcond=None) returns four things; W_hat is the first.",
        'raise NotImplementedError("TODO: W_hat = argmin ||XW - y||^2 with np.linalg.lstsq")',
        hints=["You want the W for which XW is as close to y as it can be: there is no exact solution, "
               "n equations for 2 unknowns.",
               "np.linalg.lstsq(A, b) finds argmin ||Ax − b||²; here A is X and b is y.",
               "It returns (solution, residuals, rank, singular values): keep only the first.",
               "W_hat, *_ = np.linalg.lstsq(X, y, rcond=None); return W_hat"]),
    Exercise(
        "normal_equations", "Least squares by the normal equations", "least-squares", "normal_equations",
        ("backprop_lab.exercises.solutions", "normal_equations"),
        "At the minimum of ||XW − y||² the gradient 2Xᵀ(XW − y) is 0, which gives the normal equations "
        "XᵀX W = Xᵀy: d linear equations for the d weights. Form XᵀX (d, d) and Xᵀy (d,) and solve them "
        "for W_hat (d,), without lstsq (that is the other exercise). X is (n, d), y is (n,).",
        "A = XᵀX and r = Xᵀy, then np.linalg.solve(A, r).",
        'raise NotImplementedError("TODO: solve X^T X W = X^T y")', live=False,
        hints=["Setting the gradient Xᵀ(XW − y) to 0 gives XᵀX W = Xᵀy: a square system A W = r.",
               "A = X.T @ X is (d, d) and r = X.T @ y is (d,).",
               "np.linalg.solve(A, r) solves A W = r without forming A⁻¹ (np.linalg.inv(A) @ r works too, "
               "less accurately).",
               "return np.linalg.solve(X.T @ X, X.T @ y)"]),
    Exercise(
        "ls_gradient", "The gradient of the squared error", "least-squares", "gradient",
        ("backprop_lab.lessons.least_squares", "gradient"),
        "Gradient descent on the line fit takes steps W = W − η∇L(W) on the mean squared error "
        "L(W) = 1/(2n) ||XW − y||², X (n, d), y (n,), W (d,). Write ∇L(W) (d,). The lesson's gradient "
        "descent path takes every step with this function.",
        "The residual is r = XW − y; ∇L = Xᵀr / n.",
        'raise NotImplementedError("TODO: grad L(W) = X^T (XW - y) / n")',
        hints=["Differentiate ½ r² for one point: r times the derivative of r = x·W − y, which is x.",
               "Summed over the points that is Xᵀr, with r = XW − y (n,).",
               "L is a mean, so divide by n = len(y); the ½ cancels the 2 from the square.",
               "return X.T @ (X @ W - y) / len(y)"]),
    Exercise(
        "critical_eta", "The critical learning rate", "least-squares", "critical_eta",
        ("backprop_lab.lessons.least_squares", "critical_eta"),
        "The mean squared error is a quadratic with Hessian H = XᵀX / n (d, d), the same at every W. "
        "Gradient descent W = W − η∇L shrinks the error along each eigenvector of H by the factor "
        "1 − ηλ, so it converges only while |1 − ηλ_max| < 1. Return the critical η (a float) above "
        "which it diverges. The lesson says diverged or converging from this number.",
        "η_crit = 2 / λ_max(H), and np.linalg.eigvalsh gives H's eigenvalues in ascending order.",
        'raise NotImplementedError("TODO: eta_crit = 2 / lambda_max(X^T X / n)")',
        hints=["Along an eigenvector with eigenvalue λ one step multiplies the error by 1 − ηλ.",
               "|1 − ηλ| < 1 means 0 < η < 2/λ; the largest λ is the strictest.",
               "H = X.T @ X / len(X); np.linalg.eigvalsh(H) is ascending, so λ_max is its last entry.",
               "return 2.0 / np.linalg.eigvalsh(X.T @ X / len(X))[-1]"]),
    Exercise(
        "softmax_jacobian", "The softmax's gradient", "softmax", "softmax_jacobian",
        ("backprop_lab.exercises.solutions", "softmax_jacobian"),
        "Softmax turns logits z (k,) into probabilities p_i = e^z_i / Σ_j e^z_j. Every p_i depends on "
        "every logit, so its derivative is a k × k matrix, the Jacobian J[i, j] = ∂p_i/∂z_j. Write it "
        "from p alone (k,), as the backward pass does: the forward pass already computed p.",
        "∂p_i/∂z_j = p_i([i = j] − p_j): J = diag(p) − p pᵀ.",
        'raise NotImplementedError("TODO: J[i, j] = d p_i / d z_j")', live=False,
        hints=["Differentiate p_i = e^z_i / S with S = Σ_j e^z_j by the quotient rule; ∂S/∂z_j = e^z_j.",
               "For i = j you get p_i − p_i²; for i ≠ j only S depends on z_j, which gives −p_i p_j.",
               "Both at once: J[i, j] = p_i([i = j] − p_j). np.diag(p) is the first part, np.outer(p, p) "
               "the second.",
               "return np.diag(p) - np.outer(p, p)"]),
    Exercise(
        "minibatches", "Mini-batches without replacement", "minibatch", "minibatches",
        ("backprop_lab.exercises.solutions", "minibatches"),
        "The lecture's mini-batch SGD goes through the training set in epochs: it shuffles the n samples "
        "and takes them M at a time, so each sample is used exactly once per epoch. Return one epoch's "
        "batches, a list of integer index arrays (the last one smaller when M does not divide n), drawn "
        "with the random generator rng you are given (a numpy RandomState).",
        "rng.permutation(n) is 0..n−1 in a random order; cut it into slices of M.",
        'raise NotImplementedError("TODO: a random order of 0..n-1, cut into batches of M")', live=False,
        hints=["Without replacement means one random order of all the samples, not n independent draws.",
               "rng.permutation(n) is that order (rng.choice(n, n, replace=False) too). Use rng, not a "
               "generator of your own, so each epoch gets a new order.",
               "Cut it into order[0:M], order[M:2M], …; range(0, n, M) gives the starts, and the last slice "
               "is simply shorter.",
               "order = rng.permutation(n); return [order[i:i + M] for i in range(0, n, M)]"]),
    Exercise(
        "numerical_gradient", "A gradient check by finite differences", "backprop", "numerical_gradient",
        ("backprop_lab.lessons.backprop", "numerical_gradient"),
        "The lesson checks every gradient backprop finds against a number it gets without the chain "
        "rule: nudge one leaf's value p by ±h, run the forward pass, and take the central difference "
        "(f(p + h) − f(p − h)) / 2h. values maps each leaf's name to its number; evaluate(model, values) "
        "runs the forward pass and returns the output (a float). The lesson's gradient check calls this "
        "function.",
        "Two copies of values, one with name at p + h and one at p − h; evaluate both.",
        'raise NotImplementedError("TODO: (f(p + h) - f(p - h)) / 2h")',
        hints=["The derivative is the limit of (f(p + h) − f(p − h)) / 2h; a small h gives a close estimate.",
               "Nudge copies, not values itself: plus = dict(values), then plus[name] = values[name] + h.",
               "evaluate(model, plus) and evaluate(model, minus) are f(p + h) and f(p − h).",
               "return (evaluate(model, plus) - evaluate(model, minus)) / (2 * h)"]),
    Exercise(
        "l1_penalty", "The L1 term and its subgradient", "convergence", "penalty",
        ("backprop_lab.losses", "penalty"),
        "L1 regularization adds l1 Σ|W| to the loss, which drives weights to exactly 0. |w| has no "
        "derivative at 0, so gradient descent uses a subgradient: sign(w), taken as 0 at w = 0. The L2 "
        "term is written; add the L1 term to the penalty and its subgradient to the gradient (W any "
        "shape, the gradient W's shape).",
        "d|w|/dw is +1 for w > 0 and −1 for w < 0; np.sign gives both, and 0 at 0.",
        """
        value, grad = 0.0, 0.0
        if l1:
            raise NotImplementedError("TODO: the L1 term l1 * sum |W| and its subgradient")
        if l2:
            value += 0.5 * l2 * np.sum(W * W)
            grad = grad + l2 * W                         # d(0.5 W^2)/dW = W
        return value, grad
        """,
        hints=["The penalty is l1 times the sum of the absolute values of all the weights.",
               "|w| has slope +1 right of 0 and −1 left of it: the force towards 0 is the same for every "
               "weight, l1, whatever its size.",
               "np.sign(W) is +1, −1, or 0 where w = 0 (the subgradient the lab takes there).",
               "value += l1 * np.sum(np.abs(W));  grad = grad + l1 * np.sign(W)"]),
    Exercise(
        "confusion", "The confusion matrix", "digits", "confusion",
        ("backprop_lab.lessons.digits", "confusion"),
        "The digits lesson shows where its mistakes go in a confusion matrix C (k, k) of integers: "
        "C[t, p] is the number of test samples of true class t that the classifier predicted as p, so the "
        "diagonal holds the right answers. y_true and y_pred are integer arrays (n,) with classes 0..k−1. "
        "The lesson's matrix is counted by this function.",
        "Start from zeros (k, k) and add 1 at (y_true[i], y_pred[i]) for every sample.",
        'raise NotImplementedError("TODO: C[t, p] = number of samples with y_true = t and y_pred = p")',
        hints=["One count per sample: sample i adds 1 to the entry in row y_true[i], column y_pred[i].",
               "A loop over zip(y_true, y_pred) with C[t, p] += 1 is right; so is np.add.at.",
               "Beware C[y_true, y_pred] += 1: numpy adds 1 only once for a pair that occurs many times.",
               "C = np.zeros((k, k), dtype=int); np.add.at(C, (y_true, y_pred), 1); return C"]),
    Exercise(
        "torch_linear_backward", "Linear.backward, PyTorch style", "digits", "linear_backward",
        ("backprop_lab.torch.nn.functional", "linear_backward"),
        "The PyTorch demo's nn.Linear computes y = x Wᵀ + b with PyTorch's layout: x (n, in), W (out, in), "
        "b (out,). Autograd records that operation with a backward that, given the upstream gradient "
        "grad_output = dL/dy (n, out), returns dL/dx (n, in), dL/dW (out, in) and dL/db (out,). Write it: "
        "once it passes, loss.backward() in the demo's training runs through your function.",
        "Match the shapes: dL/dW must be (out, in), so it is grad_outputᵀ x.",
        'raise NotImplementedError("TODO: grad_input, grad_weight, grad_bias")',
        hints=["Each output y[i, o] = Σ_k x[i, k] W[o, k] + b[o]: differentiate it by x, W and b.",
               "dL/dx[i, k] = Σ_o dL/dy[i, o] W[o, k]: a matrix product with W itself (not Wᵀ).",
               "dL/dW[o, k] = Σ_i dL/dy[i, o] x[i, k] has W's shape (out, in); dL/db sums dL/dy over the samples.",
               "return grad_output @ W, grad_output.T @ x, grad_output.sum(axis=0)"]),
]

# The lessons in the lecture's order (app/lessons/registry.js; tests/unit/test_exercises.py checks the
# two agree): the page lists the exercises lesson by lesson, the order they are met in.
LESSON_ORDER = ["neuron", "logic", "xor", "expressive", "cybenko", "digits", "least-squares", "momentum",
                "softmax", "minibatch", "backprop", "convergence", "playground"]
EXERCISES.sort(key=lambda ex: LESSON_ORDER.index(ex.lesson))   # stable: within a lesson, as listed above

BY_ID = {ex.id: ex for ex in EXERCISES}


def get(exercise_id):
    try:
        return BY_ID[exercise_id]
    except KeyError:
        raise ValueError("unknown exercise %r; valid: %s" % (exercise_id, ", ".join(sorted(BY_ID)))) from None
