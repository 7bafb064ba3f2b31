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


# -- folds kept while a run is unfinished ------------------------------------------------------

def _rows(number: int) -> list:
    return [nlu.Row(f"message {number}", "share_story", None, "share_story", 0.9)]


def test_a_kept_fold_comes_back_until_the_data_changes(kept: Path) -> None:
    stamp = nlu.fingerprint("default", EXAMPLES, 5)
    path = nlu.save_fold("default", stamp, 2, _rows(2), 61.5)
    assert path == kept / "results" / "nlu_default.fold2.json.gz"
    assert nlu.load_folds("default", stamp, 5) == {2: (_rows(2), 61.5)}
    # Another fingerprint (other data or config) or fewer folds: not this run's.
    assert nlu.load_folds("default", nlu.fingerprint("default", EXAMPLES, 4), 5) == {}
    assert nlu.load_folds("default", stamp, 1) == {}
    assert nlu.load_folds("ours", nlu.fingerprint("ours", EXAMPLES, 5), 5) == {}
    nlu.clear_folds("default", 5)
    assert not path.exists()


class Interrupted(Exception):
    pass


@pytest.fixture()
def fake_training(kept: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    """run_fold without Rasa: records which folds were trained; fold 3 fails while
    ``failing`` holds it."""
    trained: list = []
    failing = {3}

    def run_fold(config: Path, data: object, train_idx: list, test_idx: list) -> list:
        number = test_idx[0]
        if number in failing:
            failing.clear()
            raise Interrupted()
        trained.append(number)
        return _rows(number)

    monkeypatch.setattr(nlu, "run_fold", run_fold)
    monkeypatch.setattr(nlu, "examples_of", lambda data: EXAMPLES)
    return trained


SPLITS = [([0], [n]) for n in range(1, 6)]  # fold n "tests" message n


def test_an_interrupted_run_goes_on_from_the_folds_it_finished(kept: Path,
                                                                fake_training: list) -> None:
    stamp = nlu.fingerprint("default", EXAMPLES, 5)
    with pytest.raises(Interrupted):
        nlu.resumable("Rasa default pipeline", "default", stamp, None, SPLITS, {})
    assert fake_training == [1, 2]
    assert sorted(nlu.load_folds("default", stamp, 5)) == [1, 2]
    assert nlu.load("default", stamp) is None  # nothing finished is claimed

    result = nlu.resumable("Rasa default pipeline", "default", stamp, None, SPLITS, {})
    assert fake_training == [1, 2, 3, 4, 5]  # 1 and 2 were not trained again
    assert [r.text for r in result.rows] == [f"message {n}" for n in range(1, 6)]
    saved = nlu.load("default", stamp)
    assert saved is not None and saved.rows == result.rows
    assert nlu.load_folds("default", stamp, 5) == {}  # the kept folds are gone


def test_folds_kept_for_other_data_are_trained_again(kept: Path, fake_training: list) -> None:
    old = nlu.fingerprint("default", EXAMPLES[:1], 5)
    nlu.save_fold("default", old, 1, _rows(99), 1.0)
    stamp = nlu.fingerprint("default", EXAMPLES, 5)
    fake_training.clear()
    nlu.run_pipeline("x", kept / "config.yml", None, SPLITS[:2], {},
                     nlu.load_folds("default", stamp, 5))
    assert fake_training == [1, 2]


def test_fold_needs_a_pipeline(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        nlu.main(["--fold", "9", "--only", "default"])
    assert "--fold needs --only" in capsys.readouterr().err


def test_jobs_run_whole_groups_side_by_side_and_the_rest_here(
        kept: Path, fake_training: list, monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = nlu.fingerprint("default", EXAMPLES, 5)
    nlu.save_fold("default", stamp, 2, _rows(2), 3.0)  # kept from an earlier run
    groups: list = []

    def side_by_side(key: str, numbers: list, k: int, jobs: int) -> None:
        groups.append((list(numbers), jobs))
        for number in numbers:  # as the child processes would
            nlu.save_fold(key, stamp, number, _rows(number), 10.0)

    monkeypatch.setattr(nlu, "run_side_by_side", side_by_side)
    fake_training.clear()
    result = nlu.resumable("Rasa default pipeline", "default", stamp, None, SPLITS, {}, jobs=3)
    # Four folds were missing: three side by side, the one left over here.
    assert groups == [([1, 3, 4], 3)]
    assert fake_training == [5]
    assert [r.text for r in result.rows] == [f"message {n}" for n in range(1, 6)]
    assert result.seconds == pytest.approx(3.0 + 3 * 10.0, abs=1.0)


def test_held_out_sets_count_only_for_pipelines_scored_on_them(kept: Path) -> None:
    """The default pipeline is scored by cross-validation only, so new held-out phrasings must
    not throw its predictions away; config.yml's are scored on them, so they must."""
    assert "default" in nlu.CV_ONLY and "ours" not in nlu.CV_ONLY
    before = {key: nlu.fingerprint(key, EXAMPLES, 5) for key in ("ours", "default")}
    (kept / "held_out.yml").write_text("- text: hello\n", encoding="utf-8")
    after = {key: nlu.fingerprint(key, EXAMPLES, 5) for key in ("ours", "default")}
    assert after["default"] == before["default"]
    assert after["ours"] != before["ours"]
    # The examples still count for both.
    more = [*EXAMPLES, ("she leads the team at work", "share_story")]
    assert nlu.fingerprint("default", more, 5) != before["default"]
