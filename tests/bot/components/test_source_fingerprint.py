"""Rasa's training cache keys each custom component on the project files it depends on."""

from pathlib import Path

import yaml

from bot.components import source_fingerprint
from bot.components.source_fingerprint import ROOT, dependencies, digest, imported_names


def _write(root: Path, relative: str, text: str = "") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _tree(root: Path) -> None:
    """A small project: bot.components.thing uses a helper (relative import), which uses
    actions.words (absolute, inside a function), whose package has a data file."""
    _write(root, "bot/__init__.py")
    _write(root, "bot/components/__init__.py")
    _write(root, "bot/components/thing.py",
           "import numpy as np\nfrom .helper import near\nfrom rasa.engine.graph import G\n")
    _write(root, "bot/components/helper.py",
           "def near():\n    from actions.words import load\n    return load()\n")
    _write(root, "bot/components/unused.py", "X = 1\n")
    _write(root, "actions/__init__.py")
    _write(root, "actions/top.yml", "a: 1\n")  # top-level package data: not followed
    _write(root, "actions/words/__init__.py", "from actions.words.load import load\n")
    _write(root, "actions/words/load.py", "def load():\n    return 1\n")
    _write(root, "actions/words/data/words.yml", "- hello\n")
    _write(root, "actions/other.py", "Y = 2\n")


def test_relative_and_absolute_imports_are_resolved(tmp_path: Path) -> None:
    _tree(tmp_path)
    names = imported_names(tmp_path / "bot/components/thing.py", tmp_path)
    assert "bot.components.helper" in names
    assert "bot.components.helper.near" in names  # maybe a submodule
    assert "numpy" in names and "rasa.engine.graph" in names


def test_dependencies_follow_project_imports_transitively_and_nothing_else(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = {p.relative_to(tmp_path).as_posix() for p in dependencies("bot.components.thing", tmp_path)}
    assert found == {
        "bot/__init__.py", "bot/components/__init__.py", "bot/components/thing.py",
        "bot/components/helper.py", "actions/__init__.py", "actions/words/__init__.py",
        "actions/words/load.py", "actions/words/data/words.yml",
    }
    # Not imported, or a top-level package's own folder: left out.
    assert "bot/components/unused.py" not in found
    assert "actions/other.py" not in found and "actions/top.yml" not in found


def test_the_digest_changes_with_a_dependency_and_only_with_one(tmp_path: Path) -> None:
    _tree(tmp_path)
    before = digest("bot.components.thing", root=tmp_path)
    assert digest("bot.components.thing", root=tmp_path) == before
    _write(tmp_path, "bot/components/unused.py", "X = 2\n")
    _write(tmp_path, "actions/other.py", "Y = 3\n")
    assert digest("bot.components.thing", root=tmp_path) == before
    _write(tmp_path, "actions/words/data/words.yml", "- hello\n- there\n")
    changed = digest("bot.components.thing", root=tmp_path)
    assert changed != before
    _write(tmp_path, "bot/components/helper.py", "def near():\n    return 2\n")
    assert digest("bot.components.thing", root=tmp_path) != changed
    assert digest("bot.components.thing", ("v2",), tmp_path) != \
        digest("bot.components.thing", ("v1",), tmp_path)


def test_the_script_check_depends_on_its_helpers_not_on_the_dialogue() -> None:
    found = {p.relative_to(ROOT).as_posix() for p in dependencies("bot.components.script_linear")}
    assert {"bot/components/neighbours.py", "bot/components/sentence_encoder.py",
            "bot/components/minilm_graph.py",
            "actions/scripts/catalogue.py", "actions/scripts/data/scripts.yml",
            "actions/phrase_patterns.py", "actions/safety/__init__.py"} <= found
    assert "actions/reframe_form.py" not in found
    assert "bot/components/input_guard.py" not in found


def _custom_components() -> list:
    import importlib

    config = yaml.safe_load((ROOT / "config.yml").read_text("utf-8"))
    names = [c["name"] for c in config["pipeline"] if c["name"].startswith("bot.components.")]
    classes = []
    for name in names:
        module, _, cls = name.rpartition(".")
        classes.append(getattr(importlib.import_module(module), cls))
    return classes


def test_every_custom_component_in_the_config_adds_its_sources_to_rasas_fingerprint(
        monkeypatch) -> None:
    from rasa.engine.training.fingerprinting import calculate_fingerprint_key

    classes = _custom_components()
    assert len(classes) >= 6
    for cls in classes:
        addon = cls.fingerprint_addon({})
        assert isinstance(addon, str) and len(addon) == 16, cls
        key = calculate_fingerprint_key(cls, {}, {})
        # What a change to any file the module depends on does to the digest:
        monkeypatch.setattr(source_fingerprint, "digest", lambda *a, **k: "0" * 16)
        source_fingerprint.digest_for.cache_clear()
        try:
            assert calculate_fingerprint_key(cls, {}, {}) != key, cls
        finally:
            monkeypatch.undo()
            source_fingerprint.digest_for.cache_clear()
