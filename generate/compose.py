"""Place blocks of wording on the page as Nghị định 30 lays them out.

The header is a borderless table of two rows: agency names over "Số" and the V/v line
on the left, Quốc hiệu and Tiêu ngữ over the place and date on the right, so that the
date sits on the row of "Số". Rules are drawn as paragraph borders sized from the text
they underline. The signature block and "Nơi nhận" share the last table, side by side.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from generate import ooxml
from generate.builder import Formats
from generate.fontmetrics import text_width_pt
from generate.layout import ElementRule, LayoutRules, Span
from generate.wording import RECIPIENT_ROLES, Block

PT_PER_MM = 72 / 25.4
PT_PER_CM = 72 / 2.54
RULE_LINE_TWIPS = 40  # the rule paragraph is 2 pt high: only its border shows
RULE_MARK_SIZE = 1.0
KEEP_WITH_NEXT = frozenset({"title", "title_summary", "section_heading", "item_heading"})


def region_of(element: str, rules: LayoutRules) -> str:
    """The region a block goes to (the roles of "Kính gửi" go to the addressee)."""
    if element in RECIPIENT_ROLES:
        return rules.element("recipients").region
    return rules.element(element).region  # type: ignore[arg-type]


def known_blocks(rules: LayoutRules) -> frozenset[str]:
    """Every block name the composer can place."""
    return frozenset(rules.elements) | frozenset(RECIPIENT_ROLES)


def text_width(text: str, rule: ElementRule) -> float:
    """Width in points of ``text`` set as the element ``rule`` says."""
    return text_width_pt(text, rule.size.use, bold=bool(rule.bold), italic=bool(rule.italic))


class Composer:
    """Builds the body elements of one document."""

    def __init__(self, rules: LayoutRules) -> None:
        self.rules = rules
        self.formats = Formats(rules)
        self.text_width_pt = rules.text_width_mm * PT_PER_MM

    def element(self, name: str) -> ElementRule:
        return self.rules.element(name)  # type: ignore[arg-type]

    def paragraph(self, block: Block, **overrides: object) -> etree._Element:
        """A paragraph of ``block`` in its element's format."""
        rule = self.element(block.element)
        return ooxml.paragraph(block.text, self.formats.paragraph(rule, **overrides), self.formats.run(rule))

    def rule_paragraph(self, ratio: Span, text_pt: float, available_pt: float, after: float = 0.0
                       ) -> etree._Element:
        """An empty paragraph whose bottom border is ``ratio`` of the text's width, centred."""
        length = ratio.use * min(text_pt, available_pt)
        indent = ooxml.pt(max(available_pt - length, 0) / 2)
        fmt = ooxml.ParagraphFormat(align="center", exact_line=RULE_LINE_TWIPS, left=indent, right=indent,
                                    after=ooxml.pt(after), bottom_rule=True)
        mark = ooxml.RunFormat(font=self.rules.font.name, size=RULE_MARK_SIZE, color=self.rules.font.use_color)
        return ooxml.paragraph("", fmt, mark)

    def stack(self, blocks: list[Block], available_pt: float, first_before: float | None = None,
              keep_last: bool = False) -> list[etree._Element]:
        """Paragraphs of ``blocks`` one under another, each followed by its rule if it has one.

        Headings keep with the paragraph after them; ``keep_last`` keeps the last paragraph
        with what follows (the signature table).
        """
        out: list[etree._Element] = []
        for index, block in enumerate(blocks):
            rule = self.element(block.element)
            overrides: dict[str, object] = {}
            if index == 0 and first_before is not None:
                overrides["before"] = ooxml.pt(first_before)
            if block.element in KEEP_WITH_NEXT or (keep_last and index == len(blocks) - 1):
                overrides["keep_next"] = True
            if rule.rule is None:
                out.append(self.paragraph(block, **overrides))
                continue
            # The space after the element goes under its rule.
            overrides.update(after=0, keep_next=True)
            out.append(self.paragraph(block, **overrides))
            after = rule.space_after_pt.use if rule.space_after_pt else 0.0
            out.append(self.rule_paragraph(rule.rule, text_width(block.text, rule), available_pt, after))
        return out

    def table(self, columns_mm: list[float], rows: list[tuple[list[etree._Element], list[etree._Element]]]
              ) -> etree._Element:
        """A borderless two-column table; empty cells get an empty paragraph."""
        widths = [ooxml.mm(width) for width in columns_mm]
        tbl = ooxml.borderless_table(widths)
        for left, right in rows:
            for cell, content in zip(ooxml.table_row(tbl, widths), (left, right), strict=True):
                if not content:
                    body = self.element("body")
                    content = [ooxml.paragraph("", ooxml.ParagraphFormat(), self.formats.run(body))]
                for p in content:
                    cell.append(p)
        return tbl

    def header(self, regions: dict[str, list[Block]]) -> etree._Element:
        """The header table: agency | Quốc hiệu, then Số and V/v | place and date."""
        left_pt, right_pt = (w * PT_PER_MM for w in self.rules.header_table.columns_mm)
        rows = [
            (self.stack(regions["header_left_top"], left_pt), self.stack(regions["header_right_top"], right_pt)),
            (self.stack(regions["header_left_bottom"], left_pt),
             self.stack(regions["header_right_bottom"], right_pt)),
        ]
        return self.table(self.rules.header_table.columns_mm, rows)

    def addressee(self, blocks: list[Block]) -> list[etree._Element]:
        """"Kính gửi:" on one line with one recipient, or over a dash list under its colon."""
        if not blocks:
            return []
        rule = self.element("recipients")
        label = blocks[0].text
        prefix = label.split(":", 1)[0]
        colon_pt = text_width(prefix, rule)
        before = ooxml.pt(rule.space_before_pt.use if rule.space_before_pt else 0)
        after = ooxml.pt(rule.space_after_pt.use if rule.space_after_pt else 0)
        run_fmt = self.formats.run(rule)
        if blocks[0].element == "recipients_line":
            fits = text_width(label, rule) <= self.text_width_pt
            hang = ooxml.pt(text_width(prefix + ": ", rule))
            fmt = ooxml.ParagraphFormat(
                align="center" if fits else "justify", before=before, after=after,
                left=0 if fits else hang, first_line=0 if fits else -hang)
            return [ooxml.paragraph(label, fmt, run_fmt)]
        items = blocks[1:]
        widest = max((text_width(item.text, rule) for item in items), default=0.0)
        limit = rule.indent_cm.use * PT_PER_CM if rule.indent_cm else 0.0
        start = min(max((self.text_width_pt - colon_pt - widest) / 2, 0.0), limit)
        out = [ooxml.paragraph(label, ooxml.ParagraphFormat(before=before, left=ooxml.pt(start), keep_next=True),
                               run_fmt)]
        for index, item in enumerate(items):
            last = index == len(items) - 1
            fmt = ooxml.ParagraphFormat(align="left", left=ooxml.pt(start + colon_pt), after=after if last else 0,
                                        keep_next=not last)
            out.append(ooxml.paragraph(item.text, fmt, run_fmt))
        return out

    def signature(self, regions: dict[str, list[Block]]) -> etree._Element:
        """"Nơi nhận" (left) beside the signature block (right), level at the top."""
        geometry = self.rules.signature_table
        left_pt, right_pt = (w * PT_PER_MM for w in geometry.columns_mm)
        sign = regions["signature"]
        right: list[etree._Element] = []
        for index, block in enumerate(sign):
            overrides: dict[str, object] = {"keep_next": True}
            if index == 0:
                overrides["before"] = ooxml.pt(geometry.gap_before_pt)
            if block.element == "signer_name":
                overrides["before"] = ooxml.pt(geometry.signature_space_pt)
            right.append(self.paragraph(block, **overrides))
        left = self.stack(regions["cc"], left_pt, first_before=geometry.gap_before_pt)
        return self.table(geometry.columns_mm, [(left, right)])

    def compose(self, blocks: list[Block]) -> list[etree._Element]:
        """All body elements of the document, in order."""
        regions: dict[str, list[Block]] = defaultdict(list)
        for block in blocks:
            regions[region_of(block.element, self.rules)].append(block)
        body: list[etree._Element] = [self.header(regions)]
        body += self.stack(regions["heading"], self.text_width_pt)
        body += self.stack(regions["grounds"], self.text_width_pt)
        body += self.addressee(regions["addressee"])
        body += self.stack(regions["body"], self.text_width_pt, keep_last=True)
        body.append(self.signature(regions))
        return body
