"""NLU benchmark: how well the gender scripts are detected, against two baselines.

Stratified 5-fold cross-validation over all of the project's NLU data (every intent, so a
script read as an answer or as chit-chat counts as a miss). For each pipeline it reports
per-script precision, recall and F1, macro-F1 over the six scripts, and the false-positive
rate on ordinary relationship talk (`share_story` examples given any script). A message
counts as a script when its intent is a script at or above the bot's detection threshold.

Pipelines: the project's (config.yml), Rasa's default pipeline (bench/pipelines/rasa_default.yml)
and a keyword matcher (bench/keyword_baseline.py), all on the same folds. The project's phrase
rules are also scored switched off and with other settings, from the same trained models.
Then each trained pipeline is scored on the held-out sets in bench/data/, phrasings written
without seeing the training data and never trained on.

    .venv/bin/python -m bench.nlu                # everything; writes docs/nlu.md and a plot
    .venv/bin/python -m bench.nlu --only ours    # one pipeline; predictions kept in bench/results/
    .venv/bin/python -m bench.nlu --report       # docs/ from the predictions in bench/results/
    .venv/bin/python -m bench.nlu --only default # Rasa's default config: about 1.5 hours

Predictions are committed (gzipped JSON) with a fingerprint of the config, the examples, the
folds and the held-out sets; --report ignores any that no longer match. Each finished fold is
kept too (bench/results/nlu_<pipeline>.fold<n>.json.gz) until its run is complete, so a run
that is stopped, or runs out of time, goes on from there when started again.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from actions.scripts import DETECT_THRESHOLD, SCRIPTS  # noqa: E402
from bench import keyword_baseline  # noqa: E402
from bench.latency import machine_line  # noqa: E402

DOCS = ROOT / "docs"
#: Held-out sets, written by people who never saw nlu/. The first was read once to find what
#: the training data lacked (so it is no longer blind); the second was not looked at.
FRESH_SETS = {
    "held-out set 1 (read once for diagnosis)": ROOT / "bench" / "data" / "fresh_scripts.yml",
    "held-out set 2 (blind)": ROOT / "bench" / "data" / "fresh_scripts_2.yml",
}
ORDINARY = "share_story"
NONE = "none"


@dataclass
class Row:
    """One test message: its intent, its true script, and the predicted intent."""

    text: str
    intent: str
    truth: Optional[str]
    guess: str  # the predicted intent (or script, for the keyword matcher)
    confidence: float
    rule: Optional[Dict[str, Any]] = None  # what the phrase rules saw (bot/components)
    linear: Optional[Dict[str, Any]] = None  # the linear check's view, with DIET's answer
    threshold: float = DETECT_THRESHOLD

    @property
    def predicted(self) -> Optional[str]:
        """The predicted script, if the intent is a script at or above the threshold."""
        return self.guess if self.guess in SCRIPTS and self.confidence >= self.threshold else None


@dataclass
class Result:
    """All predictions of one pipeline, and how long it took."""

    name: str
    rows: List[Row] = field(default_factory=list)
    fresh: Dict[str, List[Row]] = field(default_factory=dict)
    seconds: float = 0.0
    measured: str = ""  # when the predictions were made (a report may combine several runs)


#: Each pipeline's raw predictions, gzipped and committed: Rasa's default pipeline takes about
#: 1.5 hours on two cores, so a report can combine runs made at different times on the same
#: data.
RESULTS = ROOT / "bench" / "results"
#: Which config file each saved pipeline was trained with.
CONFIGS = {"ours": ROOT / "config.yml",
           "default": ROOT / "bench" / "pipelines" / "rasa_default.yml"}
#: Pipelines scored by cross-validation only: training Rasa's default once more on all the data
#: for the held-out sets would add most of an hour, so its predictions do not depend on them.
CV_ONLY = frozenset({"default"})


def component_files(config: Path) -> List[Path]:
    """The project's code and data files a config's custom components run: each one's module
    and everything it depends on (``source_fingerprint.dependencies``, which Rasa's training
    cache keys the component on too); none for a config of stock Rasa components."""
    import yaml

    from bot.components.source_fingerprint import dependencies

    pipeline = (yaml.safe_load(config.read_text("utf-8")) or {}).get("pipeline") or []
    modules = {str(step.get("name", "")).rpartition(".")[0] for step in pipeline}
    files = set()
    for module in sorted(m for m in modules if m.startswith("bot.")):
        files.update(dependencies(module, ROOT))
    return sorted(files)


def fingerprint(key: str, examples: Sequence[Tuple[str, str]], k: int) -> str:
    """What a pipeline's predictions depend on: its config, the code and data of the
    project's components it names, the examples, the folds and (unless it is scored by
    cross-validation only) the held-out sets.
    Predictions saved under another fingerprint are stale."""
    import hashlib
    import json

    digest = hashlib.sha256()
    digest.update(json.dumps([list(e) for e in examples]).encode("utf-8"))
    digest.update(f"folds={k}".encode("utf-8"))
    held_out = [] if key in CV_ONLY else list(FRESH_SETS.values())
    for path in [CONFIGS[key], *held_out]:
        digest.update(path.read_bytes())
    for path in component_files(CONFIGS[key]):
        digest.update(str(path.relative_to(ROOT)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _write(path: Path, payload: Dict[str, Any]) -> Path:
    """Gzipped JSON, with no time in the gzip header (the payload says when, if it matters)."""
    import gzip
    import json

    path.parent.mkdir(exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as out:
        out.write(json.dumps(payload, sort_keys=True).encode("utf-8"))
    return path


def _read(path: Path) -> Dict[str, Any]:
    """What ``_write`` wrote."""
    import gzip
    import json

    return json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))


def save(result: Result, key: str, stamp: str) -> Path:
    """Keep a pipeline's raw predictions in bench/results/ for --report; return the file."""
    payload = {"name": result.name, "seconds": result.seconds, "fingerprint": stamp,
               "measured": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "rows": [r.__dict__ for r in result.rows],
               "fresh": {k: [r.__dict__ for r in v] for k, v in result.fresh.items()}}
    return _write(RESULTS / f"nlu_{key}.json.gz", payload)


def load(key: str, stamp: str) -> Optional[Result]:
    """A pipeline's saved predictions, if there are any for this data and config."""
    path = RESULTS / f"nlu_{key}.json.gz"
    if not path.is_file():
        return None
    payload = _read(path)
    if payload.get("fingerprint") != stamp:
        print(f"  {path.name} was made with other data or another config: "
              f"ignored (run --only {key} again).", file=sys.stderr)
        return None
    result = Result(payload["name"], seconds=payload["seconds"],
                    measured=payload.get("measured", ""))
    result.rows = [Row(**r) for r in payload["rows"]]
    result.fresh = {k: [Row(**r) for r in v] for k, v in payload["fresh"].items()}
    return result


def fold_path(key: str, number: int) -> Path:
    """Where one cross-validation fold of an unfinished run is kept. The files are committed,
    so a later session can go on: Rasa's default pipeline takes about 1.5 hours on two
    cores, and folds can be run side by side (``--jobs``)."""
    return RESULTS / f"nlu_{key}.fold{number}.json.gz"


def save_fold(key: str, stamp: str, number: int, rows: Sequence[Row], seconds: float) -> Path:
    """Keep one finished fold's rows and the seconds it took."""
    return _write(fold_path(key, number),
                  {"fingerprint": stamp, "seconds": seconds, "rows": [r.__dict__ for r in rows]})


def load_folds(key: str, stamp: str, k: int) -> Dict[int, Tuple[List[Row], float]]:
    """The folds earlier, unfinished runs of this pipeline kept for the same data, config and
    number of folds: fold number -> (rows, seconds). Stale ones are left out."""
    done: Dict[int, Tuple[List[Row], float]] = {}
    for number in range(1, k + 1):
        path = fold_path(key, number)
        if not path.is_file():
            continue
        payload = _read(path)
        if payload.get("fingerprint") != stamp:
            print(f"  {path.name} was made with other data or another config: ignored.",
                  file=sys.stderr)
            continue
        done[number] = ([Row(**r) for r in payload["rows"]], float(payload["seconds"]))
    return done


def clear_folds(key: str, k: int) -> None:
    """Remove the kept folds once the whole run is saved."""
    for number in range(1, k + 1):
        fold_path(key, number).unlink(missing_ok=True)


def load_data() -> Any:
    """All of nlu/, loaded once (folds index into it)."""
    from rasa.shared.nlu.training_data.loading import load_data as rasa_load

    return rasa_load(str(ROOT / "nlu"))


def examples_of(data: Any) -> List[Tuple[str, str]]:
    """(text, intent) for every intent example."""
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def load_fresh(path: Path) -> List[Tuple[str, Optional[str]]]:
    """Held-out phrasings: (text, script or None)."""
    import yaml

    return [(e["text"], e.get("script")) for e in yaml.safe_load(path.read_text("utf-8"))]


def folds(examples: Sequence[Tuple[str, str]], k: int) -> List[Tuple[List[int], List[int]]]:
    """Stratified k folds (by intent), shuffled with a fixed seed."""
    from sklearn.model_selection import StratifiedKFold

    labels = [intent for _, intent in examples]
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=7)
    return [(list(a), list(b)) for a, b in splitter.split(labels, labels)]


def _train_subset(config: Path, data: Any, indices: Sequence[int], workdir: Path) -> str:
    """Train an NLU model on a subset of nlu/ and return its path."""
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.training_data.training_data import TrainingData

    chosen = [data.intent_examples[i] for i in indices]
    subset = TrainingData(
        training_examples=chosen,
        entity_synonyms=data.entity_synonyms,
        regex_features=data.regex_features,
        lookup_tables=data.lookup_tables,
    )
    nlu_file = workdir / "train.yml"
    nlu_file.write_text(subset.nlu_as_yaml(), encoding="utf-8")
    model = train_nlu(
        config=str(config), nlu_data=str(nlu_file), output=str(workdir / "models"),
        domain=str(ROOT / "bot" / "domain"),
    )
    if not model:
        raise RuntimeError(f"training with {config} wrote no model")
    return model


Prediction = Tuple[str, float, Optional[Dict[str, Any]], Optional[Dict[str, Any]]]


def _predictor(model: str) -> Callable[[str], Prediction]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    loop = asyncio.new_event_loop()
    agent = Agent.load(model)

    def predict(text: str) -> Prediction:
        parsed = loop.run_until_complete(agent.parse_message(text))
        intent = parsed.get("intent") or {}
        return (str(intent.get("name")), float(intent.get("confidence") or 0.0),
                parsed.get("script_rule"), parsed.get("script_linear"))

    return predict


def _script(intent: str) -> Optional[str]:
    return intent if intent in SCRIPTS else None


def run_fold(config: Path, data: Any, train_idx: Sequence[int],
             test_idx: Sequence[int]) -> List[Row]:
    """Train a pipeline on one fold's training part and predict its test part."""
    examples = examples_of(data)
    with tempfile.TemporaryDirectory() as tmp:
        predict = _predictor(_train_subset(config, data, train_idx, Path(tmp)))
        rows = []
        for i in test_idx:
            text, intent = examples[i]
            rows.append(Row(text, intent, _script(intent), *predict(text)))
    return rows


FoldDone = Callable[[int, List[Row], float], None]


def run_pipeline(
    name: str, config: Path, data: Any,
    splits: Sequence[Tuple[List[int], List[int]]],
    fresh: Dict[str, Sequence[Tuple[str, Optional[str]]]],
    done: Optional[Dict[int, Tuple[List[Row], float]]] = None,
    on_fold: Optional[FoldDone] = None,
) -> Result:  # fresh may be empty: then no model is trained on all the data
    """Cross-validate one Rasa pipeline, then train on everything and score the fresh set.

    Folds in ``done`` (fold number -> rows and seconds, from an unfinished run) are not
    trained again; ``on_fold`` gets each new fold's number, rows and seconds.
    """
    examples = examples_of(data)
    result = Result(name)
    finished = dict(done or {})
    for number, (train_idx, test_idx) in enumerate(splits, 1):
        if number in finished:
            print(f"  {name}: fold {number}/{len(splits)} kept from an earlier run",
                  file=sys.stderr, flush=True)
            continue
        print(f"  {name}: fold {number}/{len(splits)}", file=sys.stderr, flush=True)
        start = time.monotonic()
        rows = run_fold(config, data, train_idx, test_idx)
        finished[number] = (rows, time.monotonic() - start)
        if on_fold is not None:
            on_fold(number, *finished[number])
    result.rows = [row for number in sorted(finished) for row in finished[number][0]]
    result.seconds = sum(seconds for _, seconds in finished.values())
    if not fresh:
        return result
    start = time.monotonic()
    print(f"  {name}: all data, for the held-out sets", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        predict = _predictor(_train_subset(config, data, range(len(examples)), Path(tmp)))
        for set_name, items in fresh.items():
            result.fresh[set_name] = [Row(t, s or ORDINARY, s, *predict(t)) for t, s in items]
    result.seconds += time.monotonic() - start
    return result


def _keywords(text: str) -> Prediction:
    return keyword_baseline.predict(text) or ORDINARY, 1.0, None, None


def run_keywords(
    examples: Sequence[Tuple[str, str]], splits: Sequence[Tuple[List[int], List[int]]],
    fresh: Dict[str, Sequence[Tuple[str, Optional[str]]]],
) -> Result:
    """The keyword matcher on the same test folds (it has nothing to train)."""
    result = Result("keyword matcher")
    start = time.monotonic()
    for _, test_idx in splits:
        for i in test_idx:
            text, intent = examples[i]
            result.rows.append(Row(text, intent, _script(intent), *_keywords(text)))
    for set_name, items in fresh.items():
        result.fresh[set_name] = [Row(t, s or ORDINARY, s, *_keywords(t)) for t, s in items]
    result.seconds = time.monotonic() - start
    return result


@dataclass
class Scores:
    """Precision, recall and F1 per script, macro-F1 and false-positive rates."""

    per_script: Dict[str, Tuple[float, float, float, int]]
    macro_f1: float
    fpr_ordinary: float
    ordinary_n: int
    fpr_other: float
    other_n: int


def score(rows: Sequence[Row]) -> Scores:
    """The figures for one set of predictions."""
    per: Dict[str, Tuple[float, float, float, int]] = {}
    for s in SCRIPTS:
        tp = sum(1 for r in rows if r.truth == s and r.predicted == s)
        fp = sum(1 for r in rows if r.truth != s and r.predicted == s)
        fn = sum(1 for r in rows if r.truth == s and r.predicted != s)
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        per[s] = (p, rc, f1, tp + fn)
    ordinary = [r for r in rows if r.intent == ORDINARY and r.truth is None]
    other = [r for r in rows if r.truth is None and r.intent != ORDINARY]
    return Scores(
        per_script=per,
        macro_f1=sum(v[2] for v in per.values()) / len(SCRIPTS),
        fpr_ordinary=_rate(ordinary),
        ordinary_n=len(ordinary),
        fpr_other=_rate(other),
        other_n=len(other),
    )


def _rate(rows: Sequence[Row]) -> float:
    return sum(1 for r in rows if r.predicted is not None) / len(rows) if rows else 0.0


# -- the phrase rules' effect, scored from the same models ---------------------------------

#: Intents the rules may replace, as the component decides.
from bot.components.script_rules import OVERRIDABLE as _OVERRIDABLE  # noqa: E402


def variant(row: Row, linear: bool, rules: bool, veto: Optional[float] = None) -> Row:
    """The row as it would be with the linear check and/or the phrase rules switched off.

    The components keep what came before them (DIET's answer, the answer before the rules), so
    this needs no retraining. Components after them (fallback, input guard) are not re-run,
    which changes nothing for scripts: their threshold is above the fallback's.
    """
    if row.guess == "unusable_input" or (row.rule is None and row.linear is None):
        return row
    if linear:
        before_rules = (row.rule or {}).get("classifier") or {"name": row.guess,
                                                             "confidence": row.confidence}
    else:
        before_rules = (row.linear or {}).get("diet") or (row.rule or {}).get("classifier") \
            or {"name": row.guess, "confidence": row.confidence}
    guess = str(before_rules.get("name"))
    confidence = float(before_rules.get("confidence") or 0.0)
    rule = row.rule
    if rules and rule and guess in _OVERRIDABLE and not (
        veto is not None and guess == ORDINARY and confidence >= veto
    ):
        confidence = max(0.95, confidence if guess == rule["script"] else 0.0)
        guess = rule["script"]
    return Row(row.text, row.intent, row.truth, guess, confidence, rule, row.linear,
               row.threshold)


def with_layers(result: Result, name: str, linear: bool, rules: bool,
                veto: Optional[float] = None) -> Result:
    """A copy of a result with some layers switched off."""
    out = Result(name, seconds=result.seconds)
    out.rows = [variant(r, linear, rules, veto) for r in result.rows]
    out.fresh = {k: [variant(r, linear, rules, veto) for r in v]
                 for k, v in result.fresh.items()}
    return out


def with_threshold(rows: Sequence[Row], threshold: float) -> List[Row]:
    """The same predictions judged at another detection threshold."""
    return [Row(r.text, r.intent, r.truth, r.guess, r.confidence, r.rule, r.linear, threshold)
            for r in rows]


# -- tables ----------------------------------------------------------------------------------

def summary_table(results: Sequence[Result]) -> str:
    """One line per pipeline: cross-validation, then each held-out set."""
    sets = list(results[0].fresh)
    head = ("| pipeline | CV macro-F1 | CV false positives, ordinary talk | CV false positives, "
            "other intents | " + " | ".join(f"{name}: macro-F1 / false positives"
                                            for name in sets) + " |")
    lines = [head, "|---|---:|---:|---:|" + "---:|" * len(sets)]
    for result in results:
        cv = score(result.rows)
        cells = []
        for name in sets:
            if name not in result.fresh:
                cells.append("not run")
                continue
            fr = score(result.fresh[name])
            cells.append(f"{fr.macro_f1:.3f} / {fr.fpr_ordinary:.1%}")
        lines.append(
            f"| {result.name} | {cv.macro_f1:.3f} | {cv.fpr_ordinary:.1%} of {cv.ordinary_n} "
            f"| {cv.fpr_other:.1%} of {cv.other_n} | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines)


def per_script_table(results: Sequence[Result], rows_of: Callable[[Result], List[Row]]) -> str:
    """Precision / recall / F1 per script, one column per pipeline."""
    head = "| script | n | " + " | ".join(f"{r.name}: P / R / F1" for r in results) + " |"
    lines = [head, "|---|---:|" + "---|" * len(results)]
    scored = [score(rows_of(r)) for r in results]
    for s in SCRIPTS:
        cells = [f"{x.per_script[s][0]:.2f} / {x.per_script[s][1]:.2f} / "
                 f"{x.per_script[s][2]:.2f}" for x in scored]
        lines.append(f"| {s} | {scored[0].per_script[s][3]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def threshold_table(result: Result) -> str:
    """Macro-F1 and false positives at several thresholds (how DETECT_THRESHOLD was chosen)."""
    sets = list(result.fresh)
    lines = ["| threshold | CV macro-F1 | CV false positives | " + " | ".join(
        f"{name}: macro-F1 / false positives" for name in sets) + " |",
        "|---:|---:|---:|" + "---:|" * len(sets)]
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        cv = score(with_threshold(result.rows, threshold))
        cells = []
        for name in sets:
            fr = score(with_threshold(result.fresh[name], threshold))
            cells.append(f"{fr.macro_f1:.3f} / {fr.fpr_ordinary:.1%}")
        mark = " (used)" if abs(threshold - DETECT_THRESHOLD) < 1e-9 else ""
        lines.append(f"| {threshold:.1f}{mark} | {cv.macro_f1:.3f} | {cv.fpr_ordinary:.1%} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def confusion(rows: Sequence[Row]) -> List[List[int]]:
    """Counts of (true label, predicted label) over the six scripts and "none"."""
    labels = list(SCRIPTS) + [NONE]
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for r in rows:
        matrix[index[r.truth or NONE]][index[r.predicted or NONE]] += 1
    return matrix


def plot_confusion(rows: Sequence[Row], title: str, path: Path) -> None:
    """Save the confusion matrix as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = list(SCRIPTS) + [NONE]
    matrix = confusion(rows)
    fig, ax = plt.subplots(figsize=(8, 7))
    normalised = [[v / max(1, sum(row)) for v in row] for row in matrix]
    ax.imshow(normalised, cmap="Blues", vmin=0, vmax=1)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            colour = "white" if normalised[i][j] > 0.6 else "black"
            ax.text(j, i, str(value), ha="center", va="center", color=colour, fontsize=9)
    ax.set_xticks(range(len(labels)), labels, rotation=40, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def worst_misses(rows: Sequence[Row], limit: int = 12) -> str:
    """A few wrong predictions, to read (ordinary talk given a script first)."""
    wrong = [r for r in rows if r.truth != r.predicted]
    wrong.sort(key=lambda r: (r.truth is not None, r.intent))
    out = [f"- `{r.truth or NONE}` read as `{r.predicted or NONE}`: {r.text}"
           for r in wrong[:limit]]
    return "\n".join(out) or "- none"


def report(results: Sequence[Result], ours: Result, k: int, n: int) -> str:
    """The Markdown written to docs/nlu.md."""
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    blind = list(ours.fresh)[-1]
    parts = [
        "# NLU benchmark: gender-script detection",
        "",
        f"Measured {now} on {machine_line()}.",
        "",
        f"Command: `.venv/bin/python -m bench.nlu`. {k}-fold stratified cross-validation over "
        f"all {n} NLU examples (every intent, so a script read as an answer counts as a miss); "
        "a script counts when its intent is at or above the bot's detection threshold "
        f"({DETECT_THRESHOLD}). False positives are ordinary relationship talk (`share_story`) "
        "given a script. Each Rasa pipeline is then trained once on all of nlu/ and scored on "
        "the held-out sets in bench/data/, written by people who never saw the training data.",
        "",
        "Predictions made (kept in bench/results/): " + "; ".join(
            f"{r.name} {r.measured}" for r in results if r.measured) + ".",
        "",
        "## Summary",
        "",
        summary_table(results),
        "",
        *([] if any(r.name == "Rasa default pipeline" for r in results) else [
            "Rasa's default pipeline is not in this run (`python -m bench.nlu --only default`, "
            "about 1.5 hours on 2 cores, kept fold by fold), then `--report`.",
            ""]),
        "",
        "## Per script, cross-validation",
        "",
        per_script_table(results, lambda r: r.rows),
        "",
        f"![confusion matrix, {ours.name}](nlu_confusion.png)",
        "",
        f"## Per script, {blind}",
        "",
        per_script_table([r for r in results if blind in r.fresh], lambda r: r.fresh[blind]),
        "",
        f"## Detection threshold ({ours.name})",
        "",
        threshold_table(ours),
        "",
        f"## Some mistakes of {ours.name} (cross-validation)",
        "",
        worst_misses(ours.rows),
        "",
        f"## Some mistakes of {ours.name} ({blind})",
        "",
        worst_misses(ours.fresh[blind]),
        "",
    ]
    return "\n".join(parts)


def resumable(name: str, key: str, stamp: str, data: Any,
              splits: Sequence[Tuple[List[int], List[int]]],
              fresh: Dict[str, Sequence[Tuple[str, Optional[str]]]], jobs: int = 1) -> Result:
    """``run_pipeline``, going on from the folds interrupted runs kept in bench/results/ and
    keeping each new fold there as soon as it is done. With ``jobs`` > 1 the missing folds
    are first trained that many at a time, in child processes (``--fold``), as long as they
    make whole groups; the rest are trained here. The finished
    predictions are saved (``save``) and the kept folds removed."""
    k = len(splits)
    if jobs > 1:
        missing = [n for n in range(1, k + 1) if n not in load_folds(key, stamp, k)]
        # Whole groups side by side; the folds left over train here, with every core.
        run_side_by_side(key, missing[: len(missing) - len(missing) % jobs], k, jobs)

    def keep(number: int, rows: List[Row], seconds: float) -> None:
        path = save_fold(key, stamp, number, rows, seconds)
        print(f"  {name}: fold {number} kept in {path.name}", file=sys.stderr, flush=True)

    result = run_pipeline(name, CONFIGS[key], data, splits, fresh,
                          load_folds(key, stamp, k), keep)
    save(result, key, stamp)
    clear_folds(key, k)
    return result


def run_side_by_side(key: str, numbers: Sequence[int], k: int, jobs: int) -> None:
    """Train the given folds ``jobs`` at a time, each in its own process with its share of
    the CPU cores (TensorFlow's small matrices use two threads poorly: on two cores, two
    one-thread folds side by side get through about a quarter more epochs than one fold)."""
    import subprocess

    threads = str(max(1, (os.cpu_count() or 1) // jobs))
    env = dict(os.environ, TF_INTRA_OP_PARALLELISM_THREADS=threads,
               TF_INTER_OP_PARALLELISM_THREADS="1", OMP_NUM_THREADS=threads)
    todo = list(numbers)
    running: List[Tuple[int, "subprocess.Popen[bytes]"]] = []
    failed: List[int] = []
    while todo or running:
        while todo and len(running) < jobs:
            number = todo.pop(0)
            command = [sys.executable, "-m", "bench.nlu", "--only", key, "--folds", str(k),
                       "--fold", str(number)]
            running.append((number, subprocess.Popen(command, cwd=ROOT, env=env)))
        time.sleep(1)
        for item in list(running):
            if item[1].poll() is not None:
                running.remove(item)
                if item[1].returncode != 0:
                    failed.append(item[0])
    if failed:
        raise SystemExit(f"Folds {failed} of {key} failed; the others are kept, run again.")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the benchmark (or only some pipelines), print the tables and write docs/."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", choices=["ours", "default"], default=None,
                        help="run one pipeline and save its predictions in bench/results/")
    parser.add_argument("--jobs", type=int, default=1,
                        help="with --only: train this many folds at a time, side by side "
                             "(pays only with more cores than one fold keeps busy)")
    parser.add_argument("--fold", type=int, default=None,
                        help="with --only: train and keep only this fold (used by --jobs)")
    parser.add_argument("--report", action="store_true",
                        help="no training: write docs/ from the predictions in bench/results/")
    args = parser.parse_args(argv)
    if args.fold is not None and (args.only is None or not 1 <= args.fold <= args.folds):
        parser.error("--fold needs --only and a number from 1 to --folds")
    logging.basicConfig(level=logging.ERROR)
    for noisy in ("rasa", "tensorflow", "absl"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    os.chdir(ROOT)

    data = load_data()
    examples = examples_of(data)
    fresh = {name: load_fresh(path) for name, path in FRESH_SETS.items()}
    splits = folds(examples, args.folds)
    stamps = {key: fingerprint(key, examples, args.folds) for key in CONFIGS}
    if args.fold is not None:
        start = time.monotonic()
        rows = run_fold(CONFIGS[args.only], data, *splits[args.fold - 1])
        save_fold(args.only, stamps[args.only], args.fold, rows, time.monotonic() - start)
        return 0
    if not args.report:
        if args.only in (None, "ours"):
            resumable("Unscripted", "ours", stamps["ours"], data, splits, fresh, args.jobs)
        if args.only in (None, "default"):
            resumable("Rasa default pipeline", "default", stamps["default"], data, splits,
                      {} if "default" in CV_ONLY else fresh, args.jobs)
    trained = load("ours", stamps["ours"])
    if trained is None:
        raise SystemExit("No predictions of config.yml for this data: run "
                         "`python -m bench.nlu --only ours`, then --report.")
    trained.name = "Unscripted (config.yml)"
    ours = trained
    variants = [
        with_layers(trained, "DIET alone", linear=False, rules=False),
        with_layers(trained, "DIET + phrase rules", linear=False, rules=True),
        with_layers(trained, "DIET + phrase rules, veto 0.9", linear=False, rules=True,
                    veto=0.9),
        with_layers(trained, "DIET + linear check (n-grams + sentence embedding)", linear=True,
                    rules=False),
    ]
    baselines = [r for r in (load("default", stamps["default"]),
                             run_keywords(examples, splits, fresh)) if r]
    results = [ours, *variants, *baselines]
    print(summary_table(results))
    print()
    print(threshold_table(ours))
    DOCS.mkdir(exist_ok=True)
    text = report(results, ours, args.folds, len(examples))
    (DOCS / "nlu.md").write_text(text, encoding="utf-8")
    plot_confusion(ours.rows, f"{ours.name}, {args.folds}-fold cross-validation",
                   DOCS / "nlu_confusion.png")
    print(f"\nWrote docs/nlu.md and docs/nlu_confusion.png ({time.strftime('%H:%M')}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
