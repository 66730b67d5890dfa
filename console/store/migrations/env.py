"""Alembic environment: always run programmatically by console.store.open_store with a live
connection in `config.attributes["connection"]` (no alembic.ini needed at run time)."""

from alembic import context

from console.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
