"""Which files a build may read, how they are read, and where a build may write.

Cards, data and chapters arrive in pull requests from outside the bureau, so the file system is
as hostile as the text in it. A symlink among them would publish a file from outside the
repository (`.git/config` with the CI token, `/etc/passwd`), or loop (`docs/a -> .`) until MkDocs
runs out of memory; a FIFO or `/dev/zero` would stall or flood the reader; a committed `site`
symlink would make MkDocs "clean" whatever it points at. Everything here looks with `lstat`
(never following a link) and runs before anything is read or deleted. No MkDocs import: the
loader, the CLI and the MkDocs plugin all call these functions.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from macros.problems import ContentError, Problem
from macros.source import MAX_FILE_BYTES, SourceProblem, size_problem

# The folders a build reads below the project folder (MkDocs' docs_dir and the theme's custom_dir
# are added from mkdocs.yml when they differ).
SOURCE_FOLDERS = ("cards", "data", "docs", "editions", "overrides")
# Folders a site may never be written into: what the build reads, the code and the history.
PROTECTED_FOLDERS = (*SOURCE_FOLDERS, "macros", ".git")
# Folders nested deeper than this below a source folder are refused: MkDocs walks docs_dir
# recursively and stops with a RecursionError somewhere below a thousand levels.
MAX_DEPTH = 16
# Every MkDocs build with these themes writes this file at the top of the site folder; a folder
# outside the project that has it holds an earlier build, which may be cleaned.
BUILD_MARKER = "sitemap.xml"

_KINDS = {
    stat.S_IFIFO: "een named pipe (FIFO)",
    stat.S_IFCHR: "een apparaat",
    stat.S_IFBLK: "een apparaat",
    stat.S_IFSOCK: "een socket",
}


def _rel(root: Path, path: Path) -> str:
    """A path as the editor knows it: relative to the project, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def symlink_problem(rel: str, path: Path, folder: bool = False) -> Problem:
    return link_problem(rel, _link_target(path), folder)


def link_problem(rel: str, target: str, folder: bool = False) -> Problem:
    """A symlink at `rel` (on disk, or committed: `kaarten diff`) pointing at `target`."""
    what = "deze map is" if folder else "dit is"
    return Problem(
        rel + "/" if folder else rel,
        None,
        None,
        f"{what} een symbolische link (symlink) naar '{target}'. De site "
        "publiceert alleen gewone bestanden uit de projectmap, want een link kan bestanden van "
        "buiten het project publiceren. Zet het bestand of de map zelf hier neer, of haal de "
        "link weg",
    )


def special_problem(rel: str, mode: int) -> Problem:
    kind = _KINDS.get(stat.S_IFMT(mode), "geen gewoon bestand")
    return Problem(
        rel,
        None,
        None,
        f"dit is geen gewoon bestand maar {kind}; daaruit wordt niets gelezen. Haal het weg",
    )


def source_problems(root: Path, extra_folders: Iterable[Path | str] = ()) -> list[Problem]:
    """Every symlink and every special file (FIFO, device, socket) in the source folders.

    Walks with `os.scandir` without following links, so a symlink loop is one finding, not a
    hang. A symlinked source folder is reported itself and not entered.
    """
    root = Path(os.path.abspath(root))
    folders: dict[Path, None] = {}
    for folder in (*SOURCE_FOLDERS, *extra_folders):
        path = Path(folder)
        folders[Path(os.path.abspath(path if path.is_absolute() else root / path))] = None
    problems: list[Problem] = []
    for folder in folders:
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            continue  # a missing folder is the loader's to report
        except OSError as error:
            problems.append(_unreadable(_rel(root, folder), error))
            continue
        if stat.S_ISLNK(mode):
            problems.append(symlink_problem(_rel(root, folder), folder, folder=True))
        elif stat.S_ISDIR(mode):
            problems.extend(_walk(root, folder))
    return sorted(set(problems), key=lambda p: p.file)


def _walk(root: Path, top: Path) -> list[Problem]:
    problems: list[Problem] = []
    stack = [(top, 0)]
    while stack:
        folder, depth = stack.pop()
        if depth > MAX_DEPTH:
            problems.append(_too_deep(_rel(root, top), _rel(root, folder)))
            continue
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            problems.append(_unreadable(_rel(root, folder) + "/", error))
            continue
        for entry in entries:
            path = Path(entry.path)
            if not _utf8(entry.name):
                problems.append(_bad_name(_rel(root, path)))
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as error:
                problems.append(_unreadable(_rel(root, path), error))
                continue
            if stat.S_ISLNK(mode):
                problems.append(symlink_problem(_rel(root, path), path, folder=False))
            elif stat.S_ISDIR(mode):
                stack.append((path, depth + 1))
            elif not stat.S_ISREG(mode):
                problems.append(special_problem(_rel(root, path), mode))
    return problems


def _utf8(name: str) -> bool:
    """Whether a file name is UTF-8 (Python shows other bytes as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bad_name(rel: str) -> Problem:
    return Problem(
        rel,
        None,
        None,
        "de naam van dit bestand of deze map is geen UTF-8 (het tekenschema van de site), zodat "
        "er geen webadres van te maken is. Geef het een naam met gewone letters",
    )


def _too_deep(top: str, folder: str) -> Problem:
    shown = folder if len(folder) <= 80 else folder[:79] + "…"
    return Problem(
        shown + "/",
        None,
        None,
        f"de mappen in {top}/ liggen hier meer dan {MAX_DEPTH} niveaus diep in elkaar; zo diep "
        "leest de build niet (MkDocs loopt er vast). Maak de mappenstructuur vlakker",
    )


def _unreadable(rel: str, error: OSError) -> Problem:
    return Problem(
        rel,
        None,
        None,
        f"kan niet gelezen worden ({error.strerror or error}); controleer de rechten",
    )


def refuse_unsafe_sources(root: Path, extra_folders: Iterable[Path | str] = ()) -> None:
    """Raise ContentError listing every symlink and special file before anything is read."""
    problems = source_problems(root, extra_folders)
    if problems:
        raise ContentError(problems)


def read_source(path: Path, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of one source file, at most `limit`: a regular file, never through a link.

    The scan above refuses links and special files first; this is the second line, for a file
    swapped in between: `O_NOFOLLOW` refuses a link, `O_NONBLOCK` keeps a FIFO from blocking
    the open, `fstat` on the open file decides, and the read is bounded whatever the size says.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP or os.path.islink(path):
            raise SourceProblem(symlink_problem(rel, path)) from None
        raise SourceProblem(_unreadable(rel, error)) from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise SourceProblem(special_problem(rel, info.st_mode))
        if info.st_size > limit:
            raise SourceProblem(size_problem(rel, info.st_size))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise SourceProblem(size_problem(rel, len(data)))
    return data


def is_hidden(name: str) -> bool:
    """A file whose name starts with a dot: never a card, never published (as MkDocs does)."""
    return name.startswith(".")


# --- where a build may write -------------------------------------------------------------------


def site_dir_problems(
    root: Path, site_dir: Path | str, extra_protected: Iterable[Path | str] = ()
) -> list[Problem]:
    """Why a build may not clean and fill `site_dir`, if it may not.

    MkDocs deletes everything in the site folder before it builds. The rule:

    - the site folder is not a symlink, and inside the project no folder on its way is one;
    - it is not the project folder or a folder that contains the project, and not inside a
      folder the build reads or the code and history (`PROTECTED_FOLDERS`);
    - outside the project it is missing, empty or an earlier build (it has `sitemap.xml`), so a
      mistyped `-d` or `site_dir` never empties a folder that holds anything else.
    """
    root = Path(os.path.abspath(root))
    site = Path(os.path.abspath(site_dir))
    shown = _rel(root, site)
    real_root = root.resolve()

    def refuse(message: str) -> list[Problem]:
        return [Problem(shown, None, None, message)]

    inside = site.is_relative_to(root)
    steps = [root / part for part in _prefixes(site.relative_to(root).parts)] if inside else [site]
    for step in steps:
        if step.is_symlink():
            where = "is" if step == site else f"ligt in {_rel(root, step)}/, en dat is"
            return refuse(
                f"de bouwmap {where} een symbolische link (symlink) naar "
                f"'{_link_target(step)}'. Een build maakt de bouwmap eerst leeg en zou dan de "
                "bestanden waar de link naar wijst verwijderen. Haal de link weg; de build maakt "
                "zelf een gewone map"
            )
    real_site = site.resolve()
    if real_site == real_root or real_root.is_relative_to(real_site):
        return refuse(
            "de bouwmap is de projectmap zelf of een map daarboven; een build maakt de bouwmap "
            "eerst leeg en zou het project verwijderen. Kies een eigen map, zoals site/"
        )
    protected = [*(real_root / name for name in PROTECTED_FOLDERS)]
    protected += [Path(os.path.abspath(p)).resolve() for p in extra_protected]
    for folder in protected:
        if real_site.is_relative_to(folder):
            return refuse(
                f"de bouwmap ligt in {_rel(real_root, folder)}/, waar de bronbestanden staan; een "
                "build maakt de bouwmap eerst leeg. Kies een eigen map, zoals site/"
            )
    if not real_site.is_relative_to(real_root) and not _may_clean(real_site):
        return refuse(
            "de bouwmap ligt buiten het project en bevat al bestanden die geen eerdere build "
            "zijn; een build maakt de bouwmap eerst leeg. Kies een lege of nieuwe map"
        )
    return []


def _prefixes(parts: tuple[str, ...]) -> list[Path]:
    return [Path(*parts[: index + 1]) for index in range(len(parts))]


def _may_clean(folder: Path) -> bool:
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    with os.scandir(folder) as entries:
        names = {entry.name for entry in entries}
    return not names or BUILD_MARKER in names


def build_problems(
    root: Path, docs_dir: Path | str, custom_dir: Path | str | None, site_dir: Path | str
) -> list[Problem]:
    """Everything that stops a build before it reads or deletes a file (the plugin's one call)."""
    extra = [docs_dir] if custom_dir is None else [docs_dir, custom_dir]
    return site_dir_problems(root, site_dir, extra) + source_problems(root, extra)


def hidden_card_problem(rel: str) -> Problem:
    return Problem(
        rel,
        None,
        None,
        "de naam begint met een punt, dus het bestand is verborgen en wordt nooit "
        "gepubliceerd. Is dit een kaart? Geef het dan een naam zonder punt vooraan, "
        "anders verwijder je het",
    )


def hidden_card_problems(folder: Path, rel_folder: str) -> list[Problem]:
    """Hidden Markdown files in cards/: never published, so said aloud instead of skipped.

    Other hidden files (`.gitkeep`, `.DS_Store`) are left alone by the build, the validation
    and `kaarten diff` alike.
    """
    if not folder.is_dir():
        return []
    return [
        hidden_card_problem(f"{rel_folder}/{path.name}")
        for path in sorted(folder.iterdir())
        if is_hidden(path.name) and path.name.endswith(".md")
    ]
