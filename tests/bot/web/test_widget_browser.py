"""The chat widget in a real browser (Chromium, headless) against a fake API.

One browser for the session, a fresh context (storage, permissions) per test. Every test
also checks that the page saw no CSP violation, no uncaught error and no dialog.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright

from tests.bot.web.browser import SHADOW, Widget, launch_chromium, page_path
from tests.bot.web.fake_api import STATEMENT, FakeApi, FakeServer

SESSION_SHAPE = re.compile(r"^[0-9a-f]{32}$")
CLOSED = {"open": False}


# Module scope, not session: a live sync Playwright keeps an event loop running in this
# thread, which would break every later test that calls asyncio.run().
@pytest.fixture(scope="module")
def server() -> Iterator[FakeServer]:
    """The fake API on loopback for this module."""
    running = FakeServer(FakeApi())
    running.start()
    yield running
    running.close()


@pytest.fixture
def api(server: FakeServer) -> Iterator[FakeApi]:
    """The fake API, reset, and listening again after a test that stopped it."""
    server.api.reset()
    yield server.api
    server.api.mode = "up"
    server.accept_connections()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium for this module."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser, server: FakeServer) -> Iterator[BrowserContext]:
    """A fresh browser profile (empty storage) with clipboard access for the fake's origin."""
    ctx = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 800})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    ctx.set_default_timeout(5000)
    yield ctx
    ctx.close()


@pytest.fixture
def widget(context: BrowserContext, api: FakeApi) -> Iterator[Widget]:
    """A page with the widget; afterwards, no CSP violation, no page error, no dialog."""
    page = Widget(context.new_page())
    yield page
    assert page.csp_violations() == []
    assert page.errors == []
    assert page.dialogs == []


def _contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed CSS colours ("rgb(r, g, b)")."""

    def luminance(colour: str) -> float:
        r, g, b = (int(float(x)) for x in re.findall(r"[\d.]+", colour)[:3])

        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- the conversation ---------------------------------------------------------------------------


def test_greeting_arrives_on_open_and_buttons_send_their_payload(
    widget: Widget, api: FakeApi
) -> None:
    widget.goto()  # the demo page: {"open": true}
    widget.wait_for_greeting()
    expect(widget.bubbles("bot").first).to_contain_text("Hi, I'm Unscripted")
    expect(widget.bubbles("user")).to_have_count(0)  # /greet is not shown
    assert api.texts() == ["/greet"]
    assert SESSION_SHAPE.match(api.sessions()[0])

    widget.reply("It went well").click()
    expect(widget.bubbles("user")).to_have_text(["It went well"])
    expect(widget.bubbles("bot").last).to_have_text("That's good to hear. What went well?")
    assert api.texts() == ["/greet", "/went_well"]
    assert len(api.sessions()) == 1
    expect(widget.reply("It went well")).to_be_disabled()
    expect(widget.reply("It was hard")).to_be_disabled()
    assert widget.focused() == "us-input"


def test_statement_card_shows_with_line_breaks_and_copy_puts_it_on_the_clipboard(
    widget: Widget, api: FakeApi
) -> None:
    widget.goto()
    widget.reply("It was hard").click()
    card = widget.page.locator(".us-card")
    expect(card.locator(".us-card-heading")).to_have_text("Your statement")
    text = card.locator(".us-text")
    expect(text).to_have_text(STATEMENT)
    assert text.evaluate("el => el.innerText") == STATEMENT  # the line break is kept
    assert card.locator(".us-card-text").evaluate("el => getComputedStyle(el).whiteSpace") == (
        "pre-wrap")

    copy = card.get_by_role("button", name="Copy")
    copy.click()
    expect(card.locator(".us-copy")).to_have_text("Copied")
    assert widget.page.evaluate("navigator.clipboard.readText()") == STATEMENT
    expect(widget.page.locator(".us-root > .us-sr[role=status]")).to_contain_text("copied")
    assert api.texts() == ["/greet", "/hard"]


def test_empty_text_is_not_sent_and_any_language_is(widget: Widget, api: FakeApi) -> None:
    widget.goto()
    widget.wait_for_greeting()
    widget.send("   \n  ")
    expect(widget.page.locator(".us-hint")).to_have_text(
        "Write a few words first, whenever you're ready.")
    widget.page.wait_for_timeout(200)
    assert api.texts() == ["/greet"]

    words = "Ich fühle mich 😔 allein, 我很难过, أشعر بالوحدة"
    widget.send(words)
    expect(widget.bubbles("bot").last).to_have_text(f"You said: {words}")
    expect(widget.page.locator(".us-hint")).to_be_hidden()
    assert api.texts()[-1] == words
    assert widget.input.get_attribute("maxlength") == "4000"
    widget.input.press_sequentially("x" * 10)
    widget.input.evaluate("el => { el.value = ''; }")
    widget.page.keyboard.insert_text("y" * 4100)
    assert len(widget.input.input_value()) == 4000
    expect(widget.page.locator(".us-count")).to_have_text("4000 of 4000 characters")


@pytest.mark.parametrize(("text", "note"), [
    ("!bad", "That message didn't come through right. Could you write it again?"),
    ("!forbidden", "This page isn't allowed to talk to the assistant."),
], ids=["400", "403"])
def test_a_refused_message_is_explained_and_goes_back_into_the_box(
    widget: Widget, api: FakeApi, text: str, note: str
) -> None:
    widget.goto()
    widget.wait_for_greeting()
    widget.send(text)
    expect(widget.page.locator(".us-note")).to_contain_text(note)
    expect(widget.input).to_have_value(text)
    expect(widget.bubbles("user")).to_have_count(0)
    expect(widget.status).to_have_text("Connected")


def test_typing_indicator_while_waiting_without_motion_when_asked(
    widget: Widget, api: FakeApi
) -> None:
    widget.page.emulate_media(reduced_motion="reduce")
    widget.goto()
    widget.wait_for_greeting()
    widget.send("!slow")
    typing = widget.page.locator(".us-log .us-typing")
    expect(typing).to_be_visible()
    expect(typing.locator(".us-sr")).to_have_text("Unscripted is typing…")
    assert typing.locator(".us-typing-dot").first.evaluate(
        "el => getComputedStyle(el).animationName") == "none"
    expect(widget.bubbles("bot").last).to_have_text("You said: !slow")
    expect(typing).to_have_count(0)


def test_a_message_typed_while_waiting_comes_after_the_reply_it_did_not_wait_for(
    widget: Widget, api: FakeApi
) -> None:
    widget.goto()
    widget.wait_for_greeting()
    widget.send("!slow")
    widget.send("and another thing")  # typed before the slow reply arrived
    expect(widget.bubbles("bot").last).to_have_text("You said: and another thing")
    texts = widget.page.locator(".us-msg .us-text").all_inner_texts()
    assert texts[-4:] == ["!slow", "You said: !slow", "and another thing",
                          "You said: and another thing"]


def test_a_long_conversation_scrolls_the_log_never_the_panel(widget: Widget, api: FakeApi) -> None:
    """Visually hidden labels sit inside the log, so focus on a button deep in a long
    conversation cannot scroll the panel itself and push the header out of sight."""
    widget.goto()
    widget.wait_for_greeting()
    for n in range(12):
        widget.send(f"message number {n} " + "with a few more words " * 4)
        expect(widget.bubbles("bot").last).to_contain_text(f"message number {n}")
    widget.send("/hard")
    widget.reply("I'm happy with it").click()
    expect(widget.bubbles("bot").last).to_have_text("You said: /affirm")
    panel = widget.page.evaluate(
        f"(() => {{ const p = {SHADOW}.querySelector('.us-panel');"
        " return [p.scrollTop, p.scrollHeight, p.clientHeight]; })()")
    assert panel[0] == 0 and panel[1] == panel[2], panel
    header = widget.page.locator(".us-header").bounding_box()
    box = widget.page.locator(".us-panel").bounding_box()
    assert header is not None and box is not None and header["y"] >= box["y"]


def test_markup_is_shown_as_text_never_run(widget: Widget, api: FakeApi) -> None:
    markup = "<img src=x onerror=alert(1)>"
    widget.goto()
    widget.wait_for_greeting()
    widget.send(markup)
    expect(widget.bubbles("user")).to_have_text([markup])
    expect(widget.bubbles("bot").last).to_have_text(f"You said: {markup}")  # echoed by the API
    widget.page.wait_for_timeout(300)  # time for an onerror to fire, if an <img> existed
    assert widget.shadow_count("img") == 0
    assert widget.page.evaluate("document.images.length") == 0
    assert widget.dialogs == []


# --- privacy and persistence --------------------------------------------------------------------


def test_by_default_nothing_is_stored_and_a_reload_starts_afresh(
    widget: Widget, api: FakeApi
) -> None:
    widget.goto()
    widget.reply("It went well").click()
    widget.send("We talked about the holidays.")
    expect(widget.bubbles("bot").last).to_have_text("You said: We talked about the holidays.")
    assert widget.storage_lengths() == (0, 0)
    assert widget.page.evaluate("document.cookie") == ""
    first = api.sessions()
    assert len(first) == 1
    expect(widget.page.locator(".us-notice")).to_have_count(0)

    widget.reload()
    widget.wait_for_greeting()
    expect(widget.bubbles("user")).to_have_count(0)
    expect(widget.bubbles("bot")).to_have_count(2)  # just the new greeting
    assert widget.storage_lengths() == (0, 0)
    sessions = api.sessions()
    assert len(sessions) == 2 and sessions[0] == first[0]
    assert api.received[-1] == (sessions[1], "/greet")


@pytest.mark.parametrize(("persist", "notice", "lengths"), [
    ("tab", "kept in this browser tab", (0, 1)),
    ("device", "kept on this device until you clear it", (1, 0)),
], ids=["tab", "device"])
def test_persist_keeps_the_conversation_across_a_reload(
    widget: Widget, api: FakeApi, persist: str, notice: str, lengths: tuple[int, int]
) -> None:
    widget.goto(page_path({"persist": persist, "open": True}))
    expect(widget.page.locator(".us-notice")).to_contain_text(notice)
    widget.reply("It was hard").click()
    expect(widget.page.locator(".us-card")).to_be_visible()
    assert widget.storage_lengths() == lengths

    widget.reload()
    expect(widget.status).to_have_text("Connected")  # checked with /api/health, no new greeting
    expect(widget.bubbles("user")).to_have_text(["It was hard"])
    expect(widget.page.locator(".us-card .us-text")).to_have_text(STATEMENT)
    expect(widget.reply("It was hard")).to_be_disabled()
    widget.send("Thank you")
    expect(widget.bubbles("bot").last).to_have_text("You said: Thank you")
    assert api.texts() == ["/greet", "/hard", "Thank you"]  # no second greeting
    assert len(api.sessions()) == 1


def test_clear_conversation_forgets_it_on_the_server_and_starts_again(
    widget: Widget, api: FakeApi
) -> None:
    widget.goto()
    widget.send("Something private")
    expect(widget.bubbles("bot").last).to_have_text("You said: Something private")
    old = api.sessions()[0]

    clear = widget.page.get_by_role("button", name="Clear conversation")
    clear.click()
    confirm = widget.page.locator(".us-confirm")
    expect(confirm).to_be_visible()
    assert widget.focused() == "us-cbtn"  # "Keep it": the safe choice has focus
    widget.page.keyboard.press("Escape")  # steps back out of the question, panel stays open
    expect(confirm).to_be_hidden()
    expect(widget.panel).to_be_visible()
    assert widget.focused() == "us-hbtn"
    clear.click()
    assert api.forgotten == []  # nothing happens before the second step
    confirm.get_by_role("button", name="Yes, clear it").click()

    widget.wait_until(lambda: len(api.sessions()) == 2, what="a greeting in a new session")
    assert api.forgotten == [old]
    new = api.sessions()[1]
    assert new != old and SESSION_SHAPE.match(new)
    assert api.received[-1] == (new, "/greet")
    widget.wait_for_greeting()
    expect(widget.page.get_by_text("Something private")).to_have_count(0)
    expect(widget.bubbles("user")).to_have_count(0)
    expect(confirm).to_be_hidden()
    expect(widget.page.locator(".us-root > .us-sr[role=status]")).to_have_text(
        "Conversation cleared")
    assert widget.storage_lengths() == (0, 0)


def test_when_forget_fails_the_conversation_is_kept_and_it_says_so(
    widget: Widget, api: FakeApi
) -> None:
    widget.goto()
    widget.send("Keep me")
    expect(widget.bubbles("bot").last).to_have_text("You said: Keep me")
    api.mode = "503"
    widget.page.get_by_role("button", name="Clear conversation").click()
    widget.page.get_by_role("button", name="Yes, clear it").click()
    expect(widget.page.locator(".us-note")).to_contain_text("couldn't delete")
    expect(widget.bubbles("user")).to_have_text(["Keep me"])
    assert api.forgotten == []
    api.mode = "up"
    widget.send("Still here")
    expect(widget.bubbles("bot").last).to_have_text("You said: Still here")
    assert len(api.sessions()) == 1  # same conversation


# --- the server going away ----------------------------------------------------------------------


@pytest.mark.parametrize("outage", ["503", "refused"])
def test_messages_wait_while_the_server_is_away_and_go_in_order_when_it_is_back(
    widget: Widget, api: FakeApi, server: FakeServer, outage: str
) -> None:
    widget.goto()
    widget.wait_for_greeting()
    expect(widget.status).to_have_text("Connected")
    if outage == "503":
        api.mode = "503"
    else:
        server.refuse_connections()

    widget.send("Are you still there?")
    expect(widget.status).to_have_text("Reconnecting…")
    expect(widget.bubbles("user")).to_have_text(["Are you still there?"])
    expect(widget.page.locator(".is-pending .us-pending")).to_be_visible()
    expect(widget.input).to_have_value("")
    widget.send("And one more thing")  # typed while away: queued behind the first
    expect(widget.bubbles("user")).to_have_count(2)

    if outage == "503":
        api.mode = "up"
    else:
        server.accept_connections()
    expect(widget.status).to_have_text("Connected", timeout=8000)
    expect(widget.bubbles("bot").last).to_have_text("You said: And one more thing")
    assert api.texts() == ["/greet", "Are you still there?", "And one more thing"]
    assert len(api.sessions()) == 1
    if outage == "503":
        assert api.refused[0][1] == "Are you still there?" and api.health_checks >= 1
    expect(widget.page.locator(".is-pending")).to_have_count(0)

    widget.send("Good, you're back")  # and the conversation goes on
    expect(widget.bubbles("bot").last).to_have_text("You said: Good, you're back")


def test_health_checks_back_off_and_the_state_says_offline(widget: Widget, api: FakeApi) -> None:
    widget.page.clock.install()
    widget.goto()
    widget.wait_for_greeting()
    widget.page.clock.pause_at(datetime.now() + timedelta(seconds=5))  # time moves only when told
    api.mode = "503"
    widget.send("Hello?")
    expect(widget.status).to_have_text("Reconnecting…")
    checks = []
    for step in (999, 1, 2000, 4000, 5000):  # checks at about 1 s, 3 s, 7 s, 12 s
        widget.page.clock.run_for(step)
        widget.page.wait_for_timeout(150)  # the real fetch to the fake API
        checks.append(api.health_checks)
    assert checks == [0, 1, 2, 3, 4]
    expect(widget.status).to_have_text("Offline, will retry")
    api.mode = "up"
    widget.page.clock.run_for(5000)
    expect(widget.bubbles("bot").last).to_have_text("You said: Hello?")
    expect(widget.status).to_have_text("Connected")


# --- accessibility, CSP, colour, layout ---------------------------------------------------------


def test_keyboard_alone_opens_uses_and_closes_the_widget(widget: Widget, api: FakeApi) -> None:
    widget.goto(page_path(CLOSED))
    keyboard = widget.page.keyboard
    expect(widget.panel).to_be_hidden()
    assert api.texts() == []  # nothing is sent before the person opens the chat
    assert widget.launcher.get_attribute("aria-controls") == "us-panel"
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")

    keyboard.press("Tab")
    assert widget.focused() == "us-launcher"
    keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    assert widget.focused() == "us-input"
    widget.wait_for_greeting()
    expect(widget.log).to_have_attribute("role", "log")
    expect(widget.log).to_have_attribute("aria-live", "polite")
    expect(widget.page.locator(".us-status")).to_have_attribute("aria-live", "polite")
    expect(widget.page.get_by_label("Your message")).to_have_count(1)

    # Backwards from the text box: reply buttons, the transcript, then the header controls.
    order = []
    for _ in range(5):
        keyboard.press("Shift+Tab")
        order.append(widget.focused())
    assert order == ["us-reply", "us-reply", "us-log", "us-hbtn us-hbtn--icon", "us-hbtn"]
    for _ in range(3):
        keyboard.press("Tab")
    assert widget.page.evaluate(f"{SHADOW}.activeElement.textContent") == "It went well"
    keyboard.press("Tab")
    keyboard.press("Enter")  # "It was hard"
    widget.wait_until(lambda: "/hard" in api.texts(), what="/hard")
    assert widget.focused() == "us-input"

    keyboard.type("First line")
    keyboard.press("Shift+Enter")
    keyboard.type("second line")
    keyboard.press("Enter")
    widget.wait_until(lambda: api.texts()[-1:] == ["First line\nsecond line"], what="two lines")
    keyboard.press("Tab")
    assert widget.focused() == "us-send"

    keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")
    assert widget.focused() == "us-launcher"


def test_the_page_and_widget_keep_to_the_strict_csp(widget: Widget, api: FakeApi) -> None:
    widget.goto()
    widget.reply("It was hard").click()
    widget.page.locator(".us-copy").click()
    widget.send("A longer message\nover two lines to grow the box")
    expect(widget.bubbles("bot").last).to_contain_text("over two lines")
    assert widget.csp_violations() == []
    headers = widget.page.request.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]


def test_the_csp_check_does_notice_a_violation(context: BrowserContext, api: FakeApi) -> None:
    """The canary: a page that breaks the CSP must show up as violations."""
    canary = Widget(context.new_page())
    canary.page.goto("/canary.html")
    canary.wait_until(lambda: len(canary.csp_violations()) >= 2, what="the canary's violations")


@pytest.mark.parametrize("accent", ["#ffe680", "#777777", "#5b3cc4", "hotpink", None])
def test_text_on_the_accent_colour_has_enough_contrast(widget: Widget, api: FakeApi,
                                                       accent: str | None) -> None:
    config = {"open": True} if accent is None else {"open": True, "accent": accent}
    widget.goto(page_path(config))
    widget.send("hello")
    expect(widget.bubbles("user")).to_have_count(1)
    for selector in (".us-header", ".us-send", ".us-msg--user .us-bubble"):
        colours = widget.page.locator(selector).evaluate(
            "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
        assert _contrast(*colours) >= 4.5, (selector, colours)
    reply_colour = widget.reply("It was hard").evaluate("el => getComputedStyle(el).color")
    assert _contrast(reply_colour, "rgb(255, 255, 255)") >= 4.5
    if accent == "#ffe680":  # light: dark text on the accent itself
        header = widget.page.locator(".us-header")
        assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 230, 128)"
        assert _contrast(header.evaluate("el => getComputedStyle(el).color"), "rgb(0,0,0)") < 1.5


def test_config_from_the_global_object_and_data_config_which_wins(
    widget: Widget, api: FakeApi
) -> None:
    widget.goto(page_path({"title": "From the tag", "open": True},
                          global_config={"title": "From the page", "accent": "#ffe680",
                                         "lang": "de", "strings": {"send": "Senden"}}))
    expect(widget.page.locator(".us-title")).to_have_text("From the tag")
    expect(widget.page.locator(".us-send")).to_have_text("Senden")
    assert widget.page.locator(".us-header").evaluate(
        "el => getComputedStyle(el).backgroundColor") == "rgb(255, 230, 128)"
    assert widget.page.evaluate(
        'document.getElementById("unscripted-widget").getAttribute("lang")') == "de"


def test_bad_json_config_warns_and_falls_back_to_the_defaults(
    widget: Widget, api: FakeApi
) -> None:
    widget.goto(page_path(raw='{"title": "Oops", open: true'))
    expect(widget.launcher).to_be_visible()
    expect(widget.panel).to_be_hidden()  # the default: closed, a launcher
    assert any("not valid JSON" in text for text in widget.warnings())
    widget.launcher.click()
    expect(widget.page.locator(".us-title")).to_have_text("Unscripted")
    widget.wait_for_greeting()


def test_bad_config_values_are_ignored_one_by_one(widget: Widget, api: FakeApi) -> None:
    widget.goto(page_path({"open": True, "title": "Ours", "accent": "not a colour",
                           "persist": "forever", "server": "javascript:alert(1)", "colour": 1}))
    expect(widget.page.locator(".us-title")).to_have_text("Ours")  # the good key is kept
    widget.wait_for_greeting()  # the default server: the script's own origin
    assert widget.page.locator(".us-header").evaluate(
        "el => getComputedStyle(el).backgroundColor") == "rgb(91, 60, 196)"  # default accent
    assert widget.storage_lengths() == (0, 0)  # default persist: nothing stored
    warnings = " ".join(widget.warnings())
    for key in ("accent", "persist", "server", '"colour"'):
        assert key in warnings


def test_on_a_phone_the_panel_fills_the_screen_without_sideways_scrolling(
    widget: Widget, api: FakeApi
) -> None:
    widget.page.set_viewport_size({"width": 360, "height": 740})
    widget.goto()
    widget.reply("It was hard").click()
    widget.send("averyveryverylongwordwithoutanyspaces" * 8)
    expect(widget.bubbles("bot").last).to_contain_text("averyvery")
    widget.panel.evaluate("el => Promise.all(el.getAnimations().map(a => a.finished))")
    box = widget.panel.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740
    assert round(box["width"]) == 360
    assert widget.page.evaluate("document.documentElement.scrollWidth") <= 360
    assert widget.log.evaluate("el => el.scrollWidth <= el.clientWidth")
    # The newest message is in view: the transcript is scrolled to the end.
    assert widget.log.evaluate("el => el.scrollHeight > el.clientHeight")
    widget.page.wait_for_function(f"""() => {{  // (it scrolls smoothly)
        const log = {SHADOW}.querySelector(".us-log");
        return log.scrollHeight - log.scrollTop - log.clientHeight < 2;
    }}""")


def test_on_a_desktop_the_panel_sits_in_the_bottom_right_corner(
    widget: Widget, api: FakeApi
) -> None:
    widget.goto()
    widget.wait_for_greeting()
    widget.panel.evaluate("el => Promise.all(el.getAnimations().map(a => a.finished))")
    box = widget.panel.bounding_box()
    assert box is not None
    assert round(box["width"]) == 380 and 560 <= round(box["height"]) <= 600
    assert 1280 - 40 <= box["x"] + box["width"] <= 1280
    assert box["y"] + box["height"] <= 800
    assert widget.page.evaluate("document.documentElement.scrollWidth") <= 1280
