"""The ``unscripted`` command (also ``python -m bot``).

Subcommands:
  analyze           which gender script each line of stdin carries, as JSON lines
  coach "<draft>"   check a draft statement and print the findings as JSON
  forget <id>       delete everything stored about one conversation
  train             train the model if it is missing or older than its data
  actions           run the action server (the coach is loaded before it listens)
  run               start the action server and the Rasa server (REST channel on)
  chat              start the action server and chat in the terminal
  telegram          start both servers and the Telegram bridge (bot/telegram)
  web               start both servers and the web page with the chat widget (bot/web)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import subprocess
import sys
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from bot import paths

if TYPE_CHECKING:
    from bot.servers import Server


def _cmd_coach(args: argparse.Namespace) -> int:
    from actions.coach import Parts, review, review_parts

    if args.draft is not None:
        text = " ".join(args.draft).strip()
        if not text:
            print(json.dumps({"error": "Please give a draft statement to check."}))
            return 2
        result = review(text)
    else:
        if not any([args.feeling, args.observation, args.need, args.request]):
            print(json.dumps({"error": "Give a draft, or --feeling/--observation/--need."}))
            return 2
        result = review_parts(
            Parts(
                feeling=args.feeling,
                observation=args.observation,
                need=args.need,
                request=args.request,
            )
        )
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2 if args.pretty else None))
    return 0


def _cmd_analyze(args: argparse.Namespace) -> int:
    from bot import analyze
    from bot.servers import train

    # Training (only when the model is missing or stale) and Rasa's own messages go to
    # stderr, so stdout carries nothing but JSON lines.
    with contextlib.redirect_stdout(sys.stderr):
        model = args.model or str(train(quiet_stdout=True))
        parse = analyze.load_parser(model)
    analyze.run(analyze.read_arrivals(sys.stdin.fileno()), sys.stdout, parse, analyze.safety_kind,
                prefetch=parse.prefetch)
    return 0


def _cmd_forget(args: argparse.Namespace) -> int:
    from bot import settings as settings_module
    from bot.forget import forget

    settings = settings_module.load()
    deleted = forget(sender_id=args.sender_id, db_url=settings.db_url)
    print(f"Deleted {deleted} stored events of conversation {args.sender_id!r}.")
    return 0


def _cmd_train(args: argparse.Namespace) -> int:
    from bot.servers import train

    print(train(force=args.force))
    return 0


def _cmd_actions(args: argparse.Namespace) -> int:
    from rasa_sdk.__main__ import main_from_args
    from rasa_sdk.endpoint import create_argument_parser

    from actions.coach import warm_up
    from bot import settings as settings_module

    settings = settings_module.load()
    warm_up()
    port = args.port or settings.actions_port
    sdk_args = create_argument_parser().parse_args(
        ["--actions", paths.ACTIONS_PACKAGE, "--port", str(port)]
        + (["--debug"] if settings.log_level == "DEBUG" else [])
    )
    main_from_args(sdk_args)
    return 0


def _exit_on_signals() -> None:
    """Turn SIGTERM and SIGHUP (a closed terminal) into SystemExit, so that the servers
    this command started are stopped by its ``finally`` blocks."""

    def _raise_exit(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_exit)


def _start_actions() -> "Server":
    from bot import settings as settings_module
    from bot.servers import action_server

    settings = settings_module.load()
    paths.VAR.mkdir(parents=True, exist_ok=True)
    server = action_server(settings, log_path=paths.VAR / "actions.log").start()
    print("Starting the action server...", flush=True)
    server.wait_ready()
    return server


@contextlib.contextmanager
def _both_servers() -> Iterator["Server"]:
    """Train if needed, start the action server and the Rasa server, wait until Rasa answers;
    stop both on the way out (Ctrl+C, SIGTERM or a closed terminal included)."""
    from bot import settings as settings_module
    from bot.servers import rasa_server, train

    settings = settings_module.load()
    model = train()
    _exit_on_signals()
    actions = _start_actions()
    server = rasa_server(settings, model, log_path=paths.VAR / "rasa.log").start()
    try:
        print("Loading the model (about a minute)...", flush=True)
        server.wait_ready()
        yield server
    finally:
        server.stop()
        actions.stop()


def _cmd_run(args: argparse.Namespace) -> int:
    from bot import settings as settings_module

    rasa_url = settings_module.load().rasa_url
    try:
        with _both_servers() as server:
            print(f"Ready: REST channel at {rasa_url}/webhooks/rest/webhook", flush=True)
            assert server.process is not None
            server.process.wait()
    except KeyboardInterrupt:
        pass
    return 0


def _cmd_chat(args: argparse.Namespace) -> int:
    from bot import settings as settings_module
    from bot.servers import rasa_serving_command, train

    settings = settings_module.load()
    model = train()
    _exit_on_signals()
    actions = _start_actions()
    log_path = paths.VAR / "chat.log"
    try:
        print(f"Loading the model (about a minute). Technical messages go to {log_path}.",
              flush=True)
        with open(log_path, "ab") as log:
            return subprocess.call(
                rasa_serving_command(
                    "shell",
                    "--model", str(model),
                    "--endpoints", str(paths.ENDPOINTS),
                    "--port", str(settings.rasa_port),
                    "--quiet",
                ),
                cwd=paths.ROOT,
                env=settings.child_env(),
                stderr=log,
            )
    except KeyboardInterrupt:
        return 0
    finally:
        actions.stop()


def _cmd_telegram(args: argparse.Namespace) -> int:
    from bot.telegram import service
    from bot.telegram import settings as telegram_settings

    # The token (and in webhook mode the secret and URL) are checked before anything starts.
    config = telegram_settings.load(webhook=args.webhook, rasa_url=args.rasa_url)

    def bridge() -> int:
        print("Ready: the Telegram bridge is starting. Stop it with Ctrl+C.", flush=True)
        return service.run(config, webhook=args.webhook)

    return _in_front_of_rasa(args.rasa_url, bridge)


def _cmd_web(args: argparse.Namespace) -> int:
    from bot.web import service
    from bot.web import settings as web_settings

    config = web_settings.load(rasa_url=args.rasa_url)
    return _in_front_of_rasa(args.rasa_url, lambda: service.run(config))


def _in_front_of_rasa(rasa_url: str | None, serve: Callable[[], int]) -> int:
    """Run a front end (``serve``) against ``rasa_url``, or start both servers for it first."""
    if rasa_url:
        return serve()
    try:
        with _both_servers():
            return serve()
    except KeyboardInterrupt:
        return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="unscripted", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    analyze = sub.add_parser(
        "analyze", help="read lines on stdin, print the gender script of each as JSON"
    )
    analyze.add_argument("--model", default=None, help="a trained model (default: the latest)")
    analyze.set_defaults(func=_cmd_analyze)

    coach = sub.add_parser("coach", help="check a draft 'I feel ... when ..., and I need ...'")
    coach.add_argument("draft", nargs="*", default=None, help="the whole draft statement")
    coach.add_argument("--feeling")
    coach.add_argument("--observation")
    coach.add_argument("--need")
    coach.add_argument("--request")
    coach.add_argument("--pretty", action="store_true", help="indent the JSON")
    coach.set_defaults(func=_cmd_coach)

    forget = sub.add_parser("forget", help="delete everything stored about one conversation")
    forget.add_argument("sender_id", help="the conversation id (Rasa's sender id)")
    forget.set_defaults(func=_cmd_forget)

    train = sub.add_parser("train", help="train the model if it is missing or stale")
    train.add_argument("--force", action="store_true")
    train.set_defaults(func=_cmd_train)

    actions = sub.add_parser("actions", help="run the action server")
    actions.add_argument("--port", type=int, default=None)
    actions.set_defaults(func=_cmd_actions)

    sub.add_parser("run", help="start both servers, REST channel on").set_defaults(func=_cmd_run)
    sub.add_parser("chat", help="chat in the terminal").set_defaults(func=_cmd_chat)

    telegram = sub.add_parser(
        "telegram", help="the Telegram bridge (token in TELEGRAM_BOT_TOKEN); polling by default"
    )
    telegram.add_argument("--webhook", action="store_true",
                          help="receive updates on a webhook (TELEGRAM_WEBHOOK_URL and _SECRET)")
    telegram.add_argument("--rasa-url", default=None,
                          help="use this running Rasa server instead of starting one")
    telegram.set_defaults(func=_cmd_telegram)

    web_cmd = sub.add_parser("web", help="the demo page with the chat widget (UNSCRIPTED_WEB_*)")
    web_cmd.add_argument("--rasa-url", default=None,
                         help="use this running Rasa server instead of starting one")
    web_cmd.set_defaults(func=_cmd_web)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``unscripted`` console script."""
    logging.basicConfig(level=logging.WARNING)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "coach" and not args.draft:
        args.draft = None
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
