"""Cards and data files as they were at a git revision, or as they are in the working tree.

Reads with `git ls-tree` and `git show REV:./path` and parses with the loader's own pieces,
so `kaarten diff` judges old and new versions by the same rules as `kaarten validate`.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from macros.files import (
    hidden_card_problem,
    is_hidden,
    link_problem,
    read_source,
    source_problems,
)
from macros.loader import CARDS_DIR, DATA_DIR, DATA_FILES
from macros.model import CardFields
from macros.problems import Problem
from macros.source import SourceProblem, read_card, read_data
from macros.validation import validate

WORKING_TREE = "werkmap"
GIT_SYMLINK = "120000"  # the mode git stores a symbolic link with


class RevisionError(Exception):
    """A revision or repository that cannot be read; the message is for the user, in Dutch."""


@dataclass(frozen=True)
class CardVersion:
    """One card at one revision: its fields (None when invalid there) and its story."""

    path: str
    fields: CardFields | None
    body: str


@dataclass
class Snapshot:
    """Everything `kaarten diff` compares, at one revision."""

    label: str
    cards: dict[str, CardVersion] = field(default_factory=dict)
    data: dict[str, BaseModel] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _git(project: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(project), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is niet geïnstalleerd of niet te vinden") from None
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or "git faalde")
    return done.stdout


def check_revision(project: Path, revision: str) -> str:
    """The commit id of `revision`, or a RevisionError that names it."""
    if not project.is_dir():
        raise RevisionError(f"de map {project} bestaat niet")
    try:
        _git(project, "rev-parse", "--show-toplevel")
    except RevisionError:
        raise RevisionError(f"{project} is geen git-repository") from None
    if revision.startswith("-"):
        raise RevisionError(f"'{revision}' is geen versie")
    try:
        return (
            _git(project, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
            .decode("ascii")
            .strip()
        )
    except RevisionError:
        raise RevisionError(
            f"'{revision}' is geen bekende versie in deze repository; geef een commit, tak of "
            "tag, zoals main of origin/main (haal die eerst op met git fetch)"
        ) from None


def files_at(
    project: Path, revision: str | None, problems: list[Problem] | None = None
) -> dict[str, bytes]:
    """The card and data files at `revision` (None: the working tree), by project path.

    Links (in the working tree or committed), special files and files too large to read are not
    read; they go to `problems` (the same findings as `kaarten validate`).
    """
    if revision is None:
        found: dict[str, bytes] = {}
        refused = source_problems(project)
        skip = {problem.file.rstrip("/") for problem in refused}
        for folder in (CARDS_DIR, DATA_DIR):
            base = project / folder
            if folder in skip or not base.is_dir():
                continue
            for path in sorted(base.iterdir()):
                rel = f"{folder}/{path.name}"
                if rel in skip or path.is_dir():
                    continue
                try:
                    found[rel] = read_source(path, rel)
                except SourceProblem as error:
                    refused.append(error.problem)
        if problems is not None:
            problems.extend(refused)
        return found
    commit = check_revision(project, revision)
    listing = _git(project, "ls-tree", "-r", "-z", commit, "--", CARDS_DIR, DATA_DIR)
    found = {}
    for entry in filter(None, listing.decode("utf-8").split("\0")):
        meta, _, name = entry.partition("\t")
        mode = meta.split(" ", 1)[0]
        if mode == GIT_SYMLINK:
            # A committed link: its blob is the target path, never the file it points at.
            target = _git(project, "show", f"{commit}:./{name}").decode("utf-8", "replace")
            if problems is not None:
                problems.append(link_problem(name, target))
        elif mode.startswith("100"):  # regular files; submodules and the like are no content
            found[name] = _git(project, "show", f"{commit}:./{name}")
    return found


def snapshot(files: Mapping[str, bytes], label: str) -> Snapshot:
    """Parse what can be parsed; problems are kept, not raised: a diff still has value."""
    shot = Snapshot(label)
    for name, raw in sorted(files.items()):
        folder, _, filename = name.partition("/")
        card = folder == CARDS_DIR and filename.endswith(".md") and "/" not in filename
        if is_hidden(filename):
            # Never a card or data file, as in the build; a hidden card is a problem there too.
            if card:
                shot.problems.append(hidden_card_problem(name))
            continue
        if card:
            _add_card(shot, name, raw)
        elif folder == DATA_DIR and filename.endswith(".yaml"):
            model = DATA_FILES.get(filename.removesuffix(".yaml"))
            if model is not None:
                _add_data(shot, name, raw, model)
    return shot


def _add_card(shot: Snapshot, name: str, raw: bytes) -> None:
    slug = name.removeprefix(f"{CARDS_DIR}/").removesuffix(".md")
    try:
        source = read_card(raw, name)
    except SourceProblem as error:
        shot.problems.append(error.problem)
        shot.cards[slug] = CardVersion(name, None, "")
        return
    fields, problems = validate(CardFields, source.front_matter, name)
    shot.problems.extend(problems)
    shot.cards[slug] = CardVersion(name, fields, source.body)


def _add_data(shot: Snapshot, name: str, raw: bytes, model: type[BaseModel]) -> None:
    try:
        document = read_data(raw, name)
    except SourceProblem as error:
        shot.problems.append(error.problem)
        return
    value, problems = validate(model, document, name)
    shot.problems.extend(problems)
    if value is not None:
        shot.data[name.removeprefix(f"{DATA_DIR}/").removesuffix(".yaml")] = value


def load_snapshot(project: Path, revision: str | None) -> Snapshot:
    problems: list[Problem] = []
    shot = snapshot(files_at(project, revision, problems), revision or WORKING_TREE)
    shot.problems.extend(problems)
    return shot
