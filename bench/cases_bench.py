"""Referral cases at scale: case list and case page latency (p50/p99) and SQL queries per request,
transitions per second, each beside the bare SQL for the same data.

    python bench/cases_bench.py --quick              # 10,000 cases, 100,000 events, SQLite and PostgreSQL
    python bench/cases_bench.py --cases 1000000      # the 1M cases / 10M events target (long)
    python bench/cases_bench.py --db sqlite --cases 100000

Data is generated with bulk inserts (executemany in large batches; COPY on PostgreSQL) into a scratch
database (SQLite file under /tmp, PostgreSQL database ``medcorridor_bench_cases``), seeded, so runs are
reproducible. Each database runs in its own subprocess (Django settings are per process).
Results: ``bench/results/cases-<db>-<n>.json``; the figures are written up in ``bench/cases.md``.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG_URL = "postgres://postgres@127.0.0.1:5432/medcorridor_bench_cases"
SAMPLES = 200
STATUSES = ["intake", "opinions", "funding", "travel", "in_treatment", "follow_up", "closed", "cancelled"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(function, samples: int = SAMPLES) -> list[float]:
    out = []
    for _ in range(samples):
        start = time.perf_counter()
        function()
        out.append((time.perf_counter() - start) * 1000)
    return out


def stats(values: list[float]) -> dict:
    return {"p50_ms": round(statistics.median(values), 3), "p99_ms": round(percentile(values, 0.99), 3)}


# --- child: one database --------------------------------------------------------------------------


def setup_django(db: str, n: int):
    if db == "postgres":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS medcorridor_bench_cases")
            conn.execute("CREATE DATABASE medcorridor_bench_cases")
        os.environ["DATABASE_URL"] = PG_URL
    else:
        path = Path(f"/tmp/medcorridor-bench-cases-{n}.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medcorridor.config.settings")
    os.environ["MEDCORRIDOR_DATA_DIR"] = "/tmp/medcorridor-bench-data"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def world():
    from medcorridor.accounts.enums import OrganisationKind, Role
    from medcorridor.accounts.models import Membership, Organisation, User
    from medcorridor.providers.models import Facility

    ministry = Organisation.objects.create(
        kind=OrganisationKind.MINISTRY, name_en="MoH MN", name_ru="МЗ МН", country_id="MN"
    )
    clinic = Organisation.objects.create(
        kind=OrganisationKind.CLINIC, name_en="Clinic KR", name_ru="Клиника", country_id="KR"
    )
    coordinator = User.objects.create_user("bench.coordinator", password="x")
    Membership.objects.create(user=coordinator, organisation=ministry, role=Role.NATIONAL_COORDINATOR)
    facility = Facility.objects.create(
        organisation=clinic, name_en="Clinic KR", name_ru="Клиника", country_id="KR", city="Seoul"
    )
    return ministry, clinic, coordinator, facility


def generate(n: int, events_per_case: int, ministry, coordinator) -> float:
    """Patients, cases and events with bulk inserts. Returns seconds spent."""
    from django.db import connection

    rng = random.Random(2026)
    now = datetime(2026, 11, 23, tzinfo=UTC)
    icd = ["C50", "C18", "I25", "N18", "M51", "K74", "C16", "C34", "I35", "C73"]
    start = time.perf_counter()
    batch = 20_000
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for first in range(1, n + 1, batch):
            ids = range(first, min(n, first + batch - 1) + 1)
            patients, cases, events = [], [], []
            for i in ids:
                created = now - timedelta(minutes=i)
                patients.append(
                    (
                        i,
                        uuid.UUID(int=rng.getrandbits(128)).hex,
                        created,
                        created,
                        f"Фамилия{i}",
                        "Имя",
                        f"FAMILY{i}",
                        "GIVEN",
                        date(1970, 1, 1) + timedelta(days=i % 15000),
                        "female",
                        "MN",
                        "",
                        ministry.pk,
                        None,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        None,
                    )
                )
                status = STATUSES[i % len(STATUSES)]
                deadline = (now.date() + timedelta(days=(i % 40) - 20)) if status in ("opinions", "funding") else None
                cases.append(
                    (
                        i,
                        uuid.UUID(int=rng.getrandbits(128)).hex,
                        created,
                        created,
                        f"MN-2026-{i:07d}",
                        i,
                        ministry.pk,
                        coordinator.pk,
                        status,
                        "",
                        1,
                        created,
                        icd[i % len(icd)],
                        "",
                        "",
                        "routine",
                        "",
                        "",
                        "",
                        "",
                        deadline,
                    )
                )
                for k in range(events_per_case):
                    events.append(
                        (i, created + timedelta(seconds=k), coordinator.pk, "note", status, status, f"Event {k}", "{}")
                    )
            _insert(
                cursor,
                vendor,
                "cases_patient",
                "id, public_id, created_at, updated_at, family_name, given_name, family_name_latin, "
                "given_name_latin, birth_date, gender, citizenship_id, passport_number, managing_organisation_id, "
                "passport_expiry, phone, email, address, contact_name, contact_relationship, contact_phone, "
                "void_reason, voided_at",
                patients,
            )
            _insert(
                cursor,
                vendor,
                "cases_referralcase",
                "id, public_id, created_at, updated_at, reference, patient_id, owner_organisation_id, "
                "coordinator_id, status, held_from, version, status_changed_at, condition_code_id, "
                "condition_note, requested_procedure, priority, requester_organisation, "
                "requester_practitioner, consent_scope, consent_note, next_deadline",
                cases,
            )
            _insert(
                cursor,
                vendor,
                "cases_caseevent",
                "case_id, occurred_at, actor_id, action, from_status, to_status, summary, data",
                events,
            )
            print(f"  {min(n, first + batch - 1):,} cases", end="\r", file=sys.stderr, flush=True)
        # closure_reason has a default in the model only: fill the NOT NULL text columns in one statement.
        if vendor == "postgresql":
            for table in ("cases_patient", "cases_referralcase"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {n})")
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
    print(file=sys.stderr)
    return time.perf_counter() - start


def _insert(cursor, vendor, table, columns, rows):
    names = [c.strip() for c in columns.split(",")]
    if table == "cases_referralcase":
        names.append("closure_reason")
        rows = [(*row, "") for row in rows]
    if vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(names))
        cursor.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)


def measure(n: int, events_per_case: int, db: str) -> dict:
    from django.db import connection, transaction
    from django.test import Client

    from medcorridor.cases import services
    from medcorridor.cases.models import ReferralCase

    ministry, clinic, coordinator, facility = world()
    generated = generate(n, events_per_case, ministry, coordinator)
    client = Client()
    client.force_login(coordinator)
    rng = random.Random(7)
    sample_ids = [rng.randint(1, n) for _ in range(SAMPLES)]
    public = dict(ReferralCase.objects.filter(pk__in=sample_ids).values_list("pk", "public_id"))

    def list_view():
        response = client.get("/cases/", {"page": rng.randint(1, 20)})
        assert response.status_code == 200

    def page_view():
        response = client.get(f"/cases/{public[rng.choice(sample_ids)]}/")
        assert response.status_code == 200

    def bare_list():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.id, c.reference, c.status, c.priority, c.next_deadline, p.family_name, p.given_name, "
                "p.family_name_latin, i.code, i.title_ru FROM cases_referralcase c "
                "JOIN cases_patient p ON p.id = c.patient_id JOIN core_icdcode i ON i.code = c.condition_code_id "
                "WHERE c.owner_organisation_id = %s ORDER BY c.created_at DESC, c.id DESC LIMIT 51 OFFSET %s",
                [ministry.pk, 50 * rng.randint(0, 19)],
            )
            cursor.fetchall()

    def bare_page():
        case_id = rng.choice(sample_ids)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.*, p.* FROM cases_referralcase c JOIN cases_patient p ON p.id = c.patient_id WHERE c.id = %s",
                [case_id],
            )
            cursor.fetchall()
            cursor.execute("SELECT * FROM cases_caseevent WHERE case_id = %s ORDER BY occurred_at, id", [case_id])
            cursor.fetchall()

    results = {}
    for name, view, bare in (("case_list", list_view, bare_list), ("case_page", page_view, bare_page)):
        view()
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            view()
        view_times, bare_times = timed(view), timed(bare)
        results[name] = {
            **stats(view_times),
            "queries_per_request": len(executed),
            "bare_sql": stats(bare_times),
            "ratio_p50": round(statistics.median(view_times) / statistics.median(bare_times), 1),
        }

    # Transitions: hold then resume, each one service call (transaction, version check, event, audit).
    cases = list(ReferralCase.objects.filter(status="intake").order_by("id")[:500])
    start = time.perf_counter()
    for case in cases:
        services.hold(actor=coordinator, case=case, reason="bench")
        services.resume(actor=coordinator, case=case)
    service_rate = 2 * len(cases) / (time.perf_counter() - start)
    cases = [c.pk for c in ReferralCase.objects.filter(status="intake").order_by("-id")[:500]]
    start = time.perf_counter()
    for case_id in cases:
        for status in ("on_hold", "intake"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE cases_referralcase SET status = %s, version = version + 1 "
                    "WHERE id = %s AND version = version",
                    [status, case_id],
                )
                cursor.execute(
                    "INSERT INTO cases_caseevent (case_id, occurred_at, actor_id, action, from_status, "
                    "to_status, summary, data) VALUES (%s, %s, %s, 'hold', '', %s, '', '{}')",
                    [case_id, datetime.now(UTC), coordinator.pk, status],
                )
    bare_rate = 2 * len(cases) / (time.perf_counter() - start)
    results["transitions"] = {
        "per_second": round(service_rate, 1),
        "bare_sql_per_second": round(bare_rate, 1),
        "ratio": round(bare_rate / service_rate, 1),
    }
    return {
        "database": db,
        "cases": n,
        "events": n * events_per_case,
        "generate_seconds": round(generated, 1),
        "samples": SAMPLES,
        "targets": {"case_page_p99_ms": 25, "case_list_p99_ms": 50, "transitions_per_s": 1000},
        **results,
    }


def child(db: str, n: int, events_per_case: int) -> None:
    setup_django(db, n)
    result = measure(n, events_per_case, db)
    result["measured_on"] = datetime.now(UTC).isoformat(timespec="seconds")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"cases-{db}-{n}.json"
    path.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="10,000 cases")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--events-per-case", type=int, default=10)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    n = 10_000 if args.quick else args.cases
    if args.child:
        child(args.db, n, args.events_per_case)
        return
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        print(f"== {db}: {n:,} cases, {n * args.events_per_case:,} events", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--db",
                db,
                "--cases",
                str(n),
                "--events-per-case",
                str(args.events_per_case),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
