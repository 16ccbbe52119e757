"""Referral cases at scale: case list and case page latency (p50/p99) and SQL queries per request,
transitions per second (one writer and concurrent writers), each beside the bare SQL for the same data.

    python bench/cases_bench.py --quick              # 10,000 cases, 100,000 events, SQLite and PostgreSQL
    python bench/cases_bench.py --cases 1000000      # the 1M cases / 10M events target (≈ 10 min per backend)
    python bench/cases_bench.py --db sqlite --cases 100000 --pg-name medcorridor_bench_cases_mine
    python bench/cases_bench.py --db postgres --writers 1,8,16  # transitions with 1, 8 and 16 writers

Data is generated as plain tuples and bulk-loaded into a scratch database (SQLite file under /tmp,
PostgreSQL database ``--pg-name``) with the secondary indexes and foreign keys dropped during the load and
rebuilt after it: executemany in 20,000-row batches with ``synchronous=OFF, journal_mode=OFF`` on SQLite
(load only; the benchmark itself runs with the product's WAL settings), COPY on PostgreSQL. Seeded, so
runs are reproducible. Each database runs in its own subprocess (Django settings are per process).
Results: ``bench/results/cases-<db>-<n>.json``; the figures are written up in ``bench/cases.md``.
"""

import argparse
import gc
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
SAMPLES = 1000
BATCH = 20_000
WORKERS = 8
STATUSES = ["intake", "opinions", "funding", "travel", "in_treatment", "follow_up", "closed", "cancelled"]
ICD = ["C50", "C18", "I25", "N18", "M51", "K74", "C16", "C34", "I35", "C73"]
NOW = datetime(2026, 11, 23, tzinfo=UTC)
LOADED_TABLES = ("cases_patient", "cases_referralcase", "cases_caseevent")
PATIENT_COLUMNS = (
    "id, public_id, created_at, updated_at, family_name, given_name, family_name_latin, given_name_latin, "
    "birth_date, gender, citizenship_id, passport_number, managing_organisation_id, phone, email, address, "
    "contact_name, contact_relationship, contact_phone, void_reason"
)
CASE_COLUMNS = (
    "id, public_id, created_at, updated_at, reference, patient_id, owner_organisation_id, coordinator_id, "
    "status, held_from, version, status_changed_at, condition_code_id, condition_note, requested_procedure, "
    "priority, requester_organisation, requester_practitioner, consent_scope, consent_note, next_deadline, "
    "closure_reason"
)
EVENT_COLUMNS = "case_id, occurred_at, actor_id, action, from_status, to_status, summary, data"


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


def setup_django(db: str, n: int, pg_name: str, reuse: bool):
    if reuse:
        pass  # the scratch database of an earlier ``--keep`` run, data and all
    elif db == "postgres":
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}"')
            conn.execute(f'CREATE DATABASE "{pg_name}"')
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(sqlite_path(n, pg_name)) + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = (
        f"{PG_SERVER}/{pg_name}" if db == "postgres" else f"sqlite:///{sqlite_path(n, pg_name)}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medcorridor.config.settings")
    os.environ["MEDCORRIDOR_DATA_DIR"] = "/tmp/medcorridor-bench-data"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def sqlite_path(n: int, name: str) -> Path:
    """The SQLite scratch file, named like the PostgreSQL one so that two engineers' runs never share it."""
    return Path(f"/tmp/{name}-{n}.sqlite3")


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


# --- generation: plain tuples, bulk loaders ---------------------------------------------------------


def batch_rows(ids: range, events_per_case: int, owner: int, actor: int, rng: random.Random, tz: str):
    """Patients, cases and events of one batch as tuples of ready-to-store values (timestamps as text
    in the backend's format, so neither the driver nor Django converts anything row by row)."""
    patients, cases, events = [], [], []
    today = NOW.date()
    for i in ids:
        minute = (NOW - timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:")
        created = f"{minute}00{tz}"
        patients.append(
            (i, f"{rng.getrandbits(128):032x}", created, created, f"Фамилия{i}", "Имя", f"FAMILY{i}", "GIVEN",
             (date(1970, 1, 1) + timedelta(days=i % 15000)).isoformat(), "female", "MN", "", owner,
             "", "", "", "", "", "", "")
        )  # fmt: skip
        status = STATUSES[i % len(STATUSES)]
        deadline = (today + timedelta(days=(i % 40) - 20)).isoformat() if status in ("opinions", "funding") else None
        cases.append(
            (i, f"{rng.getrandbits(128):032x}", created, created, f"MN-2026-{i:07d}", i, owner, actor, status, "",
             1, created, ICD[i % len(ICD)], "", "", "routine", "", "", "", "", deadline, "")
        )  # fmt: skip
        events.extend(
            (i, f"{minute}{k:02d}{tz}", actor, "note", status, status, f"Event {k}", "{}")
            for k in range(events_per_case)
        )
    return patients, cases, events


class SqliteLoader:
    """executemany on the raw sqlite3 connection; no journal and no fsync while loading, secondary
    indexes dropped and rebuilt once at the end (one sort instead of ten million B-tree inserts)."""

    def __init__(self, connection):
        self.connection = connection
        self.indexes: list[str] = []

    def prepare(self):
        raw = self.connection.cursor()
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA journal_mode=OFF")
        marks = ", ".join(["%s"] * len(LOADED_TABLES))
        raw.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            LOADED_TABLES,
        )
        for name, sql in raw.fetchall():
            self.indexes.append(sql)
            raw.execute(f'DROP INDEX "{name}"')

    @property
    def rebuild_steps(self) -> int:
        return len(self.indexes)

    def insert(self, table: str, columns: str, rows: list[tuple]):
        from django.db import transaction

        marks = ", ".join(["?"] * len(rows[0]))
        with transaction.atomic():
            self.connection.connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)

    def finish(self, n: int, advance):
        with self.connection.cursor() as cursor:
            for sql in self.indexes:
                cursor.execute(sql)
                advance(1)
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("ANALYZE")


class PostgresLoader:
    """COPY, with the loaded tables' secondary indexes and foreign keys dropped during the load and
    rebuilt after it (rebuilding validates every key in one pass)."""

    def __init__(self, connection):
        self.connection = connection
        self.indexes: list[str] = []
        self.foreign_keys: list[tuple[str, str, str]] = []

    def prepare(self):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [list(LOADED_TABLES)],
            )
            for name, sql in cursor.fetchall():
                self.indexes.append(sql)
                cursor.execute(f'DROP INDEX "{name}"')
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
                [list(LOADED_TABLES)],
            )
            self.foreign_keys = cursor.fetchall()
            for table, name, _definition in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')

    @property
    def rebuild_steps(self) -> int:
        return len(self.indexes) + len(self.foreign_keys)

    def insert(self, table: str, columns: str, rows: list[tuple]):
        with self.connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def finish(self, n: int, advance):
        with self.connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for sql in self.indexes:
                cursor.execute(sql)
                advance(1)
            for table, name, definition in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                advance(1)
            for table in ("cases_patient", "cases_referralcase"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {n})")
            cursor.execute("VACUUM ANALYZE")


def generate(n: int, events_per_case: int, ministry, coordinator) -> dict:
    """Patients, cases and events, bulk-loaded. Returns the seconds spent loading and rebuilding."""
    from django.db import connection

    from medcorridor.core.progress import progress_task

    rng = random.Random(2026)
    postgres = connection.vendor == "postgresql"
    loader = PostgresLoader(connection) if postgres else SqliteLoader(connection)
    start = time.perf_counter()
    loader.prepare()
    with progress_task(f"Loading {n:,} cases, {n * events_per_case:,} events", n) as advance:
        for first in range(1, n + 1, BATCH):
            ids = range(first, min(n, first + BATCH - 1) + 1)
            patients, cases, events = batch_rows(
                ids, events_per_case, ministry.pk, coordinator.pk, rng, "+00" if postgres else ""
            )
            loader.insert("cases_patient", PATIENT_COLUMNS, patients)
            loader.insert("cases_referralcase", CASE_COLUMNS, cases)
            loader.insert("cases_caseevent", EVENT_COLUMNS, events)
            advance(len(ids))
    loaded = time.perf_counter() - start
    with progress_task("Rebuilding indexes and keys", loader.rebuild_steps) as advance:
        loader.finish(n, advance)
    return {"load_seconds": round(loaded, 1), "total_seconds": round(time.perf_counter() - start, 1)}


def read_benchmarks(n: int, ministry, coordinator) -> dict:
    """Case list and case page through the real views (middleware, session, scoping, access log,
    template), each beside the bare SQL reading the same rows."""
    from django.db import connection
    from django.test import Client

    from medcorridor.cases.models import ReferralCase

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
                "SELECT c.id, c.public_id, c.reference, c.status, c.priority, c.next_deadline, p.family_name, "
                "p.given_name, p.family_name_latin, i.code, i.title_ru FROM cases_referralcase c "
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
        for _ in range(20):  # warm caches, templates and the connection
            view()
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            view()
        collections = gc.get_stats()[2]["collections"]
        view_times = timed(view)
        full_collections = gc.get_stats()[2]["collections"] - collections
        bare_times = timed(bare)
        results[name] = {
            **stats(view_times),
            "queries_per_request": len(executed),
            "full_gc_collections": full_collections,
            "bare_sql": stats(bare_times),
            "ratio_p50": round(statistics.median(view_times) / statistics.median(bare_times), 1),
            "ratio_p99": round(percentile(view_times, 0.99) / percentile(bare_times, 0.99), 1),
        }
    return results


# --- transitions: one writer and concurrent writers ------------------------------------------------


def service_transitions(case_ids: list[int], actor_id: int) -> int:
    """hold then resume on every case, each one service call (transaction, version check, timeline event,
    audit row, sealed after commit)."""
    from medcorridor.accounts.models import User
    from medcorridor.cases import services
    from medcorridor.cases.models import ReferralCase

    actor = User.objects.get(pk=actor_id)
    outcome = Counter()
    for case in ReferralCase.objects.filter(pk__in=case_ids):
        for step in (partial(services.hold, reason="bench"), services.resume):
            outcome[attempt(step, actor=actor, case=case)] += 1
    return outcome


def bare_transitions(case_ids: list[int], actor_id: int) -> int:
    """The same writes in bare SQL: versioned UPDATE and event INSERT in one transaction."""
    outcome = Counter()
    for case_id in case_ids:
        for version, status in ((1, "on_hold"), (2, "intake")):
            outcome[attempt(bare_step, case_id=case_id, version=version, status=status, actor_id=actor_id)] += 1
    return outcome


def bare_step(*, case_id: int, version: int, status: str, actor_id: int) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_referralcase SET status = %s, version = version + 1 WHERE id = %s AND version = %s",
            [status, case_id, version],
        )
        assert cursor.rowcount == 1, "the bare version check must win, as the service's does"
        cursor.execute(
            "INSERT INTO cases_caseevent (case_id, occurred_at, actor_id, action, from_status, "
            "to_status, summary, data) VALUES (%s, %s, %s, 'hold', '', %s, '', '{}')",
            [case_id, datetime.now(UTC), actor_id, status],
        )


def attempt(step, **kwargs) -> str:
    """Run one transition; "done", or "locked" when SQLite's busy timeout ran out (counted, not fatal)."""
    from django.db import OperationalError

    try:
        step(**kwargs)
    except OperationalError as error:
        if "locked" not in str(error):
            raise
        return "locked"
    return "done"


def _worker(work, case_ids, actor_id, ready, done):
    from django.db import connections

    ready.wait()
    try:
        done.put(work(case_ids, actor_id))
    except Exception as error:  # the parent must not wait forever for a worker that died
        done.put(Counter(failed=2 * len(case_ids), error=repr(error)))
    finally:
        connections.close_all()


def rate(work, case_ids: list[int], actor_id: int, workers: int) -> dict:
    """Transitions per second of ``workers`` processes, each with its own connection and its own cases."""
    from django.db import connections

    if workers == 1:
        return single_writer(work, case_ids, actor_id)
    connections.close_all()  # children open their own connections
    context = multiprocessing.get_context("fork")
    ready, done = context.Barrier(workers + 1), context.Queue()
    slices = [case_ids[k::workers] for k in range(workers)]
    processes = [context.Process(target=_worker, args=(work, part, actor_id, ready, done)) for part in slices]
    for process in processes:
        process.start()
    ready.wait()
    start = time.perf_counter()
    outcome = sum((done.get() for _ in processes), Counter())
    elapsed = time.perf_counter() - start
    for process in processes:
        process.join()
    return summary(outcome, elapsed)


def single_writer(work, case_ids: list[int], actor_id: int) -> dict:
    """One writer in this process, with what each transition costs it: SQL statements sent through
    Django (BEGIN and COMMIT not counted) and CPU time of this Python process."""
    from django.db import connection

    statements = 0

    def count(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        cpu, start = time.process_time(), time.perf_counter()
        outcome = work(case_ids, actor_id)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    transitions = max(outcome["done"], 1)
    return {
        **summary(outcome, elapsed),
        "statements_per_transition": round(statements / transitions, 2),
        "python_cpu_ms_per_transition": round(1000 * cpu / transitions, 3),
    }


def summary(outcome: Counter, seconds: float) -> dict:
    return {"per_second": round(outcome["done"] / seconds, 1), **{k: v for k, v in outcome.items() if k != "done"}}


def commit_settings() -> dict:
    """The server settings a transition's commit depends on (PostgreSQL): the figures mean little
    without them. The benchmark never changes them."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return {}
    names = (
        "server_version",
        "synchronous_commit",
        "fsync",
        "wal_sync_method",
        "commit_delay",
        "commit_siblings",
        "autovacuum",  # off: the sealed rows' old versions stay in the unsealed-rows index until a VACUUM
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", [list(names)])
        return dict(cursor.fetchall())


def transition_benchmarks(coordinator, per_run: int, writer_counts: tuple[int, ...]) -> dict:
    from medcorridor.audit.models import AuditEvent
    from medcorridor.audit.services import verify_chain
    from medcorridor.cases.models import ReferralCase

    # Untouched cases only (version 1), so that a --reuse run finds the versions the bare SQL expects.
    intake = ReferralCase.objects.filter(status="intake", version=1).order_by("id").values_list("pk", flat=True)
    intake = list(intake)
    runs = {"server": commit_settings()}
    for workers in writer_counts:
        # Disjoint cases for each run, so no run finds another's version numbers.
        service_cases, intake = intake[:per_run], intake[per_run:]
        bare_cases, intake = intake[:per_run], intake[per_run:]
        service = rate(service_transitions, service_cases, coordinator.pk, workers)
        bare = rate(bare_transitions, bare_cases, coordinator.pk, workers)
        runs[f"{workers}_writer" + ("s" if workers > 1 else "")] = {
            **service,
            "bare_sql": bare,
            "ratio": round(bare["per_second"] / max(service["per_second"], 0.1), 1),
        }
    check = verify_chain(AuditEvent)
    runs["audit_chain_after"] = {"intact": check.intact, "unsealed": check.unsealed, "rows": AuditEvent.objects.count()}
    return runs


def measure(n: int, events_per_case: int, db: str, reuse: bool, save, writer_counts: tuple[int, ...]) -> dict:
    if reuse:
        from medcorridor.accounts.models import Organisation, User

        ministry, coordinator = (
            Organisation.objects.get(name_en="MoH MN"),
            User.objects.get(username="bench.coordinator"),
        )
        generated = {"reused": True}
    else:
        ministry, _clinic, coordinator, _facility = world()
        generated = generate(n, events_per_case, ministry, coordinator)
        print(f"  generated in {generated['total_seconds']} s", file=sys.stderr)
    results = {"generate": generated, **read_benchmarks(n, ministry, coordinator)}
    save(results)  # the reads are kept even if the writers' run fails
    results["transitions"] = transition_benchmarks(coordinator, min(800, n // 40), writer_counts)
    return {
        "database": db,
        "cases": n,
        "events": n * events_per_case,
        "samples": SAMPLES,
        "workers": list(writer_counts),
        "targets": {"case_page_p99_ms": 25, "case_list_p99_ms": 50, "transitions_per_s": 1000},
        **results,
    }


def child(db: str, n: int, args: argparse.Namespace) -> None:
    events_per_case, pg_name = args.events_per_case, args.pg_name
    setup_django(db, n, pg_name, args.reuse)
    path = RESULTS / f"cases-{db}-{n}.json"

    def save(result: dict) -> dict:
        result = {**result, "measured_on": datetime.now(UTC).isoformat(timespec="seconds")}
        RESULTS.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({**result, "load_average": os.getloadavg()}, indent=2))
        return result

    print(json.dumps(save(measure(n, events_per_case, db, args.reuse, save, args.writers)), indent=2))
    if not args.keep:
        drop_scratch(db, n, pg_name)


def drop_scratch(db: str, n: int, pg_name: str) -> None:
    from django.db import connections

    connections.close_all()
    if db == "postgres":
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}"')
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(sqlite_path(n, pg_name)) + suffix).unlink(missing_ok=True)


def writer_counts(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(","))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="10,000 cases")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--events-per-case", type=int, default=10)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--pg-name",
        default="medcorridor_bench_cases",
        help="scratch database (PostgreSQL name; SQLite file /tmp/NAME-N.sqlite3)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure the scratch database a --keep run left")
    parser.add_argument(
        "--writers",
        type=writer_counts,
        default=(1, WORKERS),
        help=f"writer counts for the transitions, comma-separated (default 1,{WORKERS})",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    n = 10_000 if args.quick else args.cases
    if args.child:
        child(args.db, n, args)
        return
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        print(f"== {db}: {n:,} cases, {n * args.events_per_case:,} events", file=sys.stderr)
        command = [sys.executable, __file__, "--child", "--db", db, "--cases", str(n)]
        command += ["--events-per-case", str(args.events_per_case), "--pg-name", args.pg_name]
        command += ["--writers", ",".join(map(str, args.writers))]
        flags = [flag for flag, on in (("--keep", args.keep), ("--reuse", args.reuse)) if on]
        subprocess.run(command + flags, check=True)


if __name__ == "__main__":
    main()
