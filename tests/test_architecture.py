"""The layout rules of docs/architecture.md, checked: import-linter contracts, ruff and its formatting."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_linter_contracts_hold():
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_ruff_is_clean():
    result = run(str(BIN / "ruff"), "check", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted():
    result = run(str(BIN / "ruff"), "format", "--check", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_domain_has_migrations_in_sync():
    result = run(str(BIN / "medcorridor"), "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
