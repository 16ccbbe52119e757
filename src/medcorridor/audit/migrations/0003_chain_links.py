"""PostgreSQL: one function per chain that takes the chain for the writer and links its new rows, so that a
writer's rows are inserted already sealed in the insert's own round trip (docs/adr/0002-sealed-audit-chain.md,
revision "pgwrite2"). Nothing on SQLite, whose writers chain their rows as they write them."""

from django.db import migrations

# The lock keys are ``audit.services.CHAIN_LOCKS``, written out here as a migration must not change later.
CHAINS = {"audit_auditevent": 7_310_001, "audit_accesslog": 7_310_002}

LINKS = """
CREATE OR REPLACE FUNCTION {table}_links(payloads text[])
RETURNS TABLE (link_position bigint, link_previous varchar, link_hash varchar, chain_held boolean)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF payloads IS NULL THEN  -- nothing to append (the caller's statement changed nothing): no lock
        RETURN;
    END IF;
    chain_held := pg_try_advisory_xact_lock({key});
    -- Each statement of a VOLATILE function reads with a snapshot of its own, taken after the lock was
    -- granted: it shows everything the previous holder committed. Rows that others left unsealed are
    -- linked first, by the writer, from their stored values; until then its own rows stay unsealed too.
    IF chain_held AND NOT EXISTS (SELECT 1 FROM {table} WHERE position IS NULL) THEN
        SELECT t.position, t.row_hash INTO link_position, link_hash
          FROM {table} t WHERE t.position IS NOT NULL ORDER BY t.position DESC LIMIT 1;
        link_position := coalesce(link_position, 0);
        link_hash := coalesce(link_hash, repeat('0', 64));
        FOR i IN 1 .. coalesce(cardinality(payloads), 0) LOOP
            -- The hash of audit.services._link: SHA-256 of the previous hash and the row's JSON, in hex.
            link_previous := link_hash;
            link_position := link_position + 1;
            link_hash := encode(sha256(convert_to(link_previous || payloads[i], 'UTF8')), 'hex');
            RETURN NEXT;
        END LOOP;
    ELSE
        FOR i IN 1 .. coalesce(cardinality(payloads), 0) LOOP
            RETURN NEXT;  -- unsealed: the chain columns stay NULL
        END LOOP;
    END IF;
END $$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table, key in CHAINS.items():
            schema_editor.execute(LINKS.format(table=table, key=key))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in CHAINS:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_links(text[])")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_sealed_chain")]

    operations = [migrations.RunPython(create, drop)]
