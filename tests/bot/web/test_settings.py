"""The web server's settings: origins, port, timeout and Rasa's address, with clear errors."""

from __future__ import annotations

import pytest

from bot.web.settings import load, normalise_origin


def test_defaults_serve_the_demo_page_locally():
    settings = load({})
    assert (settings.host, settings.port, settings.rasa_url) == (
        "127.0.0.1", 8080, "http://127.0.0.1:5005")
    assert settings.origins == frozenset()
    assert settings.allowed_origins == {"http://127.0.0.1:8080", "http://localhost:8080"}


def test_listed_origins_are_normalised_and_added():
    settings = load({"UNSCRIPTED_WEB_ORIGINS": " https://Example.org/ ,http://blog.test:8000,,",
                     "UNSCRIPTED_WEB_PORT": "9000"})
    assert settings.origins == {"https://example.org", "http://blog.test:8000"}
    assert "http://localhost:9000" in settings.allowed_origins


@pytest.mark.parametrize("raw", ["example.org", "ftp://example.org", "https://example.org/page",
                                 "https://user@example.org", "https://"])
def test_something_that_is_not_an_origin_is_refused(raw):
    with pytest.raises(ValueError):
        normalise_origin(raw)
    with pytest.raises(SystemExit, match="UNSCRIPTED_WEB_ORIGINS must list origins"):
        load({"UNSCRIPTED_WEB_ORIGINS": raw})


@pytest.mark.parametrize("env, words", [
    ({"UNSCRIPTED_WEB_PORT": "eighty"}, "UNSCRIPTED_WEB_PORT must be a port"),
    ({"UNSCRIPTED_WEB_PORT": "70000"}, "UNSCRIPTED_WEB_PORT must be a port"),
    ({"UNSCRIPTED_WEB_RASA_TIMEOUT": "soon"}, "UNSCRIPTED_WEB_RASA_TIMEOUT must be"),
    ({"UNSCRIPTED_WEB_RASA_TIMEOUT": "0"}, "UNSCRIPTED_WEB_RASA_TIMEOUT must be"),
])
def test_wrong_numbers_stop_with_a_clear_message(env, words):
    with pytest.raises(SystemExit, match=words):
        load(env)


def test_the_rasa_address_comes_from_the_flag_then_the_variable():
    env = {"UNSCRIPTED_WEB_RASA_URL": "http://10.0.0.5:5005/"}
    assert load(env).rasa_url == "http://10.0.0.5:5005"
    assert load(env, rasa_url="http://other:1").rasa_url == "http://other:1"
