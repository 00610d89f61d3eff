"""Watches and alerts, delivered for real: a webhook receiver and an SMTP server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from fuites import alerts, urlpolicy
from fuites.errors import InputError
from fuites.models import Affected, Document, Incident
from fuites.store import Store

NO_WAIT = alerts.RetryPolicy(attempts=3, backoff=0.0, timeout=5.0)


def article(doc: str, published: str, text: str, incident: Incident, url: str) -> Document:
    return Document(doc=doc, published=published, text=text, url=url, reports_incident=True,
                    incidents=[incident], extractor="test-1")


ORANGE = article(
    "orange-mai", "2014-05-07",
    "Orange a reconnu le vol de données personnelles de 1,3 million de clients, constaté le 18 avril. "
    "Les mots de passe ne sont pas concernés.",
    Incident(victim="Orange", sector="telecom", data=["email", "phone"], data_not=["password"],
             affected=Affected(count=1_300_000, qualifier="approx"), discovered="2014-04-18"),
    "https://press.example/orange-mai",
)
ORANGE_FOLLOW_UP = article(
    "orange-suite", "2014-05-09",
    "L'opérateur Orange précise que les dates de naissance de 1,3 million de clients ont aussi fuité, "
    "dans le vol de données révélé cette semaine.",
    Incident(victim="Orange", sector="telecom", data=["date_of_birth"], discovered="2014-04-18",
             affected=Affected(count=1_300_000, qualifier="approx")),
    "https://press.example/orange-suite",
)
ORANGE_WIRE_COPY = article(
    "orange-afp", "2014-05-07",
    "Selon l'AFP, Orange a reconnu le vol de données de 1,3 million de clients, constaté le 18 avril.",
    Incident(victim="Orange", sector="telecom", data=["email", "phone"], data_not=["password"],
             affected=Affected(count=1_300_000, qualifier="approx"), discovered="2014-04-18"),
    "https://press.example/orange-afp",
)
CLINIQUE = article(
    "clinique", "2024-03-02",
    "La clinique du Parc a été victime d'un rançongiciel ; des données de santé de patients ont été volées.",
    Incident(victim="Clinique du Parc", sector="health", attack=["ransomware"], data=["health", "name"],
             affected=Affected(who=["patients"])),
    "https://press.example/clinique",
)


@dataclass
class Receiver:
    """A webhook endpoint on 127.0.0.1 that answers with the statuses it is given, then 200."""

    url: str
    statuses: list[int]
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    # the receiver is on loopback, where webhooks go only when the operator says so
    monkeypatch.setenv(urlpolicy.UNSAFE_PRIVATE_WEBHOOKS, "1")
    state = Receiver("", [])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(state.statuses.pop(0) if state.statuses else 200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], str, bool]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.content.decode("utf-8", "replace")
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, content, session.ssl is not None))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        yield s


def ingest(store: Store, *documents: Document) -> list[int]:
    return [i for o in store.add(list(documents)).outcomes for i in o.incidents]


# Watches

def test_watch_is_added_listed_and_removed(store: Store) -> None:
    watch = alerts.add_watch(store, "Orange", data=["password"], webhook="https://hooks.example/a")
    assert watch.secret and len(watch.secret) == 64
    assert [(w.org, w.data) for w in alerts.list_watches(store)] == [("Orange", ["password"])]
    alerts.remove_watch(store, watch.id)
    assert alerts.list_watches(store) == []


def test_watch_without_destination_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="--webhook URL or --email"):
        alerts.add_watch(store, "Orange")


def test_watch_with_unknown_data_category_names_the_known_ones(store: Store) -> None:
    with pytest.raises(InputError, match="unknown data category passwords.*password"):
        alerts.add_watch(store, "Orange", data=["passwords"], email="soc@example.org")


# Webhook

def test_matching_incident_is_posted_signed_to_the_webhook(store: Store, receiver: Receiver) -> None:
    watch = alerts.add_watch(store, "orange", webhook=receiver.url, secret="s3cret")
    report = alerts.notify_changes(store, ingest(store, ORANGE), policy=NO_WAIT)
    assert len(report.sent) == 1 and not report.failed
    ((headers, body),) = receiver.requests
    assert headers["x-fuites-signature"] == alerts.signature("s3cret", body)
    payload = json.loads(body)
    assert payload["event"] == "incident.created"
    assert payload["watch"]["id"] == watch.id
    assert payload["incident"]["victim"] == "Orange"
    assert payload["incident"]["data_not"] == ["password"]
    assert "secret" not in payload["watch"]


def test_incident_of_another_organisation_sends_nothing(store: Store, receiver: Receiver) -> None:
    alerts.add_watch(store, "Orange", webhook=receiver.url)
    alerts.notify_changes(store, ingest(store, CLINIQUE), policy=NO_WAIT)
    assert receiver.requests == []


def test_sector_and_data_watches_match_without_an_organisation(store: Store, receiver: Receiver) -> None:
    alerts.add_watch(store, sector="health", data=["health", "password"], webhook=receiver.url)
    alerts.notify_changes(store, ingest(store, ORANGE, CLINIQUE), policy=NO_WAIT)
    assert [json.loads(b)["incident"]["victim"] for _, b in receiver.requests] == ["Clinique du Parc"]


def test_same_change_is_not_sent_twice(store: Store, receiver: Receiver) -> None:
    alerts.add_watch(store, "Orange", webhook=receiver.url)
    ids = ingest(store, ORANGE)
    alerts.notify_changes(store, ids, policy=NO_WAIT)
    again = alerts.notify_changes(store, ids, policy=NO_WAIT)
    wire = alerts.notify_changes(store, ingest(store, ORANGE_WIRE_COPY), policy=NO_WAIT)
    assert (again.sent, again.skipped, wire.sent) == ([], 1, [])
    assert len(receiver.requests) == 1


def test_an_article_that_changes_the_incident_alerts_again(store: Store, receiver: Receiver) -> None:
    alerts.add_watch(store, "Orange", webhook=receiver.url)
    first = ingest(store, ORANGE)
    alerts.notify_changes(store, first, policy=NO_WAIT)
    second = ingest(store, ORANGE_FOLLOW_UP)
    assert second == first
    alerts.notify_changes(store, second, policy=NO_WAIT)
    update = json.loads(receiver.requests[1][1])
    assert update["event"] == "incident.updated"
    assert "data" in update["changed"]
    assert "date_of_birth" in update["incident"]["data"]


def test_webhook_is_retried_until_it_answers(store: Store, receiver: Receiver) -> None:
    alerts.add_watch(store, "Orange", webhook=receiver.url)
    receiver.statuses = [503, 500]
    waits: list[float] = []
    policy = alerts.RetryPolicy(attempts=3, backoff=0.5)
    report = alerts.notify_changes(store, ingest(store, ORANGE), policy=policy, sleep=waits.append)
    assert len(report.sent) == 1
    assert waits == [0.5, 1.0]
    deliveries = {r[0]["x-fuites-delivery"] for r in receiver.requests}
    assert len(receiver.requests) == 3 and len(deliveries) == 1


def test_failed_delivery_is_kept_and_sent_once_by_retry(store: Store, receiver: Receiver) -> None:
    down = f"http://127.0.0.1:{free_port()}/hook"
    watch = alerts.add_watch(store, "Orange", webhook=down)
    report = alerts.notify_changes(store, ingest(store, ORANGE), policy=NO_WAIT)
    assert report.sent == [] and "ConnectError" in report.failed[0][1]
    (kept,) = alerts.list_deliveries(store, "failed")
    assert kept.attempts == 3
    with store.engine.begin() as conn:  # the receiver is up again, at its new address
        conn.execute(alerts.deliveries.update().values(target=receiver.url))
        conn.execute(alerts.watches.update().where(alerts.watches.c.id == watch.id)
                     .values(webhook=receiver.url))
    assert len(alerts.retry(store, policy=NO_WAIT).sent) == 1
    assert alerts.retry(store, policy=NO_WAIT).sent == []
    assert len(receiver.requests) == 1
    assert [d.status for d in alerts.list_deliveries(store)] == ["sent"]


def test_webhook_refusing_the_alert_is_not_hammered(store: Store, receiver: Receiver) -> None:
    alerts.add_watch(store, "Orange", webhook=receiver.url)
    receiver.statuses = [401]
    report = alerts.notify_changes(store, ingest(store, ORANGE), policy=NO_WAIT)
    assert "answered 401" in report.failed[0][1]
    assert len(receiver.requests) == 1


# E-mail

@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


@pytest.fixture
def tls_mailbox(tmp_path: Path) -> Iterator[tuple[Mailbox, int, str]]:
    import ssl

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    controller.start()
    yield box, port, str(cert)
    controller.stop()


def test_alert_is_mailed_through_smtp(store: Store, mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    alerts.add_watch(store, "Clinique du Parc", email="dpo@example.org")
    smtp = alerts.SmtpSettings(host="127.0.0.1", port=port, sender="alerts@fuites.example")
    report = alerts.notify_changes(store, ingest(store, CLINIQUE), smtp=smtp, policy=NO_WAIT)
    assert len(report.sent) == 1
    ((sender, recipients, content, _),) = box.messages
    assert (sender, recipients) == ("alerts@fuites.example", ["dpo@example.org"])
    assert "Subject: [fuites] Clinique du Parc: data breach reported" in content
    assert "Data exposed: health, name" in content


def test_alert_mail_uses_starttls_when_the_server_offers_it(store: Store,
                                                            tls_mailbox: tuple[Mailbox, int, str]) -> None:
    box, port, cafile = tls_mailbox
    alerts.add_watch(store, "Orange", email="soc@example.org")
    smtp = alerts.SmtpSettings(host="127.0.0.1", port=port, cafile=cafile)
    report = alerts.notify_changes(store, ingest(store, ORANGE), smtp=smtp, policy=NO_WAIT)
    assert report.failed == []
    assert box.messages[0][3] is True


def test_password_is_not_sent_to_a_server_without_starttls(store: Store,
                                                            mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    alerts.add_watch(store, "Orange", email="soc@example.org")
    smtp = alerts.SmtpSettings(host="127.0.0.1", port=port, user="fuites", password="pw")
    report = alerts.notify_changes(store, ingest(store, ORANGE), smtp=smtp, policy=NO_WAIT)
    assert "offers no STARTTLS" in report.failed[0][1]
    assert box.messages == []


# The commands

def test_watch_commands_add_list_and_remove(store: Store) -> None:
    from typer.testing import CliRunner

    from fuites.cli import app

    db = store.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    added = runner.invoke(app, ["watch", "add", "Orange", "--data", "password", "--webhook",
                                "https://hooks.example/a", "--db", db])
    assert added.exit_code == 0, added.output
    assert "webhook secret (shown once" in added.stderr
    listed = runner.invoke(app, ["watch", "list", "--db", db])
    assert "Orange, data password\t-> https://hooks.example/a" in listed.stdout
    assert runner.invoke(app, ["watch", "remove", added.stdout.strip(), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["watch", "list", "--db", db]).stdout == ""


def test_alerts_retry_command_says_what_still_fails(store: Store) -> None:
    from typer.testing import CliRunner

    from fuites.cli import app

    alerts.add_watch(store, "Orange", email="soc@example.org")
    alerts.notify_changes(store, ingest(store, ORANGE), policy=NO_WAIT)
    result = CliRunner(env={"FUITES_SMTP_HOST": ""}).invoke(
        app, ["alerts", "retry", "--db", store.engine.url.render_as_string(hide_password=False)])
    assert result.exit_code == 1
    assert "no SMTP server configured; set FUITES_SMTP_HOST" in result.stderr
    assert "alerts: 0 sent, 1 failed" in result.stderr


ORANGE_TEXT = (
    "Orange victime d'une fuite de données : 1,3 million de clients concernés\n\n"
    "Paris, le 7 mai 2014 - L'opérateur Orange a reconnu mardi le vol de données personnelles de 1,3 million "
    "de clients, constaté le 18 avril sur une plateforme de gestion des campagnes de courriels. Les noms, "
    "adresses électroniques et numéros de téléphone ont été dérobés. Les mots de passe ne sont pas concernés, "
    "précise l'entreprise.\n"
)


def test_ingest_command_alerts_a_watched_organisation_once(store: Store, receiver: Receiver,
                                                           tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fuites.cli import app

    alerts.add_watch(store, "Orange", webhook=receiver.url)
    path = tmp_path / "orange.txt"
    path.write_text(ORANGE_TEXT, encoding="utf-8")
    db = store.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert again.exit_code == 0, again.output
    assert "1 duplicate" in again.stderr
    ((headers, body),) = receiver.requests
    assert headers["x-fuites-event"] == "incident.created"
    assert json.loads(body)["incident"]["victim"] == "Orange"


# Crashes: the outbox and the lease

def test_an_alert_survives_a_crash_between_the_commit_and_the_delivery(db_url: str, receiver: Receiver) -> None:
    with Store(db_url) as store:
        alerts.add_watch(store, "Orange", webhook=receiver.url)
        # a run that committed the article, then died before it could send anything
        store.add([ORANGE])
    assert receiver.requests == []
    with Store(db_url, on_change=alerts.notify_changes) as store:
        (again,) = store.add([ORANGE]).outcomes
    assert again.status == "duplicate"
    ((headers, body),) = receiver.requests
    assert json.loads(body)["incident"]["victim"] == "Orange"
    with Store(db_url, on_change=alerts.notify_changes) as store:
        store.add([ORANGE])
    assert len(receiver.requests) == 1


def test_the_outbox_is_written_in_the_article_transaction_only_when_watched(store: Store) -> None:
    store.add([CLINIQUE])
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM alert_outbox").scalar() == 0
    alerts.add_watch(store, "Orange", email="soc@example.org")
    store.add([ORANGE])
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM alert_outbox").scalar() == 1


def test_a_delivery_left_sending_by_a_dead_process_is_sent_after_its_lease(store: Store,
                                                                           receiver: Receiver) -> None:
    alerts.add_watch(store, "Orange", webhook=receiver.url)
    receiver.statuses = [503, 503, 503]
    alerts.notify_changes(store, ingest(store, ORANGE), policy=NO_WAIT)
    with store.engine.begin() as conn:  # as a process killed while sending leaves it
        conn.execute(alerts.deliveries.update().values(status="sending"))
    assert alerts.retry(store, policy=NO_WAIT).sent == []  # claimed just now: its sender may be alive
    with store.engine.begin() as conn:
        conn.execute(alerts.deliveries.update().values(claimed_at=None))
    assert len(alerts.retry(store, policy=NO_WAIT).sent) == 1
    assert [d.status for d in alerts.list_deliveries(store)] == ["sent"]
    assert len({h["x-fuites-delivery"] for h, _ in receiver.requests}) == 1
