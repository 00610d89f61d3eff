"""Listing indexes that hold the attack and data lists (SQLite): a filtered list walks one index.

A list filtered by sector, period, attack and data used to walk the (sector, start_date) index
and probe `incident_tags` once per filter for every incident of the period, most of which fail:
at 100,000 incidents, thousands of probes for one page. These indexes carry each incident's
`attack` and `data` lists (JSON text), so the filters are checked on the index entry itself and
only the incidents of the page are read from the table. `id` follows `start_date` so that the
index order is the list order (latest first, then id). PostgreSQL keeps its indexes: its planner
joins `incident_tags` by itself.

Revision ID: 0006_load_listing
Revises: 0005_secweb
Create Date: 2026-12-03
"""

from alembic import op

revision = "0006_load_listing"
down_revision = "0005_secweb"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # "if (not) exists": a store stamped back to an older revision runs this again
    op.create_index("ix_incidents_sector_listing", "incidents", ["sector", "start_date", "id", "attack", "data"],
                    if_not_exists=True)
    op.create_index("ix_incidents_listing", "incidents", ["start_date", "id", "attack", "data"], if_not_exists=True)
    op.drop_index("ix_incidents_sector_start_date", table_name="incidents", if_exists=True)
    op.drop_index("ix_incidents_start_date", table_name="incidents", if_exists=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_index("ix_incidents_start_date", "incidents", ["start_date"])
    op.create_index("ix_incidents_sector_start_date", "incidents", ["sector", "start_date"])
    op.drop_index("ix_incidents_listing", table_name="incidents")
    op.drop_index("ix_incidents_sector_listing", table_name="incidents")
