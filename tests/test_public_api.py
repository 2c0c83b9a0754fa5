"""Only the public API of the libraries we depend on.

A fresh install takes each dependency's newest allowed release; a private name (`tomlkit`'s
`_insert_after`, Click's `_custom_shell_complete`) can vanish in any of them and turn a user's
fresh install red. The rule, checked over the whole source tree: an attribute with a leading
underscore is one of ours — defined somewhere in `src/dossiercli` — or it is not used.
"""

from __future__ import annotations

import ast
from pathlib import Path

# Names with a leading underscore that their library documents as public API.
DOCUMENTED = {
    "_Element": "lxml's element class: lxml.etree._Element is in its API reference and its type stubs",
}
SRC = Path(__file__).resolve().parent.parent / "src" / "dossiercli"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _trees() -> dict[Path, ast.AST]:
    return {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(SRC.rglob("*.py"))}


def _used_private(trees) -> list[tuple[Path, int, str]]:
    used = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.ctx, ast.Load):
                used.append((path, node.lineno, node.attr))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.module.startswith("dossiercli"):
                for alias in node.names:
                    if _private(alias.name) or any(_private(part) for part in node.module.split(".")):
                        used.append((path, node.lineno, f"{node.module}.{alias.name}"))
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr", "setattr")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
                and _private(node.args[1].value)
            ):
                used.append((path, node.lineno, node.args[1].value))
    return used


def test_no_private_name_of_a_dependency_is_used():
    trees = _trees()
    ours = _defined_here(trees)
    foreign = [
        f"{path.relative_to(SRC.parent)}:{line}: {name}"
        for path, line, name in _used_private(trees)
        if name not in ours and name not in DOCUMENTED
    ]
    assert not foreign, "private names of other libraries:\n" + "\n".join(foreign)


def _defined_here(trees) -> set[str]:
    """Every name our own code defines: functions, classes, names and attributes assigned, imports, slots."""
    defined: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                defined.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                defined.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                defined.add(node.attr)
            elif isinstance(node, ast.alias):
                defined.add(node.asname or node.name.split(".")[-1])
    slots = {
        element.value
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__slots__" for t in node.targets)
        for element in ast.walk(node.value)
        if isinstance(element, ast.Constant) and isinstance(element.value, str)
    }
    return defined | slots


def test_the_check_sees_a_private_name_of_a_dependency():
    tree = ast.parse(
        'import tomlkit\ndocument._insert_after("URL", "a", 1)\ngetattr(param, "_custom_shell_complete")\n'
    )
    used = {name for _, _, name in _used_private({Path("x.py"): tree})}
    assert used == {"_insert_after", "_custom_shell_complete"}
