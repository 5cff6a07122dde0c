"""`kaarten new`: a new card file with every field present or explained, valid as created.

Like Hugo's archetypes: the template teaches the format, so an editor fills in rather than
looks up. The explanations come from `macros.fields`, the examples from `EXAMPLES` below.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from macros.fields import FIELDS
from macros.model import CATEGORY_LABELS, CardFields, Category
from macros.problems import nearest
from macros.source import SourceProblem, read_card
from macros.validation import validate

# A file name (and web address) longer than this is cut at a word: file systems refuse names
# over 255 bytes, and a reader should be able to read an address.
MAX_SLUG = 60
# The template's texts that only say what to write. They are the single source for the check
# that refuses a card still holding one (`macros.placeholders`), so a card fresh from
# `kaarten new` opens and reads well but cannot be published before it is filled in.
PLACEHOLDER_SUMMARY = "Vat hier in één of twee zinnen samen waar het project over gaat."
PLACEHOLDER_STORY = "Schrijf hier het verhaal van het project."
PLACEHOLDER_PERSON = "Voornaam Achternaam"
PLACEHOLDER_QUOTE = "Wat de projectleider of een partner over het project zegt."
PLACEHOLDER_GOAL = "Het doel van het project, in één alinea."
PLACEHOLDER_MILESTONE = "Wat er op deze datum gebeurt"
PLACEHOLDER_LINK_TITLE = "Naam van de website"
PLACEHOLDER_URL = "https://www.voorbeeld.invalid"
PLACEHOLDERS = (
    PLACEHOLDER_SUMMARY,
    PLACEHOLDER_STORY,
    PLACEHOLDER_PERSON,
    PLACEHOLDER_QUOTE,
    PLACEHOLDER_GOAL,
    PLACEHOLDER_MILESTONE,
    PLACEHOLDER_LINK_TITLE,
    PLACEHOLDER_URL,
)

# Commented examples for the optional fields, in the model's order.
EXAMPLES: dict[str, str] = {
    "order": "order: 80",
    "leader": f"leader:\n  name: {PLACEHOLDER_PERSON}\n  organisation: Economie071",
    "quote": (
        "quote:\n"
        f'  text: "{PLACEHOLDER_QUOTE}"\n'
        f"  name: {PLACEHOLDER_PERSON}\n"
        "  role: projectleider Economie071"
    ),
    "structure": (
        "structure:\n"
        "  - role: Bestuurlijk opdrachtgever\n"
        "    who: Stuurgroep Economie071\n"
        "  - role: Projectleider\n"
        f"    who: {PLACEHOLDER_PERSON}, Economie071"
    ),
    "partners": "partners:\n  - gemeente Leiden",
    "goal": f"goal: {PLACEHOLDER_GOAL}",
    "period": "period: {start: 2024-01-01, end: 2025-12-31}",
    "targets": (
        "targets:\n"
        "  - {label: ondernemers ondersteund, value: 750}\n"
        "  - {label: vouchers, value: 100, unit: stuks}"
    ),
    "milestones": f"milestones:\n  - {{date: 2024-03-01, title: {PLACEHOLDER_MILESTONE}}}",
    "links": f'links:\n  - {{title: {PLACEHOLDER_LINK_TITLE}, url: "{PLACEHOLDER_URL}"}}',
    "index071": "index071: true",
    "formerly": "formerly: [oude-bestandsnaam]",
}

HEADER = """\
# Nieuwe projectkaart, gemaakt met 'kaarten new'. Een regel die met # begint is uitleg
# en telt niet mee. Verplicht zijn title, category en summary. Wil je een ander veld
# gebruiken? Haal dan het # en de spatie erachter weg, bij elke regel van dat veld.
# Spring in met twee spaties per niveau, nooit met tabs. Vervang elke voorbeeldtekst
# (zoals 'Voornaam Achternaam'): een kaart met voorbeeldtekst wordt niet gepubliceerd.
# Controleer: kaarten validate
"""

BODY = f"""\
## Aanleiding

{PLACEHOLDER_STORY} Gebruik ## voor tussenkopjes, **vet** voor nadruk
en regels die beginnen met - voor een opsomming.
"""


class NewCardError(Exception):
    """A card that cannot be created; the message says why, in Dutch."""


def parse_category(value: str) -> Category:
    """A category from its key (running) or its Dutch label (Lopend project), any case."""
    wanted = value.strip().casefold()
    for category, label in CATEGORY_LABELS.items():
        if wanted in (category.value, label.casefold()):
            return category
    listing = ", ".join(f"{c.value} ({label})" for c, label in CATEGORY_LABELS.items())
    options = [c.value for c in Category] + list(CATEGORY_LABELS.values())
    guess = nearest(value, options)
    hint = ""
    if guess:
        key = next((c for c, label in CATEGORY_LABELS.items() if guess in (c.value, label)))
        hint = f" Bedoelde je '{key.value}' ({key.label})?"
    raise NewCardError(f"'{value}' is geen categorie.{hint} Kies uit {listing}.")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON strings are valid YAML, whatever the title holds."""
    return json.dumps(text, ensure_ascii=False)


def _commented(block: str) -> str:
    return "\n".join(f"# {line}" for line in block.splitlines())


def card_text(title: str, category: Category, summary: str = PLACEHOLDER_SUMMARY) -> str:
    """The text of a new card: required fields filled in, optional ones as commented examples."""
    values = {"title": _quoted(title), "category": category.value, "summary": _quoted(summary)}
    parts = ["---", HEADER.rstrip("\n")]
    for name, info in CardFields.model_fields.items():
        parts.append("")
        help_text = f"{FIELDS[name].label} — {FIELDS[name].help}"
        parts += [f"# {line}" for line in textwrap.wrap(help_text, width=88)]
        if info.is_required():
            parts.append(f"{name}: {values[name]}")
        else:
            parts.append(_commented(EXAMPLES[name]))
    parts += ["---", BODY]
    return "\n".join(parts)


def create_card(root: Path, title: str, category: str, summary: str = PLACEHOLDER_SUMMARY) -> Path:
    """Write cards/<slug>.md for `title`; never overwrites, never writes an invalid card."""
    from macros.loader import CARDS_DIR  # the loader checks placeholders from here

    chosen = parse_category(category)
    slug = card_slug(title)
    rel = f"{CARDS_DIR}/{slug}.md"
    text = card_text(title, chosen, summary)
    try:
        source = read_card(text.encode("utf-8"), rel)
    except SourceProblem as error:
        raise NewCardError(f"de kaart kan zo niet gemaakt worden: {error.problem}") from None
    fields, problems = validate(CardFields, source.front_matter, rel)
    if fields is None:
        listing = "; ".join(f"{p.field}: {p.message}" for p in problems)
        raise NewCardError(f"de kaart kan zo niet gemaakt worden: {listing}")
    folder = root / CARDS_DIR
    if not folder.is_dir():
        raise NewCardError(
            f"er is geen map {CARDS_DIR}/ in {root}; start 'kaarten new' in de projectmap "
            "of geef die aan met --project"
        )
    path = folder / f"{slug}.md"
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise NewCardError(
            f"{rel} bestaat al; die kaart wordt niet overschreven. Kies een andere titel "
            "of pas het bestaande bestand aan."
        ) from None
    except OSError as error:
        raise NewCardError(
            f"{rel} kan niet geschreven worden ({error.strerror or error})"
        ) from None
    return path


def card_slug(title: str) -> str:
    """The file name (and web address) for a title: its slug, cut at a word to MAX_SLUG."""
    from macros.loader import slugify  # the loader checks placeholders from here

    slug = slugify(title)
    if len(slug) <= MAX_SLUG:
        return slug
    # Cut before the word that does not fit, unless that leaves less than half.
    cut = slug[: MAX_SLUG + 1].rpartition("-")[0]
    return cut if len(cut) >= MAX_SLUG // 2 else slug[:MAX_SLUG].rstrip("-")
