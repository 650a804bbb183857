"""Figures of the package layout: flat modules, import cycles, largest file, largest function.

    python scripts/layout_figures.py [ROOT]

ROOT is a checkout (default: this one). Import cycles are the strongly connected groups of the
module import graph that grimp (import-linter's engine) builds, lazy imports inside functions
included; imports by name through ``importlib`` are not visible to it.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path


def _functions(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            out.append((node.end_lineno - start + 1, node.name))
    return out


def _cycles(root: Path) -> list[list[str]]:
    import grimp

    sys.path.insert(0, str(root))
    graph = grimp.build_graph("quotes", cache_dir=None)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            # a package and its own __init__ importing a submodule is not a cycle between stages
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for m in modules:
        if m not in index:
            visit(m)
    return out


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else ".").resolve()
    pkg = root / "quotes"
    files = sorted(pkg.rglob("*.py"))
    flat = [p.name for p in pkg.glob("*.py")]
    sizes = sorted(((len(p.read_text().splitlines()), str(p.relative_to(root))) for p in files), reverse=True)
    funcs = []
    for p in files:
        funcs += [(n, f"{p.relative_to(root)}:{name}") for n, name in _functions(ast.parse(p.read_text()))]
    funcs.sort(reverse=True)
    cycles = _cycles(root)
    print(f"modules directly in quotes/: {len(flat)}")
    print(f"subpackages: {len([d for d in pkg.iterdir() if (d / '__init__.py').exists()])}")
    print(f"import cycles: {len(cycles)}")
    for c in cycles:
        print("  " + " <-> ".join(c))
    print(f"files over 600 lines: {sum(n > 600 for n, _ in sizes)}; largest: {sizes[0][1]} ({sizes[0][0]} lines)")
    print(f"functions over 100 lines: {sum(n > 100 for n, _ in funcs)}; largest: {funcs[0][1]} ({funcs[0][0]} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
