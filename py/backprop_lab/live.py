"""Run my version: put a student's edited function in place of the lab's own.

    install("backprop_lab.nn", "MLP.loss_and_grads", source)   -> {"ok": True, ...}
    install("backprop_lab.activations", "ACTIVATIONS.sigmoid.df", source)
    reset("backprop_lab.nn", "MLP.loss_and_grads")              -> the original is back
    reset_all(), active(), is_edited(module, name), source(module, name), edited_source(module, name)
    uses_reference_path()   -> True while a training-step function is edited
    last_error()            -> what the last edited function raised while a lesson ran
                               (the innermost edit the exception went through)
    last_interrupt()        -> the innermost edit the page's interrupt went through (for Stop)

`name` is a dotted path inside the module:

    "neuron"                   a module-level function            (setattr on the module)
    "MLP.loss_and_grads"       a method, "Value.__mul__" too      (setattr on the class)
    "ACTIVATIONS.sigmoid.df"   a field of an entry of a module-level table (dict of
                               (named) tuples): the entry is replaced by a copy holding
                               the new function

Where the lessons find it (the rule). A replacement is seen by code that looks the
function up at call time: through the module (losses.penalty(...), module globals such
as neuron() called inside lessons/neuron.py), through the class (net.loss_and_grads,
optimizer.step, a * b on Values), or through one of the module's own tables. So besides
the attribute itself, every entry of a module-level dict of the same module that holds
the original function, directly or inside a tuple, is replaced as well:
losses.LOSSES["bce"] follows losses.bce, activations.ACTIVATIONS["sigmoid"] and
OUTPUT_ACTIVATIONS["sigmoid"] follow both sigmoid and the sigmoid derivative.

Not seen: a name bound at import time in ANOTHER module (`from ..activations import
sigmoid` keeps the old function object), and objects built before the edit that keep
what they were given. (An MLP looks its (f, f') pair up in ACTIVATIONS at call time, so
an edited activation or derivative takes effect at once, also for networks built before.)

An edit that does not compile, raises while its code runs, defines no such function
or takes other arguments than the original changes nothing: the last good version
stays in place. Errors are the dicts of exercises/studentcode.py (kind, line in the
submitted text, one-line message, a traceback of the student's lines only).

Pure Python, no numpy: it also runs on a bare Pyodide (the backprop lesson).
"""
import ast
import contextlib
import functools
import importlib
import inspect
import io
import sys
import textwrap
import tokenize
import types

from .exercises import labstate
from .exercises.studentcode import (
    StudentCodeError,
    check_arguments,
    compile_function,
    describe_exception,
    error,
    forget,
    namespace_for,
    new_filename,
    normalize,
)

# Edits in these modules change what one training step computes, so the Playground
# must take the reference path (Trainer._step) instead of the fused fasttrain epoch.
TRAINING_MODULES = ("backprop_lab.nn", "backprop_lab.activations", "backprop_lab.losses",
                    "backprop_lab.optim", "backprop_lab.train")


class _Edit:
    def __init__(self, module, name, original, function, text, filename, namespace=None, home=None, own=()):
        self.module, self.name = module, name
        self.original = original          # the lab's own function (never an edit)
        self.function = function          # what is put in place (a wrapper of the student's)
        self.text, self.filename = text, filename
        self.writes = []                  # (container, key, previous value, how)
        self.namespace, self.home = namespace, home   # the edit's globals: a copy of home's
        self.own = set(own)               # the names the student's code defined or rebound there


def _refresh_namespaces():
    """Each edit's globals follow its module's: an edit calling neuron() calls whatever neuron is
    in place now (the lab's again after a reset, or another edit), as the lab's own code does.
    The names the student's code defined or rebound stay theirs."""
    for edit in _edits.values():
        if edit.namespace is None:
            continue
        for key, value in vars(edit.home).items():
            if key not in edit.own and not key.startswith("__"):
                edit.namespace[key] = value


_edits = {}            # (module, name) -> _Edit, in the order they were installed
_last_error = [None]   # what an edited function raised last, while a lesson ran it
_last_interrupt = [None]   # the innermost edit the last interrupt went through, in this call


# ---- finding a function by its dotted path --------------------------------------
def _step(obj, part):
    if isinstance(obj, dict):
        return obj[part]
    if isinstance(obj, type) and part in vars(obj):
        return vars(obj)[part]            # the plain function, not a bound method
    return getattr(obj, part)


def resolve(module, name):
    """The object at the dotted path `name` inside `module` (a module name)."""
    obj = importlib.import_module(module)
    try:
        for part in name.split("."):
            obj = _step(obj, part)
    except (KeyError, AttributeError):
        raise LookupError("%s has no %s" % (module, name)) from None
    return obj


def _parent(module, name):
    obj = importlib.import_module(module)
    parts = name.split(".")
    for part in parts[:-1]:
        obj = _step(obj, part)
    return obj, parts[-1]


def _lambda_name(name):
    parts = name.split(".")
    if len(parts) >= 3 and parts[-1] == "df":
        return parts[-2] + "_derivative"      # ACTIVATIONS.sigmoid.df -> sigmoid_derivative
    return "_".join(parts[1:] or parts)


def lambda_source(fn, def_name):
    """A lambda written on one line of a table, as the def it stands for:

        "sigmoid": Activation(sigmoid, lambda z, a: a * (1.0 - a)),   # s' = s (1 - s)
    becomes
        def sigmoid_derivative(z, a):
            return a * (1.0 - a)   # s' = s (1 - s)
    """
    line = inspect.getsource(fn).strip()
    comment = ""
    try:
        for tok in tokenize.generate_tokens(io.StringIO(line).readline):
            if tok.type == tokenize.COMMENT:
                comment = tok.string
    except (tokenize.TokenError, IndentationError):
        pass
    code = line[:len(line) - len(comment)].rstrip() if comment else line
    args = fn.__code__.co_varnames[:fn.__code__.co_argcount]
    for wrapped in (code, "{%s}" % code.rstrip(","), "(%s)" % code.rstrip(","), "[%s]" % code.rstrip(",")):
        try:
            tree = ast.parse(wrapped)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Lambda) and tuple(a.arg for a in node.args.args) == tuple(args):
                body = ast.get_source_segment(wrapped, node.body)
                text = "def %s(%s):\n    return %s" % (def_name, ", ".join(args), body)
                return text + ("   " + comment if comment else "") + "\n"
    raise LookupError("cannot read the source of %r" % (fn,))


def _source_of(fn, name):
    if getattr(fn, "__name__", "") == "<lambda>":
        return lambda_source(fn, _lambda_name(name))
    return textwrap.dedent(inspect.getsource(fn))


def source(module, name):
    """The lab's own source of module:name, even while an edit is in place."""
    key = (module, name)
    fn = _edits[key].original if key in _edits else resolve(module, name)
    return _source_of(fn, name)


def edited_source(module, name):
    """The text of the edit in place, or None."""
    edit = _edits.get((module, name))
    return edit.text if edit else None


def active():
    """The edits in place: [{"module", "name"}], in the order they were installed."""
    return [{"module": e.module, "name": e.name} for e in _edits.values()]


def is_edited(module, name):
    """True while a student's version of module:name is in place."""
    return (module, name) in _edits


def uses_reference_path():
    """True while any function of a training step is edited (MLP.loss_and_grads, an
    activation or its derivative, a loss or the penalty, SGD.step): then the Playground
    must train with Trainer._step, which calls them, not with fasttrain's fused epoch."""
    return any(e.module in TRAINING_MODULES for e in _edits.values())


def last_interrupt():
    """{"module", "name"} of the innermost edited function that the interrupt of the call in
    flight (the page's Stop) went through, or None. Cleared when a lesson call begins."""
    return _last_interrupt[0]


def begin_call():
    """A lesson call begins (bridge.run_lesson): forget the last call's interrupt."""
    _last_interrupt[0] = None


def last_error():
    """The error dict of what an edited function raised last while a lesson ran it
    (with "module" and "name" of the edit), or None. Cleared by install and reset."""
    return _last_error[0]


# ---- putting functions in place and taking them out -----------------------------
def _replace_in_tables(mod, old, new, writes):
    """Every entry of a module-level dict of `mod` that holds `old`, directly or as
    an element of a (named) tuple, is replaced by one holding `new`."""
    for gname, table in list(vars(mod).items()):
        if not isinstance(table, dict) or gname.startswith("__"):
            continue
        for key, value in list(table.items()):
            if value is old:
                replacement = new
            elif isinstance(value, tuple) and any(v is old for v in value):
                items = [new if v is old else v for v in value]
                replacement = type(value)(*items) if hasattr(value, "_fields") else tuple(items)
            else:
                continue
            writes.append((table, key, value, "item"))
            table[key] = replacement


def _apply(edit):
    mod = importlib.import_module(edit.module)
    parent, leaf = _parent(edit.module, edit.name)
    old = resolve(edit.module, edit.name)
    writes = edit.writes = []
    if isinstance(parent, (types.ModuleType, type)):
        had = leaf in vars(parent)
        writes.append((parent, leaf, vars(parent).get(leaf), "attr" if had else "new-attr"))
        setattr(parent, leaf, edit.function)
    if not isinstance(parent, type):
        _replace_in_tables(mod, old, edit.function, writes)
    if not writes:
        raise LookupError("%s:%s is not a module function, a method or a table entry" % (edit.module, edit.name))


def _revert(edit):
    for container, key, previous, how in reversed(edit.writes):
        if how == "item":
            container[key] = previous
        elif how == "attr":
            setattr(container, key, previous)
        else:
            delattr(container, key)
    edit.writes = []


def _reapply(edits):
    """Take every edit out, newest first, then put `edits` back in order (edits can
    touch the same table entry: sigmoid and its derivative share ACTIVATIONS["sigmoid"])."""
    for edit in reversed(list(_edits.values())):
        _revert(edit)
    _edits.clear()
    for edit in edits:
        _apply(edit)
        _edits[(edit.module, edit.name)] = edit
    _refresh_namespaces()


class LabChanged(RuntimeError):
    """An edited function rebound the lab's own names (or the builtins) on its first call."""


def _wrap(fn, module, name, filename):
    """The student's fn, as the lessons call it: what it raises is remembered for last_error().
    Its first call runs under a labstate snapshot: a function that rebinds the lab's names
    (bridge.run_lesson = None, say) gets them put back and raises LabChanged, so the page
    takes the edit out. Later calls are not watched (it costs ~0.3 ms a call)."""
    first = [True]

    @functools.wraps(fn)
    def edited(*args, **kwargs):
        before = labstate.snapshot() if first[0] else None
        first[0] = False
        try:
            out = fn(*args, **kwargs)
        except Exception as exc:
            if getattr(exc, "__live_edit__", None) is None:   # the innermost edit it went through
                exc.__live_edit__ = (module, name)
                report = describe_exception(exc, filename)
                report.update(module=module, name=name)
                _last_error[0] = report
            raise
        except KeyboardInterrupt:     # the page's Stop: it learns whose loop it stopped
            if _last_interrupt[0] is None:
                _last_interrupt[0] = {"module": module, "name": name}
            raise
        finally:
            changed = labstate.restore(before) if before is not None else []
        if changed:
            message = labstate.describe(changed, "when the lesson first called it")
            _last_error[0] = error("lab", None, message)
            _last_error[0].update(module=module, name=name)
            raise LabChanged(message)
        return out
    edited.__live_edit__ = (module, name)
    return edited


def install(module, name, source):
    """Compile `source` and put its function in place of module:name.

    Returns {"ok": True, "module", "name", "reference_path"} or {"ok": False, "error": {...}};
    on an error nothing changes (the last good version stays in place).
    """
    key = (module, name)
    try:
        original = _edits[key].original if key in _edits else resolve(module, name)
    except (ImportError, LookupError) as exc:
        return {"ok": False, "error": error("missing", None, str(exc))}
    home = sys.modules.get(getattr(original, "__module__", None) or module) or importlib.import_module(module)
    def_name = name.split(".")[-1]
    if getattr(original, "__name__", "") == "<lambda>":
        def_name = _lambda_name(name)
    filename = new_filename("your %s" % def_name)
    namespace = namespace_for(home)
    base = dict(namespace)
    try:
        fn = compile_function(source, def_name, namespace, filename, single=True)
        check_arguments(original, fn, normalize(source))
    except StudentCodeError as exc:
        forget(filename)
        return {"ok": False, "error": exc.error}
    own = [k for k, v in namespace.items() if k not in base or base[k] is not v]
    edit = _Edit(module, name, original, _wrap(fn, module, name, filename), normalize(source), filename,
                 namespace, home, own)
    previous = _edits.get(key)
    if previous is not None:   # a new version of an edit keeps its place in the order
        order = [edit if e is previous else e for e in _edits.values()]
    else:
        order = list(_edits.values()) + [edit]
    try:
        _reapply(order)
    except LookupError as exc:
        _reapply([e for e in order if e is not edit] if previous is None
                 else [previous if e is edit else e for e in order])
        forget(filename)
        return {"ok": False, "error": error("missing", None, str(exc))}
    if previous is not None:
        forget(previous.filename)
    _last_error[0] = None
    return {"ok": True, "module": module, "name": name, "reference_path": uses_reference_path()}


@contextlib.contextmanager
def suspended():
    """The lab's own code everywhere inside the block, the edits back afterwards (also on an
    interrupt). The exercise checks run like this: they compare with the lab's functions."""
    saved = list(_edits.values())
    _reapply([])
    try:
        yield
    finally:
        _reapply(saved)


def reset(module, name):
    """Put the lab's own module:name back. Returns {"ok", "active"}; ok is False if it was not edited."""
    edit = _edits.get((module, name))
    if edit is not None:
        _reapply([e for e in _edits.values() if e is not edit])
        forget(edit.filename)
    _last_error[0] = None
    return {"ok": edit is not None, "active": active(), "reference_path": uses_reference_path()}


def reset_all():
    """Every original back in place."""
    for edit in list(_edits.values()):
        forget(edit.filename)
    _reapply([])
    _last_error[0] = _last_interrupt[0] = None
    return {"ok": True, "active": [], "reference_path": False}
