"""The code's shape: no import cycle in the analysis package or the dashboard layer (lazy
imports inside functions count too), small dashboard modules, and pages that only import
the dashboard layer and the analysis, never each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYER_LINES = 300  # "no module in the dashboard layer over about 300 lines"


def imports_of(path: Path, package: str) -> set[str]:
    """The modules of `package` that the file imports, anywhere in it (top level, functions,
    TYPE_CHECKING blocks): "analysis.pipeline" imports {"analysis.tables", ...}."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # from .x import y / from . import x
                base = package if not node.module else f"{package}.{node.module}"
                names = [base] if node.module else [f"{package}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            found |= {n for n in names if n.startswith(package + ".")}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(package + ".")}
    return found


def module_graph(package: str) -> dict[str, set[str]]:
    folder = ROOT / package
    modules = {f"{package}.{p.stem}": p for p in folder.glob("*.py") if p.stem != "__init__"}
    return {name: imports_of(path, package) & modules.keys() - {name} for name, path in modules.items()}


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of the graph as a path a -> b -> ... -> a, or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [node, nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, path + [node])):
                return found
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start, [])):
            return found
    return []


def test_the_cycle_finder_finds_a_cycle():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


@pytest.mark.parametrize("package", ["analysis", "dashboard"])
def test_no_import_cycle(package):
    graph = module_graph(package)
    assert "analysis.pipeline" not in graph.get("analysis.compare", set())
    assert cycle_in(graph) == [], " -> ".join(cycle_in(graph))


def test_the_tables_do_not_need_the_pipeline():
    graph = module_graph("analysis")
    for reader in ("analysis.compare", "analysis.query", "analysis.tables"):
        assert "analysis.pipeline" not in graph[reader], reader
    assert "analysis.quantities" not in graph["analysis.weapons"]


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "dashboard").glob("*.py")) + sorted((ROOT / "views").glob("*.py")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_dashboard_modules_are_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= LAYER_LINES


def test_pages_import_the_layer_not_each_other():
    for page in (ROOT / "views").glob("*.py"):
        imported = imports_of(page, "views") | imports_of(page, "pages")
        assert not imported, f"{page.name} imports {imported}"
    assert not (ROOT / "pages").exists()  # Streamlit would list a pages/ folder before st.navigation runs


def test_every_span_table_declares_its_columns_once():
    """The columns of each extractor's table are its row type's fields, in the store's parts too."""
    from analysis.dates import DateRow
    from analysis.pipeline import PART_COLUMNS
    from analysis.tables import SPAN_COLUMNS
    from analysis.weapons import WeaponRow

    assert (
        PART_COLUMNS["weapons"]
        == SPAN_COLUMNS + ["weapon", "weapon_en", "weapon_ar"]
        == SPAN_COLUMNS + list(WeaponRow._fields)
    )
    assert PART_COLUMNS["dates"][len(SPAN_COLUMNS) :] == list(DateRow._fields)
