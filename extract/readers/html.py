"""HTML news pages: drop scripts, menus and comments; keep paragraphs in order."""

from __future__ import annotations

import lxml.html
from lxml import etree

from extract.errors import ReadError
from extract.lexicon import load_data
from extract.readers.txt import decode_text
from extract.tables import pipe_row


def _config() -> dict:
    return load_data("html.yaml")


def _drop_boilerplate(root: lxml.html.HtmlElement) -> None:
    cfg = _config()
    for el in root.iter(etree.Comment, etree.ProcessingInstruction):
        el.drop_tree() if hasattr(el, "drop_tree") else el.getparent().remove(el)
    for tag in cfg["drop_tags"]:
        for el in root.iter(tag):
            el.drop_tree()
    markers = tuple(cfg["drop_class_markers"])
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        ident = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}".lower()
        if ident.strip() and any(m in ident for m in markers) and el.getparent() is not None:
            el.drop_tree()


def _main_node(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element holding the article: <article>/<main> when present, else <body>."""
    for tag in ("article", "main"):
        found = root.findall(f".//{tag}")
        if found:
            return max(found, key=lambda el: len(el.text_content()))
    body = root.find(".//body")
    return body if body is not None else root


def _table_width(table: lxml.html.HtmlElement) -> int:
    return max((sum(1 for td in tr if td.tag in ("td", "th")) for tr in table.iter("tr")), default=0)


def _blocks(node: lxml.html.HtmlElement, block_tags: set[str]) -> list[str]:
    """Text of each block element in document order (inner blocks split outer ones)."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        if text:
            out.append(text)
        buf.clear()

    def walk(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table" and _table_width(el) >= 3:
            flush()
            for tr in el.iter("tr"):
                cells = [" ".join(td.text_content().split()) for td in tr if td.tag in ("td", "th")]
                if any(cells):
                    out.append(pipe_row(cells))
            return
        is_block = tag in block_tags
        if is_block or tag == "br":
            flush()
        if el.text and tag != "br":
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if is_block:
            flush()

    walk(node)
    flush()
    return out


def read_html(data: bytes, name: str) -> str:
    """Read an HTML page into paragraphs of text."""
    text = decode_text(data, name)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(name, f"cannot parse the HTML: {exc}") from exc
    _drop_boilerplate(root)
    title = root.findtext(".//title") or ""
    node = _main_node(root)
    blocks = _blocks(node, set(_config()["block_tags"]))
    if title.strip() and (not blocks or title.strip() not in blocks[0]):
        heading = node.find(".//h1")
        if heading is None:
            blocks.insert(0, " ".join(title.split()))
    return "\n".join(blocks)
