"""The `fuites` command: parses, calls the library, prints; no logic of its own."""

from __future__ import annotations

import logging
import os
import sys
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console, RenderableType

from fuites import __version__
from fuites.errors import FuitesError, InputWarning
from fuites.extract.parallel import extract_in_processes
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.files import read_paths
from fuites.pretty import render

M = TypeVar("M", bound=BaseModel)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from fuites.store import IncidentSummary, IngestReport, Outcome, Store

    Progress = Callable[[Outcome], None]

app = typer.Typer(
    name="fuites",
    help="Data breaches reported in the press: articles in, incident records out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    jsonl = "jsonl"
    pretty = "pretty"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fuites {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Data breaches reported in the press: articles in, incident records out."""


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Articles: .txt, .html/.htm, .jsonl (one article a line), folders of them, or - for stdin.",
            show_default=False,
        ),
    ],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="jsonl: one record a line; pretty: for reading.")
    ] = Format.jsonl,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Processes that extract, each loading its models; order is kept.")
    ] = 1,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of failures.")] = False,
) -> None:
    """Read articles and print one incident record per article.

    Unreadable inputs get one line each on stderr and exit status 1; the others are still processed.
    """
    failures: list[ReadFailure] = []

    def articles() -> Iterator[RawArticle]:
        for item in read_paths(paths):
            if isinstance(item, ReadFailure):
                failures.append(item)
                _error(item.message)
            else:
                yield item

    console = Console(highlight=False)
    with _reporting(debug):
        for document in extract_in_processes(articles(), jobs):
            if format is Format.pretty:
                console.print(render(document))
            else:
                sys.stdout.write(document.model_dump_json() + "\n")
    if failures:
        raise typer.Exit(1)


@contextmanager
def _reporting(debug: bool) -> Iterator[None]:
    """Warnings and errors as one `fuites:` line on stderr; tracebacks only with --debug."""
    log = logging.getLogger("fuites")
    handler, level = logging.StreamHandler(sys.stderr), log.level
    if debug:
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", InputWarning)
            warnings.showwarning = _show_warning
            yield
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader of our output went away (`| head`): stop quietly, and keep Python from
        # failing again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except Exception as error:
        if debug:
            traceback.print_exception(error, file=sys.stderr)
        elif isinstance(error, FuitesError):
            _error(str(error))
        else:
            _error(f"internal error ({type(error).__name__}: {error}); run with --debug for the traceback")
        raise typer.Exit(1) from None
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


def _show_warning(message: Warning | str, *args: object, **kwargs: object) -> None:
    _error(f"warning: {message}")


def _error(line: str) -> None:
    typer.echo(f"fuites: {line}", err=True)


# The store: ingest, reextract, merge, search, show, org, stats (see fuites.Store)

class Output(StrEnum):
    table = "table"
    jsonl = "jsonl"


DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="FUITES_DB", show_default=False,
                 help="Store: a SQLite file or a postgresql:// URL. "
                      "Default: fuites.db in the user data dir."),
]
OutputOption = Annotated[
    Output, typer.Option("--format", "-f", help="table: for reading; jsonl: one object a line.")
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks of failures.")]


def _open_store(db: str | None, *, alerts: bool = False) -> Store:
    """The store; with `alerts`, every incident a write creates or changes goes to the watches."""
    from fuites.store import Store

    if alerts:
        from fuites.alerts import notify_changes

        return Store(db, on_change=notify_changes)
    return Store(db)


def _run_ingest(work: Callable[[Progress], IngestReport], what: str) -> IngestReport:
    """Run an ingest-like job with a live count on stderr, then print its summary and failures."""
    from rich.progress import Progress as Bar
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    counts = {"new": 0, "duplicate": 0, "failed": 0, "updated": 0, "unchanged": 0}
    with Bar(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
             console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=None)

        def progress(outcome: Outcome) -> None:
            counts[outcome.status] += 1
            if outcome.status == "failed":
                bar.console.print(f"fuites: {outcome.message}", highlight=False, markup=False, soft_wrap=True)
            shown = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
            bar.update(task, description=f"{what}: {shown}")

        report = work(progress)
    shown = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "nothing to do"
    typer.echo(f"{what}: {shown}", err=True)
    return report


@app.command("ingest")
def ingest_command(
    inputs: Annotated[list[str], typer.Argument(
        metavar="PATH|URL|FEED", show_default=False,
        help="Files and folders (as for extract), article URLs, RSS/Atom feed URLs.")],
    db: DbOption = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Fetch URLs on private, loopback and link-local addresses too.")] = False,
    records: Annotated[bool, typer.Option(
        "--records",
        help="The inputs are `fuites extract --format jsonl` output, stored without extracting.")] = False,
    debug: DebugOption = False,
) -> None:
    """Read, extract and store articles, merging them into incidents. Already stored ones are skipped.

    Each article is stored whole or not at all: an interrupted run can simply be run again.
    """
    with _reporting(debug):
        with _open_store(db, alerts=True) as store:
            if records:
                def work(progress: Progress) -> IngestReport:
                    from fuites.store import IngestReport

                    report = IngestReport()
                    for path in inputs:
                        with open(path, encoding="utf-8") as lines:
                            done = store.add_records(lines, source=path, progress=progress)
                            report.outcomes += done.outcomes
                    return report
            else:
                def work(progress: Progress) -> IngestReport:
                    return store.ingest(inputs, allow_private=allow_private, progress=progress)
            report = _run_ingest(work, "ingest")
    if report.failed:
        raise typer.Exit(1)


@app.command("reextract")
def reextract_command(
    db: DbOption = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Redo every article, not only older extractions.")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Extract stored articles again after an extractor upgrade, and re-merge their incidents."""
    with _reporting(debug):
        with _open_store(db, alerts=True) as store:
            report = _run_ingest(lambda progress: store.reextract(everything=everything, progress=progress),
                                 "reextract")
    if report.failed:
        raise typer.Exit(1)


@app.command("merge")
def merge_command(
    explain: Annotated[int | None, typer.Option(
        "--explain", metavar="INCIDENT", help="Say why the articles of an incident were grouped.")] = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild",
        help="Rebuild every incident from the stored extractions, in publication order.")] = False,
    db: DbOption = None,
    format: OutputOption = Output.table,
    debug: DebugOption = False,
) -> None:
    """Explain or rebuild the grouping of articles into incidents."""
    with _reporting(debug):
        if explain is None and not rebuild:
            raise FuitesError("give --explain INCIDENT or --rebuild")
        with _open_store(db) as store:
            if rebuild:
                typer.echo(f"merge: {store.remerge()} incidents", err=True)
            if explain is not None:
                detail = store.explain(explain)
                from fuites.store.render import render_explanation

                _print_model(detail, format, render_explanation)


@app.command("search")
def search_command(
    query: Annotated[
        str | None, typer.Argument(help="Words or \"a phrase\" in articles or victim names.")
    ] = None,
    org: Annotated[str | None, typer.Option("--org", help="Organisation (any of its names).")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="Sector id: telecom, health, ...")] = None,
    data: Annotated[
        list[str] | None, typer.Option("--data", help="Data category id (repeatable): email, ...")
    ] = None,
    attack: Annotated[
        list[str] | None, typer.Option("--attack", help="Attack id (repeatable): ransomware, ...")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date: 2024, 2024-01, 2024-01-15.")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date, included.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many incidents; 0 for all.")] = 50,
    db: DbOption = None,
    format: OutputOption = Output.table,
    debug: DebugOption = False,
) -> None:
    """Incidents matching a query and filters, most recent first."""
    with _reporting(debug):
        with _open_store(db) as store:
            found = store.search(query, org=org, sector=sector, data=data, attack=attack, since=since,
                                 until=until, limit=limit or None)
        _print_summaries(found, format)


@app.command("show")
def show_command(
    incident: Annotated[int, typer.Argument(help="Incident id, as search prints it.")],
    db: DbOption = None,
    format: OutputOption = Output.table,
    debug: DebugOption = False,
) -> None:
    """One incident: every field with its sources, conflicts between articles, and the articles."""
    with _reporting(debug):
        with _open_store(db) as store:
            detail = store.show(incident)
        from fuites.store.render import render_incident

        _print_model(detail, format, render_incident)


@app.command("org")
def org_command(
    name: Annotated[str, typer.Argument(help="Organisation name, any of its usual forms.")],
    db: DbOption = None,
    format: OutputOption = Output.table,
    debug: DebugOption = False,
) -> None:
    """An organisation's timeline of incidents, with counts and data."""
    with _reporting(debug):
        with _open_store(db) as store:
            timeline = store.org(name)
        if format is Output.jsonl:
            typer.echo(timeline.model_dump_json())
        else:
            console = Console(highlight=False)
            aliases = ", ".join(a for a in timeline.aliases if a != timeline.organisation)
            also = f" (also: {aliases})" if aliases else ""
            console.print(f"[bold]{timeline.organisation}[/bold]{also}")
            _print_summaries(timeline.incidents, format)


@app.command("stats")
def stats_command(
    db: DbOption = None, format: OutputOption = Output.table, debug: DebugOption = False
) -> None:
    """Incidents by year, sector, attack and data category."""
    with _reporting(debug):
        with _open_store(db) as store:
            stats = store.stats()
        from fuites.store.render import render_stats

        _print_model(stats, format, render_stats)



# The web: serve, demo, token create (see fuites.web)

class Lang(StrEnum):
    fr = "fr"
    en = "en"


class Reads(StrEnum):
    public = "public"
    token = "token"


TokensOption = Annotated[
    str | None,
    typer.Option("--tokens", envvar="FUITES_TOKENS", show_default=False,
                 help="Tokens file. Default: tokens in the user config dir."),
]
HostOption = Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 for every interface.")]
PortOption = Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")]


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    lang: Annotated[Lang, typer.Option("--lang", help="Interface language if the browser asks for neither.")]
    = Lang.fr,
    reads: Annotated[Reads, typer.Option("--reads", help="public: anyone reads; token: reads need a token.")]
    = Reads.public,
    tokens: TokensOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes.")] = 1,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let POST /api/articles fetch URLs on private addresses.")] = False,
    access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="Log requests.")] = True,
    cache_mb: Annotated[int, typer.Option(
        "--cache-mb", min=0, help="Memory per process for responses kept until the store changes; 0: none.")]
    = 64,
    debug: DebugOption = False,
) -> None:
    """Serve the store: pages at /, the REST API at /api (docs at /docs), an Atom feed at /feed.atom."""
    from pathlib import Path

    from fuites.web import Settings, serve

    with _reporting(debug):
        settings = Settings(db=db, lang=lang.value, reads=reads.value, allow_private=allow_private,
                            tokens=Path(tokens) if tokens else None, cache_bytes=cache_mb * 1_000_000)
        serve(settings, host=host, port=port, workers=workers, access_log=access_log,
              announce=lambda url: typer.echo(f"fuites: serving on {url} (API docs at {url}docs); "
                                              "Ctrl-C stops", err=True))


@app.command("demo")
def demo_command(
    db: Annotated[str | None, typer.Option("--db", show_default=False,
                                           help="Store to create. Default: a new one in a temporary folder.")]
    = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    debug: DebugOption = False,
) -> None:
    """Ingest the bundled sample articles into a fresh SQLite store and serve it."""
    from fuites.web import Settings, demo_store, samples, serve

    with _reporting(debug):
        path = demo_store(db)
        with _open_store(str(path)) as store:
            report = _run_ingest(lambda progress: store.ingest(samples(), progress=progress), "ingest")
        if report.failed:
            raise typer.Exit(1)
        serve(Settings(db=str(path)), host=host, port=port,
              announce=lambda url: typer.echo(f"fuites: the samples are in {path}; open {url} (Ctrl-C stops)",
                                              err=True))


token_app = typer.Typer(help="API tokens: writes (POST /api/articles) need one.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create_command(
    name: Annotated[str, typer.Argument(help="Who or what the token is for (the source of what it adds).")],
    tokens: TokensOption = None,
    debug: DebugOption = False,
) -> None:
    """Make a token and print it once; the server keeps only its hash."""
    from pathlib import Path

    from fuites.web import tokens as web_tokens

    with _reporting(debug):
        path = Path(tokens) if tokens else web_tokens.default_path()
        token = web_tokens.create(name, path)
        typer.echo(token)
        typer.echo(f"fuites: token {name!r} added to {path}; send it as `Authorization: Bearer <token>`",
                   err=True)


# Exports, watchlists and alerts, advice (see fuites.export, fuites.alerts, fuites.advice)

@app.command("export")
def export_command(
    format: Annotated[str, typer.Argument(metavar="FORMAT", help="stix, misp, veris, csv or hibp.")],
    query: Annotated[str | None, typer.Argument(help="Words or \"a phrase\", as for search.")] = None,
    org: Annotated[str | None, typer.Option("--org", help="Organisation (any of its names).")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="Sector id: telecom, health, ...")] = None,
    data: Annotated[list[str] | None, typer.Option("--data", help="Data category id (repeatable).")] = None,
    attack: Annotated[list[str] | None, typer.Option("--attack", help="Attack id (repeatable).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this date: 2024, 2024-01, ...")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date, included.")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """Export incidents: a STIX 2.1 bundle, MISP events, VERIS records, CSV rows or HIBP breaches.

    The export streams: the whole store goes out in bounded memory.
    """
    from fuites import export

    with _reporting(debug):
        export.get(format)
        with _open_store(db) as store:
            found = export.incidents(store, query, org=org, sector=sector, data=data, attack=attack,
                                     since=since, until=until)
            if output:
                with open(output, "w", encoding="utf-8", newline="") as out:
                    count = export.write(format, found, out)
                typer.echo(f"export: {count} incidents to {output}", err=True)
            else:
                export.write(format, found, sys.stdout)


watch_app = typer.Typer(help="Watchlists: alerts when an incident you watch is reported or changes.",
                        no_args_is_help=True)
app.add_typer(watch_app, name="watch")


@watch_app.command("add")
def watch_add_command(
    org: Annotated[str | None, typer.Argument(help="Organisation to watch (any of its names).")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="Only incidents of this sector.")] = None,
    data: Annotated[list[str] | None, typer.Option(
        "--data", help="Only incidents exposing this data category (repeatable: any of them).")] = None,
    webhook: Annotated[str | None, typer.Option("--webhook", help="POST alerts as JSON to this URL.")] = None,
    email: Annotated[str | None, typer.Option(
        "--email", help="Send alerts to this address (SMTP from FUITES_SMTP_*).")] = None,
    secret: Annotated[str | None, typer.Option(
        "--secret", envvar="FUITES_WEBHOOK_SECRET",
        help="HMAC key of the webhook signature; default: a new one.")] = None,
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """Watch an organisation, a sector or data categories; alerts go to a webhook and/or by e-mail."""
    from fuites import alerts

    with _reporting(debug):
        with _open_store(db) as store:
            watch = alerts.add_watch(store, org, sector=sector, data=data or [], webhook=webhook, email=email,
                                     secret=secret)
        typer.echo(watch.id)
        if webhook and not secret:
            typer.echo("fuites: webhook secret (shown once; receivers check "
                       f"{alerts.SIGNATURE_HEADER} with it): {watch.secret}", err=True)


@watch_app.command("list")
def watch_list_command(db: DbOption = None, format: OutputOption = Output.table,
                       debug: DebugOption = False) -> None:
    """The watches, and where their alerts go."""
    from fuites import alerts

    with _reporting(debug):
        with _open_store(db) as store:
            found = alerts.list_watches(store)
        for watch in found:
            if format is Output.jsonl:
                typer.echo(watch.model_dump_json())
            else:
                parts = [watch.org, watch.sector and f"sector {watch.sector}",
                         f"data {'/'.join(watch.data)}" if watch.data else None]
                what = ", ".join(p for p in parts if p)
                where = ", ".join(filter(None, [watch.webhook, watch.email]))
                typer.echo(f"{watch.id}\t{what}\t-> {where}")


@watch_app.command("remove")
def watch_remove_command(
    watch: Annotated[int, typer.Argument(help="Watch id, as `watch list` prints it.")],
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """Stop a watch (its delivery history goes with it)."""
    from fuites import alerts

    with _reporting(debug):
        with _open_store(db) as store:
            alerts.remove_watch(store, watch)


alerts_app = typer.Typer(help="Alerts sent for watches: list them, retry failed deliveries.",
                         no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")


@alerts_app.command("retry")
def alerts_retry_command(db: DbOption = None, debug: DebugOption = False) -> None:
    """Send again the alerts whose delivery failed; an alert already sent is never sent again."""
    from fuites import alerts

    with _reporting(debug):
        with _open_store(db) as store:
            report = alerts.retry(store)
        for delivery, error in report.failed:
            _error(f"alert {delivery}: {error}")
        typer.echo(f"alerts: {len(report.sent)} sent, {len(report.failed)} failed", err=True)
    if report.failed:
        raise typer.Exit(1)


@alerts_app.command("list")
def alerts_list_command(
    status: Annotated[str | None, typer.Option("--status", help="pending, sending, sent or failed.")] = None,
    db: DbOption = None,
    format: OutputOption = Output.table,
    debug: DebugOption = False,
) -> None:
    """Alerts and their delivery: when sent, or why not yet."""
    from fuites import alerts

    with _reporting(debug):
        with _open_store(db) as store:
            found = alerts.list_deliveries(store, status)
        for d in found:
            if format is Output.jsonl:
                typer.echo(d.model_dump_json())
            else:
                error = f"\t{d.last_error}" if d.last_error and d.status != "sent" else ""
                typer.echo(f"{d.id}\twatch {d.watch}\tincident {d.incident}\t{d.channel} {d.target}"
                           f"\t{d.status}{error}")


@app.command("check")
def check_command(
    org: Annotated[str, typer.Argument(help="Organisation name, any of its usual forms.")],
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the advice.")] = Lang.fr,
    db: DbOption = None,
    format: OutputOption = Output.table,
    debug: DebugOption = False,
) -> None:
    """An organisation's incidents and what its exposed people should do, data category by category."""
    from fuites import advice

    with _reporting(debug):
        with _open_store(db) as store:
            result = advice.check(store, org, lang.value)
        if format is Output.jsonl:
            typer.echo(result.model_dump_json())
        else:
            sys.stdout.write(advice.render_text(result))


def _print_model(model: M, format: Output, render: Callable[[M], RenderableType]) -> None:
    """One record: its JSON for `--format jsonl`, its Rich rendering for a person otherwise."""
    if format is Output.jsonl:
        typer.echo(model.model_dump_json())
    else:
        Console(highlight=False).print(render(model))


def _print_summaries(found: Sequence[IncidentSummary], format: Output) -> None:
    from fuites.store.render import render_summaries

    if format is Output.jsonl:
        for item in found:
            sys.stdout.write(item.model_dump_json() + "\n")
        return
    Console(highlight=False).print(render_summaries(found))
