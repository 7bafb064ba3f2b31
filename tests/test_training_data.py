"""The domain, NLU data, stories and rules pass `rasa data validate --fail-on-warning`."""

import subprocess

from bot import paths, servers, settings


def test_rasa_data_validate_has_no_warnings():
    result = subprocess.run(
        servers.rasa_command("data", "validate", *paths.data_args(), "--fail-on-warning"),
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=settings.load().child_env(),
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
