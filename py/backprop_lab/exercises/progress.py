"""The exercises' progress file: what Export writes and Import reads, checked whole before anything changes.

    {"format": "backprop-lab-exercises/1",
     "exported": "2024-05-01T10:00:00.000Z",            (optional, a string)
     "exercises": {"<exercise id>": {
         "state":    "new" | "failing" | "passed",
         "draft":    the text in the editor (a string, optional),
         "passed":   the text that passed its checks (a string, or null; required when state is "passed"),
         "hints":    how many hints were shown (0 .. the exercise's number of hints),
         "puzzle":   true once the line puzzle was opened, "solved": true once it was solved,
         "solution": true once the solution was shown}}}

check_progress(text) -> {"ok": True, "exercises": {id: entry}} with every field present, or
{"ok": False, "message": what is wrong}. The page reads at most MAX_BYTES of a file before it asks.
"""
import json
import re

from . import catalog
from .hints import ladder

FORMAT = "backprop-lab-exercises/1"
MAX_BYTES = 1_000_000        # the whole file (the page checks the file's size before reading it, too)
MAX_CODE = 50_000            # characters of one code string, as in a shared link (ui/share-link.js)
STATES = ("new", "failing", "passed")
FIELDS = {"state", "draft", "passed", "hints", "puzzle", "solved", "solution"}
# Unicode's bidirectional controls: code that reads in another order than it runs (Trojan Source).
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


class Bad(ValueError):
    pass


def _code(value, where):
    if value is None:
        return None
    if not isinstance(value, str):
        raise Bad("%s must be text (a string), not %s" % (where, type(value).__name__))
    if len(value) > MAX_CODE:
        raise Bad("%s is %d characters long: at most %d are allowed" % (where, len(value), MAX_CODE))
    found = BIDI.search(value)
    if found:
        raise Bad("%s holds an invisible text-direction character (U+%04X), which can make code read "
                  "differently from how it runs" % (where, ord(found.group())))
    return value


def _flag(value, where):
    if value is None:
        return False
    if not isinstance(value, bool):
        raise Bad("%s must be true or false, not %.30r" % (where, value))
    return value


def _entry(exercise_id, entry):
    if not isinstance(entry, dict):
        raise Bad("the entry of %s must be an object" % exercise_id)
    unknown = sorted(set(entry) - FIELDS)
    if unknown:
        raise Bad("the entry of %s has an unknown field %.40r (known: %s)"
                  % (exercise_id, unknown[0], ", ".join(sorted(FIELDS))))
    state = entry.get("state", "new")
    if state not in STATES:
        raise Bad("the state of %s must be one of %s, not %.30r" % (exercise_id, ", ".join(STATES), state))
    hints = entry.get("hints", 0)
    most = len(ladder(catalog.get(exercise_id)))
    if not isinstance(hints, int) or isinstance(hints, bool) or not 0 <= hints <= most:
        raise Bad("hints of %s must be a whole number from 0 to %d, not %.30r" % (exercise_id, most, hints))
    out = {"state": state, "draft": _code(entry.get("draft"), "the code of %s" % exercise_id),
           "passed": _code(entry.get("passed"), "the passing code of %s" % exercise_id), "hints": hints,
           "puzzle": _flag(entry.get("puzzle"), "puzzle of %s" % exercise_id),
           "solved": _flag(entry.get("solved"), "solved of %s" % exercise_id),
           "solution": _flag(entry.get("solution"), "solution of %s" % exercise_id)}
    if state == "passed" and out["passed"] is None:
        raise Bad("%s is marked passed but the file has no passing code for it" % exercise_id)
    if out["solution"] and not out["solved"]:
        raise Bad("%s shows its solution, but its puzzle was never solved" % exercise_id)
    return out


def check_progress(text):
    """The progress file `text`, checked whole (see the module's docstring)."""
    try:
        return {"ok": True, "exercises": _check(text)}
    except Bad as err:
        return {"ok": False, "message": str(err)}


def _check(text):
    if not isinstance(text, str):
        raise Bad("not a Backprop Lab progress file: it is not text")
    if len(text) > MAX_BYTES:
        raise Bad("the file is %.1f MB: a progress file may be at most 1 MB" % (len(text) / 1e6))
    try:
        data = json.loads(text)
    except ValueError as err:
        raise Bad("not a Backprop Lab progress file: not JSON (%s)" % err) from None
    except RecursionError:
        raise Bad("not a Backprop Lab progress file: its JSON is nested too deeply") from None
    if not isinstance(data, dict) or "exercises" not in data:
        raise Bad("not a Backprop Lab progress file: it has no exercises")
    if data.get("format") != FORMAT:
        raise Bad("the file's format is %.40r, not %s" % (data.get("format"), FORMAT))
    if "exported" in data and not isinstance(data["exported"], str):
        raise Bad("exported must be a date as text")
    exercises = data["exercises"]
    if not isinstance(exercises, dict):
        raise Bad("exercises must be an object: exercise id -> progress")
    unknown = [k for k in exercises if k not in catalog.BY_ID]
    if unknown:
        raise Bad("unknown exercise %.40r: this lab's exercises are %s" % (unknown[0], ", ".join(sorted(catalog.BY_ID))))
    return {k: _entry(k, v) for k, v in exercises.items()}
