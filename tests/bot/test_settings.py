"""Settings come from the environment, with safe defaults and clear errors."""

import pytest

from bot import paths
from bot.settings import default_db_url, load


def test_defaults_use_a_sqlite_file_and_standard_ports():
    settings = load({})
    assert settings.db_url == default_db_url()
    assert settings.db_url.startswith("sqlite:///") and str(paths.VAR) in settings.db_url
    assert (settings.rasa_port, settings.actions_port) == (5005, 5055)
    assert settings.actions_url == "http://127.0.0.1:5055/webhook"


def test_postgres_url_and_ports_from_the_environment():
    settings = load({
        "UNSCRIPTED_DB_URL": "postgresql://u@127.0.0.1:5432/test",
        "UNSCRIPTED_RASA_PORT": "6005",
        "UNSCRIPTED_ACTIONS_PORT": "6055",
    })
    assert settings.db_url == "postgresql://u@127.0.0.1:5432/test"
    env = settings.child_env({})
    assert env["UNSCRIPTED_DB_URL"] == "postgresql://u@127.0.0.1:5432/test"
    assert env["UNSCRIPTED_ACTIONS_URL"] == "http://127.0.0.1:6055/webhook"
    assert settings.rasa_url == "http://127.0.0.1:6005"


@pytest.mark.parametrize("bad", ["abc", "0", "70000"])
def test_a_bad_port_fails_fast_with_a_clear_message(bad):
    with pytest.raises(SystemExit, match="UNSCRIPTED_RASA_PORT"):
        load({"UNSCRIPTED_RASA_PORT": bad})
