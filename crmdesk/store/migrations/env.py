"""Alembic environment: migrations run on the engine crmdesk hands over."""

from __future__ import annotations

from alembic import context

from crmdesk.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from crmdesk.store.db import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    if engine.dialect.name == "sqlite":
        from crmdesk.store.db import BEGIN_OPTION

        # The write lock first: two processes opening a new file at once migrate it one
        # after the other (the second then finds it at head), instead of one failing.
        engine = engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
