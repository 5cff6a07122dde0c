"""The `kaarten` command: a thin click layer over the loader."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from macros.ci_log import command, guard_streams
from macros.editors import NOT_A_PROJECT, is_project, run_mkdocs
from macros.problems import ContentError


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
    guard_streams()  # card text in any message is never a workflow command in a CI log
    ctx.obj = project


@main.command()
@click.pass_obj
def validate(project: Path) -> None:
    """Controleer alle kaarten en databestanden en meld elk probleem.

    Eindigt met 0 als alles klopt en met 1 als er iets te verbeteren is. Met
    GITHUB_ACTIONS=true verschijnen de problemen ook als annotaties in de pull request.
    """
    require_project(project)
    from macros.card_batch import validate_project  # unchanged projects: no heavy imports

    count, editions, problems = validate_project(project)
    if problems:
        error = ContentError(problems)
        click.echo(error.report(), err=True)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for problem in error.problems:
                command(problem.github_annotation())
        sys.exit(1)
    published = (
        f", {editions} gepubliceerde editie{'s' if editions != 1 else ''}" if editions else ""
    )
    click.echo(f"Alles in orde: {count} kaarten{published} en de databestanden zijn geldig.")


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
    """Maak de gedrukte editie als A4-pdf.

    Met omslag, inhoudsopgave, de hoofdstukken en alle projectkaarten. De volgorde van de
    hoofdstukken komt uit data/edition.yaml. Eindigt met 1 en een melding als de kaarten
    fouten bevatten of de pdf niet gemaakt kan worden.
    """
    from macros.pdf import PrintError, build_pdf
    from macros.settings import PDF_NAME

    require_project(project)
    target = output or project / PDF_NAME
    try:
        build_pdf(project, target)
    except ContentError as error:
        raise Refusal("De kaarten bevatten fouten.\n" + error.report()) from None
    except PrintError as error:
        raise Refusal(str(error)) from None
    click.echo(f"De pdf staat in {target}.")


class Refusal(click.ClickException):
    """A clean refusal in Dutch: 'Fout: …' on stderr, exit code 1, no traceback."""

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"Fout: {self.format_message()}", err=True)


def require_project(project: Path) -> None:
    if not is_project(project):
        raise Refusal(NOT_A_PROJECT)


MKDOCS_ARGUMENTS = {"ignore_unknown_options": True, "allow_interspersed_args": False}


@main.command(context_settings=MKDOCS_ARGUMENTS)
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def serve(project: Path, arguments: tuple[str, ...]) -> None:
    """Bekijk de site in je browser terwijl je werkt (mkdocs serve).

    Het adres staat in de uitvoer, onder het pad van de site, zoals
    http://127.0.0.1:8000/projectoverzicht/. Een fout in een kaart verschijnt als pagina in de
    browser; na het opslaan van de verbetering laadt die vanzelf opnieuw. Andere opties gaan
    naar mkdocs serve, zoals -a 127.0.0.1:8001.
    """
    require_project(project)
    reason = run_mkdocs(project, "serve", list(arguments))
    if reason:
        raise Refusal(reason)


@main.command(context_settings=MKDOCS_ARGUMENTS)
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def build(project: Path, arguments: tuple[str, ...]) -> None:
    """Bouw de site in site/ (mkdocs build --strict, zonder ruis).

    Zonder de Engelse mededeling van het thema; waarschuwingen en fouten blijven zichtbaar.
    Eindigt met 1 en een Nederlandse zin als de site niet gebouwd kon worden.
    """
    require_project(project)
    options = list(arguments)
    if "--strict" not in options and "-s" not in options:
        options.insert(0, "--strict")
    reason = run_mkdocs(project, "build", options)
    if reason:
        raise Refusal(reason)
    click.echo("De site is gebouwd.")


@main.command()
@click.argument("title")
@click.option(
    "--category",
    "-c",
    required=True,
    help="new, running, initiation of completed, of het label zoals 'Lopend project'.",
)
@click.option("--summary", "-s", help="De samenvatting; anders staat er een voorbeeldzin.")
@click.pass_obj
def new(project: Path, title: str, category: str, summary: str | None) -> None:
    """Maak een nieuwe kaart in cards/, met alle velden uitgelegd.

    De kaart komt in cards/<naam>.md en is meteen geldig. De bestandsnaam komt uit de titel.
    Een bestaande kaart wordt nooit overschreven.
    Voorbeeld: kaarten new "Laat digitalisering voor je werken" --category new
    """
    from macros.newcard import PLACEHOLDER_SUMMARY, NewCardError, create_card

    try:
        path = create_card(project, title, category, summary or PLACEHOLDER_SUMMARY)
    except NewCardError as error:
        raise Refusal(str(error)) from None
    click.echo(f"Nieuwe kaart: {path.relative_to(project).as_posix()}")
    click.echo("Vul de velden in en controleer daarna met: kaarten validate")


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@click.pass_obj
def diff(project: Path, base: str, head: str | None) -> None:
    """Vat de wijzigingen in kaarten en gegevens samen.

    Schrijft in Markdown, in woorden voor lezers, wat er veranderde tussen twee versies. BASE
    en HEAD zijn git-versies (commit, tak of tag). Zonder HEAD wordt BASE vergeleken
    met de werkmap: de bestanden zoals ze nu op schijf staan, ook als ze nog niet zijn
    vastgelegd. Voorbeeld: kaarten diff origin/main
    """
    from macros.changes import summarize
    from macros.revisions import RevisionError, load_snapshot

    try:
        old = load_snapshot(project, base)
        new_ = load_snapshot(project, head)
    except RevisionError as error:
        raise Refusal(str(error)) from None
    click.echo(summarize(old, new_), nl=False)


@main.command()
@click.option(
    "--check", is_flag=True, help="Niets schrijven; eindig met 1 als er iets verouderd is."
)
@click.pass_obj
def schema(project: Path, check: bool) -> None:
    """Schrijf de JSON Schema's naar schema/.

    Gemaakt uit het kaartmodel, voor kaarten en databestanden. Editors zoals VS Code gebruiken
    ze om fouten al tijdens het typen te tonen.
    """
    from macros.schema import outdated_schemas, write_schemas

    if check:
        outdated = outdated_schemas(project)
        if outdated:
            raise Refusal("verouderd: " + ", ".join(outdated) + "; werk ze bij met: kaarten schema")
        click.echo("De schema's zijn bij.")
        return
    for path in write_schemas(project):
        click.echo(f"Geschreven: {path.relative_to(project).as_posix()}")


@main.command("cms-config")
@click.pass_obj
def cms_config(project: Path) -> None:
    """Toon de configuratie van het redactiescherm.

    De site zet deze configuratie bij elke build op /admin/config.yml; velden, verplichte
    velden, keuzes en patronen komen uit het kaartmodel. Dit commando laat zien wat dat wordt
    en schrijft niets.
    """
    from macros.cms import cms_config_text

    click.echo(cms_config_text(project), nl=False)


@main.command()
@click.argument(
    "site", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), required=False
)
@click.pass_obj
def links(project: Path, site: Path) -> None:
    """Controleer de links in de gebouwde site.

    Controleert elke link en elk anker binnen de site (standaard: de map site/). Draai eerst
    mkdocs build. Links naar andere websites worden niet opgevraagd.
    """
    from urllib.parse import urlsplit

    from macros.cms import site_settings
    from macros.linkcheck import check_site

    folder = site if site.is_absolute() else project / site
    if not (folder / "index.html").is_file():
        raise Refusal(f"geen gebouwde site in {folder}; bouw die eerst met: mkdocs build --strict")
    base = urlsplit(site_settings(project)["site_url"]).path or "/"
    broken = check_site(folder, base)
    if broken:
        click.echo(f"{len(broken)} kapotte links gevonden:", err=True)
        for link in broken:
            click.echo(f"  - {link}", err=True)
        sys.exit(1)
    pages = sum(1 for _ in folder.rglob("*.html"))
    click.echo(f"Alle links in orde ({pages} pagina's gecontroleerd).")


@main.group()
def edition() -> None:
    """Publiceer de huidige editie of begin aan de volgende."""


@edition.command("publish")
@click.pass_obj
def edition_publish(project: Path) -> None:
    """Leg de huidige editie vast in editions/, met de gedrukte pdf.

    Controleert eerst alles. Schrijft editions/<jaar-maand>/edition.yaml (titel, datum,
    Index071 en per kaart titel, categorie, samenvatting, projectleider en partners) en de
    pdf van de editie, byte voor byte. Een gepubliceerde editie wordt nooit overschreven.
    """
    from macros.editions.publish import EditionError, publish
    from macros.pdf import PrintError

    try:
        record = publish(project)
    except ContentError as error:
        raise Refusal("De kaarten bevatten fouten.\n" + error.report()) from None
    except (EditionError, PrintError) as error:
        raise Refusal(str(error)) from None
    click.echo(
        f"Gepubliceerd: {record.title} in editions/{record.id}/ ({len(record.cards)} kaarten)."
    )
    click.echo("Leg de nieuwe map vast met git en maak er een pull request van.")


@edition.command("start")
@click.argument("title")
@click.argument("date", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option(
    "--niet-gepubliceerd",
    "unpublished",
    is_flag=True,
    help="Begin ook als de huidige editie nog niet is gepubliceerd.",
)
@click.pass_obj
def edition_start(project: Path, title: str, date, unpublished: bool) -> None:  # type: ignore[no-untyped-def]
    """Begin aan de volgende editie: zet titel en datum in data/edition.yaml.

    Verder verandert er niets. Weigert als de huidige editie nog niet is gepubliceerd,
    tenzij je --niet-gepubliceerd meegeeft.
    Voorbeeld: kaarten edition start "Projectoverzicht december 2023" 2023-12-01
    """
    from macros.editions.publish import EditionError, start

    try:
        start(project, title, date.date(), unpublished=unpublished)
    except ContentError as error:
        raise Refusal("De kaarten bevatten fouten.\n" + error.report()) from None
    except EditionError as error:
        raise Refusal(str(error)) from None
    click.echo(f"Nieuwe editie: {title} ({date.date().isoformat()}) in data/edition.yaml.")


if __name__ == "__main__":
    main()
