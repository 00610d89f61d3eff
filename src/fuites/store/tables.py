"""The store's tables as SQLAlchemy 2 models; the migrations in `migrations/` create exactly these.

An article is stored once; each incident it reports is a `Mention` (its record as extracted,
kept whole: that is the per-field provenance). Merge links mentions to `Incident`s, whose
fields are derived from their mentions and can be recomputed at any time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Json = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    pass


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(255), index=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, unique=True)
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    extraction: Mapped[dict[str, Any]] = mapped_column(Json)
    extractor_version: Mapped[str] = mapped_column(String(64), index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class ArticleBand(Base):
    """One LSH band of an article's MinHash: articles sharing a band are near-duplicate candidates."""

    __tablename__ = "article_bands"

    band: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    __table_args__ = {"sqlite_with_rowid": False}


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    sector: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2))


class Alias(Base):
    """A name an organisation goes by; `key` is its normalised form, unique across organisations."""

    __tablename__ = "org_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(255), unique=True)


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    victim: Mapped[str] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2))
    attack: Mapped[list[str]] = mapped_column(Json, default=list)
    actors: Mapped[list[str]] = mapped_column(Json, default=list)
    affected_count: Mapped[int | None] = mapped_column(BigInteger)
    affected_qualifier: Mapped[str | None] = mapped_column(String(16))
    affected_who: Mapped[list[str]] = mapped_column(Json, default=list)
    data: Mapped[list[str]] = mapped_column(Json, default=list)
    data_not: Mapped[list[str]] = mapped_column(Json, default=list)
    occurred: Mapped[str | None] = mapped_column(String(10))
    discovered: Mapped[str | None] = mapped_column(String(10))
    disclosed: Mapped[str | None] = mapped_column(String(10))
    authorities: Mapped[list[str]] = mapped_column(Json, default=list)
    notified_individuals: Mapped[bool] = mapped_column(Boolean, default=False)
    channels: Mapped[list[str]] = mapped_column(Json, default=list)
    # First and last day the incident is known for (event dates and primary reports): merge
    # compares a new mention against this span; timelines sort on `start_date`.
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))
    n_articles: Mapped[int] = mapped_column(Integer, default=0)
    sources: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    conflicts: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    names: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    # SQLite: the listing indexes hold the attack and data lists, so that a filtered list checks
    # them on the index entry (see migration 0006); PostgreSQL joins incident_tags instead.
    __table_args__ = (
        Index("ix_incidents_sector_start_date", "sector", "start_date").ddl_if(dialect="postgresql"),
        Index("ix_incidents_start_date", "start_date").ddl_if(dialect="postgresql"),
        Index("ix_incidents_sector_listing", "sector", "start_date", "id", "attack", "data").ddl_if(dialect="sqlite"),
        Index("ix_incidents_listing", "start_date", "id", "attack", "data").ddl_if(dialect="sqlite"),
    )


class IncidentTag(Base):
    """One value of a list field (attack, data, actor...), so filters are an index lookup on both backends."""

    __tablename__ = "incident_tags"

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(255), primary_key=True)

    __table_args__ = (Index("ix_incident_tags_kind_value", "kind", "value", "incident_id"),)


class Mention(Base):
    """One incident as one article reports it, and the incident merge put it in (None: unplaced)."""

    __tablename__ = "mentions"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    is_primary: Mapped[bool] = mapped_column(Boolean)
    record: Mapped[dict[str, Any]] = mapped_column(Json)
    reasons: Mapped[list[str]] = mapped_column(Json, default=list)


class AlertOutbox(Base):
    """An incident an article created or changed, for the watches to see: written in the article's
    transaction, deleted once `fuites.alerts` has recorded the alerts it calls for."""

    __tablename__ = "alert_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


# The Core tables, for the write path: statements on them skip the ORM's per-row bookkeeping,
# which costs more than SQLite itself when an article is a handful of small rows.
articles = cast(Table, Article.__table__)
article_bands = cast(Table, ArticleBand.__table__)
organisations = cast(Table, Organisation.__table__)
org_aliases = cast(Table, Alias.__table__)
incidents = cast(Table, Incident.__table__)
incident_tags = cast(Table, IncidentTag.__table__)
mentions = cast(Table, Mention.__table__)
alert_outbox = cast(Table, AlertOutbox.__table__)
