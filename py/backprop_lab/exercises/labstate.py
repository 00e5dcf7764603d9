"""The lab's own state, kept safe from submitted code.

Student code runs in the lab's Python. Its top level, or the function when a check or a
lesson calls it, could rebind what the lab runs on:

    import backprop_lab.bridge as B; B.run_lesson = None      # every later call fails
    import builtins; builtins.abs = lambda x: 0                 # every later answer is 0
    runner.result = lambda *a: {"ok": True}                     # every later check passes

A snapshot taken before the code runs names every such change afterwards, and puts the
lab back as it was:

    before = snapshot()
    ...run the student's code...
    changed = restore(before)     # ["backprop_lab.bridge.run_lesson", "builtins.abs"], now undone

What is watched: the recursion limit, the module-level names of every backprop_lab
module and of builtins, pytest.main, and the entries of their module-level dicts (the tables: ACTIVATIONS, LOSSES, ...): an
entry replaced or taken out is a change, a new key is not (a cache filling up). A lesson's
own run (its PER_CLIENT_STATE dicts) is the lesson's to change.
Modules imported meanwhile are new, not changes. Mutations deeper than that (an array's
values, an object's attributes) are not seen. Pure Python: it runs on a bare Pyodide.
"""
import builtins
import sys
import types

LAB = "backprop_lab"
# The checks' runner: pytest.main patched would pass every check. Only these names of pytest are
# watched: pytest itself sets others during a session (pytest 3.6, Pyodide 0.17's, sets pytest.config).
WATCHED_NAMES = {"pytest": ("main",)}
_MISSING = object()


def _watched():
    """(name, module) of builtins and every loaded backprop_lab module."""
    mods = [("builtins", builtins)]
    for name, mod in list(sys.modules.items()):
        if mod is not None and (name == LAB or name.startswith(LAB + ".")):
            mods.append((name, mod))
    return mods


LIMIT = "sys.setrecursionlimit"   # the recursion limit: a deep recursion under a raised one
                                  # overflows the JavaScript stack, and Pyodide is broken after that


def snapshot():
    """{module name: (module, {name: value}, {table name: {key: value}})}: identities, not copies;
    and LIMIT: the recursion limit."""
    out = {LIMIT: sys.getrecursionlimit()}
    for name, only in WATCHED_NAMES.items():
        mod = sys.modules.get(name)
        if mod is not None:
            out[name] = (mod, {k: vars(mod)[k] for k in only if k in vars(mod)}, {})
    for name, mod in _watched():
        names = dict(vars(mod))
        own = set(getattr(mod, "PER_CLIENT_STATE", ()))   # a lesson's run (bridge.use_client): its to change
        tables = {k: dict(v) for k, v in names.items()
                  if type(v) is dict and not k.startswith("__") and k not in own}
        for k in own:
            names.pop(k, None)
        out[name] = (mod, names, tables)
    return out


def changes(before):
    """The dotted names that differ from the snapshot: "module.name" or "module.TABLE[key]"."""
    found = [LIMIT] if sys.getrecursionlimit() != before[LIMIT] else []
    for modname, (mod, names, tables) in _modules(before):
        now = vars(mod)
        own = set(getattr(mod, "PER_CLIENT_STATE", ()))
        only = WATCHED_NAMES.get(modname)
        for key in (set(names) | set(now)) if only is None else only:
            if key in ("__builtins__", "__warningregistry__", "_") or key in own:
                continue
            old, new = names.get(key, _MISSING), now.get(key, _MISSING)
            if old is new or (old is _MISSING and isinstance(new, types.ModuleType)):
                continue      # an import binds a new submodule on its package: not a change
            found.append("%s.%s" % (modname, key))
        for tname, items in tables.items():
            table = now.get(tname)
            if table is not names.get(tname):
                continue      # the table itself was rebound: named above
            for key in items:     # an entry replaced or taken out; a new key is a cache filling up
                if table.get(key, _MISSING) is not items[key]:
                    found.append("%s.%s[%r]" % (modname, tname, key))
    return sorted(found)


def restore(before):
    """Put back every name and table entry of the snapshot; returns what had changed."""
    found = changes(before)
    if not found:
        return found
    sys.setrecursionlimit(before[LIMIT])
    for _, (mod, names, tables) in _modules(before):
        now = vars(mod)
        own = set(getattr(mod, "PER_CLIENT_STATE", ()))
        for key in [k for k in now if k not in names and k not in ("__builtins__", "__warningregistry__")
                    and k not in own and not isinstance(now[k], types.ModuleType)
                    and mod.__name__ not in WATCHED_NAMES]:
            try:
                delattr(mod, key)
            except (AttributeError, TypeError):
                pass
        for key, value in names.items():
            if now.get(key, _MISSING) is not value:
                setattr(mod, key, value)
        for tname, items in tables.items():
            table = names[tname]
            for k, v in items.items():
                if table.get(k, _MISSING) is not v:
                    table[k] = v
    return found


def _modules(before):
    return [(k, v) for k, v in before.items() if k != LIMIT]


def describe(found, where):
    """One sentence for the student: which of the lab's names their code changed."""
    shown = ", ".join(found[:3]) + (" and %d more" % (len(found) - 3) if len(found) > 3 else "")
    return ("Your code changed the lab's own %s %s. Your code may define functions, but it may "
            "not rebind the lab's names or Python's builtins, so the lab put them back."
            % (shown, where))
