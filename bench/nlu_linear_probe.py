"""Probe: a logistic regression alone (no Rasa) on the same folds as bench/nlu.py.

    .venv/bin/python -m bench.nlu_linear_probe

Word (1-2) and character (2-5) TF-IDF n-grams and a class-balanced logistic regression,
trained on the same stratified folds, scored like bench/nlu.py. It trains in seconds, so it is
a quick way to see what the data allows. Prints a table; docs/design.md quotes it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

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


def _model(c: float):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
    )
    return make_pipeline(features, LogisticRegression(C=c, max_iter=3000,
                                                      class_weight="balanced"))


def main() -> int:
    """Cross-validate at a few strengths and thresholds; print one line each."""
    examples = examples_of(load_data())
    texts = [t.lower() for t, _ in examples]
    labels = [i for _, i in examples]
    splits = folds(examples, 5)
    fresh = {name: load_fresh(path) for name, path in FRESH_SETS.items()}
    print("| C | threshold | CV macro-F1 | CV false positives | " +
          " | ".join(f"{n}: macro-F1 / false positives" for n in fresh) + " |")
    print("|---:|---:|---:|---:|" + "---:|" * len(fresh))
    for c in (10.0, 30.0):
        rows: List[Row] = []
        for train, test in splits:
            model = _model(c).fit([texts[i] for i in train], [labels[i] for i in train])
            for i, p in zip(test, model.predict_proba([texts[i] for i in test])):
                truth = labels[i] if labels[i] in SCRIPTS else None
                rows.append(Row(examples[i][0], labels[i], truth, str(model.classes_[p.argmax()]),
                                float(p.max())))
        model = _model(c).fit(texts, labels)
        held = {}
        for name, items in fresh.items():
            probs = model.predict_proba([t.lower() for t, _ in items])
            held[name] = [Row(t, s or "share_story", s, str(model.classes_[p.argmax()]),
                              float(p.max())) for (t, s), p in zip(items, probs)]
        for threshold in (0.3, 0.5):
            cv = score([Row(r.text, r.intent, r.truth, r.guess, r.confidence, None, None,
                            threshold) for r in rows])
            cells = []
            for name in fresh:
                s = score([Row(r.text, r.intent, r.truth, r.guess, r.confidence, None, None,
                               threshold) for r in held[name]])
                cells.append(f"{s.macro_f1:.3f} / {s.fpr_ordinary:.1%}")
            print(f"| {c:g} | {threshold} | {cv.macro_f1:.3f} | {cv.fpr_ordinary:.1%} | "
                  + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
