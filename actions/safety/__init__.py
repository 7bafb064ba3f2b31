"""Safety rule layer: finds disclosures of self-harm, partner violence and immediate danger.

Pure Python (regexes over normalised text, word lists in ``data/``); no rasa, rasa_sdk, spaCy or
SQLAlchemy import, and nothing is loaded until the first call.
"""

from .detector import KINDS, SafetyHit, detect, detect_all

__all__ = ["KINDS", "SafetyHit", "detect", "detect_all"]
