"""The `kaarten` command: a thin click layer over the loader."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from macros.loader import load_publication
from macros.problems import ContentError


class Failure(click.ClickException):
    """A clean Dutch error: 'Fout: …' on stderr and exit code 1, never a traceback."""

    def show(self, file=None) -> None:
        click.echo(f"Fout: {self.format_message()}", err=True, file=file)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="De map van het project (met cards/, data/ en docs/).",
)
@click.pass_context
def main(ctx: click.Context, project: Path) -> None:
    """Projectkaarten van Economie071: controleren, maken en publiceren."""
    ctx.obj = project


@main.command()
@click.pass_obj
def validate(project: Path) -> None:
    """Controleer alle kaarten en databestanden en meld elk probleem.

    Eindigt met 0 als alles klopt en met 1 als er iets te verbeteren is. Met
    GITHUB_ACTIONS=true verschijnen de problemen ook als annotaties in de pull request.
    """
    try:
        publication = load_publication(project)
    except ContentError as error:
        click.echo(error.report(), err=True)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for problem in error.problems:
                click.echo(problem.github_annotation())
        sys.exit(1)
    count = len(publication.cards)
    click.echo(f"Alles in orde: {count} kaarten en de databestanden zijn geldig.")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Het pdf-bestand dat wordt gemaakt (standaard: projectoverzicht.pdf in de projectmap).",
)
@click.pass_obj
def pdf(project: Path, output: Path | None) -> None:
    """Maak de gedrukte editie als A4-pdf: omslag, inhoud, hoofdstukken en alle projectkaarten.

    De volgorde van de hoofdstukken komt uit data/edition.yaml. Eindigt met 1 en een melding
    als de kaarten fouten bevatten of de pdf niet gemaakt kan worden.
    """
    from macros.pdf import PrintError, build_pdf
    from macros.settings import PDF_NAME

    target = output or project / PDF_NAME
    try:
        build_pdf(project, target)
    except ContentError as error:
        raise Failure("De kaarten bevatten fouten.\n" + error.report()) from None
    except PrintError as error:
        raise Failure(str(error)) from None
    click.echo(f"De pdf staat in {target}.")


if __name__ == "__main__":
    main()
