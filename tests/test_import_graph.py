"""The import graph of unionboard/ (issue 26, the house): every import of every module — at the top, inside
functions and under TYPE_CHECKING — read with ast, and its circles (strongly connected components) listed.

The circle of twelve (kind → simulation → kinds → kind, the sample generators on the kinds) is gone: the
generators are in unionboard.samples. The last two are gone too: kind ↔ validate (validate's Context is
unionboard.context now) and importer ↔ review (the history's lines are unionboard.history), and validate ↔ layout (rows_text is in
validate). No circle is
known: any circle fails."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "unionboard"
KNOWN_CIRCLES: list[list[str]] = []


def module_name(path: Path, root: Path) -> str:
    """unionboard/kinds/units.py → unionboard.kinds.units; a package's __init__.py is the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports (importing a.b.c runs a.b too)."""
    modules = {module_name(p, package.parent): p for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = here.split(".")[:len(here.split(".")) - node.level + 1] if node.level else []
                source = ".".join(base + ([node.module] if node.module else []))
                targets |= {f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names}
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
        for target in list(targets):
            parts = target.split(".")
            targets |= {".".join(parts[:i]) for i in range(2, len(parts))}  # its packages run first
        graph[name] = {t for t in targets if t in modules and t != name and not name.startswith(t + ".")}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted, sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_the_import_graph_has_no_circle():
    assert circles(import_graph()) == KNOWN_CIRCLES


def test_no_kind_imports_the_simulation_or_the_sample():
    graph = import_graph()
    kinds = [m for m in graph if m == "unionboard.kind" or m.startswith("unionboard.kinds")]
    assert len(kinds) == 10  # kind.py, kinds/__init__.py and the eight modules of kinds/
    sample_side = {"unionboard.simulation", "unionboard.sample"} | {m for m in graph if m.startswith("unionboard.samples")}
    assert {m: sorted(graph[m] & sample_side) for m in kinds if graph[m] & sample_side} == {}


def test_the_walk_sees_a_circle_through_a_function_and_type_checking(tmp_path):
    """A two-module package: a imports b inside a function, b imports a under TYPE_CHECKING — a circle."""
    pkg = tmp_path / "unionboard"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from .b import g\n    return g\n")
    (pkg / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n")
    (pkg / "c.py").write_text("from .a import f\n")
    assert circles(import_graph(pkg)) == [["unionboard.a", "unionboard.b"]]
