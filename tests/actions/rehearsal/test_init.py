"""The package: a clean public API and nothing heavy at import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import actions.rehearsal as rehearsal

ROOT = Path(__file__).resolve().parents[3]


def test_the_public_api() -> None:
    for name in rehearsal.__all__:
        assert hasattr(rehearsal, name), name


def test_import_is_light() -> None:
    code = (
        "import sys, actions.rehearsal\n"
        "heavy = [m for m in ('spacy', 'rasa', 'rasa_sdk', 'sqlalchemy', 'tensorflow') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from actions import data_files\n"
        "assert not data_files.load.cache_info().currsize, 'data read at import'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_no_rasa_or_sqlalchemy_in_the_source() -> None:
    for path in Path(rehearsal.__file__).parent.glob("*.py"):
        text = path.read_text()
        for name in ("rasa", "rasa_sdk", "sqlalchemy"):
            assert f"import {name}" not in text and f"from {name}" not in text, (path, name)
