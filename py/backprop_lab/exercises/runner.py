"""Run one exercise's pytest checks on a student's function, in this interpreter.

run_checks compiles the submitted text in a fresh namespace (a copy of the globals of
the module the reference lives in, so np and the module's helpers are there, but not the
reference itself: fairplay.py, which also refuses code that uses the lab's package), takes the
function out, hands it to the checks (checks/_support.SUBMITTED) and runs

    pytest.main([checks/check_<id>.py, -q, -p no:cacheprovider, --assert=plain, ...],
                plugins=[_Outcomes(...)])

The plugin collects every test's outcome and exception; nothing is read from pytest's
printed output, and nothing is written but one empty ini file in a temporary folder.
The checks file is found from this file's path, so it works in Pyodide's in-memory
file system too. Tested with pytest 3.6.3 (Pyodide 0.17.1), 8 and 9.

Stopping runaway code: the page interrupts the worker (KeyboardInterrupt through
Pyodide's interrupt buffer). pytest turns a KeyboardInterrupt into exit code 2, so the
plugin notes it and run_checks raises KeyboardInterrupt again. The namespace is left as
it was in every case: no submitted function is kept, patched methods are put back, and
whatever the submission rebound in the lab's modules or the builtins is put back too
(labstate), and turns the run into a failure that says what it changed.
Edits made with live.install are lifted while the checks run (live.suspended), so the
checks compare with the lab's own functions, and are back in place afterwards.
"""
import contextlib
import io
import os
import sys
import tempfile

from .. import live
from ..compat import deep_import
from . import catalog, fairplay, labstate, studentcode
from .studentcode import StudentCodeError

_ini = []   # the empty ini file (made once)


def _ini_file():
    """An empty pytest.ini of our own, so that no ini file or conftest of a surrounding project
    (a repository checkout, say) changes how the checks run."""
    if not _ini:
        folder = tempfile.mkdtemp(prefix="backprop-lab-checks-")
        path = os.path.join(folder, "pytest.ini")
        with open(path, "w") as f:
            f.write("[pytest]\n")
        _ini.append(path)
    return _ini[0]


class _Outcomes:
    """pytest plugin: each test's outcome and exception, in the order they ran."""

    def __init__(self, filename):
        self.filename = filename
        self.tests = []          # [{"test", "title", "outcome", "exception"}]
        self._by_id = {}
        self.interrupted = False
        self.collect_errors = []
        self.output = []

    def _entry(self, item_or_report, item=None):
        nodeid = item_or_report.nodeid
        if nodeid not in self._by_id:
            name = nodeid.split("::")[-1]
            doc = getattr(getattr(item, "obj", None), "__doc__", None) or ""
            self._by_id[nodeid] = entry = {"test": name, "title": doc.strip().split("\n")[0],
                                           "outcome": None, "exception": None}
            self.tests.append(entry)
        return self._by_id[nodeid]

    def pytest_runtest_makereport(self, item, call):
        entry = self._entry(item, item)
        if call.excinfo is not None and entry["exception"] is None and call.when in ("setup", "call"):
            entry["exception"] = call.excinfo.value

    def pytest_runtest_logreport(self, report):
        entry = self._entry(report)
        if report.when == "call" or report.failed:
            if entry["outcome"] != "failed":
                entry["outcome"] = report.outcome
        text = getattr(report, "capstdout", "")
        if report.when == "call" and text:
            self.output.append(text)

    def pytest_collectreport(self, report):
        if report.failed:
            self.collect_errors.append(str(report.longrepr))

    def pytest_keyboard_interrupt(self, excinfo):
        self.interrupted = True


@contextlib.contextmanager
def _quiet_pytest_run():
    """No chatter on the worker's console, no .pyc files, no plugins or options from outside."""
    saved_env = {k: os.environ.get(k) for k in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")}
    saved_bytecode = sys.dont_write_bytecode
    os.environ.pop("PYTEST_ADDOPTS", None)
    os.environ.pop("PYTEST_PLUGINS", None)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    sys.dont_write_bytecode = True
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            yield out
    finally:
        sys.dont_write_bytecode = saved_bytecode
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _pytest_args(exercise):
    return [exercise.checks_path, "-q", "-p", "no:cacheprovider", "-p", "no:faulthandler",
            "-p", "no:stepwise", "--assert=plain", "--capture=sys", "--noconftest",
            "-c", _ini_file(), "--rootdir", os.path.dirname(exercise.checks_path)]


def run_function(exercise, fn, filename):
    """Run the checks of `exercise` on the function `fn` (whose code is in `filename`)."""
    from .checks import _support
    try:
        pytest = deep_import("pytest")
    except ImportError:
        raise ImportError("the exercise checks need the pytest package: load it first "
                          "(in the page: runtime.load([\"pytest\"]))") from None
    plugin = _Outcomes(filename)
    _support.SUBMITTED.clear()
    with live.suspended():
        before = labstate.snapshot()     # what the function might rebind while the checks call it
        _support.SUBMITTED.update(function=fn, exercise=exercise.id)
        try:
            with _quiet_pytest_run() as out:
                code = pytest.main(_pytest_args(exercise), plugins=[plugin])
        finally:
            _support.SUBMITTED.clear()
            _support.undo_patches()
            changed = labstate.restore(before)
    if plugin.interrupted:
        raise KeyboardInterrupt("the checks were stopped")
    if plugin.collect_errors or int(code) not in (0, 1) or not plugin.tests:
        raise RuntimeError("the checks of %s could not run (pytest exit code %s): %s"
                           % (exercise.id, int(code), "\n".join(plugin.collect_errors) or out.getvalue()[-2000:]))
    result = _result(exercise, plugin, filename)
    if changed:   # never a pass that the function bought by rebinding the lab or the builtins
        message = labstate.describe(changed, "while the checks ran")
        result.update(ok=False, state="failing", error={"kind": "lab", "line": None, "message": message, "traceback": message})
    return result


def _result(exercise, plugin, filename):
    passed, failed, error = [], [], None
    for t in plugin.tests:
        if t["outcome"] == "passed":
            passed.append(t["test"])
            continue
        exc = t["exception"]
        problem = None
        if exc is not None and studentcode.in_student_code(exc, filename):
            problem = studentcode.describe_exception(exc, filename)
            error = error or problem
            message = "your function raised %s" % problem["message"] if problem["kind"] == "exception" \
                else problem["message"]
        elif isinstance(exc, AssertionError):
            message = str(exc).strip() or "this check failed"
        elif exc is not None:
            message = "the check could not use your result: %s" % studentcode.one_line(exc)
        else:
            message = "this check was %s" % (t["outcome"] or "not run")
        entry = {"test": t["test"], "title": t["title"], "message": message}
        for key in ("mistake", "case"):       # a named mistake; the first failing case (_support.CheckFailure)
            if getattr(exc, key, None) and problem is None:
                entry[key] = getattr(exc, key)
        failed.append(entry)
    failed.sort(key=lambda f: "mistake" not in f)     # a named mistake is told before any generic number
    output = "".join(plugin.output)
    ok = not failed and error is None and bool(passed)
    return {"ok": ok, "exercise": exercise.id, "state": state_of(ok, error),
            "passed": passed, "failed": failed, "total": len(plugin.tests), "error": error,
            "output": output[:4000]}


def state_of(ok, error):
    """"passed", "new" (not started: the stub, or its NotImplementedError still raised) or "failing"."""
    if ok:
        return "passed"
    return "new" if error is not None and error["kind"] == "not_written" else "failing"


def _friendly_syntax(error, text):
    """A syntax error's message with the line it points at, in plain words."""
    lines = text.splitlines()
    line = error.get("line")
    shown = lines[line - 1].strip() if line and 0 < line <= len(lines) else ""
    if shown:
        error = dict(error, message="%s: Python cannot read `%s`. Look there, or at the end of the line "
                                    "before (a bracket, quote or colon left open)" % (error["message"], shown))
    return error


def _not_run(exercise, error, source):
    unchanged = isinstance(source, str) and studentcode.normalize(source).strip() == exercise.stub().strip()
    if error["kind"] == "syntax":
        error = _friendly_syntax(error, studentcode.normalize(source))
    return {"ok": False, "exercise": exercise.id, "state": "new" if unchanged or error["kind"] == "not_written"
            else "failing", "passed": [], "failed": [], "total": 0, "error": error, "output": ""}


def run_checks(exercise_id, source):
    """Compile `source`, take out the exercise's function and run its checks.

    Returns {"ok", "exercise", "state": "passed" | "failing" | "new" (not started),
    "passed": [test names], "failed": [{"test", "title", "message", and where known "mistake": its id,
    "case": {"input", "expected", "got", "short"}}] (named mistakes first),
    "total", "error": None or {"kind", "line", "message", "traceback"}, "output": what the code printed}.
    A syntax error, an exception while the code itself runs, a missing function or other
    arguments than the exercise's: error is set and no check runs. An exception inside the
    student's function during a check: that check fails with what was raised, and error is
    the first such exception (kind "not_written" for the TODO stub's NotImplementedError).
    """
    exercise = catalog.get(exercise_id)
    filename = studentcode.new_filename("your %s" % exercise.function)
    refused = fairplay.shortcut(source, exercise) if isinstance(source, str) else None
    if refused:
        return _not_run(exercise, refused, source)
    try:
        try:
            fn = studentcode.compile_function(source, exercise.function, fairplay.namespace(exercise), filename)
            studentcode.check_arguments(exercise.reference_function(), fn, studentcode.normalize(source))
        except StudentCodeError as exc:
            return _not_run(exercise, exc.error, source)
        result = run_function(exercise, fn, filename)
        if isinstance(source, str) and studentcode.normalize(source).strip() == exercise.stub().strip():
            result["state"] = "new"
        return result
    finally:
        studentcode.forget(filename)
