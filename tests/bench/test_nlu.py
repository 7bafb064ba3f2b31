"""bench/nlu.py keeps each pipeline's predictions, and drops them once they are stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import nlu


@pytest.fixture()
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """bench/results/, the configs and the held-out sets, all in a temp dir."""
    config = tmp_path / "config.yml"
    config.write_text("pipeline: []\n", encoding="utf-8")
    held_out = tmp_path / "held_out.yml"
    held_out.write_text("- text: he says boys don't cry\n  script: emotional_suppression\n",
                        encoding="utf-8")
    monkeypatch.setattr(nlu, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(nlu, "CONFIGS", {"ours": config, "default": config})
    monkeypatch.setattr(nlu, "FRESH_SETS", {"held-out": held_out})
    return tmp_path


EXAMPLES = [("hi", "greet"), ("man up, he said", "emotional_suppression")]


def _result() -> nlu.Result:
    result = nlu.Result("Unscripted", seconds=12.5)
    result.rows = [nlu.Row("man up, he said", "emotional_suppression", "emotional_suppression",
                           "emotional_suppression", 0.91,
                           linear={"script": "emotional_suppression", "probability": 0.8})]
    result.fresh = {"held-out": [nlu.Row("hello", "share_story", None, "greet", 0.7)]}
    return result


def test_saved_predictions_come_back_unchanged(kept: Path) -> None:
    stamp = nlu.fingerprint("ours", EXAMPLES, 5)
    path = nlu.save(_result(), "ours", stamp)
    assert path.parent == kept / "results" and path.name == "nlu_ours.json.gz"
    loaded = nlu.load("ours", stamp)
    assert loaded is not None
    assert loaded.name == "Unscripted" and loaded.seconds == 12.5
    assert loaded.measured.endswith("UTC")
    assert loaded.rows == _result().rows
    assert loaded.fresh == _result().fresh
    assert loaded.rows[0].predicted == "emotional_suppression"


def test_nothing_saved_is_none(kept: Path) -> None:
    assert nlu.load("default", nlu.fingerprint("default", EXAMPLES, 5)) is None


@pytest.mark.parametrize("change", ["examples", "folds", "config", "held_out"])
def test_stale_predictions_are_ignored(kept: Path, change: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    nlu.save(_result(), "ours", nlu.fingerprint("ours", EXAMPLES, 5))
    examples, k = list(EXAMPLES), 5
    if change == "examples":
        examples.append(("she leads the team at work", "share_story"))
    elif change == "folds":
        k = 3
    elif change == "config":
        (kept / "config.yml").write_text("pipeline: [{name: DIETClassifier}]\n", "utf-8")
    else:
        (kept / "held_out.yml").write_text("- text: hello\n", encoding="utf-8")
    assert nlu.load("ours", nlu.fingerprint("ours", examples, k)) is None
    assert "run --only ours again" in capsys.readouterr().err


def test_a_change_to_the_projects_components_makes_only_their_pipeline_stale(
        kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ours = kept / "config.yml"
    ours.write_text("pipeline: [{name: bot.components.rules.ScriptRules}]\n", "utf-8")
    stock = kept / "default.yml"
    stock.write_text("pipeline: [{name: DIETClassifier}]\n", "utf-8")
    monkeypatch.setattr(nlu, "CONFIGS", {"ours": ours, "default": stock})
    # A small project: the component's module imports a helper in another package.
    for relative, text in {"bot/__init__.py": "", "bot/components/__init__.py": "",
                           "bot/components/rules.py": "from actions.words import WORDS\n",
                           "bot/components/unused.py": "",
                           "actions/__init__.py": "", "actions/words.py": "WORDS = 1\n"}.items():
        (kept / relative).parent.mkdir(parents=True, exist_ok=True)
        (kept / relative).write_text(text, "utf-8")
    monkeypatch.setattr(nlu, "ROOT", kept)
    files = nlu.component_files(ours)
    assert kept / "actions" / "words.py" in files
    assert kept / "bot" / "components" / "rules.py" in files
    assert kept / "bot" / "components" / "unused.py" not in files
    assert nlu.component_files(stock) == []
    before = {key: nlu.fingerprint(key, EXAMPLES, 5) for key in ("ours", "default")}
    (kept / "bot" / "components" / "unused.py").write_text("# changed\n", encoding="utf-8")
    assert nlu.fingerprint("ours", EXAMPLES, 5) == before["ours"]
    (kept / "actions" / "words.py").write_text("WORDS = 2\n", encoding="utf-8")
    after = {key: nlu.fingerprint(key, EXAMPLES, 5) for key in ("ours", "default")}
    assert after["ours"] != before["ours"]
    assert after["default"] == before["default"]


def test_the_fingerprint_is_stable() -> None:
    assert nlu.fingerprint("ours", EXAMPLES, 5) == nlu.fingerprint("ours", list(EXAMPLES), 5)
