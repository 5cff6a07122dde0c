"""The publication's content model: cards and the data files, as typed, validated values.

Plain Python and pydantic only: no MkDocs import, so the model survives a move to another engine.
Every validator raises a Dutch message, because editors read these errors.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from macros.lookalike import PartnerName
from macros.text import PlainText, Slug, Text, Url, WebUrl


class Category(StrEnum):
    """A card's place in the project life cycle, in the order the publication shows them."""

    NEW = "new"
    RUNNING = "running"
    INITIATION = "initiation"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]

    @property
    def rank(self) -> int:
        return list(Category).index(self)

    def heading(self, count: int) -> str:
        """The heading over `count` cards of this category: plural when there is more than one."""
        return CATEGORY_PLURALS[self] if count > 1 else self.label


CATEGORY_LABELS: dict[Category, str] = {
    Category.NEW: "Nieuw project",
    Category.RUNNING: "Lopend project",
    Category.INITIATION: "Initiatieffase",
    Category.COMPLETED: "Afgerond project",
}
# Section headings over several cards of one category; "Initiatieffase" names a phase and stays.
CATEGORY_PLURALS: dict[Category, str] = {
    Category.NEW: "Nieuwe projecten",
    Category.RUNNING: "Lopende projecten",
    Category.INITIATION: "Initiatieffase",
    Category.COMPLETED: "Afgeronde projecten",
}


class Strict(BaseModel):
    """Base for every model read from a file: unknown keys are errors, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Leader(Strict):
    """The project leader, shown on the overview and the card."""

    name: PlainText
    organisation: PlainText | None = None


class Quote(Strict):
    """The highlighted quote that opens a card, always attributed."""

    text: Text
    name: PlainText
    role: PlainText | None = None


class StructureRole(Strict):
    """One line of the "Projectstructuur": a role and who fills it."""

    role: PlainText
    who: Text


class Period(Strict):
    """The period a project runs; the end may still be open."""

    start: dt.date
    end: dt.date | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Period:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "period_order",
                "de einddatum ligt vóór de begindatum ({start})",
                {"start": self.start},
            )
        return self


class Target(Strict):
    """A measurable goal: a number with what it counts."""

    label: PlainText
    value: Annotated[float, Field(ge=0)] | Annotated[int, Field(ge=0)]
    unit: PlainText | None = None


class Milestone(Strict):
    """A dated step of a project; milestones feed the agenda."""

    date: dt.date
    title: PlainText
    description: Text | None = None


class Link(Strict):
    """A link shown on the card; only web and mail links are allowed."""

    title: PlainText
    url: Url


class CardFields(Strict):
    """The front matter of a card: the contract with the editors (see the editors' guide)."""

    title: PlainText
    category: Category
    summary: PlainText
    order: int | None = None
    leader: Leader | None = None
    quote: Quote | None = None
    structure: list[StructureRole] = Field(default_factory=list)
    partners: list[PlainText] = Field(default_factory=list)
    goal: Text | None = None
    period: Period | None = None
    targets: list[Target] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    index071: bool = False  # show the Index071 figures of data/index071.yaml
    formerly: list[Slug] = Field(default_factory=list)  # earlier file names, after a rename


class Card(CardFields):
    """A card as the publication uses it: its fields plus where it came from."""

    slug: str
    source: str
    body: str = ""
    body_line: int = 1

    @property
    def url(self) -> str:
        return f"projecten/{self.slug}/"

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        """The one reading order of site, "Vorige/Volgende kaart" and PDF: grouped by category
        as the overview shows them, then `order`, then title."""
        return (
            self.category.rank,
            0 if self.order is not None else 1,
            self.order or 0,
            self.title.casefold(),
        )


# --- data files -------------------------------------------------------------------------------


class IndexScore(Strict):
    """The Index071 total of one Index edition."""

    edition: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{4}$")]
    score: Annotated[int, Field(gt=0)]
    published: dt.date | None = None


class Index071(Strict):
    """data/index071.yaml: the only place where Index figures live."""

    name: PlainText = "Index071"
    description: Text | None = None
    published: dt.date | None = None
    base_year: int
    base_value: Annotated[int, Field(gt=0)] = 100
    previous_base_year: int | None = None
    parameters: Annotated[int, Field(gt=0)]
    baskets: Annotated[list[PlainText], Field(min_length=1)]
    editions: Annotated[list[IndexScore], Field(min_length=1)]

    @field_validator("editions")
    @classmethod
    def _oldest_first(cls, editions: list[IndexScore]) -> list[IndexScore]:
        labels = [e.edition for e in editions]
        if labels != sorted(labels):
            raise PydanticCustomError(
                "edition_order",
                "zet de edities op volgorde, de oudste eerst: {want}",
                {"want": ", ".join(sorted(labels))},
            )
        if len(set(labels)) != len(labels):
            raise PydanticCustomError("edition_twice", "een editie staat er twee keer in")
        return editions

    @property
    def latest(self) -> IndexScore:
        return self.editions[-1]

    @property
    def previous(self) -> IndexScore | None:
        return self.editions[-2] if len(self.editions) > 1 else None

    @property
    def change(self) -> int | None:
        """Points gained since the previous Index edition."""
        return None if self.previous is None else self.latest.score - self.previous.score

    @property
    def growth(self) -> int:
        """Points gained since the base year."""
        return self.latest.score - self.base_value


class PartnerKind(StrEnum):
    MUNICIPALITY = "municipality"
    BUSINESS = "business"
    EDUCATION = "education"
    PROGRAMME = "programme"
    EXTERNAL = "external"

    @property
    def label(self) -> str:
        return {
            "municipality": "Gemeenten",
            "business": "Ondernemers",
            "education": "Onderwijs en kennis",
            "programme": "Programmabureau",
            "external": "Andere organisaties",
        }[self.value]


class Partner(Strict):
    name: PartnerName
    slug: Slug
    kind: PartnerKind
    aliases: list[PartnerName] = Field(default_factory=list)
    url: WebUrl | None = None

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Partners(Strict):
    """data/partners.yaml: every organisation a card may name."""

    partners: list[Partner]

    @model_validator(mode="after")
    def _unique(self) -> Partners:
        seen: dict[str, str] = {}
        for partner in self.partners:
            for name in partner.names:
                key = name.casefold()
                if key in seen and seen[key] != partner.slug:
                    raise PydanticCustomError(
                        "partner_twice",
                        "de naam '{name}' hoort al bij een andere partner",
                        {"name": name},
                    )
                seen[key] = partner.slug
        slugs = [p.slug for p in self.partners]
        if len(set(slugs)) != len(slugs):
            raise PydanticCustomError("slug_twice", "twee partners hebben dezelfde slug")
        return self

    def find(self, name: str) -> Partner | None:
        key = name.strip().casefold()
        for partner in self.partners:
            if any(key == n.casefold() for n in partner.names):
                return partner
        return None

    def all_names(self) -> list[str]:
        return [n for p in self.partners for n in p.names]


class Theme(Strict):
    number: int
    title: PlainText
    description: Text | None = None


class TeamMember(Strict):
    name: PlainText
    role: PlainText


class ProgrammePeriod(Strict):
    start: dt.date
    end: dt.date


class Programme(Strict):
    """data/programme.yaml: the programme that frames the projects."""

    name: PlainText
    since: int | None = None
    partner_count: int | None = None
    period: ProgrammePeriod
    ambition: PlainText | None = None
    agenda: PlainText | None = None
    goals: list[Text] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    spearheads: list[PlainText] = Field(default_factory=list)
    team: list[TeamMember] = Field(default_factory=list)


CARDS_CHAPTER = "cards"


class Edition(Strict):
    """data/edition.yaml: the current edition of the Projectoverzicht."""

    title: PlainText
    date: dt.date
    publisher: PlainText = "Economie071"
    chapters: Annotated[list[Slug], Field(min_length=1)]

    @field_validator("chapters")
    @classmethod
    def _cards_once(cls, chapters: list[str]) -> list[str]:
        if chapters.count(CARDS_CHAPTER) != 1:
            raise PydanticCustomError(
                "cards_chapter",
                "zet 'cards' (de projectkaarten) precies één keer in de hoofdstukken",
            )
        if len(set(chapters)) != len(chapters):
            raise PydanticCustomError("chapter_twice", "een hoofdstuk staat er twee keer in")
        return chapters


# --- programme events (data/events.yaml) -------------------------------------------------------


class Event(Strict):
    """A programme event that is not a card's milestone, such as Ondernemen in 071."""

    date: dt.date
    title: PlainText
    description: Text | None = None
    location: PlainText | None = None
    card: Slug | None = None  # the card the event belongs to …
    page: Slug | None = None  # … or the chapter (docs/<page>.md)

    @model_validator(mode="after")
    def _one_link(self) -> Event:
        if self.card is not None and self.page is not None:
            raise PydanticCustomError(
                "event_link", "geef een evenement óf een kaart (card) óf een hoofdstuk (page)"
            )
        return self


class Events(Strict):
    """data/events.yaml: the programme's own events for the agenda; optional."""

    events: list[Event] = Field(default_factory=list)
