"""Keep Python's garbage collector off a loaded model.

A loaded Rasa model and its libraries (TensorFlow, spaCy, the sentence encoder) are some
800,000 Python objects that live as long as the process. Each full collection walked them
all: a pause of about half a second every few hundred messages, in `analyze`'s stream and
in the chat server's replies (docs/design.md, "Making analyze faster").
"""

from __future__ import annotations

import gc


def settle_garbage_collector() -> int:
    """Collect what is garbage now, then move every object still alive out of the
    collector's reach (``gc.freeze``); garbage made later is collected as before.
    Returns how many objects are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
