"""Pure functions: formatting, slugs, URLs, the Index arithmetic and grouping."""

from __future__ import annotations

import datetime as dt

import pytest

from macros import formatting as fmt
from macros.loader import slugify
from macros.model import Category, Index071, IndexScore
from macros.problems import Problem, nearest
from macros.source import SourceProblem, parse_yaml
from macros.views import root_prefix


@pytest.mark.parametrize(
    ("value", "expected"),
    [(10000, "10.000"), (750.0, "750"), (2.5, "2,5"), (1000000, "1.000.000")],
)
def test_dutch_numbers(value: float, expected: str) -> None:
    assert fmt.number(value) == expected


def test_dutch_dates_and_amounts() -> None:
    assert fmt.date_long(dt.date(2023, 7, 3)) == "3 juli 2023"
    assert fmt.month_year(dt.date(2023, 6, 1)) == "juni 2023"
    assert fmt.amount(1000, "euro") == "€ 1.000"
    assert fmt.amount(114, "stuks") == "114 stuks"
    assert fmt.signed(3) == "+3" and fmt.signed(-2) == "−2" and fmt.signed(0) == "0"
    assert fmt.period(dt.date(2023, 7, 1), None) == "vanaf 1 juli 2023"


def test_category_labels_and_order() -> None:
    assert [c.label for c in Category] == [
        "Nieuw project",
        "Lopend project",
        "Initiatieffase",
        "Afgerond project",
    ]
    assert Category("completed").rank == 3


def test_index_change_and_growth_are_computed() -> None:
    index = Index071(
        base_year=2016,
        parameters=29,
        baskets=["a"],
        editions=[
            IndexScore(edition="2021-2022", score=110),
            IndexScore(edition="2022-2023", score=113),
        ],
    )
    assert (index.change, index.growth, index.latest.score) == (3, 13, 113)
    single = index.model_copy(update={"editions": index.editions[:1]})
    assert single.change is None


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Regionale Retailvisie", "regionale-retailvisie"),
        ("Café 071!", "cafe-071"),
        ("__", "kaart"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_root_prefix() -> None:
    assert root_prefix("") == ""
    assert root_prefix("projecten/") == "../"
    assert root_prefix("projecten/retail/") == "../../"


def test_nearest_suggests_only_close_words() -> None:
    assert nearest("sumary", ["summary", "title"]) == "summary"
    assert nearest("xyz", ["summary", "title"]) is None


def test_problem_text_for_editors() -> None:
    problem = Problem("cards/retail.md", 4, "category", "'lopend' is geen geldige keuze")
    assert str(problem) == "cards/retail.md, regel 4, category: 'lopend' is geen geldige keuze"


def test_yaml_lines_are_file_lines() -> None:
    document = parse_yaml("title: a\nleader:\n  name: b\n", "x.md", 2)
    assert document.line_of(("leader", "name")) == 4
    with pytest.raises(SourceProblem) as caught:
        parse_yaml("a: 1\na: 2\n", "x.md", 2)
    assert caught.value.problem.line == 3
