"""The shape of the package: no import circle between its modules, a store database that does not
analyse or render, and analysis stages that never reach up into a wing (store, web, batch, check, CLI).

The imports are read from the source (``ast``), at module level and inside functions alike: a lazy
import hides a circle from the interpreter, not from a reader. Imports under ``if TYPE_CHECKING:`` are
left out, since they never run. A package's ``__init__`` counts as a module of its own; importing a
submodule is not counted as importing its parent package (Python allows that circle by design).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent / "sourcetrace"

Graph = dict[str, set[str]]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node, except what sits under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                stack.extend(child.orelse)
                continue
            stack.append(child)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str, name: str, is_package: bool, modules: set[str]) -> set[str]:
    """The package's own modules that one module imports."""
    found: set[str] = set()
    here = name if is_package else name.rpartition(".")[0]
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = here.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # "from pkg import mod" imports the module pkg.mod; "from mod import name" imports mod.
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # "import a.b.c" where only a.b is ours
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(root: Path) -> Graph:
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    modules = set(files)
    return {
        name: imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", modules)
        for name, path in files.items()
    }


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def reachable(graph: Graph, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


# --- the checks on the package ----------------------------------------------------------------------


def test_the_package_has_no_import_circle() -> None:
    graph = import_graph(PACKAGE_ROOT)
    assert "sourcetrace.store.db" in graph and "sourcetrace.pipeline" in graph  # the walk found the tree
    found = cycles(graph)
    assert found == [], "import circles: " + "; ".join(" <-> ".join(c) for c in found)


def test_the_store_database_reaches_neither_the_pipeline_nor_the_renderers() -> None:
    graph = import_graph(PACKAGE_ROOT)
    reached = reachable(graph, "sourcetrace.store.db")
    analysing = {m for m in reached if m == "sourcetrace.pipeline" or m.startswith("sourcetrace.render")}
    assert analysing == set(), f"store/db.py reaches {sorted(analysing)}"


WINGS = ("sourcetrace.store", "sourcetrace.web", "sourcetrace.batch", "sourcetrace.check", "sourcetrace.cli")


def test_the_analysis_stages_import_no_wing() -> None:
    # The wings use the pipeline; the pipeline must not reach back up into a wing that uses it.
    graph = import_graph(PACKAGE_ROOT)
    reached = reachable(graph, "sourcetrace.pipeline")
    upward = sorted(m for m in reached if any(m == w or m.startswith(w + ".") for w in WINGS))
    assert upward == [], f"the pipeline reaches {upward}"


MAX_MODULE_LINES = 800


def test_no_module_is_over_800_lines() -> None:
    # A module a reader cannot hold in mind is split by concern (see docs/architecture.md).
    sizes = {p.relative_to(PACKAGE_ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE_ROOT.rglob("*.py")}
    assert len(sizes) > 50  # the walk found the tree
    too_long = {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES}
    assert too_long == {}, f"modules over {MAX_MODULE_LINES} lines: {too_long}"


# --- the checks can fail: the same walk over invented packages ---------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_circle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from . import b\n",
            "b.py": "def f():\n    from .wing import c\n    return c\n",
            "wing/__init__.py": "",
            "wing/c.py": "from ..a import thing\n",
        },
    )
    assert cycles(import_graph(root)) == [["pkg.a", "pkg.b", "pkg.wing.c"]]


def test_type_checking_imports_and_parent_packages_make_no_circle(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n",
            "b.py": "from .a import A\n",
            "wing/__init__.py": "from .c import C\n",
            "wing/c.py": "from .d import D\n",
            "wing/d.py": "X = 1\n",
        },
    )
    graph = import_graph(root)
    assert cycles(graph) == []
    assert graph["pkg.wing"] == {"pkg.wing.c"} and graph["pkg.wing.c"] == {"pkg.wing.d"}


def test_a_store_that_reaches_the_pipeline_through_another_module_is_found(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "pipeline.py": "",
            "helpers.py": "import pkg.pipeline\n",
            "store/__init__.py": "",
            "store/db.py": "def save():\n    from .. import helpers\n",
        },
    )
    assert "pkg.pipeline" in reachable(import_graph(root), "pkg.store.db")
