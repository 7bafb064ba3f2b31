"""Latency, throughput and memory of Unscripted next to the stock ``rasa init`` assistant.

Usage, from the repository root::

    .venv/bin/python bench/latency.py [--conversations N] [--out docs/latency.md]
                                      [--skip-baseline] [--skip-project]

Starts every server itself on free loopback ports, drives scripted conversations over the
REST channel with 1 and with 20 concurrent users, prints a markdown table and writes the
same text to ``--out``. Every server it starts is stopped and every temp dir removed.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from types import FrameType
from typing import Any

import aiohttp
import psutil

if __package__ in (None, ""):  # run as ``python bench/latency.py``: make ``bot`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import paths  # noqa: E402
from bot import settings as settings_module  # noqa: E402
from bot.servers import Server, action_server, rasa_command, rasa_server, train  # noqa: E402

#: One reframing conversation with Unscripted; every conversation gets a fresh sender id.
REFRAME_SCRIPT: tuple[str, ...] = (
    "hi",
    "my partner looked at their phone the whole time I was telling them about my day",
    "yes",
    "lonely",
    "you looked at your phone while I was telling you about my day last night",
    "connection",
    "yes",  # the safety question before a request
    "would you be willing to put the phone away when we talk at dinner?",
    "finish",
)
#: The stock ``rasa init`` bot's greet / unhappy / affirm / goodbye flow.
STOCK_SCRIPT: tuple[str, ...] = ("hello", "very sad", "yes", "great, thanks", "bye")
#: Sent until the first non-empty reply, to time the server's start.
FIRST_MESSAGE = "hi"
#: The reply checked in the 1-user run: -2 is the summary after the request ("Here is your
#: statement: I feel ... when ..., and I need ..."); the reply to "finish" is a sign-off...
CHECKED_REPLY = -2
#: ...must contain this, the start of the coached statement.
EXPECTED_IN_CHECKED_REPLY = "I feel"

WEBHOOK_PATH = "/webhooks/rest/webhook"
REQUEST_TIMEOUT_S = 30.0
SERVER_START_TIMEOUT_S = 300.0
STOCK_INIT_TIMEOUT_S = 600.0
DEFAULT_PHASE_TIMEOUT_S = 240.0
LOG_TAIL_LINES = 40
MIB = 1024 * 1024
GIB = 1024 * MIB


# --------------------------------------------------------------------------- results


@dataclass
class Load:
    """Round trips of one load phase (some users, each running conversations in turn)."""

    users: int
    conversations: int
    latencies_ms: list[float] = field(default_factory=list)
    failures: int = 0
    checked_replies: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    timed_out: bool = False

    def percentile_ms(self, q: float) -> float | None:
        """The ``q``-th percentile (0-100) of the round trips, linearly interpolated."""
        return percentile(self.latencies_ms, q)

    @property
    def messages_per_s(self) -> float | None:
        """Answered messages per second of wall time."""
        if self.wall_s <= 0 or not self.latencies_ms:
            return None
        return len(self.latencies_ms) / self.wall_s


@dataclass
class BotResult:
    """Everything measured for one assistant."""

    name: str
    script: Sequence[str]
    single: Load | None = None
    concurrent: Load | None = None
    rasa_rss_mib: float | None = None
    actions_rss_mib: float | None = None
    first_answer_s: float | None = None
    first_reply_ms: float | None = None
    error: str | None = None


@dataclass(frozen=True)
class Options:
    """Command-line options."""

    conversations: int
    users: int
    conversations_per_user: int
    phase_timeout_s: float
    out: Path
    skip_baseline: bool
    skip_project: bool


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (like numpy's default); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


# --------------------------------------------------------------------------- HTTP


def webhook_url(port: int) -> str:
    """The REST channel's webhook on loopback."""
    return f"http://127.0.0.1:{port}{WEBHOOK_PATH}"


def new_sender(label: str) -> str:
    """A fresh sender id, so every conversation starts from an empty tracker."""
    return f"bench-{label}-{uuid.uuid4().hex[:12]}"


def reply_text(messages: Sequence[dict[str, Any]]) -> str:
    """The bot's text replies to one message, joined."""
    return " ".join(str(m["text"]) for m in messages if m.get("text"))


async def send(
    session: aiohttp.ClientSession, url: str, sender: str, text: str
) -> list[dict[str, Any]]:
    """POST one user message to the REST channel and return the bot's replies."""
    async with session.post(url, json={"sender": sender, "message": text}) as response:
        response.raise_for_status()
        body = await response.json(content_type=None)
    if not isinstance(body, list):
        raise ValueError(f"expected a JSON list from the REST channel, got {body!r:.200}")
    return body


_REQUEST_ERRORS = (aiohttp.ClientError, asyncio.TimeoutError, ValueError)


async def converse(
    session: aiohttp.ClientSession, url: str, script: Sequence[str], sender: str, load: Load
) -> None:
    """Run one scripted conversation, recording each round trip; stop at the first failure."""
    texts: list[str] = []
    for text in script:
        started = time.perf_counter()
        try:
            replies = await send(session, url, sender, text)
        except _REQUEST_ERRORS:
            load.failures += 1
            return
        load.latencies_ms.append((time.perf_counter() - started) * 1000.0)
        texts.append(reply_text(replies))
    if -len(texts) <= CHECKED_REPLY < len(texts):
        load.checked_replies.append(texts[CHECKED_REPLY])


async def user(
    session: aiohttp.ClientSession, url: str, script: Sequence[str], count: int, load: Load
) -> None:
    """One simulated user: ``count`` conversations, one after the other."""
    for _ in range(count):
        await converse(session, url, script, new_sender(f"u{load.users}"), load)


async def drive(
    url: str, script: Sequence[str], users: int, per_user: int, timeout_s: float
) -> Load:
    """Run ``users`` concurrent users of ``per_user`` conversations, bounded by ``timeout_s``."""
    load = Load(users=users, conversations=users * per_user)
    client_timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(timeout=client_timeout, connector=connector) as session:
        started = time.perf_counter()
        tasks = [user(session, url, script, per_user, load) for _ in range(users)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), timeout_s)
        except asyncio.TimeoutError:
            load.timed_out = True
        load.wall_s = time.perf_counter() - started
    return load


async def wait_first_answer(server: Server, url: str, deadline: float) -> float:
    """Send FIRST_MESSAGE until the REST channel answers with a non-empty list; return that
    answer's round trip in milliseconds (the first person's wait once the server is up)."""
    client_timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=client_timeout) as session:
        while time.monotonic() < deadline:
            if server.process is not None and server.process.poll() is not None:
                raise RuntimeError(f"The {server.name} exited with code {server.process.returncode}")
            try:
                sent = time.perf_counter()
                if await send(session, url, new_sender("first"), FIRST_MESSAGE):
                    return (time.perf_counter() - sent) * 1000
            except _REQUEST_ERRORS:
                pass
            await asyncio.sleep(0.25)
    raise TimeoutError(f"The {server.name} gave no answer to {FIRST_MESSAGE!r} in time")


# --------------------------------------------------------------------------- processes


def free_ports(count: int) -> list[int]:
    """``count`` distinct free TCP ports on 127.0.0.1."""
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def tree_rss_mib(server: Server) -> float | None:
    """Resident memory of the server's process plus all its children, in MiB."""
    if server.process is None or server.process.poll() is not None:
        return None
    try:
        root = psutil.Process(server.process.pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return None
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total / MIB


def start_and_time_first_answer(server: Server, url: str) -> tuple[float, float]:
    """Start ``server``; seconds from the start to its first non-empty REST reply, and that
    reply's own round trip in milliseconds."""
    started = time.monotonic()
    server.start()
    server.wait_ready(timeout=SERVER_START_TIMEOUT_S)
    first_ms = asyncio.run(wait_first_answer(server, url, started + SERVER_START_TIMEOUT_S))
    return time.monotonic() - started, first_ms


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last lines of a log file, or '' if there is none."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])


def report_failure(result: BotResult, error: BaseException, logs: Sequence[Path]) -> None:
    """Record ``error`` on ``result`` and show the tails of the logs on stderr."""
    result.error = f"{type(error).__name__}: {error} (log tails on stderr; temp dir removed)"
    print(f"\n[bench] {result.name} failed: {result.error}", file=sys.stderr)
    for log in logs:
        tail = log_tail(log)
        if tail:
            print(f"[bench] --- last lines of {log.name} ---\n{tail}", file=sys.stderr)


# --------------------------------------------------------------------------- measuring


def measure(
    result: BotResult, rasa: Server, url: str, options: Options, actions: Server | None
) -> None:
    """Time the first answer, run both load phases and read the memory, into ``result``."""
    print(f"[bench] {result.name}: starting the Rasa server...", flush=True)
    result.first_answer_s, result.first_reply_ms = start_and_time_first_answer(rasa, url)
    print(f"[bench] {result.name}: 1 user x {options.conversations} conversations", flush=True)
    result.single = asyncio.run(
        drive(url, result.script, 1, options.conversations, options.phase_timeout_s)
    )
    print(
        f"[bench] {result.name}: {options.users} users x "
        f"{options.conversations_per_user} conversations",
        flush=True,
    )
    result.concurrent = asyncio.run(
        drive(url, result.script, options.users, options.conversations_per_user,
              options.phase_timeout_s)
    )
    result.rasa_rss_mib = tree_rss_mib(rasa)
    if actions is not None:
        result.actions_rss_mib = tree_rss_mib(actions)


def bench_unscripted(options: Options, workdir: Path) -> BotResult:
    """Train if needed, start both project servers, measure, stop them."""
    result = BotResult(name="Unscripted", script=REFRAME_SCRIPT)
    rasa_port, actions_port = free_ports(2)
    settings = settings_module.load({
        "UNSCRIPTED_RASA_PORT": str(rasa_port),
        "UNSCRIPTED_ACTIONS_PORT": str(actions_port),
        "UNSCRIPTED_DB_URL": f"sqlite:///{workdir / 'trackers.db'}",
    })
    logs = [workdir / "actions.log", workdir / "rasa.log"]
    actions: Server | None = None
    rasa: Server | None = None
    try:
        model = train()
        print("[bench] Unscripted: starting the action server...", flush=True)
        actions = action_server(settings, log_path=logs[0]).start()
        actions.wait_ready(timeout=SERVER_START_TIMEOUT_S)
        rasa = rasa_server(settings, model, log_path=logs[1])
        measure(result, rasa, webhook_url(settings.rasa_port), options, actions)
    except (Exception, SystemExit) as error:  # train() raises SystemExit without a model
        report_failure(result, error, logs)
    finally:
        for server in (rasa, actions):
            if server is not None:
                server.stop()
    return result


def init_stock_bot(directory: Path, log: Path) -> None:
    """``rasa init --no-prompt`` into ``directory`` (this also trains it, ~2 minutes)."""
    print("[bench] stock: rasa init (trains the stock bot, about two minutes)...", flush=True)
    directory.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        subprocess.run(
            rasa_command("init", "--no-prompt", "--init-dir", str(directory)),
            cwd=directory,
            env=dict(os.environ),
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=STOCK_INIT_TIMEOUT_S,
        )


def stock_server(directory: Path, port: int, log: Path) -> Server:
    """``rasa run`` for the stock bot, with its own endpoints and credentials files.

    ``Server`` always starts in the repository root, so the stock project's files are
    passed explicitly instead of relying on the working directory.
    """
    return Server(
        name="stock Rasa server",
        command=rasa_command(
            "run",
            "--enable-api",
            "-m", str(directory / "models"),
            "--endpoints", str(directory / "endpoints.yml"),
            "--credentials", str(directory / "credentials.yml"),
            "--port", str(port),
            "--interface", "127.0.0.1",
        ),
        health_url=f"http://127.0.0.1:{port}/status",
        env=dict(os.environ),
        log_path=log,
    )


def bench_stock(options: Options, workdir: Path) -> BotResult:
    """Create and train the stock ``rasa init`` bot, start it, measure, stop it."""
    result = BotResult(name="stock rasa init", script=STOCK_SCRIPT)
    directory = workdir / "stock"
    logs = [workdir / "stock-init.log", workdir / "stock-rasa.log"]
    rasa: Server | None = None
    try:
        init_stock_bot(directory, logs[0])
        (port,) = free_ports(1)
        rasa = stock_server(directory, port, logs[1])
        measure(result, rasa, webhook_url(port), options, actions=None)
    except Exception as error:
        report_failure(result, error, logs)
    finally:
        if rasa is not None:
            rasa.stop()
    return result


# --------------------------------------------------------------------------- report

Getter = Callable[[BotResult], "float | None"]


def _phase(result: BotResult, concurrent: bool) -> Load | None:
    return result.concurrent if concurrent else result.single


def _p(q: float, concurrent: bool) -> Getter:
    def get(result: BotResult) -> float | None:
        load = _phase(result, concurrent)
        return None if load is None else load.percentile_ms(q)

    return get


def _rate(concurrent: bool) -> Getter:
    def get(result: BotResult) -> float | None:
        load = _phase(result, concurrent)
        return None if load is None else load.messages_per_s

    return get


def _failures(result: BotResult) -> float | None:
    loads = [load for load in (result.single, result.concurrent) if load is not None]
    return float(sum(load.failures for load in loads)) if loads else None


def table_rows(users: int) -> list[tuple[str, Getter, str]]:
    """(label, getter, number format) for every row of the table."""
    many = f"{users} users"
    return [
        ("Round trip p50, 1 user (ms)", _p(50, False), "{:.0f}"),
        ("Round trip p95, 1 user (ms)", _p(95, False), "{:.0f}"),
        (f"Round trip p50, {many} (ms)", _p(50, True), "{:.0f}"),
        (f"Round trip p95, {many} (ms)", _p(95, True), "{:.0f}"),
        ("Messages per second, 1 user", _rate(False), "{:.1f}"),
        (f"Messages per second, {many}", _rate(True), "{:.1f}"),
        ("RSS of the Rasa server (MiB)", lambda r: r.rasa_rss_mib, "{:.0f}"),
        ("RSS of the action server (MiB)", lambda r: r.actions_rss_mib, "{:.0f}"),
        ("Time to first answer (s)", lambda r: r.first_answer_s, "{:.1f}"),
        ("First reply's round trip, once the server is up (ms)", lambda r: r.first_reply_ms,
         "{:.0f}"),
        ("Failed requests (both runs)", _failures, "{:.0f}"),
    ]


def _cell(value: float | None, fmt: str) -> str:
    return "–" if value is None else fmt.format(value)


def _ratio(mine: float | None, stock: float | None) -> str:
    if mine is None or stock is None or stock == 0:
        return "–"
    return f"{mine / stock:.2f}"


def render_table(project: BotResult | None, stock: BotResult | None, users: int) -> str:
    """The markdown table: metrics down, Unscripted | stock | ratio across."""
    lines = [
        "| Metric | Unscripted | stock rasa init | Unscripted / stock |",
        "|---|---:|---:|---:|",
    ]
    for label, get, fmt in table_rows(users):
        mine = get(project) if project is not None else None
        base = get(stock) if stock is not None else None
        lines.append(f"| {label} | {_cell(mine, fmt)} | {_cell(base, fmt)} | {_ratio(mine, base)} |")
    return "\n".join(lines)


def sanity_warning(project: BotResult | None) -> str | None:
    """A warning when the 1-user run's last conversation lacks the coached statement."""
    if project is None or project.single is None:
        return None
    replies = project.single.checked_replies
    if not replies:
        return "WARNING: no reframing conversation of the 1-user run finished."
    checked = replies[-1]
    if EXPECTED_IN_CHECKED_REPLY in checked:
        return None
    message = project.script[CHECKED_REPLY]
    return (
        f"WARNING: in the 1-user run's last conversation the reply to {message!r} does not "
        f"contain {EXPECTED_IN_CHECKED_REPLY!r}: {checked[:300]!r}"
    )


def date_utc() -> str:
    """The current time the way ``date -u`` prints it."""
    return datetime.now(timezone.utc).strftime("%a %b %d %H:%M:%S UTC %Y")


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo when there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine_line() -> str:
    """Platform, CPUs, memory, Python and Rasa versions."""
    return (
        f"{platform.platform()}; {os.cpu_count()} CPUs ({cpu_model()}); "
        f"{psutil.virtual_memory().total / GIB:.1f} GiB RAM; "
        f"Python {platform.python_version()}; Rasa {metadata.version('rasa')}"
    )


def command_line(argv: Sequence[str]) -> str:
    """The command that ran this script, with the interpreter relative to the cwd."""
    python = os.path.relpath(sys.executable) if sys.executable else "python"
    return shlex.join([python, sys.argv[0] if sys.argv else "bench/latency.py", *argv])


def _notes(results: Sequence[BotResult], options: Options) -> list[str]:
    notes = [
        f"- {r.name} script ({len(r.script)} messages): {' → '.join(repr(m) for m in r.script)}"
        for r in results
    ]
    for r in results:
        for load in (r.single, r.concurrent):
            if load is not None and load.timed_out:
                notes.append(
                    f"- {r.name}: the {load.users}-user run hit the {options.phase_timeout_s:.0f} s"
                    " limit; its figures cover the messages answered before it."
                )
        if r.error:
            notes.append(f"- {r.name} FAILED: {r.error}")
    return notes


def render_report(
    project: BotResult | None, stock: BotResult | None, options: Options, command: str
) -> str:
    """The whole markdown text: header, table, definitions and notes."""
    ran = [r for r in (project, stock) if r is not None]
    lines = [
        "# Latency: Unscripted vs the stock `rasa init` assistant",
        "",
        f"- Date: {date_utc()}",
        f"- Machine: {machine_line()}",
        f"- Command: `{command}`",
        (
            f"- Load: 1 user × {options.conversations} conversations, then {options.users} "
            f"concurrent users × {options.conversations_per_user} conversations each; "
            "a fresh sender id per conversation; REST channel on 127.0.0.1."
        ),
        "",
        render_table(project, stock, options.users),
        "",
        (
            f"Round trip: POST {WEBHOOK_PATH} until the whole reply is read. Messages per "
            "second: answered messages / wall time of the run. RSS: the process plus its "
            "children, read after both runs. Time to first answer: from starting the Rasa "
            f"server process to the first non-empty reply to {FIRST_MESSAGE!r} (training not "
            "included). The stock bot needs no action server."
        ),
        "",
        *_notes(ran, options),
    ]
    warning = sanity_warning(project)
    if warning:
        lines += ["", warning]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- CLI


def parse_args(argv: Sequence[str] | None) -> Options:
    """Read the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=10,
                        help="conversations of the 1-user run (default 10)")
    parser.add_argument("--users", type=int, default=20,
                        help="concurrent users of the second run (default 20)")
    parser.add_argument("--conversations-per-user", type=int, default=3,
                        help="conversations per concurrent user (default 3)")
    parser.add_argument("--phase-timeout", type=float, default=DEFAULT_PHASE_TIMEOUT_S,
                        help="seconds allowed for each run (default %(default).0f)")
    parser.add_argument("--out", type=Path, default=paths.ROOT / "docs" / "latency.md",
                        help="markdown file to write (default docs/latency.md)")
    parser.add_argument("--skip-baseline", action="store_true",
                        help="do not create and measure the stock rasa init bot")
    parser.add_argument("--skip-project", action="store_true",
                        help="do not train and measure Unscripted")
    args = parser.parse_args(argv)
    for name in ("conversations", "users", "conversations_per_user"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.skip_baseline and args.skip_project:
        parser.error("nothing to measure with both --skip-baseline and --skip-project")
    return Options(
        conversations=args.conversations,
        users=args.users,
        conversations_per_user=args.conversations_per_user,
        phase_timeout_s=args.phase_timeout,
        out=args.out,
        skip_baseline=args.skip_baseline,
        skip_project=args.skip_project,
    )


def _interrupt_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # so the finally blocks stop the servers and remove the temp dir


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the report, write it to ``--out``; 1 if a bot could not be measured."""
    argv = list(sys.argv[1:] if argv is None else argv)
    options = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt_on_sigterm)
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")  # children inherit it
    project: BotResult | None = None
    stock: BotResult | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="unscripted-bench-",
                                         ignore_cleanup_errors=True) as tmp:
            workdir = Path(tmp)
            if not options.skip_project:
                project = bench_unscripted(options, workdir)
            if not options.skip_baseline:
                stock = bench_stock(options, workdir)
    except KeyboardInterrupt:
        print("\n[bench] interrupted; every server was stopped.", file=sys.stderr)
        return 130
    report = render_report(project, stock, options, command_line(argv))
    print("\n" + report, end="", flush=True)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(report, encoding="utf-8")
    print(f"[bench] written to {options.out}", file=sys.stderr)
    failed = any(r is not None and r.error for r in (project, stock))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
