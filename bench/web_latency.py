"""What the web widget's server adds to each message, and what the widget weighs.

Usage, from the repository root::

    .venv/bin/python bench/web_latency.py [--conversations 20] [--out docs/web_latency.md]

Starts the action server, the Rasa server and ``unscripted web`` on free loopback ports (a
fresh SQLite file), then plays the same reframing conversation alternately straight to the
REST channel and through the widget's API (``POST /api/message``), one message at a time.
The difference between the two is the web server's own cost. Also times ``/api/forget`` and
reports the size of the widget's files (raw and gzipped). Prints a markdown table and writes
it to ``--out``. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python bench/web_latency.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.latency import REFRAME_SCRIPT, free_ports  # noqa: E402
from bot import settings as settings_module  # noqa: E402
from bot.servers import action_server, rasa_server, train, web_server  # noqa: E402
from bot.web.server import STATIC, WIDGET_FILES  # noqa: E402


def _post(url: str, body: dict[str, Any]) -> tuple[float, Any]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        payload = json.loads(response.read())
    return time.perf_counter() - start, payload


def _stats(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=20)
    return f"{statistics.median(values) * 1000:.1f} | {cuts[18] * 1000:.1f}"


def measure(conversations: int) -> str:
    """Run the servers, play the conversations, return the report."""
    with tempfile.TemporaryDirectory() as tmp:
        rasa_port, actions_port, web_port = free_ports(3)
        settings = settings_module.load({
            "UNSCRIPTED_DB_URL": f"sqlite:///{Path(tmp) / 'bench.db'}",
            "UNSCRIPTED_RASA_PORT": str(rasa_port),
            "UNSCRIPTED_ACTIONS_PORT": str(actions_port),
        })
        model = train()
        actions = action_server(settings).start()
        rasa = rasa_server(settings, model).start()
        web = web_server(settings, web_port).start()
        try:
            actions.wait_ready()
            rasa.wait_ready()
            web.wait_ready(timeout=60)
            rest_url = f"{settings.rasa_url}/webhooks/rest/webhook"
            web_url = f"http://127.0.0.1:{web_port}"
            rest: list[float] = []
            widget: list[float] = []
            forget: list[float] = []
            for _ in range(2):  # warm-up, not counted
                _post(rest_url, {"sender": uuid.uuid4().hex, "message": "hi"})
                _post(f"{web_url}/api/message", {"session": uuid.uuid4().hex, "text": "hi"})
            for _ in range(conversations):
                direct, session = uuid.uuid4().hex, uuid.uuid4().hex
                for message in REFRAME_SCRIPT:
                    rest.append(_post(rest_url, {"sender": direct, "message": message})[0])
                    seconds, body = _post(f"{web_url}/api/message",
                                          {"session": session, "text": message})
                    widget.append(seconds)
                assert body["messages"], "the web server answered nothing"
                forget.append(_post(f"{web_url}/api/forget", {"session": session})[0])
        finally:
            web.stop()
            rasa.stop()
            actions.stop()
    sizes = []
    for name in WIDGET_FILES:
        raw = (STATIC / name).read_bytes()
        sizes.append(f"| `{name}` | {len(raw) / 1024:.1f} KiB | "
                     f"{len(gzip.compress(raw, 9)) / 1024:.1f} KiB |")
    overhead = statistics.median(widget) - statistics.median(rest)
    return "\n".join([
        "# The web widget: latency and size",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.platform()}; "
        f"{os.cpu_count()} CPUs; Python {platform.python_version()}. Command: `.venv/bin/python bench/web_latency.py "
        f"--conversations {conversations}`.",
        "",
        f"{conversations} reframing conversations of {len(REFRAME_SCRIPT)} messages, one "
        "message at a time, alternately straight to the REST channel and through the web "
        "server's `/api/message`; real servers on loopback, SQLite.",
        "",
        "| path | messages | p50 ms | p95 ms |",
        "|---|---:|---:|---:|",
        f"| REST channel directly | {len(rest)} | {_stats(rest)} |",
        f"| widget API (`/api/message`) | {len(widget)} | {_stats(widget)} |",
        f"| `/api/forget` | {len(forget)} | {_stats(forget)} |",
        "",
        f"The web server adds **{overhead * 1000:.1f} ms** at the median.",
        "",
        "| widget file | size | gzipped |",
        "|---|---:|---:|",
        *sizes,
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, measure, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--out", default="docs/web_latency.md")
    args = parser.parse_args(argv)
    report = measure(args.conversations)
    print(report)
    Path(args.out).write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
