"""The line puzzle: the reference solution's body, its pieces shuffled, to be put in order.

    pieces(exercise)            -> the body's pieces in the solution's order: its lines (each with
                                   its indentation, comment-only and blank lines left out), or, for a
                                   one-line body, its tokens ("return", "a", "*", "(", ...)
    shuffled(exercise)          -> the same pieces in an order fixed per exercise, never the solution's
    check(exercise, arrangement) -> {"ok", "message"}: arrangement is the pieces' texts in the order
                                   the student put them

An arrangement is right if its texts are the solution's, in the solution's order (equal pieces
are interchangeable), or, for lines, if it is the solution with independent statements swapped:
each statement list (the function's body, a loop's, a branch's) holds the same statements, and
no statement moved past one it depends on (order_equivalent). Two statements are independent
when neither writes a name the other reads or writes and neither calls anything that might
change what the other sees; when in doubt they are dependent, so only the solution's order passes.
"""
import ast
import io
import random
import textwrap
import tokenize
import zlib

# Calls known to change nothing but their result: numpy and math functions, a few builtins, and
# numpy methods that make a new array. Any other call (self._forward(X), losses.penalty(...),
# print(...), x.append(...)) makes its statement depend on every other.
PURE_MODULES = {"np", "math"}
PURE_FUNCTIONS = {"len", "range", "zip", "float", "int", "abs", "min", "max", "sum", "as_value", "activation",
                  "enumerate", "list", "tuple"}
PURE_METHODS = {"sum", "max", "min", "mean", "copy", "astype", "ravel", "reshape", "dot", "T"}
BARRIERS = (ast.Return, ast.Raise, ast.Break, ast.Continue, ast.Global, ast.Nonlocal, ast.Yield, ast.YieldFrom,
            ast.Await, ast.Delete, ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)


def _body_lines(exercise):
    _, _, body = exercise._parts()
    lines = textwrap.dedent("\n".join(body)).split("\n")
    return [line.rstrip() for line in lines if line.strip() and not line.strip().startswith("#")]


def _tokens(line):
    """The code tokens of one line (its comment dropped)."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline):
        if tok.type in (tokenize.COMMENT, tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER,
                        tokenize.INDENT, tokenize.DEDENT):
            continue
        out.append(tok.string)
    return out


def kind(exercise):
    """"lines", or "tokens" where the body is a single line."""
    return "tokens" if len(_body_lines(exercise)) < 2 else "lines"


def pieces(exercise):
    lines = _body_lines(exercise)
    return _tokens(lines[0]) if len(lines) < 2 else lines


def shuffled(exercise):
    """The pieces in an order fixed by the exercise's id that check() does not accept: never the
    solution's order, nor one that reads the same or does the same."""
    right = pieces(exercise)
    if len(set(right)) < 2:
        raise ValueError("the solution of %s has nothing to put in order" % exercise.id)
    rng = random.Random(zlib.crc32(exercise.id.encode("utf-8")))
    order = list(right)
    while check(exercise, order)["ok"]:
        rng.shuffle(order)
    return order


def join(kind_, arrangement):
    """The code an arrangement reads as."""
    if kind_ == "tokens":
        return " ".join(arrangement)
    return "\n".join(arrangement)


def check(exercise, arrangement):
    right = pieces(exercise)
    if not isinstance(arrangement, (list, tuple)) or sorted(map(str, arrangement)) != sorted(right):
        return {"ok": False, "message": "Those are not the puzzle's pieces: start the puzzle again."}
    arrangement = [str(a) for a in arrangement]
    if arrangement == right:
        return {"ok": True, "message": "Solved: this is the solution's order."}
    if kind(exercise) == "lines" and order_equivalent("\n".join(right), "\n".join(arrangement)):
        return {"ok": True, "message": "Solved: your order does the same as the solution's (some lines "
                                       "do not depend on each other, so either order is right)."}
    first = next(i for i, (a, b) in enumerate(zip(arrangement, right)) if a != b)
    if not first:
        message = "Not yet: the first piece is not the right one."
    elif first == 1:
        message = "Not yet: the first piece is right; piece 2 is not."
    else:
        message = "Not yet: the first %d pieces are right; piece %d is not." % (first, first + 1)
    return {"ok": False, "position": first + 1, "message": message}


# ---- order-equivalence --------------------------------------------------------------------
def _parse_body(text):
    try:
        return ast.parse("def _puzzle_():\n" + textwrap.indent(text, "    ")).body[0].body
    except SyntaxError:
        return None


class _Effects(ast.NodeVisitor):
    def __init__(self):
        self.reads, self.writes, self.barrier = set(), set(), False

    def _target(self, node):
        while isinstance(node, (ast.Subscript, ast.Attribute, ast.Starred)):
            if isinstance(node, ast.Subscript):
                self.visit(node.slice)
            node = node.value
        if isinstance(node, ast.Name):
            self.writes.add(node.id)
        elif isinstance(node, (ast.Tuple, ast.List)):
            for elt in node.elts:
                self._target(elt)
        else:
            self.barrier = True

    def visit_Assign(self, node):
        for t in node.targets:
            self._target(t)
        self.visit(node.value)

    def visit_AugAssign(self, node):
        self._target(node.target)
        self.visit(node.target)      # x += 1 reads x too
        self.visit(node.value)

    def visit_AnnAssign(self, node):
        self.barrier = True

    def visit_For(self, node):
        self._target(node.target)
        self.visit(node.iter)
        for stmt in node.body + node.orelse:
            self.visit(stmt)

    def visit_NamedExpr(self, node):
        self.barrier = True

    def visit_Name(self, node):
        (self.writes if isinstance(node.ctx, ast.Store) else self.reads).add(node.id)

    def visit_Call(self, node):
        f = node.func
        pure = (isinstance(f, ast.Name) and f.id in PURE_FUNCTIONS) or (
            isinstance(f, ast.Attribute) and (f.attr in PURE_METHODS or _root(f) in PURE_MODULES))
        if not pure:
            self.barrier = True
        self.generic_visit(node)

    def generic_visit(self, node):
        if isinstance(node, BARRIERS) or isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp,
                                                             ast.DictComp, ast.GeneratorExp, ast.With, ast.Try)):
            self.barrier = True
        super().generic_visit(node)


def _root(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _effects(stmt):
    e = _Effects()
    e.visit(stmt)
    if isinstance(stmt, BARRIERS):
        e.barrier = True
    return e


def _independent(a, b):
    ea, eb = _effects(a), _effects(b)
    if ea.barrier or eb.barrier:
        return False
    return not (ea.writes & (eb.reads | eb.writes) or eb.writes & ea.reads)


def _same(a, b):
    """Two statements are the same, their own statement lists compared up to order-equivalence."""
    if type(a) is not type(b):
        return False
    fields = dict(ast.iter_fields(a))
    for name, value in ast.iter_fields(b):
        mine = fields[name]
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            if not _equivalent_lists(mine, value):
                return False
        elif isinstance(value, list):
            if len(value) != len(mine) or any(ast.dump(x) != ast.dump(y) if isinstance(x, ast.AST) else x != y
                                              for x, y in zip(mine, value)):
                return False
        elif isinstance(value, ast.AST):
            if not isinstance(mine, ast.AST) or ast.dump(mine) != ast.dump(value):
                return False
        elif mine != value:
            return False
    return True


def _equivalent_lists(right, mine):
    """`mine` is `right` with statements moved only past statements they are independent of."""
    if len(right) != len(mine):
        return False
    used = [False] * len(right)
    for stmt in mine:
        for j, ref in enumerate(right):
            if used[j] or not _same(ref, stmt):
                continue
            # every earlier statement of the solution not placed yet must be independent of this one
            if all(used[k] or _independent(right[k], ref) for k in range(j)):
                used[j] = True
                break
        else:
            return False
    return True


def order_equivalent(right_text, mine_text):
    """True if the body `mine_text` is `right_text` up to swaps of independent statements."""
    right, mine = _parse_body(right_text), _parse_body(mine_text)
    if right is None or mine is None:
        return False
    return _equivalent_lists(right, mine)
