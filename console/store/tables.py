"""The console's own tables (SQLAlchemy Core). Timestamps are ISO 8601 UTC strings, JSON is text:
the same on SQLite and PostgreSQL, and readable in a support case."""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

outbox = Table(
    "outbox",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("idempotency_key", String(255), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("system", String(20), nullable=False),
    Column("target", String(200), nullable=False),
    Column("payload", Text, nullable=False),
    Column("status", String(20), nullable=False),  # pending | sending | done | refused | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("result", Text),
    Column("customer_key", String(200), nullable=False),
    Column("staff_id", String(100), nullable=False),
    Column("role", String(40), nullable=False),
    Column("approval_id", String(36)),
    Column("lease_owner", String(100)),
    Column("lease_until", Float),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Index("ix_outbox_status", "status"),
    Index("ix_outbox_customer", "customer_key"),
)

audit = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("content", Text, nullable=False),  # canonical JSON of what happened
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

section_cache = Table(
    "section_cache",
    metadata,
    Column("system", String(20), primary_key=True),
    Column("key", String(300), primary_key=True),
    Column("type_name", String(60), nullable=False),
    Column("data", Text, nullable=False),
    Column("fetched_at", String(40), nullable=False),
)

notes = Table(
    "notes",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("customer_key", String(200), nullable=False, index=True),
    Column("author", String(100), nullable=False),
    Column("body", Text, nullable=False),
    Column("visibility", String(20), nullable=False),
    Column("created_at", String(40), nullable=False),
)

handoffs = Table(
    "handoffs",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("customer_key", String(200), nullable=False),
    Column("customer_name", String(200), nullable=False),
    Column("from_staff", String(100), nullable=False),
    Column("to_kind", String(20), nullable=False),  # team | staff | store | supervisors
    Column("to_id", String(100), nullable=False),
    Column("status", String(20), nullable=False),  # open | claimed | resolved | handed_on
    Column("wants", Text, nullable=False),
    Column("done", Text, nullable=False),
    Column("pending", Text, nullable=False),
    Column("callback_at", String(40)),
    Column("snapshot", Text, nullable=False),
    Column("case_id", String(100)),
    Column("parent_id", String(36)),
    Column("claimed_by", String(100)),
    Column("claimed_at", String(40)),
    Column("created_at", String(40), nullable=False),
    Column("resolved_at", String(40)),
    Index("ix_handoffs_queue", "status", "to_kind", "to_id", "created_at"),
)

approvals = Table(
    "approvals",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("action_id", String(36), nullable=False),
    Column("request", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("requester", Text, nullable=False),  # JSON of the staff member
    Column("customer_key", String(200), nullable=False),
    Column("payment_id", String(100), nullable=False),
    Column("amount", String(40), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("note", Text, nullable=False),
    Column("status", String(20), nullable=False),  # pending | approved | denied
    Column("decided_by", String(100)),
    Column("comment", Text),
    Column("decided_at", String(40)),
    Column("created_at", String(40), nullable=False),
    Index("ix_approvals_status", "status"),
)

link_decisions = Table(
    "link_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ref_a", String(200), nullable=False),
    Column("ref_b", String(200), nullable=False),
    Column("decision", String(10), nullable=False),  # confirm | split
    Column("staff_id", String(100), nullable=False),
    Column("at", String(40), nullable=False),
    UniqueConstraint("ref_a", "ref_b", name="uq_link_pair"),
)

changes = Table(
    "changes",
    metadata,  # a change counter for consoles that poll (SQLite)
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("topic", String(40), nullable=False),
    Column("ref", String(100), nullable=False),
    Column("at", String(40), nullable=False),
)
