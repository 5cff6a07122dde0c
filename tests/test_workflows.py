"""Workflows, pre-commit and README agree: CI calls only the commands the README documents."""

from __future__ import annotations

import re
import shlex

import yaml
from click.testing import CliRunner

from macros.cli import main

from .conftest import REPO

PROJECT_TOOLS = {"pip", "kaarten", "mkdocs", "pytest", "ruff", "mypy", "pre-commit"}


def readme() -> str:
    return (REPO / "README.md").read_text("utf-8")


def documented() -> list[list[str]]:
    """The commands in the README's code spans and its install block, as word lists."""
    text = readme()
    spans = re.findall(r"`([^`\n]+)`", text)
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    lines = block.group(1).splitlines() if block else []
    commands = []
    for chunk in [*spans, *lines]:
        for part in re.split(r"&&|\|\|", chunk):
            words = part.split()
            if words and words[0] in PROJECT_TOOLS:
                commands.append(words)
    return commands


def is_documented(words: list[str]) -> bool:
    """Same tool and subcommand as a README command; its options must be in the README too."""
    for known in documented():
        if known[:2] != words[:2]:
            continue
        options = [w for w in words[2:] if w.startswith("-")]
        if all(o in known for o in options) and (words[0] != "pip" or known == words):
            return True
    return False


def run_commands(text: str) -> list[list[str]]:
    commands = []
    for part in re.split(r"&&|\|\||\n", text):
        part = part.split(">")[0].strip()
        if part:
            words = shlex.split(part)
            if words and words[0] in PROJECT_TOOLS:
                commands.append(words)
    return commands


def load(name: str) -> dict:
    data = yaml.safe_load((REPO / name).read_text("utf-8"))
    assert isinstance(data, dict), name
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def commands_of(workflow: dict) -> list[list[str]]:
    return [c for step in steps(workflow) if "run" in step for c in run_commands(step["run"])]


def test_pr_workflow_checks_builds_links_uploads_and_comments() -> None:
    workflow = load(".github/workflows/pr.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    commands = [" ".join(c[:3]) for c in commands_of(workflow)]
    for wanted in (
        "pip install -e",
        "kaarten validate",
        "mkdocs build --strict",
        "kaarten links site",
    ):
        assert wanted in commands, wanted
    assert any(c.startswith("kaarten diff origin/") for c in commands)
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any("gh pr comment" in step.get("run", "") for step in steps(workflow))
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/setup-python@"):
            assert step["with"]["python-version"] == "3.11"
    tests = workflow["jobs"]["tests"]
    assert tests["container"].startswith("python:3.11-"), "Debian, for /usr/bin/chromium"
    assert [step["run"] for step in tests["steps"] if "run" in step][-1] == ".ci/run"
    assert "pytest" in (REPO / ".ci" / "run").read_text("utf-8")
    diff_job = workflow["jobs"]["diff"]
    assert diff_job["permissions"]["pull-requests"] == "write"
    # The bot comments only on a pull request that passed validation, build and link check.
    assert diff_job["needs"] in ("check", ["check"])
    assert diff_job["steps"][0]["with"]["fetch-depth"] == 0  # the base branch must be there


def test_deploy_workflow_publishes_main_to_pages() -> None:
    workflow = load(".github/workflows/deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write"
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert ["mkdocs", "build", "--strict"] in commands_of(workflow)


def test_deploy_runs_daily_with_todays_date_for_the_agenda() -> None:
    workflow = load(".github/workflows/deploy.yml")
    (schedule,) = workflow[True]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()
    runs = [step.get("run", "") for step in steps(workflow)]
    pinned = next(i for i, run in enumerate(runs) if "SOURCE_DATE_EPOCH=" in run)
    assert "date -u -d 'today 00:00' +%s" in runs[pinned] and "GITHUB_ENV" in runs[pinned]
    build = next(i for i, run in enumerate(runs) if run.startswith("mkdocs build"))
    assert pinned < build


def test_workflows_call_only_documented_commands() -> None:
    for name in (".github/workflows/pr.yml", ".github/workflows/deploy.yml"):
        commands = commands_of(load(name))
        assert commands, name
        for words in commands:
            assert is_documented(words), f"{name}: {' '.join(words)} staat niet in README.md"


def test_pre_commit_runs_validation_ruff_and_mypy() -> None:
    config = load(".pre-commit-config.yaml")
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    entries = [hook["entry"] for hook in hooks]
    assert "kaarten validate" in entries
    assert any(e.startswith("ruff check") for e in entries)
    assert any(e.startswith("ruff format") for e in entries)
    assert "mypy macros" in entries
    for entry in entries:
        assert is_documented(shlex.split(entry)), entry


def test_every_command_has_help_text_and_is_in_the_readme() -> None:
    text = readme()
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 20, name
        assert f"`kaarten {name}" in text, f"kaarten {name} staat niet in README.md"
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert command.get_short_help_str(limit=80) in result.output


def test_readme_shows_the_current_top_level_help() -> None:
    result = CliRunner().invoke(main, ["--help"], prog_name="kaarten")
    for line in result.output.splitlines():
        if line.startswith("  ") and line.split()[0] in main.commands:
            assert line.rstrip() in readme(), line
