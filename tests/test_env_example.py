"""Every setting the code reads from the environment is listed in .env.example."""

from __future__ import annotations

import re

from bot import paths

#: Our own variables: UNSCRIPTED_* and TELEGRAM_*, as string literals in the code.
_NAME = re.compile(r"[\"']((?:UNSCRIPTED|TELEGRAM)_[A-Z_]+)[\"']")


def _names_in_code() -> set[str]:
    names: set[str] = set()
    for folder in ("bot", "actions", "bench", "tests"):
        for path in (paths.ROOT / folder).rglob("*.py"):
            names.update(_NAME.findall(path.read_text("utf-8")))
    for path in (paths.ROOT / "bot").glob("*.yml"):
        names.update(re.findall(r"\$\{((?:UNSCRIPTED|TELEGRAM)_[A-Z_]+)\}", path.read_text("utf-8")))
    return names


def test_every_variable_the_code_reads_is_in_env_example():
    listed = set(re.findall(r"^([A-Z_]+)=", (paths.ROOT / ".env.example").read_text("utf-8"),
                            re.MULTILINE))
    used = _names_in_code()
    assert {"UNSCRIPTED_DB_URL", "UNSCRIPTED_WEB_ORIGINS", "TELEGRAM_BOT_TOKEN"} <= used
    assert used - listed == set()
