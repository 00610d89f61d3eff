"""Watchlists and alerts: when an incident that matches a watch is created or changes, say so once.

A watch names an organisation, a sector and data categories (any of them; all optional but one)
and where alerts go: a webhook (a JSON POST signed with HMAC-SHA256 in `X-Fuites-Signature`,
as `sha256=<hex>` of the body, to a public address only: `fuites.urlpolicy`) and/or an e-mail
address (SMTP, STARTTLS whenever the server offers it).

The way an alert goes, each step surviving a crash of the one before:

1. The store writes the incidents an article created or changed to `alert_outbox`, in the
   article's own transaction (when there are watches): committed together or not at all.
2. After the commit, `notify_changes(store)` matches the outbox's incidents (and any given) with
   the watches and records an alert per watch, incident, *change key* (a hash of the incident's
   facts, so an article that only repeats them sends nothing) and channel in `alert_deliveries`,
   whose unique key makes it once whoever runs this and how often; then deletes the outbox rows.
3. Each recorded alert is claimed (`sending`, with the time), sent, and marked `sent`. A failed
   delivery keeps its row and error for `retry(store)` (`fuites alerts retry`); a row left at
   `sending` by a process that died is taken again once its claim is older than the lease.
   Receivers deduplicate on `X-Fuites-Delivery`, the row's id: a process killed between the
   receiver's answer and the `sent` mark sends that id again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import smtplib
import ssl
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

import httpx
from pydantic import BaseModel, Field
from sqlalchemy import (
    JSON,
    Column,
    ColumnElement,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    delete,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import IntegrityError

from fuites import __version__, urlpolicy
from fuites.errors import FuitesError, InputError
from fuites.merge import name_key
from fuites.models import DATA, SECTORS
from fuites.store.queries import IncidentDetail
from fuites.store.tables import Incident, alert_outbox

if TYPE_CHECKING:
    from fuites.store import Store

# The tables of migration 0002_watches, described here so the store's own models stay its own.
_Json = JSON().with_variant(JSONB(), "postgresql")
_metadata = MetaData()
watches = Table(
    "watches", _metadata,
    Column("id", Integer, primary_key=True),
    Column("org", Text),
    Column("sector", String(32)),
    Column("data", _Json, nullable=False),
    Column("webhook", Text),
    Column("secret", Text),
    Column("email", Text),
    Column("created_at", DateTime, nullable=False),
)
deliveries = Table(
    "alert_deliveries", _metadata,
    Column("id", Integer, primary_key=True),
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
    Column("incident_id", Integer, nullable=False),
    Column("change_key", String(64), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("target", Text, nullable=False),
    Column("event", String(32), nullable=False),
    Column("payload", _Json, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("created_at", DateTime, nullable=False),
    Column("sent_at", DateTime),
    Column("claimed_at", DateTime),
    UniqueConstraint("watch_id", "incident_id", "change_key", "channel", name="uq_alert_once"),
)

SIGNATURE_HEADER = "X-Fuites-Signature"
DELIVERY_HEADER = "X-Fuites-Delivery"
EVENT_HEADER = "X-Fuites-Event"

# The facts whose change is news; the number of articles is not (a wire copy adds one).
_FACTS = ("victim", "sector", "country", "attack", "actors", "affected_count", "affected_qualifier",
          "affected_who", "data", "data_not", "occurred", "discovered", "disclosed", "authorities",
          "notified_individuals", "channels")


class AlertError(FuitesError):
    """A watch could not be added, or an alert could not be delivered."""


class Watch(BaseModel):
    """What to watch and where to send alerts."""

    id: int
    org: str | None = None
    sector: str | None = None
    data: list[str] = Field(default_factory=list)
    webhook: str | None = None
    email: str | None = None
    secret: str | None = Field(default=None, exclude=True, repr=False)

    def matches(self, incident: IncidentDetail, org_id: int | None, watched_org: int | None) -> bool:
        """Every criterion given holds; `data` holds when any of its categories was exposed."""
        if self.org:
            same = (watched_org is not None and watched_org == org_id) or \
                name_key(self.org) in (name_key(incident.victim), name_key(incident.organisation))
            if not same:
                return False
        if self.sector and incident.sector != self.sector:
            return False
        return not self.data or bool(set(self.data) & set(incident.data))


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently one delivery is tried before it is kept for `alerts retry`."""

    attempts: int = 3
    backoff: float = 1.0  # seconds before the 2nd attempt, doubling after
    timeout: float = 10.0  # for one attempt, connection and answer together
    # A claim older than this is a process that died while sending: its row is taken again. One
    # delivery lasts at most attempts * timeout + the backoffs (33 s by default).
    lease: float = 120.0


@dataclass(frozen=True)
class SmtpSettings:
    """Where e-mail alerts go out; `from_env` reads FUITES_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM, _CAFILE.

    A CA file is for a server whose certificate no public authority signed (a test server).
    """

    host: str
    port: int = 587
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = "fuites@localhost"
    cafile: str | None = None

    @classmethod
    def from_env(cls) -> SmtpSettings | None:
        host = os.environ.get("FUITES_SMTP_HOST")
        if not host:
            return None
        return cls(host=host, port=int(os.environ.get("FUITES_SMTP_PORT", "587")),
                   user=os.environ.get("FUITES_SMTP_USER") or None,
                   password=os.environ.get("FUITES_SMTP_PASSWORD") or None,
                   sender=os.environ.get("FUITES_SMTP_FROM", "fuites@localhost"),
                   cafile=os.environ.get("FUITES_SMTP_CAFILE") or None)


@dataclass
class DeliveryReport:
    """What one run did: alerts sent, failed (kept for retry), and already sent before."""

    sent: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    skipped: int = 0


# Watches

def add_watch(store: Store, org: str | None = None, *, sector: str | None = None,
              data: Sequence[str] = (), webhook: str | None = None, email: str | None = None,
              secret: str | None = None) -> Watch:
    """Add a watch; a webhook without a secret gets a new random one, returned in `Watch.secret`."""
    if not (org or sector or data):
        raise InputError("a watch needs an organisation, --sector or --data: "
                         "otherwise it would match everything")
    if not (webhook or email):
        raise InputError("a watch needs --webhook URL or --email ADDRESS: where should its alerts go?")
    if sector and sector not in SECTORS:
        raise InputError(f"unknown sector {sector!r}; give one of {', '.join(SECTORS)}")
    unknown = [d for d in data if d not in DATA]
    if unknown:
        raise InputError(f"unknown data categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}; "
                         f"give ids of SCHEMA.md's DATA: {', '.join(DATA)}")
    if webhook:
        _check_webhook(webhook)
    if email and "@" not in email:
        raise InputError(f"{email!r} is not an e-mail address")
    if webhook and not secret:
        secret = secrets.token_hex(32)
    with store.engine.begin() as conn:
        wid = conn.execute(insert(watches).values(
            org=org, sector=sector, data=list(dict.fromkeys(data)), webhook=webhook, secret=secret,
            email=email, created_at=datetime.now(),
        ).returning(watches.c.id)).scalar_one()
    return Watch(id=wid, org=org, sector=sector, data=list(data), webhook=webhook, email=email, secret=secret)


def _check_webhook(url: str) -> None:
    if not url.lower().startswith(("http://", "https://")):
        raise InputError(f"webhook {url!r} is not an http(s) URL")
    try:
        urlpolicy.check(url, urlpolicy.private_webhooks_allowed(), urlpolicy.WEBHOOK_HINT)
    except urlpolicy.Unresolved:
        pass  # a name the DNS does not know yet: each delivery checks it again
    except InputError as e:
        raise InputError(f"webhook {url}: {e}") from e


def list_watches(store: Store) -> list[Watch]:
    with store.engine.connect() as conn:
        return [Watch(id=r.id, org=r.org, sector=r.sector, data=r.data or [], webhook=r.webhook,
                      email=r.email, secret=r.secret)
                for r in conn.execute(select(watches).order_by(watches.c.id))]


def remove_watch(store: Store, watch_id: int) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(deliveries).where(deliveries.c.watch_id == watch_id))
        if conn.execute(delete(watches).where(watches.c.id == watch_id)).rowcount == 0:
            raise InputError(f"no watch {watch_id}; `fuites watch list` shows them")


# Alerts

def change_key(incident: IncidentDetail) -> str:
    """A hash of the facts of an incident: equal as long as no article changes them."""
    facts = {name: getattr(incident, name) for name in _FACTS}
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()


def signature(secret: str, body: bytes) -> str:
    """The `X-Fuites-Signature` of a body: a receiver computes it again and compares."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _payload(event: str, watch: Watch, incident: IncidentDetail, changed: list[str]) -> dict[str, Any]:
    return {
        "event": event,
        "watch": watch.model_dump(mode="json"),
        "changed": changed,
        "incident": incident.model_dump(mode="json", exclude={"sources", "conflicts"}),
    }


def notify_changes(store: Store, incident_ids: Iterable[int] = (), *, smtp: SmtpSettings | None = None,
                   policy: RetryPolicy | None = None, sleep: Callable[[float], None] = time.sleep
                   ) -> DeliveryReport:
    """Alert the watches that match incidents just created or updated, each change once.

    The incidents are those given and those of the outbox (a run that died after its commit left
    them there); every alert not yet sent is then sent, one left at `sending` by a dead process too.
    """
    report = DeliveryReport()
    policy = policy or RetryPolicy()
    _match(store, sorted(set(incident_ids)), report)
    _deliver(store, _due(store, ("pending",), policy), report, smtp, policy, sleep)
    return report


def retry(store: Store, *, smtp: SmtpSettings | None = None, policy: RetryPolicy | None = None,
          sleep: Callable[[float], None] = time.sleep) -> DeliveryReport:
    """Send again the alerts whose delivery failed or was cut short (`fuites alerts retry`)."""
    report = DeliveryReport()
    policy = policy or RetryPolicy()
    _match(store, [], report)
    _deliver(store, _due(store, ("pending", "failed"), policy), report, smtp, policy, sleep)
    return report


_OUTBOX_BATCH = 1000


def _match(store: Store, given: list[int], report: DeliveryReport) -> None:
    """Record the alerts the given incidents and the outbox's call for, then empty the outbox."""
    while True:
        with store.engine.connect() as conn:
            queued = conn.execute(select(alert_outbox.c.id, alert_outbox.c.incident_id)
                                  .order_by(alert_outbox.c.id).limit(_OUTBOX_BATCH)).all()
        ids = sorted(set(given) | {iid for _, iid in queued})
        given = []
        if ids:
            _record_alerts(store, ids, report)
        if queued:
            # only the rows read: one an article wrote meanwhile stays for the next pass
            with store.engine.begin() as conn:
                conn.execute(delete(alert_outbox).where(alert_outbox.c.id.in_([oid for oid, _ in queued])))
        if len(queued) < _OUTBOX_BATCH:
            return


def _record_alerts(store: Store, ids: list[int], report: DeliveryReport) -> None:
    watched = list_watches(store)
    if not watched:
        return
    with store.engine.connect() as conn:
        org_of = dict(conn.execute(select(Incident.id, Incident.org_id).where(Incident.id.in_(ids))).all())
    orgs = {w.id: _org_id(store, w.org) for w in watched}
    for iid in ids:
        if iid not in org_of:
            continue  # merged away meanwhile
        incident = store.show(iid)
        key = change_key(incident)
        for watch in watched:
            if not watch.matches(incident, org_of[iid], orgs[watch.id]):
                continue
            for channel, target in (("webhook", watch.webhook), ("email", watch.email)):
                if target and _record(store, watch, incident, key, channel, target) is None:
                    report.skipped += 1


def _claimable(statuses: Sequence[str], policy: RetryPolicy) -> ColumnElement[bool]:
    stale = datetime.now() - timedelta(seconds=policy.lease)
    return or_(deliveries.c.status.in_(statuses),
               and_(deliveries.c.status == "sending",
                    or_(deliveries.c.claimed_at.is_(None), deliveries.c.claimed_at < stale)))


def _due(store: Store, statuses: Sequence[str], policy: RetryPolicy) -> list[int]:
    with store.engine.connect() as conn:
        return [i for (i,) in conn.execute(select(deliveries.c.id).where(_claimable(statuses, policy))
                                           .order_by(deliveries.c.id))]


class Delivery(BaseModel):
    """One alert as `fuites alerts list` shows it."""

    id: int
    watch: int
    incident: int
    channel: str
    target: str
    event: str
    status: str
    attempts: int
    last_error: str | None = None
    created_at: datetime
    sent_at: datetime | None = None


def list_deliveries(store: Store, status: str | None = None) -> list[Delivery]:
    stmt = select(deliveries).order_by(deliveries.c.id)
    if status:
        stmt = stmt.where(deliveries.c.status == status)
    with store.engine.connect() as conn:
        return [Delivery(id=r.id, watch=r.watch_id, incident=r.incident_id, channel=r.channel,
                         target=r.target, event=r.event, status=r.status, attempts=r.attempts,
                         last_error=r.last_error, created_at=r.created_at, sent_at=r.sent_at)
                for r in conn.execute(stmt)]


def _org_id(store: Store, org: str | None) -> int | None:
    found = store.names.find(name_key(org)) if org else None
    return found[0] if found else None


def _record(store: Store, watch: Watch, incident: IncidentDetail, key: str, channel: str,
            target: str) -> int | None:
    """The id of a new delivery row, or None when this change was already recorded for the watch."""
    with store.engine.begin() as conn:
        exists = conn.execute(select(deliveries.c.id).where(
            deliveries.c.watch_id == watch.id, deliveries.c.incident_id == incident.id,
            deliveries.c.change_key == key, deliveries.c.channel == channel)).first()
        if exists:
            return None
        before = conn.execute(
            select(deliveries.c.payload).where(deliveries.c.watch_id == watch.id,
                                               deliveries.c.incident_id == incident.id,
                                               deliveries.c.channel == channel)
            .order_by(deliveries.c.id.desc()).limit(1)).scalar()
    if before:
        old = before.get("incident", {})
        current = incident.model_dump(mode="json")
        changed = [f for f in _FACTS if old.get(f) != current.get(f)]
        event = "incident.updated"
    else:
        changed, event = [], "incident.created" if incident.articles <= 1 else "incident.matched"
    try:
        with store.engine.begin() as conn:
            return int(conn.execute(insert(deliveries).values(
                watch_id=watch.id, incident_id=incident.id, change_key=key, channel=channel, target=target,
                event=event, payload=_payload(event, watch, incident, changed), status="pending", attempts=0,
                created_at=datetime.now(),
            ).returning(deliveries.c.id)).scalar_one())
    except IntegrityError:
        return None  # another run recorded the same change first: it sends it


def _claim(store: Store, delivery_id: int, policy: RetryPolicy) -> Any:
    """Take a delivery for sending; None when another run has it or it went out already."""
    with store.engine.begin() as conn:
        taken = conn.execute(update(deliveries).where(
            deliveries.c.id == delivery_id, _claimable(("pending", "failed"), policy)
        ).values(status="sending", claimed_at=datetime.now())).rowcount
        if not taken:
            return None
        return conn.execute(select(deliveries, watches.c.secret).join(
            watches, watches.c.id == deliveries.c.watch_id).where(deliveries.c.id == delivery_id)).one()


def _deliver(store: Store, ids: Sequence[int], report: DeliveryReport, smtp: SmtpSettings | None,
             policy: RetryPolicy, sleep: Callable[[float], None]) -> None:
    smtp = smtp or SmtpSettings.from_env()
    for delivery_id in ids:
        row = _claim(store, delivery_id, policy)
        if row is None:
            report.skipped += 1
            continue
        attempts, error = 0, None
        for attempt in range(policy.attempts):
            if attempt:
                sleep(policy.backoff * 2 ** (attempt - 1))
            attempts += 1
            try:
                if row.channel == "webhook":
                    _post(row, policy)
                else:
                    _mail(row, smtp, policy)
                error = None
                break
            except _Permanent as e:
                error = str(e)
                break
            except AlertError as e:
                error = str(e)
        with store.engine.begin() as conn:
            conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                status="failed" if error else "sent", attempts=row.attempts + attempts, last_error=error,
                sent_at=None if error else datetime.now()))
        if error:
            report.failed.append((delivery_id, error))
        else:
            report.sent.append(delivery_id)


class _Permanent(AlertError):
    """A failure that trying again at once would not cure (a 4xx answer, a refused address)."""


def _post(row: Any, policy: RetryPolicy) -> None:
    body = json.dumps(row.payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"fuites/{__version__}",
        DELIVERY_HEADER: str(row.id),
        EVENT_HEADER: row.event,
    }
    if row.secret:
        headers[SIGNATURE_HEADER] = signature(row.secret, body)
    allow_private = urlpolicy.private_webhooks_allowed()
    try:
        urlpolicy.check(row.target, allow_private, urlpolicy.WEBHOOK_HINT)
    except urlpolicy.Unresolved as e:
        raise AlertError(f"webhook {row.target}: {e}") from e
    except InputError as e:
        raise _Permanent(f"webhook {row.target}: {e}") from e
    deadline = urlpolicy.Deadline(policy.timeout)
    try:
        with httpx.Client(timeout=policy.timeout) as client, urlpolicy.request(
                client, "POST", row.target, allow_private=allow_private, deadline=deadline,
                hint=urlpolicy.WEBHOOK_HINT, content=body, headers=headers) as response:
            status = response.status_code
            location = response.headers.get("location", "")
    except InputError as e:
        raise AlertError(f"webhook {row.target}: {e}") from e
    if status == 429 or status >= 500:
        raise AlertError(f"webhook {row.target} answered {status}")
    if status >= 400:
        raise _Permanent(f"webhook {row.target} answered {status}; check its URL and secret")
    if status >= 300:
        # following it would let the receiver send the alert, and its signature, anywhere
        raise _Permanent(f"webhook {row.target} answered {status} (to {location or 'nowhere'}); "
                         "webhooks are not redirected: give the final URL")


def _message(row: Any, sender: str) -> EmailMessage:
    incident = row.payload["incident"]
    count = incident.get("affected_count")
    msg = EmailMessage()
    what = "updated" if row.event == "incident.updated" else "reported"
    msg["Subject"] = f"[fuites] {incident['victim']}: data breach {what}" + \
        (f" ({count:,} affected)" if count else "")
    msg["From"] = sender
    msg["To"] = row.target
    msg["Message-ID"] = f"<alert-{row.id}-{row.change_key[:16]}@fuites>"
    lines = [f"A data breach matching your watch #{row.watch_id} was {what}.", ""]
    labels = [("Victim", "victim"), ("Sector", "sector"), ("Date", "start"), ("Affected", "affected_count"),
              ("Attack", "attack"), ("Actors", "actors"), ("Data exposed", "data"),
              ("Data NOT exposed", "data_not")]
    for label, key in labels:
        value = incident.get(key)
        if value not in (None, [], ""):
            lines.append(f"{label}: {', '.join(value) if isinstance(value, list) else value}")
    if row.payload.get("changed"):
        lines += ["", "Changed: " + ", ".join(row.payload["changed"])]
    urls = [a["url"] for a in incident.get("sources_articles", []) if a.get("url")]
    if urls:
        lines += ["", "Sources:", *urls]
    lines += ["", f"`fuites show {incident['id']}` and `fuites check \"{incident['organisation']}\"` "
              "say more."]
    msg.set_content("\n".join(lines))
    return msg


def _mail(row: Any, settings: SmtpSettings | None, policy: RetryPolicy) -> None:
    if settings is None:
        raise _Permanent("no SMTP server configured; set FUITES_SMTP_HOST (and _PORT, _USER, _PASSWORD, "
                         "_FROM), then run `fuites alerts retry`")
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=policy.timeout) as server:
            server.ehlo()
            if server.has_extn("starttls"):
                server.starttls(context=ssl.create_default_context(cafile=settings.cafile))
                server.ehlo()
            elif settings.user:
                raise _Permanent(f"SMTP server {settings.host}:{settings.port} offers no STARTTLS; "
                                 "refusing to send the password in clear")
            if settings.user:
                server.login(settings.user, settings.password or "")
            server.send_message(_message(row, settings.sender))
    except smtplib.SMTPResponseException as e:
        text = f"SMTP {settings.host}:{settings.port} answered {e.smtp_code} {e.smtp_error!r}"
        # 4xx is "try again later"; 5xx will not change by retrying now
        raise (AlertError(text) if 400 <= e.smtp_code < 500 else _Permanent(text)) from e
    except (smtplib.SMTPException, OSError) as e:
        raise AlertError(f"SMTP {settings.host}:{settings.port}: {type(e).__name__}: {e}") from e
