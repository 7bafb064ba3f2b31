"""Debian's Chromium driven by Playwright, and a small page object for the chat widget.

Playwright's own browser download does not work here, so the tests use ``/usr/bin/chromium``
(``make setup`` installs it). Locators pierce the widget's open shadow root by themselves;
``evaluate`` snippets reach it through ``document.getElementById("unscripted-widget")``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SHADOW = 'document.getElementById("unscripted-widget").shadowRoot'

#: Runs before any page script: records CSP violations (the event is composed, so ones from
#: inside the shadow root reach the document too).
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
}, true);
"""


def launch_chromium(playwright: Playwright) -> Browser:
    """Start the system Chromium, or fail saying how to get it."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the widget's browser tests need Debian's Chromium. "
            "`make setup` installs it.",
            pytrace=False,
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def page_path(config: dict[str, Any] | None = None, *, raw: str | None = None,
              global_config: dict[str, Any] | None = None) -> str:
    """The demo page, or a variant of it with another widget config (see ``fake_api``)."""
    if config is None and raw is None and global_config is None:
        return "/"
    params = []
    if raw is not None or config is not None:
        params.append("config=" + quote(raw if raw is not None else json.dumps(config), safe=""))
    if global_config is not None:
        params.append("global=" + quote(json.dumps(global_config), safe=""))
    return "/page.html?" + "&".join(params)


class Widget:
    """The chat widget on one page, with what the page reported along the way."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[ConsoleMessage] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.add_init_script(RECORD_CSP)
        page.on("console", lambda message: self.console.append(message))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    # --- navigation ---------------------------------------------------------------------------

    def goto(self, path: str = "/") -> None:
        """Load a page and wait until the widget is rendered (styled and visible)."""
        self.page.goto(path)
        self.page.locator(".us-launcher").wait_for(state="attached")
        self.page.wait_for_function(f"!{SHADOW}.querySelector('.us-root').hidden")

    def reload(self) -> None:
        """Reload the page and wait for the widget again."""
        self.page.reload()
        self.page.wait_for_function(f"!{SHADOW}.querySelector('.us-root').hidden")

    # --- parts --------------------------------------------------------------------------------

    @property
    def launcher(self) -> Locator:
        return self.page.locator(".us-launcher")

    @property
    def panel(self) -> Locator:
        return self.page.locator(".us-panel")

    @property
    def log(self) -> Locator:
        return self.page.locator(".us-log")

    @property
    def input(self) -> Locator:
        return self.page.locator(".us-input")

    @property
    def status(self) -> Locator:
        return self.page.locator(".us-status-text")

    def bubbles(self, who: str) -> Locator:
        """The texts of the "user" or "bot" bubbles, statement cards included."""
        return self.page.locator(f".us-msg--{who} .us-text")

    def reply(self, title: str) -> Locator:
        return self.page.locator(".us-reply", has_text=title)

    def wait_for_greeting(self) -> None:
        self.reply("It was hard").wait_for()

    def send(self, text: str) -> None:
        """Type into the box and press Enter."""
        self.input.fill(text)
        self.input.press("Enter")

    # --- reading the page ---------------------------------------------------------------------

    def storage_lengths(self) -> tuple[int, int]:
        """(localStorage.length, sessionStorage.length)."""
        return tuple(self.page.evaluate("[localStorage.length, sessionStorage.length]"))

    def focused(self) -> str | None:
        """The class of the focused element inside the widget (None when outside it)."""
        return self.page.evaluate(f"""() => {{
            const root = {SHADOW};
            const active = root && root.activeElement;
            return active ? (active.getAttribute("class") || active.tagName) : null;
        }}""")

    def shadow_count(self, selector: str) -> int:
        return int(self.page.evaluate(f"{SHADOW}.querySelectorAll({json.dumps(selector)}).length"))

    def csp_violations(self) -> list[str]:
        """Violations seen by the page's event listener and in the console."""
        seen = list(self.page.evaluate("window.__cspViolations || []"))
        seen += [m.text for m in self.console if "Content Security Policy" in m.text]
        return seen

    def warnings(self) -> list[str]:
        return [m.text for m in self.console if m.type == "warning"]

    def wait_until(self, condition: Callable[[], bool], timeout: float = 5.0,
                   what: str = "condition") -> None:
        """Wait for something outside the page (what the fake API saw), letting the page run."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            self.page.wait_for_timeout(25)
