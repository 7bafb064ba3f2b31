"""The bridge's settings: the token only from the environment, a clear error without it,
and secrets never shown."""

from __future__ import annotations

import pytest

from bot.telegram.settings import DEFAULT_API_URL, DEFAULT_TIMEOUT, load

TOKEN = "123456789:AAHsecretsecretsecretsecret_-xyz"
SECRET = "s3cret-value_0123456789"


def test_a_missing_token_is_a_clear_error_that_says_where_to_get_one():
    for env in ({}, {"TELEGRAM_BOT_TOKEN": "   "}):
        with pytest.raises(SystemExit) as exc:
            load(env)
        message = str(exc.value)
        assert "TELEGRAM_BOT_TOKEN is not set" in message and "@BotFather" in message


def test_a_malformed_token_is_refused_without_showing_it():
    with pytest.raises(SystemExit) as exc:
        load({"TELEGRAM_BOT_TOKEN": "not-a-token-but-a-password"})
    assert "does not look like a bot token" in str(exc.value)
    assert "not-a-token-but-a-password" not in str(exc.value)


def test_defaults_for_polling():
    settings = load({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.token == TOKEN
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert (settings.host, settings.port) == ("127.0.0.1", 8081)
    assert settings.rasa_timeout == DEFAULT_TIMEOUT
    assert settings.api_base_url == DEFAULT_API_URL
    assert settings.webhook_secret is None and settings.webhook_url is None


def test_secrets_never_appear_in_the_repr():
    settings = load({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": SECRET,
                     "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram"}, webhook=True)
    assert TOKEN not in repr(settings) and SECRET not in repr(settings)
    assert settings.secrets == (TOKEN, SECRET)


def test_the_rasa_url_comes_from_the_flag_then_the_variable_then_the_rasa_port():
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "UNSCRIPTED_RASA_PORT": "5999"}
    assert load(env).rasa_url == "http://127.0.0.1:5999"
    env["TELEGRAM_RASA_URL"] = "http://10.0.0.5:5005/"
    assert load(env).rasa_url == "http://10.0.0.5:5005"
    assert load(env, rasa_url="http://rasa:5005").rasa_url == "http://rasa:5005"


@pytest.mark.parametrize(("env", "says"), [
    ({}, "needs TELEGRAM_WEBHOOK_SECRET"),
    ({"TELEGRAM_WEBHOOK_SECRET": SECRET}, "needs TELEGRAM_WEBHOOK_URL"),
    ({"TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_WEBHOOK_URL": "http://plain.example.org"},
     "https://"),
    ({"TELEGRAM_WEBHOOK_SECRET": "short", "TELEGRAM_WEBHOOK_URL": "https://x.org/telegram"},
     "16 to 256"),
    ({"TELEGRAM_WEBHOOK_SECRET": "has spaces in it, not allowed",
      "TELEGRAM_WEBHOOK_URL": "https://x.org/telegram"}, "16 to 256"),
])
def test_webhook_mode_needs_a_good_secret_and_an_https_url(env, says):
    with pytest.raises(SystemExit, match=says):
        load({"TELEGRAM_BOT_TOKEN": TOKEN, **env}, webhook=True)


def test_polling_mode_does_not_need_the_webhook_settings():
    assert load({"TELEGRAM_BOT_TOKEN": TOKEN}, webhook=False).webhook_secret is None


@pytest.mark.parametrize(("name", "value", "says"), [
    ("TELEGRAM_BRIDGE_PORT", "http", "port number"),
    ("TELEGRAM_BRIDGE_PORT", "70000", "port number"),
    ("TELEGRAM_RASA_TIMEOUT", "soon", "number of seconds"),
    ("TELEGRAM_RASA_TIMEOUT", "0", "above 0 and at most 300"),
])
def test_bad_numbers_are_clear_errors(name, value, says):
    with pytest.raises(SystemExit, match=says):
        load({"TELEGRAM_BOT_TOKEN": TOKEN, name: value})


def test_numbers_are_read():
    settings = load({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BRIDGE_PORT": "9000",
                     "TELEGRAM_RASA_TIMEOUT": "2.5", "TELEGRAM_BRIDGE_HOST": "0.0.0.0"})
    assert (settings.port, settings.rasa_timeout, settings.host) == (9000, 2.5, "0.0.0.0")
