"""The alerts outbox: incidents whose change the watches have yet to see, written with the article.

Revision ID: 0004_outbox
Revises: 0003_sector_dates
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_outbox"
down_revision = "0003_sector_dates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Written in the transaction of the article that changed the incident, read and deleted once
    # the watches were matched: a crash between the two leaves the row for the next run.
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    # When a delivery was taken for sending: a row left at `sending` by a process that died is
    # taken again once this is older than the lease.
    with op.batch_alter_table("alert_deliveries") as batch:
        batch.add_column(sa.Column("claimed_at", sa.DateTime))


def downgrade() -> None:
    with op.batch_alter_table("alert_deliveries") as batch:
        batch.drop_column("claimed_at")
    op.drop_table("alert_outbox")
