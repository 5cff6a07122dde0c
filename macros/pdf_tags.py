"""Finishing touches to WeasyPrint's tagged PDF that WeasyPrint 70 cannot express in CSS.

WeasyPrint's `write_pdf(finisher=...)` hands over the PDF objects just before they are written.
Three things are set right there:

- Running heads and footers (page margin boxes) are marked content that WeasyPrint leaves out of
  the structure tree; readers and checkers still see them as untagged content. They become
  artifacts (`/Artifact BMC`), which is what PDF/UA asks for page furniture.
- A list whose items carry a bullet or number label (`Lbl`) needs a `ListNumbering` attribute
  that says what kind of label it is (WTPDF 1.0, 8.2.5.25).
- A link annotation belongs to a `Link` element. WeasyPrint hangs it on every box inside the
  link too (a span in a link's text), so such a reference is moved up to the `Link`.
- A list item holds only a label and a body: a loose list item (`<li><p>…</p></li>`) gets its
  content wrapped in an `LBody`.
- Link annotations get the Print flag, so print and screen agree.

The module only edits objects WeasyPrint created; it adds no content.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf  # type: ignore[import-untyped]

# CSS list-style-type → PDF ListNumbering (PDF 1.7, table 347).
NUMBERING = {
    "disc": "/Disc",
    "circle": "/Circle",
    "square": "/Square",
    "decimal": "/Decimal",
    "decimal-leading-zero": "/Decimal",
    "lower-roman": "/LowerRoman",
    "upper-roman": "/UpperRoman",
    "lower-alpha": "/LowerAlpha",
    "lower-latin": "/LowerAlpha",
    "upper-alpha": "/UpperAlpha",
    "upper-latin": "/UpperAlpha",
}
LIST_TAGS = ("ul", "ol", "dl")
PRINT_FLAG = 4


def finish(document, pdf: pydyf.PDF) -> None:
    """The `finisher` for `Document.write_pdf`: see the module docstring."""
    tree = _tree_root(pdf)
    if tree is not None:
        _margins_as_artifacts(pdf, tree)
        _number_lists(document, pdf)
        _links_on_link_elements(pdf, tree)
        _list_item_bodies(pdf, tree)
    for obj in pdf.objects:
        if _is(obj, "Type", "/Annot") and _is(obj, "Subtype", "/Link"):
            obj["F"] = PRINT_FLAG


def _is(obj: Any, key: str, value: str) -> bool:
    return isinstance(obj, dict) and str(obj.get(key)) == value


def _get(pdf: pydyf.PDF, reference: Any) -> Any:
    """The object behind a pydyf reference (b'12 0 R'), or the value itself."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return pdf.objects[int(reference.split()[0])]
    return reference


def _tree_root(pdf: pydyf.PDF) -> pydyf.Dictionary | None:
    reference = pdf.catalog.get("StructTreeRoot")
    return None if reference is None else _get(pdf, reference)


def _elements(pdf: pydyf.PDF, element: pydyf.Dictionary) -> Iterator[pydyf.Dictionary]:
    """`element` and every structure element below it."""
    yield element
    for kid in element.get("K", ()):
        child = _get(pdf, kid)
        if _is(child, "Type", "/StructElem"):
            yield from _elements(pdf, child)


def _margins_as_artifacts(pdf: pydyf.PDF, tree: pydyf.Dictionary) -> None:
    """Re-mark the content of elements that hang outside the tree (margin boxes) as artifacts.

    WeasyPrint builds elements for margin boxes with the document element as parent but never
    adds them to its kids: those are the orphans whose marked content is page furniture.
    """
    document = _get(pdf, tree["K"][0])
    attached = {bytes(kid) for kid in document["K"]}
    orphans: dict[bytes, set[int]] = {}
    for obj in pdf.objects:
        if (
            _is(obj, "Type", "/StructElem")
            and obj.get("P") == document.reference
            and obj.reference not in attached
        ):
            for element in _elements(pdf, obj):
                found = [kid for kid in element["K"] if isinstance(kid, int)]
                orphans.setdefault(element["Pg"], set()).update(found)
    if not orphans:
        return
    parent_tree = _get(pdf, tree["ParentTree"])["Nums"]
    # pydyf keeps Kids flat: number, generation, "R" for each page.
    pages = [pdf.objects[number] for number in pdf.pages["Kids"][::3]]
    for page in pages:
        mcids = orphans.get(page.reference)
        if not mcids:
            continue
        stream = _get(pdf, page["Contents"])
        stream.stream = list(_as_artifacts(stream.stream, mcids))
        entries = parent_tree[2 * page["StructParents"] + 1]
        for mcid in mcids:
            entries[mcid] = b"null"


def _as_artifacts(operations: list, mcids: set[int]) -> Iterator[Any]:
    """`/Span <</MCID n>> BDC` becomes `/Artifact BMC` for each n in `mcids`."""
    skip = 0
    for position, operation in enumerate(operations):
        if skip:
            skip -= 1
            continue
        following = operations[position + 1 : position + 3]
        if (
            isinstance(operation, str)
            and len(following) == 2
            and isinstance(following[0], dict)
            and following[0].get("MCID") in mcids
            and following[1] == b"BDC"
        ):
            yield "/Artifact"
            yield b"BMC"
            skip = 2
        else:
            yield operation


def _list_boxes(page_box) -> Iterator[Any]:
    """List boxes in the order WeasyPrint's tagger creates their `L` elements (pre-order)."""
    # Imported once per page, not per box: pdf.py imports this module before WeasyPrint.
    from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]
    from weasyprint.layout.absolute import AbsolutePlaceholder  # type: ignore[import-untyped]

    def walk(box) -> Iterator[Any]:
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if box.element is not None and box.element_tag in LIST_TAGS:
            yield box
        for child in getattr(box, "children", ()):
            kids = child.children if isinstance(child, boxes.LineBox) else [child]
            for kid in kids:
                if not isinstance(kid, boxes.TextBox):
                    yield from walk(kid)

    return walk(page_box)


def _number_lists(document, pdf: pydyf.PDF) -> None:
    """Give every `L` with labels a ListNumbering taken from its box's list-style-type."""
    lists = [obj for obj in pdf.objects if _is(obj, "Type", "/StructElem") and _is(obj, "S", "/L")]
    found = [box for page in document.pages for box in _list_boxes(page._page_box)]
    if len(found) != len(lists):
        # WeasyPrint tagged in a way this module does not know; the structure test reports it.
        return
    for element, box in zip(lists, found, strict=True):
        labelled = any(
            _is(_get(pdf, part), "S", "/Lbl")
            for item in element["K"]
            if _is(_get(pdf, item), "S", "/LI")
            for part in _get(pdf, item)["K"]
        )
        if not labelled:
            continue
        style = box.style["list_style_type"]
        default = "/Decimal" if box.element_tag == "ol" else "/Disc"
        numbering = NUMBERING.get(style, default) if isinstance(style, str) else default
        element["A"] = pydyf.Dictionary({"O": "/List", "ListNumbering": numbering})


def _parent_tree(pdf: pydyf.PDF, tree: pydyf.Dictionary) -> list:
    return _get(pdf, tree["ParentTree"])["Nums"]


def _links_on_link_elements(pdf: pydyf.PDF, tree: pydyf.Dictionary) -> None:
    """Move each annotation reference (OBJR) found below a `Link` element up to that element.

    A `Link` inside a `Link` that holds nothing but references (an empty leader in a link's
    ::after, for example) is dissolved the same way: it would be a link without text.
    """
    nums = _parent_tree(pdf, tree)
    keys = {nums[i]: i for i in range(0, len(nums), 2)}
    for element in list(pdf.objects):
        if not _is(element, "Type", "/StructElem"):
            continue
        references = [k for k in element["K"] if _is(_get(pdf, k), "Type", "/OBJR")]
        if not references:
            continue
        empty_link = _is(element, "S", "/Link") and len(references) == len(element["K"])
        if _is(element, "S", "/Link") and not empty_link:
            continue
        link = _get(pdf, element["P"])
        while _is(link, "Type", "/StructElem") and not _is(link, "S", "/Link"):
            link = _get(pdf, link.get("P"))
        if not _is(link, "S", "/Link"):
            continue
        for reference in references:
            element["K"].remove(reference)
            link["K"].append(reference)
            annotation = _get(pdf, _get(pdf, reference)["Obj"])
            position = keys.get(annotation.get("StructParent"))
            if position is not None:
                nums[position + 1] = link.reference
        if empty_link:
            parent = _get(pdf, element["P"])
            if element.reference in parent["K"]:
                parent["K"].remove(element.reference)


def _list_item_bodies(pdf: pydyf.PDF, tree: pydyf.Dictionary) -> None:
    """Wrap what a list item holds besides `Lbl` and `LBody` in a new `LBody`."""
    nums = _parent_tree(pdf, tree)
    for item in list(pdf.objects):
        if not (_is(item, "Type", "/StructElem") and _is(item, "S", "/LI")):
            continue
        loose = [
            k
            for k in item["K"]
            if not (_is(_get(pdf, k), "S", "/Lbl") or _is(_get(pdf, k), "S", "/LBody"))
        ]
        if not loose:
            continue
        body = pydyf.Dictionary(
            {"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array(), "P": item.reference}
        )
        if "Pg" in item:
            body["Pg"] = item["Pg"]
        pdf.add_object(body)
        for kid in loose:
            item["K"].remove(kid)
            body["K"].append(kid)
            child = _get(pdf, kid)
            if isinstance(child, dict):
                child["P"] = body.reference
            elif isinstance(kid, int):
                _reparent_mcid(pdf, nums, item, kid, body)
        item["K"].append(body.reference)


def _reparent_mcid(pdf, nums: list, item, mcid: int, body) -> None:
    """Point a marked-content id that moved from `item` to `body` at its new parent."""
    page = _get(pdf, item["Pg"])
    entries = nums[2 * page["StructParents"] + 1]
    if mcid < len(entries):
        entries[mcid] = body.reference
