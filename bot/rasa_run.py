"""``rasa`` for the chat server: ``python -m bot.rasa_run run …`` is ``rasa run …``, except
that once the model is loaded the garbage collector stops walking it (bot/settle.py).

Rasa loads the model in a server-start listener (``rasa.core.run.load_agent_on_start``); this
module wraps that function before handing the command line to Rasa's own entry point.
"""

from __future__ import annotations

from typing import Any


def patch_agent_loading() -> None:
    """Make Rasa's server settle the garbage collector right after it loads a model."""
    import rasa.core.run as run

    original = getattr(run, "load_agent_on_start", None)
    if original is None or getattr(original, "settles", False):
        return  # another Rasa version, or already patched: serve as Rasa does

    async def load_and_settle(*args: Any, **kwargs: Any) -> Any:
        from bot.settle import settle_garbage_collector

        agent = await original(*args, **kwargs)
        settle_garbage_collector()
        return agent

    load_and_settle.settles = True  # type: ignore[attr-defined]
    run.load_agent_on_start = load_and_settle


def main() -> None:
    """Rasa's command line, with the patch above."""
    patch_agent_loading()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
