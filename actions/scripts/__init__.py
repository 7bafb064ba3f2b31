"""Gender-role scripts: the taxonomy, how to talk about each, and phrase rules.

Pure Python on spaCy (no Rasa import): the NLU component bot/components/script_rules.py,
the dialogue actions and `unscripted analyze` all use it.
"""

from actions.scripts.catalogue import DETECT_THRESHOLD, SCRIPTS, Script, all_scripts, get
from actions.scripts.rules import RuleHit, find, find_in_doc, first

__all__ = [
    "DETECT_THRESHOLD",
    "SCRIPTS",
    "RuleHit",
    "Script",
    "all_scripts",
    "find",
    "find_in_doc",
    "first",
    "get",
]
