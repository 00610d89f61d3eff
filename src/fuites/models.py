"""The incident record of SCHEMA.md as pydantic models: their JSON is the public contract."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]
Qualifier = Literal["exact", "approx", "at_least", "at_most", "order"]

SECTORS = (
    "telecom",
    "postal_logistics",
    "cybersecurity",
    "retail",
    "health",
    "public_admin",
    "education",
    "finance",
    "insurance",
    "energy",
    "transport",
    "industry",
    "media",
    "hospitality",
    "technology",
    "sport_leisure",
    "other",
)
ATTACKS = (
    "ransomware",
    "intrusion",
    "ddos",
    "insider",
    "account_compromise",
    "credential_stuffing",
    "misconfiguration",
    "supplier",
    "extortion",
    "malware",
)
WHO = (
    "customers",
    "prospects",
    "employees",
    "organizations",
    "patients",
    "students",
    "users",
    "citizens",
    "records",
)
DATA = (
    "name",
    "email",
    "phone",
    "postal_address",
    "date_of_birth",
    "place_of_birth",
    "gender",
    "national_id",
    "bank_account",
    "payment_card",
    "financial",
    "password",
    "username",
    "account_number",
    "contract",
    "billing",
    "order",
    "organization",
    "job_title",
    "health",
    "ip_address",
    "location",
    "technical",
    "contact",
    "other",
)
AUTHORITIES = ("dpa", "law_enforcement", "cyber_agency", "telecom_regulator", "other")
CHANNELS = ("email", "sms", "mail", "phone", "website", "in_app", "press")


class Affected(BaseModel):
    """How many were hit and who; `count` is None when the article names who but no number."""

    count: int | None = None
    qualifier: Qualifier | None = None
    who: list[str] = Field(default_factory=list)


class Incident(BaseModel):
    """One breach at one organisation, as one article tells it."""

    model_config = ConfigDict(extra="forbid")

    primary: bool = True
    victim: str | None = None
    sector: str | None = None
    country: str | None = None
    attack: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    affected: Affected | None = None
    data: list[str] = Field(default_factory=list)
    data_not: list[str] = Field(default_factory=list)
    occurred: str | None = None
    discovered: str | None = None
    disclosed: str | None = None
    authorities: list[str] = Field(default_factory=list)
    notified_individuals: bool = False
    channels: list[str] = Field(default_factory=list)
    evidence: dict[str, list[Span]] = Field(default_factory=dict)


class Document(BaseModel):
    """One article: its cleaned text and the incidents it reports, the main one first."""

    model_config = ConfigDict(extra="forbid")

    doc: str
    lang: str | None = None
    published: str | None = None
    reports_incident: bool = False
    incidents: list[Incident] = Field(default_factory=list)
    title: str | None = None
    url: str | None = None
    text: str = ""
    evidence: dict[str, list[Span]] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    extractor: str = ""

    @property
    def primary(self) -> Incident | None:
        return next((i for i in self.incidents if i.primary), None)
