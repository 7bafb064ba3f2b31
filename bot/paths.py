"""Every path Rasa needs, spelled out once."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config.yml"
DOMAIN = ROOT / "bot" / "domain"
ENDPOINTS = ROOT / "bot" / "endpoints.yml"
CREDENTIALS = ROOT / "bot" / "credentials.yml"
NLU_DATA = ROOT / "nlu"
STORIES = ROOT / "stories"
TEST_STORIES = ROOT / "tests" / "conversations"
MODELS = ROOT / "models"
VAR = ROOT / "var"
ACTIONS_PACKAGE = "actions"


def training_inputs() -> list[Path]:
    """Files and folders whose change means the model must be retrained."""
    return [CONFIG, DOMAIN, NLU_DATA, STORIES, ROOT / "bot" / "components"]


def data_args() -> list[str]:
    """The ``--domain/--data/--config`` arguments shared by train, validate and test."""
    return [
        "--config", str(CONFIG),
        "--domain", str(DOMAIN),
        "--data", str(NLU_DATA), str(STORIES),
    ]
