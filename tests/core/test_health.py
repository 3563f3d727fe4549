import subprocess
import sys

import pytest


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_when_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


@pytest.mark.django_db
def test_readyz_reports_pending_migrations(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)])
    response = client.get("/readyz")
    assert response.status_code == 503


def _production_env(tmp_path):
    """What a production server sets: its secret, its host, and a real SMS gateway (the console
    backends are refused in production, peygir.E014; docs/operations.md, «Messages in production»)."""
    return {
        "PEYGIR_PRODUCTION": "1",
        "SECRET_KEY": "x" * 30 + "production-secret-key-0123456789-abcdef",
        "ALLOWED_HOSTS": "peygir.example.ir",
        "PEYGIR_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "SMS_BACKEND": "peygir.notifications.gateways.KavenegarSmsBackend",
        "SMS_API_KEY": "production-gateway-key",
        "SMS_SENDER": "10004346",
    }


def _check_deploy(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _check_deploy(_production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_an_sms_gateway_refuses_to_start(tmp_path):
    env = _production_env(tmp_path)
    del env["SMS_BACKEND"]  # the default, the console backend, would print citizens' codes
    result = _check_deploy(env)
    assert result.returncode != 0
    assert "SMS_BACKEND" in result.stderr


def test_production_refuses_the_demo_secret_key(tmp_path):
    env = {"PEYGIR_PRODUCTION": "1", "PEYGIR_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
