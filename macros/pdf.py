"""From the print HTML to a PDF file with WeasyPrint: tagged, with the fonts we asked for, atomic.

The PDF is never written half: it is rendered to memory, checked, written to a temporary file
beside the target and moved into place, so a failed build leaves the previous PDF untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from macros.loader import load_publication
from macros.pdf_tags import finish
from macros.printing import print_html
from macros.publication import Publication

# The fonts print.css asks for. Debian's fonts-dejavu-core and fonts-dejavu-extra provide them.
# Every edition uses the first two; DejaVu Sans Mono only shows code in a card body.
FONTS = frozenset({"DejaVu Sans", "DejaVu Serif"})
ALLOWED_FONTS = FONTS | {"DejaVu Sans Mono"}
PDF_VARIANT = "pdf/ua-1"


class PrintError(Exception):
    """The PDF cannot be made; the message says why, in Dutch, for the editor or developer."""


def render_pdf(html: str) -> bytes:
    """Render the print HTML; fail if any text came out in a font other than FONTS."""
    # Imported here: WeasyPrint loads Pango at import, which `kaarten validate` does not need.
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    # Nothing is fetched: no web requests from card content, no local files.
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
    data = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=finish)
    check_fonts({font.family for font in document.fonts.values()})
    return data


def check_fonts(used: set[str]) -> None:
    missing = sorted(FONTS - used)
    other = sorted(used - ALLOWED_FONTS)
    if not missing and not other:
        return
    wanted = " en ".join(sorted(FONTS))
    message = f"De pdf is niet gemaakt: het lettertype moet {wanted} zijn"
    if missing:
        message += f", maar {', '.join(missing)} ontbreekt op deze computer"
    if other:
        message += f"; in plaats daarvan is {', '.join(other)} gebruikt"
    message += (
        ". Installeer de lettertypen (Debian/Ubuntu: apt-get install fonts-dejavu-core "
        "fonts-dejavu-extra). Staan ze er al, dan bevat de tekst een teken dat DejaVu niet kent "
        "(bijvoorbeeld een emoji); haal dat teken weg."
    )
    raise PrintError(message)


def write_atomic(data: bytes, target: Path) -> None:
    """Write `data` to `target` so readers see either the old file or the whole new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_pdf(root: Path | str, target: Path | str, publication: Publication | None = None) -> Path:
    """Write the edition of the project at `root` to `target`. Raises ContentError too."""
    publication = publication or load_publication(root)
    data = render_pdf(print_html(root, publication))
    target = Path(target)
    try:
        write_atomic(data, target)
    except OSError as error:
        raise PrintError(
            f"De pdf kan niet worden opgeslagen als {target} ({error.strerror})"
        ) from None
    return target
