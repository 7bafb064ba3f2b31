"""What a custom NLU component's behaviour depends on, as a digest for Rasa's training cache.

Rasa fingerprints a graph component by its class's own source, its config and its inputs,
not by the modules the class uses. When only a helper module changed (the nearest-examples
features, the sentence encoder, the script phrases), `rasa train` would reuse the component
trained by the old code. Each custom component's ``fingerprint_addon`` returns
``digest_for(<its module>)``: a hash of every project module it imports, directly or through
others, and of the data files of the project packages among them.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

#: The repository root: bot/components/ is two levels below it.
ROOT = Path(__file__).resolve().parents[2]
#: The project's own top-level packages; imports of anything else are not followed.
PACKAGES = ("bot", "actions")
#: Files in a project package that code reads at run time.
DATA_SUFFIXES = (".yml", ".yaml", ".json", ".txt")


def module_path(name: str, root: Path = ROOT) -> Optional[Path]:
    """The file a dotted project module name refers to, or None for anything else."""
    if name.split(".")[0] not in PACKAGES:
        return None
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _package_name(path: Path, root: Path) -> str:
    """The dotted package a file belongs to ("bot.components" for its modules)."""
    return ".".join(path.relative_to(root).parts[:-1])


def imported_names(path: Path, root: Path = ROOT) -> List[str]:
    """The dotted module names a file imports, relative imports resolved. For ``from a
    import b`` both ``a`` and ``a.b`` are listed: ``b`` may be a submodule."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    package = _package_name(path, root)
    names: List[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                keep = len(parts) - (node.level - 1)
                base = ".".join(parts[:max(keep, 0)] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if base:
                names.append(base)
                names += [f"{base}.{alias.name}" for alias in node.names]
    return names


def _data_files(package_init: Path, root: Path) -> List[Path]:
    """The data files under a (sub)package's folder; none for a top-level package, whose
    folder holds every other package too."""
    folder = package_init.parent
    if folder.parent == root:
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES)


def dependencies(module: str, root: Path = ROOT) -> List[Path]:
    """Every project file ``module`` runs or reads: itself, the project modules it imports
    (transitively, parent packages included) and the data files of those packages."""
    start = module_path(module, root)
    if start is None:
        raise ValueError(f"{module} is not a module of this project")
    seen: Set[Path] = set()
    todo = [start]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        names = imported_names(path, root)
        parts = _package_name(path, root).split(".")
        names += [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
        for name in names:
            found = module_path(name, root)
            if found is not None and found not in seen:
                todo.append(found)
    files = set(seen)
    for path in seen:
        if path.name == "__init__.py":
            files.update(_data_files(path, root))
    return sorted(files)


def digest(module: str, extra: Tuple[str, ...] = (), root: Path = ROOT) -> str:
    """A short hash of what ``module`` depends on (``dependencies``: each file's path and
    contents) and of the extra strings (say, an installed model's version)."""
    hashed = hashlib.sha256()
    for path in dependencies(module, root):
        hashed.update(path.relative_to(root).as_posix().encode("utf-8"))
        hashed.update(path.read_bytes())
    for item in extra:
        hashed.update(b"\0" + item.encode("utf-8"))
    return hashed.hexdigest()[:16]


@functools.lru_cache(maxsize=None)
def digest_for(module: str, extra: Tuple[str, ...] = ()) -> str:
    """``digest`` of a module of this repository, worked out once per process."""
    return digest(module, extra)


class ProjectSources:
    """Mixin for a custom graph component: Rasa's training cache also keys it on the project
    files its module depends on (``digest_for``), so a change to any of them retrains it."""

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """The digest of the project files the component's module runs or reads."""
        return digest_for(cls.__module__)
