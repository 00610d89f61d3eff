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
            help="Articles: .txt, .html/.htm, .jsonl (one article a line), .jsonl.gz, .warc(.gz), folders of "
                 "them, or - for stdin.",
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
    # the readers bring HTML and WARC parsing: imported by the commands that read, not by every command
    from fuites.extract.parallel import extract_in_processes
    from fuites.ingest.archive import read_archive_paths
    from fuites.ingest.article import RawArticle, ReadFailure

    failures: list[ReadFailure] = []

    def articles() -> Iterator[RawArticle]:
        for item in read_archive_paths(paths):
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


def _open_store(db: str | None, *, alerts: bool = False, read: bool = False) -> Store:
    """The store; with `alerts`, every incident a write creates or changes goes to the watches;
    `read`: only an existing one (reading commands never create a store)."""
    from fuites.store import Store

    if alerts:
        from fuites.alerts import notify_changes

        return Store(db, on_change=notify_changes)
    return Store(db, create=not read)


def _run_ingest(work: Callable[[Progress], IngestReport], what: str, total: int | None = None) -> IngestReport:
    """Run an ingest-like job showing progress on stderr ("n/N, time left": a bar on a terminal,
    a plain line every few seconds when piped), then print its summary."""
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    # asked once: it costs more than storing an article in bulk
    terminal = console.is_terminal
    counts = {"new": 0, "duplicate": 0, "failed": 0, "updated": 0, "unchanged": 0}
    started = last_line = time.monotonic()

    def shown() -> str:
        return ", ".join(f"{n} {k}" for k, n in counts.items() if n)

    with Bar(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
             TimeRemainingColumn(), console=console, transient=True, disable=not terminal) as bar:
        task = bar.add_task(what, total=total)

        def progress(outcome: Outcome) -> None:
            nonlocal last_line
            counts[outcome.status] += 1
            if outcome.status == "failed":
                console.print(f"fuites: {outcome.message}", highlight=False, markup=False, soft_wrap=True)
            if terminal:
                bar.update(task, advance=1, description=f"{what}: {shown()}")
                return
            now = time.monotonic()
            if now - last_line >= PLAIN_PROGRESS_SECONDS:
                last_line = now
                typer.echo(f"{what}: {progress_line(sum(counts.values()), total, now - started)}", err=True)

        report = work(progress)
    typer.echo(f"{what}: {report.summary()}", err=True)
    return report


PLAIN_PROGRESS_SECONDS = 5.0


def progress_line(done: int, total: int | None, elapsed: float) -> str:
    """"120/500 articles, about 3 min left" (or "120 articles" when the total is not known)."""
    if not total:
        return f"{done} articles"
    left = elapsed / max(done, 1) * max(total - done, 0)
    when = f"{left:.0f} s" if left < 90 else f"{left / 60:.0f} min"
    return f"{done}/{total} articles, about {when} left"


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
    from fuites.ingest.files import count_articles, record_lines

    with _reporting(debug):
        with _open_store(db, alerts=True) as store:
            if records:
                def work(progress: Progress) -> IngestReport:
                    from fuites.store import IngestReport

                    report = IngestReport()
                    for path in inputs:
                        done = store.add_records(record_lines(path), source=path, progress=progress)
                        report.outcomes += done.outcomes
                    return report
            else:
                def work(progress: Progress) -> IngestReport:
                    return store.ingest(inputs, allow_private=allow_private, progress=progress)
            report = _run_ingest(work, "ingest", count_articles(inputs))
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
        with _open_store(db, read=True) as store:
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
        with _open_store(db, read=True) as store:
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
        with _open_store(db, read=True) as store:
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
        with _open_store(db, read=True) as store:
            stats = store.stats()
        from fuites.store.render import render_stats

        _print_model(stats, format, render_stats)



# Backup and restore (see fuites.store.db)

@app.command("backup")
def backup_command(
    path: Annotated[str, typer.Argument(help="The file to write (replaced whole if it exists).")],
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """Copy a SQLite store to PATH, safely while it is served or written to; for PostgreSQL,
    say how to use pg_dump."""
    from fuites.store.db import backup

    with _reporting(debug):
        size = backup(db, path)
        typer.echo(f"backup: {size / 1_000_000:.1f} MB to {path}", err=True)


@app.command("restore")
def restore_command(
    path: Annotated[str, typer.Argument(help="A file written by `fuites backup`.")],
    db: DbOption = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Overwrite a store that holds articles.")] = False,
    debug: DebugOption = False,
) -> None:
    """Put a backup in place of a SQLite store (checked first, then migrated to this version)."""
    from fuites.store.db import restore

    with _reporting(debug):
        articles = restore(path, db, replace=replace)
        typer.echo(f"restore: the store now holds {articles} articles from {path}", err=True)


# Archives: batch, load (see fuites.batch and fuites.store.bulk)

@app.command("batch")
def batch_command(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT", show_default=False,
        help="Shards: JSON lines (.jsonl, .jsonl.gz), WARC files (.warc, .warc.gz), folders of them "
             "(and of .txt/.html articles).")],
    out: Annotated[str, typer.Option("--out", "-o", help="Output folder (Parquet tables, summary.json).",
                                     show_default=False)],
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Worker processes of the local cluster. Default: one per core.",
        show_default=False)] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="A running Dask scheduler (tcp://HOST:8786) instead of a local cluster.",
        show_default=False)] = None,
    debug: DebugOption = False,
) -> None:
    """Extract an archive on a Dask cluster into Parquet: an articles table and an incidents table.

    One task per shard. Shards already complete in --out are skipped: a killed run, run again,
    continues where it stopped. `fuites load` puts the output into a store.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    from fuites.batch import run_batch

    with _reporting(debug):
        with Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                 console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("batch", total=None)
            done = {"articles": 0, "incidents": 0}

            def started(todo: int, dashboard: str | None) -> None:
                bar.update(task, total=todo)
                if todo:
                    shown = dashboard or "none (install bokeh for it)"
                    bar.console.print(f"fuites: {todo} shards to do; Dask dashboard: {shown}",
                                      highlight=False, markup=False, soft_wrap=True)

            def shard_done(marker: dict[str, object]) -> None:
                done["articles"] += int(str(marker.get("articles", 0)))
                done["incidents"] += int(str(marker.get("incidents", 0)))
                bar.update(task, advance=1,
                           description=f"batch: {done['articles']} articles, {done['incidents']} incidents")

            summary = run_batch(inputs, out, workers=workers, scheduler=scheduler, on_start=started,
                                on_shard=shard_done)
        for failure in summary.failures:
            _error(failure)
        rate = f", {done['articles'] / summary.seconds:.1f} articles/s" if summary.seconds and done["articles"] else ""
        typer.echo(f"batch: {summary.shards} shards ({summary.skipped} already done), {summary.articles} articles, "
                   f"{summary.reporting} reporting an incident, {summary.incidents} incidents, {summary.failed} "
                   f"failed{rate}; {out}/summary.json", err=True)
    if summary.failed or summary.failed_shards:
        raise typer.Exit(1)


@app.command("load")
def load_command(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="A `fuites batch` output folder.")],
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """Bulk-load a `fuites batch` output into the store, then merge the new articles into incidents.

    The same store as `fuites ingest` of the same articles, far faster. Articles already stored
    are skipped; each group of articles is stored and merged whole or not at all.
    """
    from fuites.store.bulk import load, shard_names

    with _reporting(debug):
        shard_names(folder)
        with _open_store(db) as store:
            report = _run_ingest(lambda progress: load(store, folder, progress=progress), "load")
    if report.failed:
        raise typer.Exit(1)


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
    base_url: Annotated[str | None, typer.Option(
        "--base-url", show_default=False,
        help="The site's public address (https://host/path), for the feed's links; the Host header "
             "is never trusted. Default: http://HOST:PORT.")] = None,
    debug: DebugOption = False,
) -> None:
    """Serve the store: pages at /, the REST API at /api (docs at /docs), an Atom feed at /feed.atom."""
    from pathlib import Path

    from fuites.web import Settings, serve

    with _reporting(debug):
        settings = Settings(db=db, lang=lang.value, reads=reads.value, allow_private=allow_private,
                            tokens=Path(tokens) if tokens else None, cache_bytes=cache_mb * 1_000_000,
                            base_url=base_url)
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
    """Ingest the bundled sample articles (fictional organisations) into a fresh SQLite store and serve it.

    Without --db the store is temporary: it is removed when the demo stops."""
    from fuites.web import Settings, demo_store, samples, serve

    with _reporting(debug), demo_store(db) as path:
        with _open_store(str(path)) as store:
            report = _run_ingest(lambda progress: store.ingest(samples(), progress=progress), "ingest")
        if report.failed:
            raise typer.Exit(1)
        where = f"in {path}" if db else "in a temporary store, removed when the demo stops"
        serve(Settings(db=str(path)), host=host, port=port,
              announce=lambda url: typer.echo(
                  f"fuites: the sample articles are {where}; their organisations are fictional, "
                  f"written for the demo. Open {url} (Ctrl-C stops)", err=True))


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
    format: Annotated[str, typer.Argument(metavar="FORMAT", help="stix, misp, veris, csv, hibp or jsonl.")],
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
    """Export incidents: a STIX 2.1 bundle, MISP events, VERIS records, CSV rows or HIBP breaches;
    or their articles as records (jsonl) that `fuites ingest --records` reads back.

    The export streams: the whole store goes out in bounded memory.
    """
    from fuites import export

    with _reporting(debug):
        what = "articles" if export.get(format).of == "articles" else "incidents"
        with _open_store(db, read=True) as store:
            found = export.select(format, store, query, org=org, sector=sector, data=data, attack=attack,
                                  since=since, until=until)
            if output:
                count = export.write_file(format, found, output)
                typer.echo(f"export: {count} {what} to {output}", err=True)
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
def alerts_retry_command(
    db: DbOption = None,
    lease: Annotated[float, typer.Option(
        "--lease", help="Seconds after which an alert left `sending` (its sender died) is sent again.")] = 120.0,
    debug: DebugOption = False,
) -> None:
    """Send again the alerts whose delivery failed or was cut short; an alert sent is never sent again."""
    from fuites import alerts

    with _reporting(debug):
        with _open_store(db) as store:
            report = alerts.retry(store, policy=alerts.RetryPolicy(lease=lease))
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
        with _open_store(db, read=True) as store:
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
