import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def test_peygir_console_command_wraps_management_commands():
    result = subprocess.run([str(BIN / "peygir"), "help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for command in ("actions", "migrate"):
        assert command in result.stdout
