"""The console's store: outbox, audit log, cache, notes, handoffs, approvals, link decisions.

Revision ID: 0001
Revises:
"""

from alembic import op

from console.store.migrations.schema_0001 import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# On PostgreSQL the audit log accepts INSERT only: a trigger rejects UPDATE and DELETE.
PG_AUDIT_GUARD = """
CREATE OR REPLACE FUNCTION onepane_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
PG_AUDIT_TRIGGER = """
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION onepane_audit_append_only();
"""


def upgrade() -> None:
    bind = op.get_bind()
    metadata.create_all(bind)
    if bind.dialect.name == "postgresql":
        op.execute(PG_AUDIT_GUARD)
        op.execute(PG_AUDIT_TRIGGER)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS onepane_audit_append_only()")
    metadata.drop_all(bind)
