"""Settings read from the environment, in one place so the site and the print agree."""

from __future__ import annotations

import os

# Where the PDF of the edition lives in the built site, and its default name for `kaarten pdf`.
PDF_NAME = "projectoverzicht.pdf"


def pdf_enabled() -> bool:
    """KAARTEN_PDF=0 (or false, no, off) turns the PDF off for a site build."""
    value = os.environ.get("KAARTEN_PDF", "1").strip().casefold()
    return value not in {"0", "false", "no", "off"}
