"""What changed between two editions, in the words of the publication.

Pure: two `EditionSnapshot`s in, an `EditionChanges` out. A card is the same card when its slug
is the same or when the newer card lists the older slug under `formerly`; without that, a
renamed card is one card removed and one added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from macros import formatting as fmt
from macros.editions.records import EditionSnapshot, RecordCard, RecordIndex
from macros.model import Category, Leader


@dataclass(frozen=True)
class Move:
    card: RecordCard
    before: Category


@dataclass(frozen=True)
class Rename:
    card: RecordCard
    before: RecordCard


@dataclass(frozen=True)
class LeaderChange:
    card: RecordCard
    before: Leader | None


@dataclass(frozen=True)
class EditionChanges:
    """Everything "Wat is er veranderd" tells, against `old`."""

    old: EditionSnapshot
    new: EditionSnapshot
    added: list[RecordCard] = field(default_factory=list)
    removed: list[RecordCard] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)
    leaders: list[LeaderChange] = field(default_factory=list)
    index: tuple[RecordIndex, RecordIndex] | None = None

    @property
    def empty(self) -> bool:
        return not (
            self.added or self.removed or self.moved or self.renamed or self.leaders or self.index
        )

    def marks(self) -> dict[str, str]:
        """Per current slug, the mark a card gets on the overview: new or changed category."""
        out = {card.slug: "new" for card in self.added}
        out.update({move.card.slug: "moved" for move in self.moved})
        return out

    def lines(self) -> list[str]:
        """The changes as plain Dutch sentences (feed, PDF), in the order the pages show them."""
        out = [f"Nieuw: {c.title} ({c.category.label})" for c in self.added]
        out += [f"Niet meer in deze editie: {c.title}" for c in self.removed]
        out += [move_text(m) for m in self.moved]
        out += [rename_text(r) for r in self.renamed]
        out += [leader_text(change) for change in self.leaders]
        if self.index:
            out.append(index_text(*self.index))
        return out


def leader_name(leader: Leader | None) -> str:
    if leader is None:
        return "geen projectleider"
    return ", ".join(filter(None, [leader.name, leader.organisation]))


def move_text(move: Move) -> str:
    return f"{move.card.title}: van {move.before.label} naar {move.card.category.label}"


def rename_text(rename: Rename) -> str:
    return f"{rename.before.title} heet nu {rename.card.title}"


def leader_text(change: LeaderChange) -> str:
    if change.card.leader is None:
        return f"{change.card.title}: geen projectleider meer (was {leader_name(change.before)})"
    return (
        f"{change.card.title}: nieuwe projectleider {leader_name(change.card.leader)} "
        f"(was {leader_name(change.before)})"
    )


def index_text(before: RecordIndex, after: RecordIndex) -> str:
    difference = fmt.signed(after.score - before.score)
    if before.edition == after.edition:
        return f"Index071 (editie {after.edition}): {before.score} → {after.score} ({difference})"
    return (
        f"Index071: {fmt.number(after.score)} (editie {after.edition}), was "
        f"{fmt.number(before.score)} (editie {before.edition}): {difference}"
    )


def _match(by_slug: dict[str, RecordCard], card: RecordCard) -> RecordCard | None:
    for name in (card.slug, *card.formerly):
        if name in by_slug:
            return by_slug[name]
    return None


def compare(old: EditionSnapshot, new: EditionSnapshot) -> EditionChanges:
    changes = EditionChanges(old=old, new=new)
    matched: set[str] = set()
    old_by_slug = {c.slug: c for c in old.cards}
    for card in new.cards:
        before = _match(old_by_slug, card)
        if before is None:
            changes.added.append(card)
            continue
        matched.add(before.slug)
        if before.slug != card.slug or before.title != card.title:
            changes.renamed.append(Rename(card, before))
        if before.category is not card.category:
            changes.moved.append(Move(card, before.category))
        if before.leader != card.leader:
            changes.leaders.append(LeaderChange(card, before.leader))
    changes.removed.extend(c for c in old.cards if c.slug not in matched)
    if old.index071 != new.index071:
        object.__setattr__(changes, "index", (old.index071, new.index071))
    return changes
