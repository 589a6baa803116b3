"""Find the elements of Nghị định 30 in a read document, whoever made it.

The header is the first table holding the Quốc hiệu or "Số:"; the signature is the
table holding "Nơi nhận:". In between come the title and its trích yếu (a kế hoạch),
the căn cứ, "Kính gửi" and the body. Paragraphs are recognised by the ``locate``
expressions of the rule file; what cannot be placed is reported as missing or
misplaced, never guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generate.docxread import Cell, Paragraph, ReadDocument, Table
from generate.layout import LayoutRules

HEADER_SCAN = 20  # body items searched for a header that is not a table
HEADER_ELEMENTS = ("national_name", "motto", "number", "place_date", "summary")
RIGHT_COLUMN = frozenset({"national_name", "motto", "place_date"})
DASHES = ("-", "–", "—", "+")


@dataclass
class Found:
    """One paragraph recognised as an element."""

    element: str
    paragraph: Paragraph
    followers: list[Paragraph] = field(default_factory=list)
    table: Table | None = None
    cell: Cell | None = None
    top_pt: float | None = None


@dataclass
class Misplaced:
    """A structural problem met while locating (missing, in the wrong place)."""

    element: str
    rule: str
    expected: str
    found: str


@dataclass
class Located:
    """The elements of a document and the problems of its structure."""

    found: dict[str, list[Found]] = field(default_factory=dict)
    header_table: Table | None = None
    signature_table: Table | None = None
    recipients_items: list[Found] = field(default_factory=list)
    body: list[Found] = field(default_factory=list)
    problems: list[Misplaced] = field(default_factory=list)

    def add(self, item: Found) -> None:
        self.found.setdefault(item.element, []).append(item)

    def first(self, element: str) -> Found | None:
        items = self.found.get(element)
        return items[0] if items else None


def _matches(rules: LayoutRules, element: str, text: str) -> bool:
    pattern = rules.element(element).regex("locate")  # type: ignore[arg-type]
    return bool(pattern and pattern.search(text))


def _typed_rule(rules: LayoutRules, text: str) -> bool:
    return bool(re.match(rules.typed_rule_pattern, text))


def cell_tops(table: Table) -> dict[int, float]:
    """Top of every paragraph from the top of the table, in points (by ``id``)."""
    tops: dict[int, float] = {}
    row_top = 0.0
    for row in table.rows():
        tallest = 0.0
        for cell in row:
            y = 0.0
            for p in cell.paragraphs:
                tops[id(p)] = row_top + y + p.geometry.before
                y += p.height_pt()
            tallest = max(tallest, y)
        row_top += tallest
    return tops


def _followers(paragraphs: list[Paragraph], index: int) -> list[Paragraph]:
    """The empty paragraphs right after ``index`` (where a rule may be drawn)."""
    out = []
    for p in paragraphs[index + 1:index + 3]:
        if p.text:
            out.append(p)
            break
        out.append(p)
    return out


class Locator:
    """Walks a read document and records where each element is."""

    def __init__(self, document: ReadDocument, rules: LayoutRules) -> None:
        self.doc = document
        self.rules = rules
        self.result = Located()

    def problem(self, element: str, rule: str, expected: str, found: str) -> None:
        self.result.problems.append(Misplaced(element, rule, expected, found))

    def locate(self) -> Located:
        items = self.doc.body
        header_index = self._header(items)
        signature_index = self._signature(items, header_index + 1)
        self._middle(items[header_index + 1:signature_index])
        self._required()
        return self.result

    # The header -------------------------------------------------------------------

    def _header(self, items: list[Paragraph | Table]) -> int:
        for index, item in enumerate(items[:HEADER_SCAN]):
            if isinstance(item, Table):
                texts = [p.text for p in item.paragraphs()]
                if any(_matches(self.rules, name, t) for t in texts for name in ("national_name", "number")):
                    self._header_table(item)
                    return index
            elif _matches(self.rules, "national_name", item.text) or _matches(self.rules, "number", item.text):
                self.problem("header", "two_columns", "bảng hai cột không viền (cơ quan | Quốc hiệu)",
                             "Quốc hiệu, số ký hiệu đặt ngoài bảng")
                return self._loose_header(items)
        self.problem("header", "present", "Quốc hiệu, tên cơ quan, số ký hiệu ở đầu văn bản", "không thấy")
        return -1

    def _loose_header(self, items: list[Paragraph | Table]) -> int:
        last = -1
        for index, item in enumerate(items[:HEADER_SCAN]):
            if isinstance(item, Table):
                break
            for name in HEADER_ELEMENTS:
                if _matches(self.rules, name, item.text):
                    self.result.add(Found(name, item, _followers(items, index)))  # type: ignore[arg-type]
                    last = index
        return last

    def _header_table(self, table: Table) -> None:
        self.result.header_table = table
        tops = cell_tops(table)
        left: list[tuple[Cell, int, Paragraph]] = []
        for cell in table.cells:
            for index, p in enumerate(cell.paragraphs):
                name = next((n for n in HEADER_ELEMENTS if p.text and _matches(self.rules, n, p.text)), None)
                if name is not None:
                    self.result.add(Found(name, p, _followers(cell.paragraphs, index), table, cell, tops[id(p)]))
                    wanted_right = name in RIGHT_COLUMN
                    if (cell.column > 0) != wanted_right:
                        side = "phải" if wanted_right else "trái"
                        self.problem(name, "position", f"cột {side} của phần đầu", f"cột {cell.column + 1}")
                elif cell.column == 0:
                    left.append((cell, index, p))
        number = self.result.first("number")
        names = [
            (cell, index, p) for cell, index, p in left
            if p.text and not _typed_rule(self.rules, p.text)
            and (number is None or tops[id(p)] < (number.top_pt or 0))
        ]
        if not names:
            return
        # The issuing agency is bold and the parent is not; when every line is bold
        # (a parent set in bold by mistake) the last line is taken as the agency.
        bold = [p.share("bold") > 0.5 for _c, _x, p in names]
        split = len(names) - 1
        while split > 0 and bold[split - 1] and not all(bold):
            split -= 1
        for position, (cell, index, p) in enumerate(names):
            element = "agency" if position >= split else "parent_agency"
            self.result.add(Found(element, p, _followers(cell.paragraphs, index), table, cell, tops[id(p)]))

    # The signature ----------------------------------------------------------------

    def _signature(self, items: list[Paragraph | Table], start: int) -> int:
        for index in range(len(items) - 1, start - 1, -1):
            item = items[index]
            if isinstance(item, Table):
                if any(_matches(self.rules, "cc_label", p.text) for p in item.paragraphs()):
                    self._signature_table(item)
                    return index
            elif _matches(self.rules, "cc_label", item.text):
                self.problem("cc_label", "same_row_as", "bên trái, ngang hàng với chức vụ người ký",
                             "nằm ngoài bảng, không cạnh khối chữ ký")
                self._loose_cc(items, index)
                return index
        return len(items)

    def _loose_cc(self, items: list[Paragraph | Table], index: int) -> None:
        label = items[index]
        assert isinstance(label, Paragraph)
        self.result.add(Found("cc_label", label))
        for item in items[index + 1:]:
            if not isinstance(item, Paragraph) or not item.text.startswith(DASHES):
                break
            self.result.add(Found("cc_item", item))

    def _signature_table(self, table: Table) -> None:
        self.result.signature_table = table
        tops = cell_tops(table)
        label_cell = next(c for c in table.cells if any(_matches(self.rules, "cc_label", p.text)
                                                        for p in c.paragraphs))
        started = False
        for p in label_cell.paragraphs:
            if _matches(self.rules, "cc_label", p.text):
                self.result.add(Found("cc_label", p, [], table, label_cell, tops[id(p)]))
                started = True
            elif started and p.text:
                self.result.add(Found("cc_item", p, [], table, label_cell, tops[id(p)]))
        others = [c for c in table.cells if c is not label_cell and c.row == label_cell.row]
        sign = [(c, p) for c in others for p in c.paragraphs if p.text]
        if not sign:
            return
        *titles, (name_cell, name) = sign
        for cell, p in titles:
            if p.shown_text() == p.shown_text().upper():
                self.result.add(Found("signer_authority", p, [], table, cell, tops[id(p)]))
        self.result.add(Found("signer_name", name, [], table, name_cell, tops[id(name)]))

    # Between header and signature -------------------------------------------------

    def _middle(self, items: list[Paragraph | Table]) -> None:
        paragraphs = [item for item in items if isinstance(item, Paragraph)]
        position = 0
        texts = [(i, p) for i, p in enumerate(paragraphs) if p.text and not _typed_rule(self.rules, p.text)]
        for i, p in texts:
            if _matches(self.rules, "summary", p.text):
                self.problem("summary", "position", "cột trái phần đầu, dưới số ký hiệu", "trong phần nội dung")
                position = i + 1
                continue
            break
        first_text = next((i for i, p in texts if i >= position), None)
        title_at = first_text if first_text is not None and _matches(
            self.rules, "title", paragraphs[first_text].text) else None
        if title_at is not None:
            self.result.add(Found("title", paragraphs[title_at], _followers(paragraphs, title_at)))
            position = title_at + 1
            last_summary = None
            for i in range(position, len(paragraphs)):
                p = paragraphs[i]
                if not p.text:
                    if last_summary is not None:
                        break
                    continue
                if p.geometry.align != "center" or _typed_rule(self.rules, p.text):
                    break
                last_summary = Found("title_summary", p, _followers(paragraphs, i))
                self.result.add(last_summary)
                position = i + 1
        rest = paragraphs[position:]
        index = 0
        while index < len(rest):
            p = rest[index]
            if not p.text or _typed_rule(self.rules, p.text):
                index += 1
                continue
            if _matches(self.rules, "grounds", p.text):
                self.result.add(Found("grounds", p))
            elif _matches(self.rules, "recipients", p.text) and self.result.first("recipients") is None:
                self.result.add(Found("recipients", p))
                while index + 1 < len(rest) and rest[index + 1].text.startswith(DASHES):
                    index += 1
                    self.result.recipients_items.append(Found("recipients", rest[index]))
            else:
                self.result.body.append(Found(self._body_kind(p), p))
            index += 1

    def _body_kind(self, p: Paragraph) -> str:
        for name in ("section_heading", "item_heading"):
            if _matches(self.rules, name, p.text):
                return name
        return "body"

    def _required(self) -> None:
        for name in ("national_name", "motto", "agency", "number", "place_date", "signer_authority",
                     "signer_name", "cc_label"):
            if name not in self.result.found:
                label = self.rules.element(name).label  # type: ignore[arg-type]
                self.problem(name, "present", f"có {label}", "không thấy")
        if "summary" not in self.result.found and "title" not in self.result.found:
            self.problem("summary", "present", "trích yếu: “V/v …” (công văn) hoặc tên loại và trích yếu",
                         "không thấy")


def locate(document: ReadDocument, rules: LayoutRules) -> Located:
    """Find the Nghị định 30 elements of ``document``."""
    return Locator(document, rules).locate()
