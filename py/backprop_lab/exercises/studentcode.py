"""Compile a student's function and describe its errors in a few plain words.

Shared by the exercise runner (exercises/runner.py) and live code (live.py).
Pure Python, no numpy and no pytest: live code also runs on a bare Pyodide.

An error is a plain dict, ready for the page:

    {"kind": "syntax" | "exception" | "not_written" | "missing" | "signature",
     "line": 3,            # 1-based line in the submitted text, or None
     "message": "ZeroDivisionError: division by zero",   # one line
     "traceback": "line 3, in f\\n    return 1 / 0\\nZeroDivisionError: division by zero"}

The traceback lists only frames of the student's own code: the lab's code, numpy
and pytest around it are left out. ("timeout" is made by the page, which stops
runaway code from outside; see exercises.timed_out.)
"""
import inspect
import io
import itertools
import linecache
import textwrap
import tokenize
import traceback

from . import labstate

_numbers = itertools.count(1)


class StudentCodeError(Exception):
    """Raised with the error dict when submitted code cannot be used."""

    def __init__(self, error):
        Exception.__init__(self, error["message"])
        self.error = error


def error(kind, line, message, traceback_text=None):
    return {"kind": kind, "line": line, "message": message,
            "traceback": traceback_text if traceback_text is not None else message}


def new_filename(label):
    """A file name of its own for one submission, as tracebacks will show it."""
    return "<%s #%d>" % (label, next(_numbers))


def remember(filename, text):
    """Let tracebacks (and pytest) show the submitted lines."""
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)


def forget(filename):
    linecache.cache.pop(filename, None)


def normalize(source):
    """The text as it is compiled: newlines unified, common indentation removed
    (a method pasted with its class indentation still compiles). Lines keep their numbers."""
    return textwrap.dedent(source.replace("\r\n", "\n").replace("\r", "\n"))


def namespace_for(module):
    """A fresh namespace with a copy of `module`'s globals (np, helpers, ...).

    The submitted code can define or rebind anything in it without touching the module.
    """
    ns = dict(vars(module))
    ns.setdefault("__builtins__", __builtins__)
    return ns


PAIRS = {")": "(", "]": "[", "}": "{"}


def unclosed_bracket(text):
    """The first bracket the text opens and never closes: (line, column, bracket), or None.

    Python 3.8 reports an unclosed bracket where it gives up, on a later line; the student's
    mistake is on the bracket's own line. Found by tokenizing (strings and comments are skipped)."""
    stack = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.OP and tok.string in "([{":
                stack.append((tok.start[0], tok.start[1], tok.string))
            elif tok.type == tokenize.OP and tok.string in PAIRS and stack and stack[-1][2] == PAIRS[tok.string]:
                stack.pop()
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass                                  # the end of the text inside a bracket: the stack says which
    return stack[0] if stack else None


def syntax_error(exc, source=None):
    line = exc.lineno
    name = type(exc).__name__
    message = "%s: %s" % (name, exc.msg)
    opened = unclosed_bracket(source) if source is not None else None
    if opened and line is not None and opened[0] < line:
        line, column, bracket = opened
        text = source.splitlines()[line - 1]
        message = "SyntaxError: '%s' was never closed (line %d)" % (bracket, line)
        return error("syntax", line, message, "line %d\n    %s\n    %s^\nSyntaxError: '%s' was never closed"
                     % (line, text.strip(), " " * (column - (len(text) - len(text.lstrip()))), bracket))
    if line is not None:
        message += " (line %d)" % line
    text = (exc.text or "").rstrip("\n")
    lines = []
    if line is not None:
        lines.append("line %d" % line)
    if text.strip():
        lines.append("    " + text.strip())
    lines.append("%s: %s" % (name, exc.msg))
    return error("syntax", line, message, "\n".join(lines))


def compile_function(source, name, namespace, filename, single=False):
    """Run `source` in `namespace` and return its function called `name`.

    single=True: if there is no function `name` but the code defines exactly one
    function, take that one. Raises StudentCodeError (syntax errors, an exception
    while the code runs, no such function). KeyboardInterrupt is not caught.
    """
    if not isinstance(source, str):
        raise StudentCodeError(error("missing", None, "The code must be text, got %s" % type(source).__name__))
    text = normalize(source)
    try:
        code = compile(text, filename, "exec")
    except SyntaxError as exc:
        raise StudentCodeError(syntax_error(exc, text)) from None
    except ValueError as exc:       # e.g. a NUL character in the text
        raise StudentCodeError(error("syntax", None, "SyntaxError: %s" % exc)) from None
    remember(filename, text)
    before = labstate.snapshot()
    try:
        exec(code, namespace)
    except Exception as exc:        # not KeyboardInterrupt: the page's stop must get through
        labstate.restore(before)
        raise StudentCodeError(describe_exception(exc, filename)) from None
    except BaseException:
        labstate.restore(before)
        raise
    changed = labstate.restore(before)
    if changed:                     # the top level rebound the lab's own names: put back, refused
        raise StudentCodeError(error("lab", None, labstate.describe(changed, "at its top level")))
    fn = namespace.get(name)
    if not callable(fn) or getattr(getattr(fn, "__code__", None), "co_filename", None) != filename:
        defined = [k for k, v in namespace.items()
                   if getattr(getattr(v, "__code__", None), "co_filename", None) == filename]
        if single and len(defined) == 1:
            return namespace[defined[0]]
        found = ", ".join(sorted(defined)) or "none"
        raise StudentCodeError(error(
            "missing", None,
            "Define a function called %s (the code defines: %s)" % (name, found)))
    return fn


def student_frames(tb, filename):
    """The traceback entries that are lines of the submitted code."""
    return [f for f in traceback.extract_tb(tb) if f.filename == filename]


def in_student_code(exc, filename):
    return bool(student_frames(exc.__traceback__, filename))


def one_line(exc):
    text = str(exc).strip().split("\n")[0]
    return "%s: %s" % (type(exc).__name__, text) if text else type(exc).__name__


# Exceptions whose own words do not say what to do: (type name, words in the message, what to do)
HINTS = [
    ("TypeError", "numpy boolean subtract",
     "comparisons of numpy numbers give numpy booleans, which numpy will not subtract: "
     "write int(z > 0) - int(z < 0), or np.sign(z)"),
]


def hint_for(exc):
    text = str(exc)
    for name, words, hint in HINTS:
        if type(exc).__name__ == name and words in text:
            return hint
    return None


def describe_exception(exc, filename):
    """The error dict for an exception raised while the submitted code ran.

    line is the innermost line of the submitted code on the way to the exception (the
    line that raised it, or the one that called numpy where it was raised).
    """
    frames = student_frames(exc.__traceback__, filename)
    line = frames[-1].lineno if frames else None
    parts = ["line %d, in %s\n    %s" % (f.lineno, f.name, (f.line or "").strip()) for f in frames]
    if isinstance(exc, NotImplementedError):
        todo = str(exc).strip()
        message = "not written yet" + (" (%s)" % todo if todo else "")
        if line is not None:
            message += ", line %d" % line
        return error("not_written", line, message, "\n".join(parts + [message]))
    message = one_line(exc)
    if line is not None:
        message += " (line %d)" % line
    hint = hint_for(exc)
    if hint:
        message += ": %s" % hint
    return error("exception", line, message, "\n".join(parts + [one_line(exc)] + ([hint] if hint else [])))


def check_arguments(original, fn, text):
    """Raise StudentCodeError unless `fn` accepts whatever callers pass to `original`."""
    try:
        old_sig, new_sig = inspect.signature(original), inspect.signature(fn)
    except (TypeError, ValueError):
        return
    params = [p for p in old_sig.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    keywords = [p for p in old_sig.parameters.values() if p.kind == p.KEYWORD_ONLY]
    required = [p for p in params if p.default is p.empty]
    try:
        new_sig.bind(*[None] * len(params), **{p.name: None for p in keywords})
        new_sig.bind(*[None] * len(required), **{p.name: None for p in keywords if p.default is p.empty})
    except TypeError:
        line = fn.__code__.co_firstlineno
        message = "%s must take the same arguments as the original: %s%s (line %d)" % (
            fn.__name__, fn.__name__, old_sig, line)
        lines = text.splitlines()
        shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        raise StudentCodeError(error("signature", line, message, "line %d\n    %s\n%s" % (line, shown, message))) from None
