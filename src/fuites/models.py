"""The incident record of SCHEMA.md as pydantic models: their JSON is the public contract."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

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


# SCHEMA's date forms; a metadata timestamp ("2024-05-03T10:00:00Z") is read for its date
_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?|--(?P<ym>\d{2})(?:-(?P<yd>\d{2}))?")
_TIMESTAMP_REST = re.compile(r"[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
# The years a press report of a breach can give: an extractor reading "288" or "3792" as a
# year, or a typing error, must not put a date outside them in a record (STIX and VERIS refuse it)
FIRST_YEAR = 1970


def date_error(value: str, *, timestamp: bool = False) -> str | None:
    """Why `value` is not a date of SCHEMA's forms (YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD, --MM),
    or None when it is one; `timestamp` lets a time follow a full date."""
    match = _DATE.match(value)
    rest = value[match.end():] if match else value
    if match is None or (rest and not (timestamp and match["d"] and _TIMESTAMP_REST.fullmatch(rest))):
        return f"{value[:40]!r} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY"
    month = match["m"] or match["ym"]
    day = match["d"] or match["yd"]
    if month and not 1 <= int(month) <= 12:
        return f"{value[:40]!r} is not a date: there is no month {month}"
    if day:
        try:
            # 2024 is a leap year: "--02-29" is a day some year has
            dt.date(int(match["y"] or 2024), int(month), int(day))
        except ValueError:
            return f"{value[:40]!r} is not a date: there is no day {day} in that month"
    return None


def plausible_date(value: str | None) -> str | None:
    """The date if its year is from FIRST_YEAR to next year (or it has no year), else None."""
    if not value or value.startswith("--"):
        return value
    year = int(value[:4]) if value[:4].isdigit() else 0
    return value if FIRST_YEAR <= year <= dt.date.today().year + 1 else None


def _checked(value: str | None) -> str | None:
    if value is None:
        return None
    error = date_error(value)
    if error:
        raise ValueError(error)
    return plausible_date(value)


def _checked_timestamp(value: str | None) -> str | None:
    if value is None:
        return None
    error = date_error(value, timestamp=True)
    if error:
        raise ValueError(error)
    return value


# Characters XML 1.0 cannot hold (an Atom feed with one is not XML) and that no text means
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """The text without control characters (tab and line ends kept) nor halves of UTF-16 pairs."""
    return _SURROGATE.sub("", _CONTROL.sub("", text))


def _same_length(text: str) -> str:
    # an article's text keeps its length: evidence spans are offsets into it
    return _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text))


def public_url(url: str | None) -> str | None:
    """The URL without the user name and password it may carry (`https://user:pw@host/`): a record
    publishes its article's address, never credentials."""
    if not url:
        return url
    url = printable(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


# A date as a client or a reader gives it: refused when it is no calendar date ("2025-13-45")
IsoDate = Annotated[str, AfterValidator(_checked_timestamp)]


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

    @field_validator("occurred", "discovered", "disclosed")
    @classmethod
    def _a_date(cls, value: str | None) -> str | None:
        return _checked(value)

    @field_validator("victim")
    @classmethod
    def _a_name(cls, value: str | None) -> str | None:
        return printable(value) if value else value

    @field_validator("actors")
    @classmethod
    def _names(cls, values: list[str]) -> list[str]:
        return [printable(v) for v in values]


class Document(BaseModel):
    """One article: its cleaned text and the incidents it reports, the main one first."""

    # the pipeline sets `published` once it has read the text: checked then too
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

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

    @field_validator("published")
    @classmethod
    def _a_date(cls, value: str | None) -> str | None:
        return _checked(value)

    @field_validator("url")
    @classmethod
    def _an_address(cls, value: str | None) -> str | None:
        return public_url(value)

    @field_validator("title")
    @classmethod
    def _a_title(cls, value: str | None) -> str | None:
        return printable(value) if value else value

    @field_validator("text")
    @classmethod
    def _a_text(cls, value: str) -> str:
        return _same_length(value)

    @property
    def primary(self) -> Incident | None:
        return next((i for i in self.incidents if i.primary), None)
