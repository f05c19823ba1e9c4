"""The only place that speaks SQL: schema, migrations, repositories, outbox (SQLite and PostgreSQL)."""
