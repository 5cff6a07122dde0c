"""Each broken card gets its own clear message naming the file, the line and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.loader import load_publication
from macros.problems import ContentError

from .conftest import FIXTURES, project_with

# file name -> (line or None, field or None, words the message must contain)
CASES: dict[str, tuple[int | None, str | None, str]] = {
    "misspelt-category.md": (3, "category", "bedoelde je 'running' (Lopend project)?"),
    "unknown-key.md": (5, "sumary", "bedoelde je 'summary'?"),
    "missing-title.md": (2, "title", "verplichte veld ontbreekt"),
    "duplicate-key.md": (3, "title", "twee keer"),
    "bad-date.md": (6, "milestones[1].date", "JJJJ-MM-DD"),
    "impossible-date.md": (6, None, "'2023-13-01' is geen bestaande datum"),
    "bad-url.md": (6, "links[1].url", "https://"),
    "no-front-matter.md": (1, None, "begint niet met een regel '---'"),
    "unclosed.md": (1, None, "niet afgesloten"),
    "empty.md": (None, None, "leeg"),
    "Bad_Name.md": (None, None, "noem het bestand 'bad-name.md'"),
    "python-tag.md": (2, None, "!!python/object/apply:os.system' is niet toegestaan"),
    "unknown-partner.md": (6, "partners[1]", "bedoelde je 'gemeente Leiden'?"),
    "quote-without-name.md": (5, "quote.name", "verplichte veld ontbreekt"),
    "dutch-thousands.md": (6, None, "schrijf getallen zonder punt (10000)"),
    "period-reversed.md": (5, "period", "einddatum ligt vóór de begindatum"),
    "tab-indent.md": (6, "leader.name", "tab"),
    "html-in-title.md": (2, "title", "geen HTML"),
    "number-title.md": (2, "title", "moet tekst zijn"),
    "structure-not-list.md": (5, "structure", "moet een lijst zijn"),
    "bad-order.md": (5, "order", "heel getal"),
    "unknown-nested-key.md": (7, "leader.organization", "bedoelde je 'organisation'?"),
    "not-a-mapping.md": (2, None, "naam: waarde"),
    "latin1.md": (4, None, "niet opgeslagen als UTF-8"),
    "alias-bomb.md": (None, None, "verwijzingen"),
    "merge-key.md": (5, None, "'<<' (samenvoegen) is niet toegestaan"),
    "shadow-page-key.md": (5, "page", "'page' is geen bekend veld"),
    "nul-bytes.md": (2, None, "NUL-tekens"),
    "heading-level-one.md": (8, "tekst", "Begin tussenkoppen met '## '"),
    "structure-extra.md": (8, "structure[1].extra", "toegestaan zijn: role, who"),
}

# YAML mistakes editors make: the line of the mistake itself and the whole message they read.
QUOTE_NOT_CLOSED = (
    "de opmaak klopt niet: het aanhalingsteken (\") bij '{}' wordt niet gesloten; zet aan het "
    'eind van de tekst ook een "'
)
# file name -> (line, field, the whole message)
YAML_CASES: dict[str, tuple[int, str, str]] = {
    "yaml-unclosed-quote.md": (4, "summary", QUOTE_NOT_CLOSED.format("summary")),
    "yaml-unclosed-quote-last.md": (5, "goal", QUOTE_NOT_CLOSED.format("goal")),
    "yaml-unclosed-quote-list.md": (7, "structure[1].who", QUOTE_NOT_CLOSED.format("who")),
    "tab-indent.md": (
        6,
        "leader.name",
        "de opmaak klopt niet: deze regel springt in met een tab; gebruik spaties (twee per "
        "niveau), nooit tabs",
    ),
    "yaml-wrong-indent.md": (
        7,
        "leader.organisation",
        "de opmaak klopt niet: deze regel springt 1 spatie verder in dan 'name' erboven, maar "
        "'name' heeft al een waarde. Haal de spatie(s) aan het begin weg, zodat 'organisation' "
        "recht onder 'name' begint",
    ),
    "yaml-stray-space.md": (
        7,
        "order",
        "de opmaak klopt niet: deze regel springt 1 spatie verder in dan 'summary' erboven, maar "
        "'summary' heeft al een waarde. Haal de spatie(s) aan het begin weg, zodat 'order' recht "
        "onder 'summary' begint",
    ),
    "yaml-missing-colon.md": (
        4,
        "summary",
        "de opmaak klopt niet: na 'summary' ontbreekt een dubbele punt; schrijf 'summary: Een "
        "kaart over de detailhandel.'. Hoort deze regel bij de tekst erboven? Laat hem dan verder "
        "inspringen dan de veldnaam",
    ),
    "yaml-missing-space.md": (
        3,
        "category",
        "de opmaak klopt niet: na 'category:' ontbreekt een spatie; schrijf 'category: running'",
    ),
    "yaml-list-wrong-level.md": (
        8,
        "structure[2].role",
        "de opmaak klopt niet: dit lijstonderdeel ('- ') springt 3 spaties in, de onderdelen van "
        "dezelfde lijst 2 spaties; zet de '-' recht onder die van de andere onderdelen",
    ),
    "yaml-colon-in-value.md": (
        4,
        "summary",
        "de opmaak klopt niet: in de tekst bij 'summary' staat een dubbele punt met een spatie "
        "(': '); zet de hele tekst tussen dubbele aanhalingstekens: "
        'summary: "Let op: de monitor komt later."',
    ),
    "yaml-hash-in-value.md": (
        2,
        "title",
        "de opmaak klopt niet: een '#' na een spatie begint uitleg, dus de tekst vanaf '#' valt "
        "weg. Zet de hele tekst tussen dubbele aanhalingstekens",
    ),
}
CASES.update({name: (line, field, message) for name, (line, field, message) in YAML_CASES.items()})
PARSER_WORDS = ("<block end>", "<scalar>", "mapping", "YAML:", "expected", "found")


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in (FIXTURES / "invalid").iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_card_is_reported_with_file_line_and_field(name: str, tmp_path: Path) -> None:
    line, field, words = CASES[name]
    project = project_with(tmp_path, FIXTURES / "invalid" / name)
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    problems = [p for p in caught.value.problems if p.file == f"cards/{name}"]
    assert problems, caught.value.report()
    problem = problems[0]
    assert words in problem.message, str(problem)
    assert problem.line == line, str(problem)
    assert problem.field == field, str(problem)
    assert "Traceback" not in caught.value.report()
    # The other, valid cards are not blamed.
    assert all(p.file == f"cards/{name}" for p in caught.value.problems)


def test_all_problems_of_a_run_are_reported_together(tmp_path: Path) -> None:
    project = project_with(tmp_path, FIXTURES / "invalid" / "misspelt-category.md")
    shutil.copy(FIXTURES / "invalid" / "bad-url.md", project / "cards")
    (project / "data" / "index071.yaml").write_text("base_year: 2016\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    files = {p.file for p in caught.value.problems}
    assert files == {"cards/misspelt-category.md", "cards/bad-url.md", "data/index071.yaml"}
    report = caught.value.report()
    assert "data/index071.yaml, regel 1, parameters: dit verplichte veld ontbreekt" in report


def test_github_annotation_names_file_and_line(tmp_path: Path) -> None:
    project = project_with(tmp_path, FIXTURES / "invalid" / "misspelt-category.md")
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    annotation = caught.value.problems[0].github_annotation()
    assert annotation.startswith("::error file=cards/misspelt-category.md,line=3,title=category::")


@pytest.mark.parametrize("name", sorted(YAML_CASES))
def test_yaml_mistake_names_its_own_line_in_plain_dutch(name: str, tmp_path: Path) -> None:
    line, field, message = YAML_CASES[name]
    project = project_with(tmp_path, FIXTURES / "invalid" / name)
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.message) == (line, field, message)
    assert not any(word in problem.message for word in PARSER_WORDS)
    annotation = problem.github_annotation()
    assert annotation.startswith(f"::error file=cards/{name},line={line},title={field}::")


def test_uncommenting_a_template_field_with_its_space_left_names_that_line(
    tmp_path: Path,
) -> None:
    """The guide says: remove the '#'. Leaving the space behind is the mistake editors make."""
    from macros.newcard import create_card

    project = project_with(tmp_path, FIXTURES / "invalid" / "yaml-missing-space.md")
    (project / "cards" / "yaml-missing-space.md").unlink()
    path = create_card(project, "Nieuw project", "running", summary="Een echte samenvatting.")
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index("# order: 80")
    lines[number] = " order: 80"
    lines = [line.replace("Schrijf hier", "Hier staat") for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    problem = next(p for p in caught.value.problems if p.line == number + 1)
    assert "Haal de spatie(s) aan het begin weg, zodat 'order' recht onder 'summary'" in (
        problem.message
    )


def test_yaml_mistake_in_a_data_file_names_its_line(tmp_path: Path) -> None:
    project = project_with(tmp_path, FIXTURES / "invalid" / "misspelt-category.md")
    (project / "cards" / "misspelt-category.md").unlink()
    edition = project / "data" / "edition.yaml"
    lines = edition.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = 'title: "Projectoverzicht'
    edition.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("data/edition.yaml", number + 1)
    assert problem.message == QUOTE_NOT_CLOSED.format("title")
