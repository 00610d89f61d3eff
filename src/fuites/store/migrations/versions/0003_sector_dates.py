"""Incidents of a sector by date: one index serves the sector filter, its date order and its counts.

Revision ID: 0003_sector_dates
Revises: 0002_watches
Create Date: 2026-11-23
"""

from alembic import op

revision = "0003_sector_dates"
down_revision = "0002_watches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_incidents_sector_start_date", "incidents", ["sector", "start_date"])
    op.drop_index("ix_incidents_sector", table_name="incidents")


def downgrade() -> None:
    op.create_index("ix_incidents_sector", "incidents", ["sector"])
    op.drop_index("ix_incidents_sector_start_date", table_name="incidents")
