"""What held when the pipeline was attacked, pinned so it keeps holding."""

from __future__ import annotations

import shutil
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from macros.cli import main
from macros.html_policy import body_problems
from macros.loader import load_publication
from macros.pdf import render_pdf

from .conftest import HOSTILE


@pytest.mark.parametrize(
    "body",
    [
        "[wachtwoorden](file:///etc/passwd)",
        "![x](file:///etc/passwd)",
        '<a href="FILE:///etc/passwd">x</a>',
        '<img src="file:///etc/passwd" alt="">',
    ],
)
def test_file_urls_are_refused_in_cards(body: str) -> None:
    problems = body_problems(body, "cards/x.md", 6)
    assert problems and "'file:' kan code bevatten" in problems[0].message, problems


def test_the_pdf_fetches_and_embeds_no_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-12345", encoding="utf-8")
    html = (
        "<html lang='nl'><head><title>t</title>"
        f"<link rel='attachment' href='file://{secret}'>"
        f"<link rel='stylesheet' href='file://{secret}'></head><body style='font-family: "
        f"DejaVu Sans'><p>Tekst</p><img src='file://{secret}' alt='x'>"
        f"<a rel='attachment' href='file://{secret}'>bijlage</a>"
        "<p style='font-family: DejaVu Serif'>x</p></body></html>"
    )
    target = tmp_path / "x.pdf"
    target.write_bytes(render_pdf(html))
    reader = PdfReader(target)
    assert reader.attachments == {}
    assert b"GEHEIM-12345" not in target.read_bytes()
    assert "GEHEIM" not in "".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize("title", ["../../etc/passwd", "/tmp/x", "..\\..\\boot.ini", "~/.ssh/id"])
def test_kaarten_new_keeps_path_like_titles_inside_cards(sample: Path, title: str) -> None:
    result = CliRunner().invoke(main, ["--project", str(sample), "new", title, "-c", "new"])
    assert result.exit_code == 0, result.output
    made = [
        p
        for p in (sample / "cards").iterdir()
        if p.name not in {"alpha-project.md", "beta-project.md", "gamma-project.md"}
    ]
    assert len(made) == 1 and made[0].parent == sample / "cards", made
    assert made[0].name.replace("-", "").replace(".md", "").isalnum()


def test_agenda_feed_keeps_hostile_text_inside_its_fields(hostile_site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((hostile_site / "agenda.ics").read_bytes())
    events = calendar.walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "nep" not in summaries
    assert "Agenda;DTSTART:19700101,BEGIN:VEVENT \\n" in summaries
    hostile = next(e for e in events if str(e["SUMMARY"]).startswith("Agenda;"))
    assert "END:VEVENT\nBEGIN:VEVENT\nSUMMARY:nep" in str(hostile["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_pdf_outline_shows_a_hostile_title_as_text(sample: Path) -> None:
    shutil.copy(HOSTILE / "inert" / "markup-as-text.md", sample / "cards")
    from macros.pdf import build_pdf

    target = sample.parent / "x.pdf"
    publication = load_publication(sample)
    title = publication.card("markup-as-text").title  # typed with entities, shown as typed
    build_pdf(sample, target, publication)
    reader = PdfReader(target)

    def titles(outline: list) -> list[str]:
        return [t for o in outline for t in (titles(o) if isinstance(o, list) else [o["/Title"]])]

    assert title in titles(reader.outline)
    assert reader.metadata.title and "<script>" not in reader.metadata.title


def test_open_graph_tags_carry_hostile_text_as_text(hostile_site: Path) -> None:
    from .conftest import page

    title = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry"  # as typed
    card = page(hostile_site, "projecten/markup-as-text/index.html")
    assert card.find("meta", property="og:title")["content"] == title
    description = card.find("meta", property="og:description")["content"]
    assert description.startswith("Aanhalingstekens \" en ' en")
    reference = page(hostile_site, "projecten/alpha-project/index.html")
    assert len(card.head.find_all("script")) == len(reference.head.find_all("script"))
