"""The medcorridor command as a person runs it: real processes, real exit codes and messages."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

CLI = str(Path(sys.executable).parent / "medcorridor")


def test_help_lists_the_commands():
    result = subprocess.run([CLI, "help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    for command in ("serve", "demo", "directory", "users", "i18n"):
        assert command in result.stdout


def test_import_of_a_bad_file_fails_with_row_messages(db, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("name_en,name_ru,country,city\nClinic,Клиника,QQ,Town\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("directory", "import", str(bad))
    assert "row 2, country" in capsys.readouterr().err


def test_import_of_a_missing_file(db):
    with pytest.raises(CommandError, match="No such file"):
        call_command("directory", "import", "/nonexistent.csv")


def test_users_create_checks_its_input(personas):
    with pytest.raises(CommandError, match="No single organisation"):
        call_command(
            "users",
            "create",
            "new.user",
            "--organisation",
            "Nowhere",
            "--role",
            "analyst",
            "--password",
            "a-long-password-2026",
        )
    call_command(
        "users",
        "create",
        "new.user",
        "--organisation",
        "Ministry of Health of Mongolia",
        "--role",
        "analyst",
        "--password",
        "a-long-password-2026",
    )
    with pytest.raises(CommandError, match="new.user"):
        call_command(
            "users",
            "create",
            "new.user",
            "--organisation",
            "Ministry of Health of Mongolia",
            "--role",
            "analyst",
            "--password",
            "a-long-password-2026",
        )


def test_demo_load_is_skipped_on_a_database_with_data(personas, capsys):
    call_command("demo", "load", "--if-empty")
    assert "not loaded" in capsys.readouterr().out


def test_demo_load_refuses_a_second_load_and_changes_nothing(db):
    from django.core.management import CommandError

    from medcorridor.accounts.models import Organisation

    Organisation.objects.create(kind="ministry", name_en="Demo ministry", name_ru="Демо", country_id="MN", is_demo=True)
    before = Organisation.objects.count()
    with pytest.raises(CommandError, match="already loaded"):
        call_command("demo", "load")
    assert Organisation.objects.count() == before


def test_kpd_solve_says_when_the_pool_file_is_missing(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no such file"):
        call_command("kpd", "solve", str(tmp_path / "pool.json"))
