"""The web widget in a real Chromium, on the demo page of ``unscripted web``, against the real
servers: a whole reframing conversation with buttons, the statement copied, nothing kept after a
reload, markup shown as text, and the Rasa server restarted in the middle of a conversation.

Screenshots at 360 and 1280 px go to ``UNSCRIPTED_SCREENSHOTS`` (default: a temporary folder;
``make screenshots`` writes them into docs/).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.bot.web.browser import launch_chromium
from tests.e2e.conftest import RasaController

pytestmark = pytest.mark.servers

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

STORY = "my partner looked at their phone the whole time I was telling them about my day"
XSS = "<img src=x onerror=alert(1)>"
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for this module."""
    with playwright_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any, web_url: str) -> Iterator[Any]:
    """A fresh browser context (its own storage) on the demo page, with the widget open."""
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(web_url)
    try:
        yield page
    finally:
        context.close()


def _log(page: Any) -> Any:
    return page.get_by_role("log")


def _bots(page: Any) -> Any:
    return page.locator(".us-msg--bot")


def _wait_reply(page: Any, before: int, expect_text: str) -> None:
    """Wait for the bot's next reply (messages after the first ``before``); it must contain
    ``expect_text`` (the replies to one message arrive together)."""
    expect(_bots(page).nth(before)).to_be_attached(timeout=WAIT_MS)
    reply = "\n".join(_bots(page).all_inner_texts()[before:])
    assert expect_text.lower() in reply.lower(), reply


def _say(page: Any, text: str, expect_text: str) -> None:
    """Type a message, send it with Enter, wait for the reply; it must contain ``expect_text``."""
    before = _bots(page).count()
    box = page.get_by_role("textbox")
    box.fill(text)
    box.press("Enter")
    _wait_reply(page, before, expect_text)


def _click(page: Any, title: str, expect_text: str) -> None:
    """Click the newest reply button with this title (any case), wait for the reply; it must
    contain ``expect_text``."""
    before = _bots(page).count()
    name = re.compile(f"^{re.escape(title)}$", re.IGNORECASE)
    page.get_by_role("button", name=name).last.click()
    _wait_reply(page, before, expect_text)


def _storage(page: Any) -> tuple[int, int]:
    return tuple(page.evaluate("() => [localStorage.length, sessionStorage.length]"))


def _shots(page: Any, name: str, default: Path) -> None:
    """Screenshots at a phone's and a desktop's width; the page never scrolls sideways."""
    folder = Path(os.environ.get("UNSCRIPTED_SCREENSHOTS") or default)
    for width, height in ((360, 740), (1280, 800)):
        page.set_viewport_size({"width": width, "height": height})
        path = folder / f"{name}-{width}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_a_whole_reframing_conversation_with_buttons_then_copy_and_reload(
    page: Any, tmp_path: Path
):
    expect(_log(page)).to_contain_text("I'm Unscripted", timeout=WAIT_MS)
    _say(page, STORY, "It sounds like")
    _click(page, "Yes, that's it", "what did you feel")
    _say(page, "ignored", "lonely")  # the coach offers feelings that often sit under "ignored"
    _click(page, "Lonely", "camera")
    _say(page, "you looked at your phone while I was telling you about my day last night",
         "need")
    _say(page, "connection", "do you feel safe with your partner")
    _click(page, "Yes, I feel safe", "something concrete")
    _say(page, "would you be willing to put the phone away when we talk at dinner?",
         "Here is your statement")

    card = page.get_by_role("region", name="Your statement")
    statement = card.locator(".us-card-text .us-text").inner_text()
    assert statement.startswith("I feel lonely when you looked at your phone")
    assert statement.endswith("put the phone away when we talk at dinner?")
    card.get_by_role("button", name=re.compile("Copy")).click()
    expect(card.get_by_role("button", name=re.compile("Copied"))).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == statement
    _shots(page, "widget", tmp_path)

    _click(page, "I'm happy with it", "Well done")
    assert _storage(page) == (0, 0)
    page.reload()
    expect(_log(page)).to_contain_text("I'm Unscripted", timeout=WAIT_MS)
    assert "lonely" not in _log(page).inner_text()
    assert _storage(page) == (0, 0)
    assert page.dialogs == []


def test_markup_is_shown_as_text_and_never_runs(page: Any):
    expect(_log(page)).to_contain_text("I'm Unscripted", timeout=WAIT_MS)
    # Any reply will do: this is about how the page shows markup, not what the model reads
    # into it (since round 3 of the script examples it names a script here, at 0.74).
    _say(page, f"he said {XSS} and walked off", "")
    expect(_log(page)).to_contain_text(XSS)
    assert page.evaluate(
        "() => document.querySelectorAll('img').length"
        " + [...document.querySelectorAll('*')].filter(e => e.shadowRoot)"
        "   .reduce((n, e) => n + e.shadowRoot.querySelectorAll('img').length, 0)"
    ) == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []


def test_the_conversation_goes_on_after_the_rasa_server_restarts(
    page: Any, rasa: RasaController
):
    expect(_log(page)).to_contain_text("I'm Unscripted", timeout=WAIT_MS)
    _say(page, STORY, "It sounds like")
    _click(page, "Yes, that's it", "what did you feel")
    rasa.stop()
    try:
        box = page.get_by_role("textbox")
        box.fill("lonely")
        box.press("Enter")
        expect(page.get_by_role("status").first).to_contain_text(
            re.compile("Reconnecting|Offline"), timeout=WAIT_MS)
        # What was typed is kept, marked as waiting to send, not lost.
        expect(page.locator(".us-msg--user.is-pending")).to_have_text(re.compile("lonely"))
    finally:
        rasa.start()
    expect(_log(page)).to_contain_text("camera", timeout=WAIT_MS * 2)  # delivered, answered
    expect(page.locator(".us-msg--user.is-pending")).to_have_count(0)
    expect(page.get_by_role("status").first).to_contain_text("Connected", timeout=WAIT_MS)
    _say(page, "you looked at your phone while I was telling you about my day last night",
         "need")
