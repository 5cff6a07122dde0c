"""The editor schema and the CMS configuration follow the model; the CMS is served at /admin/."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from macros.cli import main
from macros.cms import cms_config, cms_config_text
from macros.fields import DATA_FIELDS, FIELDS, FieldShape, walk
from macros.loader import DATA_FILES
from macros.model import CATEGORY_LABELS, Category, PartnerKind
from macros.schema import all_schemas
from macros.text import PLAIN_TEXT_PATTERN

from .conftest import FIXTURES, REPO, build, make_project


def test_every_card_field_has_a_dutch_label_and_help() -> None:
    paths = {shape.path for shape in walk()}
    assert paths == set(FIELDS), "fields.FIELDS must name exactly the fields of CardFields"


def test_committed_schemas_match_the_model() -> None:
    for name, text in all_schemas().items():
        committed = REPO / "schema" / name
        assert committed.is_file(), f"schema/{name} ontbreekt: draai kaarten schema"
        assert committed.read_text("utf-8") == text, f"schema/{name} is verouderd: kaarten schema"


def test_card_schema_describes_every_field_in_dutch() -> None:
    schema = json.loads((REPO / "schema" / "card.schema.json").read_text("utf-8"))
    assert schema["required"] == ["title", "category", "summary"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["title"]["title"] == "Titel"
    assert schema["$defs"]["Category"]["enum"] == ["new", "running", "initiation", "completed"]
    assert schema["$defs"]["Category"]["enumDescriptions"] == list(CATEGORY_LABELS.values())
    link = schema["$defs"]["Link"]["properties"]["url"]
    assert link["title"] == "Adres" and link["pattern"].startswith("^(https?://|mailto:)")
    assert "docstring" not in json.dumps(schema)
    assert "The project leader" not in json.dumps(schema)  # English docstrings are dropped


def test_cms_config_command_shows_the_configuration_and_writes_nothing(sample: Path) -> None:
    before = sorted(p.relative_to(sample) for p in sample.rglob("*"))
    result = CliRunner().invoke(main, ["--project", str(sample), "cms-config"])
    assert result.exit_code == 0
    assert result.output == cms_config_text(sample)
    assert yaml.safe_load(result.output)["collections"][0]["folder"] == "cards"
    assert sorted(p.relative_to(sample) for p in sample.rglob("*")) == before


def _cms_fields(fields: list[dict[str, Any]], prefix: str = "") -> dict[str, dict[str, Any]]:
    found = {}
    for field in fields:
        path = f"{prefix}{field['name']}"
        found[path] = field
        found.update(_cms_fields(field.get("fields", []), f"{path}."))
    return found


# The CMS widget for each Python type of a card field; text is "string" (one line, with the
# pattern that refuses < and >) or "text" (a text area).
WIDGETS = {bool: "boolean", int: "number", float: "number", dt.date: "datetime", Category: "select"}
TEXT_WIDGETS = ("string", "text")


def _check_widget(shape: FieldShape, field: dict[str, Any]) -> None:
    if shape.many:
        assert field["widget"] == "list", shape.path
        if shape.model is not None:
            return
        field = field["field"]  # a list of single values: its item's widget
    elif shape.model is not None:
        assert field["widget"] == "object", shape.path
        return
    if shape.scalar is str:
        assert field["widget"] in TEXT_WIDGETS, shape.path
        assert (field["widget"] == "string") == ("pattern" in field), shape.path
    else:
        assert field["widget"] == WIDGETS[shape.scalar], shape.path


def test_cms_fields_follow_the_model() -> None:
    config = cms_config(REPO)
    collection = config["collections"][0]
    assert collection["folder"] == "cards" and collection["format"] == "yaml-frontmatter"
    fields = _cms_fields(collection["fields"])
    for shape in walk():
        field = fields[shape.path]
        assert field["required"] is shape.required, shape.path
        assert field["label"] == FIELDS[shape.path].label, shape.path
        _check_widget(shape, field)
    assert set(fields) == {s.path for s in walk()} | {"body"}
    category = fields["category"]
    assert category["widget"] == "select"
    assert category["options"] == [
        {"label": v, "value": k.value} for k, v in CATEGORY_LABELS.items()
    ]
    assert fields["title"]["pattern"][0] == PLAIN_TEXT_PATTERN
    assert "één regel" in fields["title"]["pattern"][1]
    assert fields["links.url"]["pattern"][0] == r"^(https?://|mailto:)\S+$"
    assert fields["period.start"]["widget"] == "datetime"
    assert fields["targets.value"]["value_type"] == "float"
    assert fields["order"]["value_type"] == "int"
    assert config["output"]["omit_empty_optional_fields"] is True


def test_cms_backend_is_the_repository_of_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nrepo_name: iemand/anders\nsite_url: https://voorbeeld.nl/\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    config = cms_config(tmp_path)
    assert config["backend"] == {
        "name": "github",
        "repo": "iemand/anders",
        "branch": "main",
        "squash_merges": True,
    }
    assert "local_backend" not in config  # Sveltia's local workflow needs no setting
    assert config["site_url"] == "https://voorbeeld.nl/"


def test_schema_command_writes_and_checks(tmp_path: Path) -> None:
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    runner = CliRunner()
    stale = runner.invoke(main, ["--project", str(tmp_path), "schema", "--check"])
    assert stale.exit_code == 1 and "verouderd: schema/card.schema.json" in stale.output
    assert runner.invoke(main, ["--project", str(tmp_path), "schema"]).exit_code == 0
    assert runner.invoke(main, ["--project", str(tmp_path), "schema", "--check"]).exit_code == 0


def test_admin_page_is_served_at_admin(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "project")
    shutil.copytree(REPO / "docs" / "admin", project / "docs" / "admin")
    site = build(project, pdf=False)  # strict: the admin page must not cause a warning
    html = (site / "admin" / "index.html").read_text("utf-8")
    # Generated from the model at build time: always in step with it, never kept in docs/.
    assert (site / "admin" / "config.yml").read_text("utf-8") == cms_config_text(project)
    assert not (REPO / "docs" / "admin" / "config.yml").exists()
    scripts = re.findall(r"<script\s[^>]*>", html)
    assert len(scripts) == 1
    assert re.search(r'src="https://unpkg\.com/@sveltia/cms@\d+\.\d+\.\d+/dist/', scripts[0])
    assert 'integrity="sha384-' in scripts[0] and 'crossorigin="anonymous"' in scripts[0]
    # No other page of the site loads anything from another site.
    for page in site.rglob("*.html"):
        if page.parent.name != "admin":
            assert "unpkg.com" not in page.read_text("utf-8"), page


def test_vscode_uses_the_schemas_and_the_validate_task(sample: Path) -> None:
    settings_text = (REPO / ".vscode" / "settings.json").read_text("utf-8")
    settings = json.loads(re.sub(r"^\s*//.*$", "", settings_text, flags=re.M))
    for schema_path, pattern in settings["yaml.schemas"].items():
        assert (REPO / schema_path).is_file(), schema_path
        # Data files live in the sample project; edition records (a glob) in the repository.
        assert list((REPO / "tests/fixtures/project").glob(pattern)) or list(REPO.glob(pattern))
    tasks = json.loads((REPO / ".vscode" / "tasks.json").read_text("utf-8"))["tasks"]
    task = next(t for t in tasks if t["command"] == "kaarten validate")
    regexp = task["problemMatcher"]["pattern"]["regexp"]
    shutil.copy(FIXTURES / "invalid" / "misspelt-category.md", sample / "cards")
    result = CliRunner().invoke(main, ["--project", str(sample), "validate"])
    matches = [re.match(regexp, line) for line in result.output.splitlines()]
    found = [m.groups()[:3] for m in matches if m]
    assert found == [("cards/misspelt-category.md", "3", "category")]
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


DATA_FILE_NAMES = ["edition", "index071", "events", "partners"]


def test_every_data_field_the_cms_edits_has_dutch_text() -> None:
    for name in DATA_FILE_NAMES:
        paths = {shape.path for shape in walk(DATA_FILES[name])}
        assert paths == set(DATA_FIELDS[name]), name


def test_cms_changes_become_pull_requests() -> None:
    config = cms_config(REPO)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github" and config["backend"]["branch"] == "main"
    # The pinned Sveltia CMS has the editorial workflow (added in 0.213).
    html = (REPO / "docs" / "admin" / "index.html").read_text("utf-8")
    version = re.search(r"@sveltia/cms@(\d+)\.(\d+)\.(\d+)/", html)
    assert version and tuple(int(v) for v in version.groups()) >= (0, 213, 0)


@pytest.mark.parametrize("name", DATA_FILE_NAMES)
def test_cms_edits_each_data_file_with_the_models_labels_and_rules(name: str) -> None:
    config = cms_config(REPO)
    collection = next(c for c in config["collections"] if c["name"] == "gegevens")
    entry = next(f for f in collection["files"] if f["name"] == name)
    assert entry["file"] == f"data/{name}.yaml"
    assert collection["format"] == "yaml"
    fields = _cms_fields(entry["fields"])
    shapes = list(walk(DATA_FILES[name]))
    assert set(fields) == {shape.path for shape in shapes}
    for shape in shapes:
        field = fields[shape.path]
        assert field["label"] == DATA_FIELDS[name][shape.path].label, shape.path
        assert field["hint"] == DATA_FIELDS[name][shape.path].help, shape.path
        assert field["required"] is shape.required, shape.path
        if shape.many:
            assert field["widget"] == "list", shape.path
    # Every key the shipped file uses is a field of the form: the CMS can show all of it.
    data = yaml.safe_load((REPO / "data" / f"{name}.yaml").read_text("utf-8"))
    assert set(data) <= {shape.path for shape in shapes if "." not in shape.path}


def test_cms_data_forms_carry_the_models_constraints() -> None:
    collection = next(c for c in cms_config(REPO)["collections"] if c["name"] == "gegevens")
    files = {f["name"]: _cms_fields(f["fields"]) for f in collection["files"]}
    kind = files["partners"]["partners.kind"]
    assert kind["widget"] == "select"
    assert kind["options"] == [{"label": k.label, "value": k.value} for k in PartnerKind]
    assert files["partners"]["partners.slug"]["pattern"][0] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert files["index071"]["editions.edition"]["pattern"][0] == r"^\d{4}-\d{4}$"
    assert files["index071"]["editions.score"] == {
        **files["index071"]["editions.score"],
        "widget": "number",
        "value_type": "int",
        "min": 1,
    }
    assert files["index071"]["baskets"]["min"] == 1
    assert files["edition"]["chapters"]["min"] == 1
    assert files["events"]["events.date"]["widget"] == "datetime"
    assert files["edition"]["date"]["required"] is True
