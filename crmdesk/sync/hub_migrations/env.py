"""Alembic environment of the hub: runs on the connection crmdesk.sync.hub_schema hands over."""

from __future__ import annotations

from alembic import context

from crmdesk.sync.hub_schema import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table=VERSION_TABLE, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
