"""``rasa`` for the chat server: ``python -m bot.rasa_run run …`` is ``rasa run …``, except
that once the model is loaded the server answers one made-up message in memory (so that the
first person's message does not pay for the model's lazy loads) and the garbage collector
then stops walking the model (bot/settle.py).

Rasa loads the model in a server-start listener (``rasa.core.run.load_agent_on_start``); this
module wraps that function before handing the command line to Rasa's own entry point.
"""

from __future__ import annotations

import logging
import time
from typing import Any

#: Named, not __name__: the module runs as __main__ under ``python -m bot.rasa_run``.
logger = logging.getLogger("bot.rasa_run")

#: The made-up message of the warm-up: ordinary, and matching no script and no safety rule.
WARM_UP_TEXT = "hello"


async def warm_up(agent: Any) -> float | None:
    """Read WARM_UP_TEXT with the NLU and predict the next action for it, in memory only.

    A loaded model builds some of its parts on first use: the sentence encoder's graph, the
    first call of each TensorFlow model. Done here, that cost moves from the first person's
    reply into the server's start. Nothing is stored (no tracker is saved) and no action runs.
    Returns the seconds it took, or None if there was no model to warm or the warm-up failed:
    the server then serves as Rasa would, and pays the cost on the first message instead.
    """
    if agent is None or not getattr(agent, "is_ready", lambda: False)():
        return None
    started = time.perf_counter()
    try:
        parsed = await agent.parse_message(WARM_UP_TEXT)
        if _predicts_actions(agent):
            agent.predict_next_with_tracker(_tracker_after(parsed, agent.domain))
    except Exception as error:  # a warm-up must never stop the server from serving
        logger.warning("The warm-up after loading the model failed (%s); the first message "
                       "will be slower.", type(error).__name__)
        return None
    seconds = time.perf_counter() - started
    logger.info("Warmed up the model in %.1f s.", seconds)
    return seconds


def _predicts_actions(agent: Any) -> bool:
    """Whether the loaded model has a dialogue part (an NLU-only model has none)."""
    from rasa.shared.data import TrainingType

    return agent.processor.model_metadata.training_type != TrainingType.NLU


def _tracker_after(parsed: dict[str, Any], domain: Any) -> Any:
    """A conversation in memory, never saved: the start, then one message read as ``parsed``."""
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    said = UserUttered(parsed["text"], parsed["intent"], parsed.get("entities", []),
                       parse_data=parsed)
    return DialogueStateTracker.from_events(
        "warm-up", [ActionExecuted(ACTION_LISTEN_NAME), said], slots=domain.slots)


def patch_agent_loading() -> None:
    """Make Rasa's server warm the model up and settle the garbage collector right after it
    loads a model."""
    import rasa.core.run as run

    original = getattr(run, "load_agent_on_start", None)
    if original is None or getattr(original, "settles", False):
        return  # another Rasa version, or already patched: serve as Rasa does

    async def load_warm_and_settle(*args: Any, **kwargs: Any) -> Any:
        from bot.settle import settle_garbage_collector

        agent = await original(*args, **kwargs)
        await warm_up(agent)
        settle_garbage_collector()
        return agent

    load_warm_and_settle.settles = True  # type: ignore[attr-defined]
    run.load_agent_on_start = load_warm_and_settle


def main() -> None:
    """Rasa's command line, with the patch above."""
    patch_agent_loading()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
