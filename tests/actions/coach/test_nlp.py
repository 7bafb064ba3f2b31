"""spaCy is loaded lazily, quickly, and without TensorFlow."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from actions.coach import nlp, warm_up

ROOT = Path(__file__).resolve().parents[3]


def test_importing_the_coach_does_not_import_spacy() -> None:
    code = "import sys, actions.coach; print('spacy' in sys.modules, 'rasa_sdk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "False"]


def test_loading_spacy_does_not_leave_tensorflow_blocked() -> None:
    code = (
        "import sys\n"
        "from actions.coach.nlp import load_nlp\n"
        "nlp = load_nlp()\n"
        "print('tensorflow' in sys.modules, [t.lemma_ for t in nlp('I was scared')])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False ['I', 'be', 'scared']"


def test_model_is_loaded_once_without_ner() -> None:
    warm_up()
    assert nlp.load_nlp() is nlp.load_nlp()
    assert "ner" not in nlp.load_nlp().pipe_names
    assert "parser" in nlp.load_nlp().pipe_names
