"""Article addresses without credentials: a store filled before they were taken out may hold
`https://user:password@host/...` in an article's url, source or record; they are removed here.
An address that, cleaned, is another article's is dropped rather than made a duplicate.

Revision ID: 0005_secweb
Revises: 0003_sector_dates
Create Date: 2026-12-03
"""

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from fuites.models import public_url

revision = "0005_secweb"
down_revision = "0004_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    json_type = sa.JSON().with_variant(JSONB(), "postgresql")
    articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("url", sa.Text),
                        sa.column("source", sa.Text), sa.column("extraction", json_type))
    rows = conn.execute(
        sa.select(articles.c.id, articles.c.url, articles.c.source, articles.c.extraction)
        .where(sa.or_(articles.c.url.like("%@%"), articles.c.source.like("%@%")))
    ).all()
    for article_id, url, source, extraction in rows:
        clean_url = public_url(url)
        if clean_url != url and conn.execute(
            sa.select(articles.c.id).where(articles.c.url == clean_url, articles.c.id != article_id)
        ).first():
            clean_url = None
        values: dict[str, Any] = {"url": clean_url, "source": public_url(source) or ""}
        if values == {"url": url, "source": source}:
            continue
        if extraction and extraction.get("url"):
            values["extraction"] = {**extraction, "url": clean_url}
        conn.execute(sa.update(articles).where(articles.c.id == article_id).values(**values))


def downgrade() -> None:
    pass  # credentials once removed are not put back
