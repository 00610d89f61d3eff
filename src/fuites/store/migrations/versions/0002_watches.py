"""Watchlists and the alerts delivered for them (fuites.alerts).

Revision ID: 0002_watches
Revises: 0001
Create Date: 2025-01-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002_watches"
down_revision = "0001"
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("org", sa.Text),
        sa.Column("sector", sa.String(32)),
        sa.Column("data", Json, nullable=False),
        sa.Column("webhook", sa.Text),
        sa.Column("secret", sa.Text),
        sa.Column("email", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    # One row per alert to send: the unique key is what makes an alert go out once per watch,
    # incident, change of the incident and channel, whoever runs the delivery and how often.
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("watch_id", sa.Integer, sa.ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
        sa.Column("incident_id", sa.Integer, nullable=False, index=True),
        sa.Column("change_key", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("payload", Json, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime),
        sa.UniqueConstraint("watch_id", "incident_id", "change_key", "channel", name="uq_alert_once"),
    )


def downgrade() -> None:
    op.drop_table("alert_deliveries")
    op.drop_table("watches")
