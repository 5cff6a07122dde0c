"""Dutch names and explanations of the card fields, and a walk over the card model.

One table serves every place an editor meets a field: the `kaarten new` template, the JSON
Schema, the CMS form and the `kaarten diff` summary. A test checks that every field of
`CardFields` has an entry here, so a new field cannot be forgotten.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from macros.model import CardFields
from macros.text import SCHEMES_TEXT


@dataclass(frozen=True)
class FieldText:
    """What an editor sees of one field: a short label and one sentence of help.

    `heading` is the card's section heading when it should differ from the label.
    """

    label: str
    help: str
    heading: str = ""


# Keys are dotted paths; items of a list share the list's name (`targets.value`).
FIELDS: dict[str, FieldText] = {
    "title": FieldText("Titel", "De titel van het project, zonder HTML."),
    "category": FieldText(
        "Categorie",
        "Waar het project staat: new (Nieuw project), running (Lopend project), "
        "initiation (Initiatieffase) of completed (Afgerond project).",
    ),
    "summary": FieldText("Samenvatting", "Eén of twee zinnen voor het overzicht."),
    "order": FieldText(
        "Volgorde",
        "Plaats binnen de categorie, in site en pdf (oplopend, bijvoorbeeld 10, 20, 30); "
        "kaarten zonder volgorde komen achteraan, op titel.",
    ),
    "leader": FieldText("Projectleider", "Wie het project leidt."),
    "leader.name": FieldText("Naam", "Naam van de projectleider."),
    "leader.organisation": FieldText("Organisatie", "De organisatie van de projectleider."),
    "quote": FieldText("Citaat", "Het citaat bovenaan de kaart, altijd met een naam erbij."),
    "quote.text": FieldText("Tekst", "De tekst van het citaat, zonder aanhalingstekens."),
    "quote.name": FieldText("Naam", "Wie het zei."),
    "quote.role": FieldText("Functie", "De functie of organisatie van wie het zei."),
    "structure": FieldText("Projectstructuur", "De rollen in het project, in deze volgorde."),
    "structure.role": FieldText("Rol", "Bijvoorbeeld Bestuurlijk opdrachtgever of Projectleider."),
    "structure.who": FieldText("Wie", "Persoon, organisatie of overleg dat de rol vervult."),
    "partners": FieldText(
        "Partners", "Betrokken organisaties; gebruik de namen uit data/partners.yaml."
    ),
    "goal": FieldText("Doel", "Het doel van het project, in één alinea."),
    "period": FieldText("Looptijd", "Wanneer het project loopt."),
    "period.start": FieldText("Begindatum", "De eerste dag, als JJJJ-MM-DD."),
    "period.end": FieldText(
        "Einddatum", "De laatste dag, als JJJJ-MM-DD; leeg als die nog open is."
    ),
    "targets": FieldText("Doelen in cijfers", "Meetbare doelen: een getal met wat het telt."),
    "targets.label": FieldText("Omschrijving", "Wat er geteld wordt, bijvoorbeeld vouchers."),
    "targets.value": FieldText(
        "Aantal", "Het getal, zonder punt voor duizendtallen (10000, niet 10.000)."
    ),
    "targets.unit": FieldText("Eenheid", "Bijvoorbeeld stuks of euro; mag leeg blijven."),
    "milestones": FieldText("Mijlpalen", "Stappen van het project met een datum."),
    "milestones.date": FieldText("Datum", "De datum van de mijlpaal, als JJJJ-MM-DD."),
    "milestones.title": FieldText("Titel", "Wat er gebeurt, in een paar woorden."),
    "milestones.description": FieldText("Toelichting", "Een zin uitleg; mag leeg blijven."),
    "links": FieldText(
        "Links", "Websites of e-mailadressen bij het project.", heading="Meer informatie"
    ),
    "links.title": FieldText("Titel", "De tekst van de link."),
    "links.url": FieldText("Adres", f"Begint met {SCHEMES_TEXT}."),
    "index071": FieldText(
        "Index071 tonen", "Zet op true om de actuele Index071-cijfers op deze kaart te tonen."
    ),
    "formerly": FieldText(
        "Vroegere namen",
        "Hernoemd? Zet hier de oude bestandsnaam (zonder .md): het oude adres blijft werken "
        "en de geschiedenis van de kaart loopt door.",
    ),
}


# The data files the bureau edits in the CMS, one table per file, keyed like FIELDS.
DATA_FIELDS: dict[str, dict[str, FieldText]] = {
    "edition": {
        "title": FieldText("Titel", "De titel van deze editie, zoals Projectoverzicht juni 2023."),
        "date": FieldText("Datum", "De verschijningsdatum van de editie, als JJJJ-MM-DD."),
        "publisher": FieldText("Uitgever", "Wie de editie uitgeeft; meestal Economie071."),
        "chapters": FieldText(
            "Hoofdstukken",
            "De hoofdstukken in volgorde: namen van bestanden in docs/ zonder .md; 'cards' is "
            "de plek van de projectkaarten en staat er precies één keer in.",
        ),
    },
    "index071": {
        "name": FieldText("Naam", "De naam van de index; meestal Index071."),
        "description": FieldText("Omschrijving", "Eén zin over wat de Index071 is."),
        "published": FieldText("Gepubliceerd", "Wanneer de laatste Index071 verscheen."),
        "base_year": FieldText("Basisjaar", "Het jaar waarin de index 100 was, zoals 2016."),
        "base_value": FieldText("Basiswaarde", "De waarde van de index in het basisjaar; 100."),
        "previous_base_year": FieldText(
            "Vorig basisjaar", "Het basisjaar van de vorige reeks; mag leeg blijven."
        ),
        "parameters": FieldText("Parameters", "Het aantal parameters waaruit de index bestaat."),
        "baskets": FieldText("Mandjes", "De thema's (mandjes) van de index, in volgorde."),
        "editions": FieldText(
            "Edities", "De score per editie van de index, de oudste eerst; de laatste is actueel."
        ),
        "editions.edition": FieldText("Editie", "De editie als JJJJ-JJJJ, zoals 2022-2023."),
        "editions.score": FieldText("Score", "De totaalscore van die editie, een heel getal."),
        "editions.published": FieldText(
            "Gepubliceerd", "Wanneer die editie verscheen; mag leeg blijven."
        ),
    },
    "events": {
        "events": FieldText(
            "Bijeenkomsten",
            "Bijeenkomsten van het programma zelf; mijlpalen van projecten staan in de kaarten.",
        ),
        "events.date": FieldText("Datum", "De datum van de bijeenkomst, als JJJJ-MM-DD."),
        "events.title": FieldText("Titel", "De naam van de bijeenkomst."),
        "events.description": FieldText("Toelichting", "Een zin uitleg; mag leeg blijven."),
        "events.location": FieldText("Plaats", "Waar de bijeenkomst is; mag leeg blijven."),
        "events.card": FieldText(
            "Kaart", "De kaart waar de bijeenkomst bij hoort: de bestandsnaam zonder .md."
        ),
        "events.page": FieldText(
            "Hoofdstuk",
            "Of het hoofdstuk waar de bijeenkomst bij hoort (docs/ zonder .md); niet allebei.",
        ),
    },
    "partners": {
        "partners": FieldText(
            "Partners", "Elke organisatie die een kaart mag noemen; zij krijgt een eigen pagina."
        ),
        "partners.name": FieldText("Naam", "De naam zoals kaarten haar noemen."),
        "partners.slug": FieldText(
            "Webadres",
            "Het laatste deel van het webadres van haar pagina: kleine letters, cijfers en "
            "streepjes.",
        ),
        "partners.kind": FieldText("Soort", "Onder welk kopje zij op de partnerpagina staat."),
        "partners.aliases": FieldText(
            "Andere namen", "Andere schrijfwijzen waaronder zij in de projectstructuur staat."
        ),
        "partners.url": FieldText("Website", "Haar website, beginnend met https://."),
    },
}


@dataclass(frozen=True)
class FieldShape:
    """One field of the card model, reduced to what editors and tools need to know."""

    path: str
    info: FieldInfo
    required: bool
    many: bool  # a list of values
    model: type[BaseModel] | None  # nested group of fields, if any
    scalar: Any  # the Python type of a leaf value (str, int, float, bool, date, an enum)


def _unwrap(annotation: Any) -> tuple[bool, list[Any]]:
    """(is a list, the non-None member types) of an annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin is list:
        _, members = _unwrap(typing.get_args(annotation)[0])
        return True, members
    if origin in (typing.Union, types.UnionType):
        many, members = False, []
        for arg in typing.get_args(annotation):
            if arg is type(None):
                continue
            arg_many, arg_members = _unwrap(arg)
            many = many or arg_many
            members.extend(arg_members)
        return many, members
    return False, [annotation]


def walk(model: type[BaseModel] = CardFields, prefix: str = "") -> Iterator[FieldShape]:
    """Every field of `model` and of the groups inside it, depth first, in model order."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        many, members = _unwrap(info.annotation)
        nested = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        sub = nested[0] if nested else None
        scalar = None if sub else (float if set(members) == {float, int} else members[0])
        yield FieldShape(path, info, info.is_required(), many, sub, scalar)
        if sub is not None:
            yield from walk(sub, f"{path}.")
