"""Probe: a logistic regression alone (no Rasa) on the same folds as bench/nlu.py.

    .venv/bin/python -m bench.nlu_linear_probe

    .venv/bin/python -m bench.nlu_linear_probe --embeddings   # also the sentence embedding

    .venv/bin/python -m bench.nlu_linear_probe --embeddings --neighbours 3   # and nearest examples

    .venv/bin/python -m bench.nlu_linear_probe --embeddings --neighbours 3 --c 30 \
        --fractions 0.5 0.75 1   # a learning curve: each training fold cut down per intent

Word (1-2) and character (2-5) TF-IDF n-grams and a class-balanced logistic regression,
trained on the same stratified folds, scored like bench/nlu.py. On n-grams alone it trains in
seconds, so it is a quick way to see what the data allows (with --embeddings --neighbours a
5-fold run takes a few minutes). With --embeddings each row also gets the
all-MiniLM-L6-v2 sentence embedding (bot/components/sentence_encoder.py), as the linear
check's script model reads it; with --neighbours k also each intent's k nearest examples'
mean cosine (bot/components/neighbours.py). With --fractions each training fold is first cut to
that share of every intent's examples (the same random pick for every run; the test folds are
whole): whether more examples of the kind there are would still pay. Prints a table;
docs/design.md quotes it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.nlu import (  # noqa: E402
    FRESH_SETS,
    Row,
    examples_of,
    folds,
    load_data,
    load_fresh,
    score,
)
from actions.scripts import SCRIPTS  # noqa: E402


class _Probe:
    """The linear check's regression (bot/components/script_linear.py), on plain lists."""

    def __init__(self, c: float, embeddings: Optional[Dict[str, np.ndarray]],
                 neighbours: int = 0) -> None:
        self.c = c
        self.embeddings = embeddings
        self.neighbours = neighbours
        self.model: Any = None

    def _vectors(self, texts: List[str]) -> Optional[np.ndarray]:
        if self.embeddings is None:
            return None
        return np.vstack([self.embeddings[t] for t in texts])

    def fit(self, texts: List[str], labels: List[str]) -> "_Probe":
        from bot.components.script_linear import _Model

        self.model = _Model.fit([t.lower() for t in texts], labels, self.c,
                                self._vectors(texts), neighbours=self.neighbours)
        return self

    def predict(self, texts: List[str]) -> List[Tuple[str, float]]:
        probs = self.model.probabilities([t.lower() for t in texts], self._vectors(texts))
        return [max(p.items(), key=lambda kv: kv[1]) for p in probs]


def subsample(indices: Sequence[int], labels: Sequence[str], fraction: float) -> List[int]:
    """`fraction` of each intent's indices (at least one each), the same pick every run."""
    if fraction >= 1.0:
        return list(indices)
    rng = np.random.default_rng(0)
    by_intent: Dict[str, List[int]] = {}
    for i in indices:
        by_intent.setdefault(labels[i], []).append(i)
    kept: List[int] = []
    for intent in sorted(by_intent):
        members = by_intent[intent]
        n = max(1, round(fraction * len(members)))
        kept += sorted(rng.choice(members, size=n, replace=False).tolist())
    return sorted(kept)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Cross-validate at a few strengths and thresholds; print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embeddings", action="store_true",
                        help="add the sentence embedding to the n-grams")
    parser.add_argument("--neighbours", type=int, default=0, metavar="K",
                        help="with --embeddings: each intent's K nearest examples too")
    parser.add_argument("--c", type=float, nargs="+", default=[10.0, 30.0],
                        help="regression strengths to try (default: 10 30)")
    parser.add_argument("--fractions", type=float, nargs="+", default=[1.0], metavar="F",
                        help="train on this share of each training fold (default: 1)")
    args = parser.parse_args(argv)
    examples = examples_of(load_data())
    texts = [t for t, _ in examples]
    labels = [i for _, i in examples]
    splits = folds(examples, 5)
    fresh = {name: load_fresh(path) for name, path in FRESH_SETS.items()}
    embeddings = None
    if args.embeddings:
        from bot.components.sentence_encoder import SentenceEncoder

        every = sorted({*texts, *(t for items in fresh.values() for t, _ in items)})
        embeddings = dict(zip(every, SentenceEncoder.load().encode(every)))
    print("| share of training | C | threshold | CV macro-F1 | CV false positives | " +
          " | ".join(f"{n}: macro-F1 / false positives" for n in fresh) + " |")
    print("|---:|---:|---:|---:|---:|" + "---:|" * len(fresh))
    for fraction, c in ((f, c) for f in args.fractions for c in args.c):
        rows: List[Row] = []
        for train, test in splits:
            train = subsample(train, labels, fraction)
            model = _Probe(c, embeddings, args.neighbours).fit([texts[i] for i in train],
                                              [labels[i] for i in train])
            for i, (guess, p) in zip(test, model.predict([texts[i] for i in test])):
                truth = labels[i] if labels[i] in SCRIPTS else None
                rows.append(Row(texts[i], labels[i], truth, guess, p))
        every_one = subsample(list(range(len(texts))), labels, fraction)
        model = _Probe(c, embeddings, args.neighbours).fit([texts[i] for i in every_one],
                                                           [labels[i] for i in every_one])
        held = {}
        for name, items in fresh.items():
            guesses = model.predict([t for t, _ in items])
            held[name] = [Row(t, s or "share_story", s, guess, p)
                          for (t, s), (guess, p) in zip(items, guesses)]
        for threshold in (0.3, 0.4, 0.5, 0.6):
            cv = score([Row(r.text, r.intent, r.truth, r.guess, r.confidence, None, None,
                            threshold) for r in rows])
            cells = []
            for name in fresh:
                s = score([Row(r.text, r.intent, r.truth, r.guess, r.confidence, None, None,
                               threshold) for r in held[name]])
                cells.append(f"{s.macro_f1:.3f} / {s.fpr_ordinary:.1%}")
            print(f"| {fraction:g} | {c:g} | {threshold} | {cv.macro_f1:.3f} | "
                  f"{cv.fpr_ordinary:.1%} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
