"""The package ships `py.typed`: its annotations must hold, so mypy runs as part of the suite."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO


def test_mypy_finds_no_type_errors_in_macros() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "macros"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
