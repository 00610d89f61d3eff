"""Articles, organisations and aliases, incidents, mentions, LSH bands and full-text search.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")

# PostgreSQL's 'simple' configuration keeps accents; folding them in an immutable expression lets
# a generated tsvector column match what fuites.store.search folds in Python ("societe" finds
# "société"), as SQLite's unicode61 tokenizer with remove_diacritics does.
_ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝ"
_PLAIN = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuy"


def _fold(expr: str) -> str:
    return f"translate({expr}, '{_ACCENTED}', '{_PLAIN}')"


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(255), nullable=False, index=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text, unique=True),
        sa.Column("text_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("published", sa.String(10), index=True),
        sa.Column("title", sa.Text),
        sa.Column("lang", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("extraction", Json, nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False, index=True),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "article_bands",
        sa.Column("band", sa.BigInteger, primary_key=True),
        sa.Column(
            "article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True, index=True,
        ),
        # one B-tree keyed on (band, article) instead of a rowid table plus that key's index
        sqlite_with_rowid=False,
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("key", sa.String(255), nullable=False, unique=True),
        sa.Column("sector", sa.String(32)),
        sa.Column("country", sa.String(2)),
    )
    op.create_table(
        "org_aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "org_id", sa.Integer, sa.ForeignKey("organisations.id", ondelete="CASCADE"),
            nullable=False, index=True,
        ),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("key", sa.String(255), nullable=False, unique=True),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False, index=True),
        sa.Column("victim", sa.Text, nullable=False),
        sa.Column("sector", sa.String(32), index=True),
        sa.Column("country", sa.String(2)),
        sa.Column("attack", Json, nullable=False),
        sa.Column("actors", Json, nullable=False),
        sa.Column("affected_count", sa.BigInteger),
        sa.Column("affected_qualifier", sa.String(16)),
        sa.Column("affected_who", Json, nullable=False),
        sa.Column("data", Json, nullable=False),
        sa.Column("data_not", Json, nullable=False),
        sa.Column("occurred", sa.String(10)),
        sa.Column("discovered", sa.String(10)),
        sa.Column("disclosed", sa.String(10)),
        sa.Column("authorities", Json, nullable=False),
        sa.Column("notified_individuals", sa.Boolean, nullable=False),
        sa.Column("channels", Json, nullable=False),
        sa.Column("start_date", sa.String(10), index=True),
        sa.Column("end_date", sa.String(10)),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("sources", Json, nullable=False),
        sa.Column("conflicts", Json, nullable=False),
        sa.Column("names", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "incident_tags",
        sa.Column(
            "incident_id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("value", sa.String(255), primary_key=True),
    )
    op.create_index("ix_incident_tags_kind_value", "incident_tags", ["kind", "value", "incident_id"])
    op.create_table(
        "mentions",
        sa.Column(
            "article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column(
            "incident_id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="SET NULL"), index=True
        ),
        sa.Column("is_primary", sa.Boolean, nullable=False),
        sa.Column("record", Json, nullable=False),
        sa.Column("reasons", Json, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_search()
    else:
        _sqlite_search()


def _sqlite_search() -> None:
    tokenize = "tokenize='unicode61 remove_diacritics 2'"
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        f"title, text, content='articles', content_rowid='id', {tokenize})"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    op.execute(
        "CREATE VIRTUAL TABLE incidents_fts USING fts5("
        f"names, content='incidents', content_rowid='id', {tokenize})"
    )
    op.execute(
        "CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN "
        "INSERT INTO incidents_fts(rowid, names) VALUES (new.id, new.names); END"
    )
    op.execute(
        "CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN "
        "INSERT INTO incidents_fts(incidents_fts, rowid, names) VALUES ('delete', old.id, old.names); END"
    )
    op.execute(
        "CREATE TRIGGER incidents_fts_update AFTER UPDATE OF names ON incidents BEGIN "
        "INSERT INTO incidents_fts(incidents_fts, rowid, names) VALUES ('delete', old.id, old.names); "
        "INSERT INTO incidents_fts(rowid, names) VALUES (new.id, new.names); END"
    )


def _postgresql_search() -> None:
    article_text = _fold("coalesce(title, '') || ' ' || text")
    op.execute(
        "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('simple'::regconfig, {article_text})) STORED"
    )
    op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search)")
    op.execute(
        "ALTER TABLE incidents ADD COLUMN search tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('simple'::regconfig, {_fold('names')})) STORED"
    )
    op.execute("CREATE INDEX ix_incidents_search ON incidents USING gin (search)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS incidents_fts")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("mentions", "incident_tags", "incidents", "org_aliases", "organisations",
                  "article_bands", "articles"):
        op.drop_table(table)
