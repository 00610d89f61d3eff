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
from typing import Annotated

import typer
from rich.console import Console

from fuites import __version__
from fuites.errors import FuitesError, InputWarning
from fuites.extract.pipeline import extract_articles
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.files import read_paths
from fuites.pretty import render

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
        for document in extract_articles(articles()):
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
