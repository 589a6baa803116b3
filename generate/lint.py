"""Check any .docx against the Nghị định 30 rule data: :func:`lint_docx`.

The checker reads effective formatting (styles and defaults included), finds each
element (:mod:`generate.locate`), and tests it against the same rule file the
builder uses. Each violation names the element, the rule, what was expected and what
was found; identical violations of many paragraphs are reported once with a count.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import IO

from pydantic import BaseModel, ConfigDict

from generate.docxread import Paragraph, ReadDocument, read_docx
from generate.fontmetrics import text_width_pt
from generate.layout import ElementRule, LayoutRules, Span, get_rules
from generate.locate import Found, Located, locate

PT_PER_CM = 72 / 2.54
EXCERPT = 60
ALIGN_WORDS = {"left": "căn trái", "center": "căn giữa", "right": "căn phải", "justify": "căn đều hai bên"}
PARTIAL_OK = frozenset({"body", "grounds"})
SIDES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
CHECKED_APART = frozenset({"recipients"})  # checked with its list by Checker.recipients


class Violation(BaseModel):
    """One breach of a rule.

    Attributes:
        element: the element's key in the rule file (``national_name``) or a part
            (``page``, ``font``, ``styles``, ``page_number``, ``header_table`` …).
        rule: the check (``size``, ``bold``, ``rule``, ``margin`` …).
        expected: what the decree asks, in words.
        found: what the document has.
        text: the beginning of the paragraph concerned, when there is one.
        count: how many paragraphs show this same violation.
    """

    model_config = ConfigDict(frozen=True)

    element: str
    rule: str
    expected: str
    found: str
    text: str = ""
    count: int = 1


def _pt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " pt"


def _cm(value_pt: float) -> str:
    return f"{value_pt / PT_PER_CM:.2f}".replace(".", ",") + " cm"


def _share_word(share: float, yes: str, no: str) -> str:
    if share >= 0.999:
        return yes
    return no if share <= 0.001 else f"{yes} một phần"


class Checker:
    """Collects the violations of one document."""

    def __init__(self, document: ReadDocument, rules: LayoutRules) -> None:
        self.doc = document
        self.rules = rules
        self.items: list[Violation] = []

    def add(self, element: str, rule: str, expected: str, found: str, p: Paragraph | None = None) -> None:
        text = p.text[:EXCERPT] if p is not None else ""
        self.items.append(Violation(element=element, rule=rule, expected=expected, found=found, text=text))

    def result(self) -> list[Violation]:
        """The violations, identical ones merged with a count, in order of first appearance."""
        merged: dict[tuple[str, str, str, str], Violation] = {}
        counts: Counter[tuple[str, str, str, str]] = Counter()
        for v in self.items:
            key = (v.element, v.rule, v.expected, v.found)
            counts[key] += 1
            merged.setdefault(key, v)
        return [v.model_copy(update={"count": counts[k]}) for k, v in merged.items()]

    # Whole document --------------------------------------------------------------

    def page(self) -> None:
        page = self.rules.page
        tol = page.tolerance_mm
        for number, section in enumerate(self.doc.sections, start=1):
            where = f" (phần {number})" if len(self.doc.sections) > 1 else ""
            if section.width_mm is None or section.height_mm is None:
                self.add("page", "paper", f"A4 {page.width_mm:g} × {page.height_mm:g} mm", "không khai báo" + where)
            else:
                size = sorted((section.width_mm, section.height_mm))
                if abs(size[0] - page.width_mm) > tol or abs(size[1] - page.height_mm) > tol:
                    self.add("page", "paper", f"A4 {page.width_mm:g} × {page.height_mm:g} mm",
                             f"{size[0]:.0f} × {size[1]:.0f} mm{where}")
            if section.orientation != page.orientation:
                self.add("page", "orientation", "khổ dọc", "khổ ngang" + where)
            for side, word in SIDES.items():
                span: Span = getattr(page.margins_mm, side)
                value = section.margins_mm[side]
                if value is None or not span.contains(value, self.rules.tolerances.margin_mm):
                    found = "không khai báo" if value is None else f"{value:.1f}".replace(".", ",") + " mm"
                    self.add("page", "margin", f"lề {word}: {span.describe('mm')}", found + where)

    def fonts(self) -> None:
        font = self.rules.font
        unset = [slot for slot in font.slots if self.doc.default_fonts.get(slot) != font.name]
        if unset:
            found = ", ".join(f"{slot}: {self.doc.default_fonts.get(slot) or 'chưa đặt'}" for slot in unset)
            self.add("font", "defaults", f"{font.name} ở cả {', '.join(font.slots)}", found)
        bad_styles = []
        for style in self.doc.styles:
            wrong = sorted({style.fonts.get(slot) or "chưa đặt" for slot in font.slots
                            if style.fonts.get(slot) != font.name})
            color = style.color if style.color and style.color not in font.colors else None
            if wrong or color:
                detail = ", ".join(wrong + ([f"màu {color}"] if color else []))
                bad_styles.append(f"{style.name} ({detail})")
        if bad_styles:
            shown = "; ".join(bad_styles[:5]) + (f"; … ({len(bad_styles)} kiểu)" if len(bad_styles) > 5 else "")
            self.add("styles", "family", f"{font.name}, màu đen ở mọi kiểu", shown)
        wrong_fonts: Counter[str] = Counter()
        wrong_colors: Counter[str] = Counter()
        example: dict[str, Paragraph] = {}
        for p in self.doc.all_paragraphs():
            for r in p.runs:
                wrong: dict[str, list[str]] = {}
                for slot in font.slots:
                    name = r.style.fonts.get(slot)
                    if name != font.name:
                        wrong.setdefault(name or "chưa đặt", []).append(slot)
                if wrong:
                    key = "; ".join(f"{name} ({', '.join(slots)})" for name, slots in sorted(wrong.items()))
                    wrong_fonts[key] += 1
                    example.setdefault(key, p)
                if r.style.color and r.style.color not in font.colors and r.text.strip():
                    wrong_colors[r.style.color] += 1
                    example.setdefault(r.style.color, p)
        for key, count in wrong_fonts.items():
            self.add("font", "family", font.name, f"{key} ({count} đoạn chữ)", example[key])
        for key, count in wrong_colors.items():
            self.add("color", "color", "đen", f"màu {key} ({count} đoạn chữ)", example[key])

    def page_numbers(self) -> None:
        rule = self.rules.page_number
        for section in self.doc.sections[-1:]:
            numbered = [p for p in section.headers.get("default", []) if p.has_page_field]
            in_footer = any(p.has_page_field for part in section.footers.values() for p in part)
            if not numbered:
                found = "ở chân trang" if in_footer else "không có"
                self.add("page_number", "field", "số trang (trường PAGE) giữa lề trên, từ trang 2", found)
                continue
            p = numbered[0]
            self.paragraph_checks("page_number", p, size=rule.size, bold=rule.bold, italic=rule.italic,
                                  align=rule.align)
            if rule.first_page_hidden:
                first = section.headers.get("first", [])
                if not section.title_page or any(q.has_page_field for q in first):
                    self.add("page_number", "first_page_hidden", "trang đầu không hiện số trang",
                             "trang đầu có số trang")

    # One paragraph ---------------------------------------------------------------

    def paragraph_checks(self, element: str, p: Paragraph, *, size: Span | None = None,
                         bold: bool | None = None, italic: bool | None = None, align: str | None = None,
                         partial_ok: bool = False) -> None:
        """Size, weight, slant and alignment of one paragraph."""
        if size is not None:
            bad = [s for s in p.sizes() if not size.contains(s)]
            if bad:
                self.add(element, "size", size.describe("pt"), ", ".join(_pt(s) for s in p.sizes()), p)
        for flag, attribute, yes, no in ((bold, "bold", "đậm", "không đậm"),
                                         (italic, "italic", "nghiêng", "đứng (không nghiêng)")):
            if flag is None:
                continue
            share = p.share(attribute)
            ok = share >= 0.999 if flag else (share < 0.999 if partial_ok else share <= 0.001)
            if not ok:
                self.add(element, attribute, yes if flag else no, _share_word(share, yes, no), p)
        if align is not None and p.geometry.align != align:
            self.add(element, "align", ALIGN_WORDS[align], ALIGN_WORDS.get(p.geometry.align, p.geometry.align), p)

    def element_checks(self, found: Found) -> None:
        """Every property the rule of ``found.element`` sets."""
        name = found.element
        rule: ElementRule = self.rules.element(name)  # type: ignore[arg-type]
        p = found.paragraph
        self.paragraph_checks(name, p, size=rule.size, bold=rule.bold, italic=rule.italic, align=rule.align,
                              partial_ok=rule.region in PARTIAL_OK)
        if rule.case == "upper":
            shown = p.shown_text()
            if shown != shown.upper():
                self.add(name, "case", "chữ in hoa", "có chữ thường", p)
        if rule.one_line and len(p.line_widths_pt()) + p.line_count() > 2:
            self.add(name, "one_line", "một dòng", f"{p.line_count()} dòng (chữ rộng {_cm(p.text_width_pt())}, "
                     f"chỗ rộng {_cm(p.width_pt())})", p)
        if rule.line_spacing is not None and not rule.line_spacing.contains(p.line_multiple(), 0.02):
            found_text = (f"chính xác {_pt(p.geometry.line)}" if p.geometry.line_rule == "exact"
                          else f"{p.line_multiple():.2f}".replace(".", ",") + " dòng")
            self.add(name, "line_spacing", rule.line_spacing.describe("dòng"), found_text, p)
        if rule.first_line_indent_cm is not None:
            indent = p.geometry.first_line / PT_PER_CM
            tolerance = self.rules.tolerances.indent_cm
            if not any(abs(indent - allowed) <= tolerance for allowed in rule.first_line_indent_cm.allowed):
                allowed = " hoặc ".join(f"{a:g}".replace(".", ",") + " cm" for a in rule.first_line_indent_cm.allowed)
                self.add(name, "first_line_indent", allowed, _cm(p.geometry.first_line), p)
        pattern = rule.regex("pattern")
        if pattern is not None and not pattern.search(p.text):
            self.add(name, "pattern", rule.pattern_hint or rule.pattern or "", p.text[:EXCERPT], p)
        if rule.rule is not None:
            self.rule_under(found, rule.rule)

    def rule_under(self, found: Found, span: Span) -> None:
        """The line under an element: drawn or a border, never typed, at the right length."""
        name, p = found.element, found.paragraph
        expected = f"đường kẻ liền, dài {span.describe().replace(' ', '')} × độ dài dòng chữ"
        kind, length = "none", None
        candidates = [p, *found.followers]
        for index, q in enumerate(candidates):
            if q.drawn_lines_pt:
                kind, length = "drawn", max(q.drawn_lines_pt)
                break
            if index > 0 and q.text:
                if re.match(self.rules.typed_rule_pattern, q.text):
                    kind = "typed"
                break
            if q.geometry.border_bottom or (index > 0 and q.geometry.border_top):
                kind, length = "border", q.width_pt()
                break
        if kind == "none" and p.share("underline") > 0.5:
            kind = "underline"
        if length is None:
            found_text = {"typed": "gõ bằng ký tự (gạch dưới, gạch ngang)",
                          "underline": "gạch chân chữ thay cho đường kẻ"}.get(kind, "không có đường kẻ")
            self.add(name, "rule", expected, found_text, p)
            return
        text = min(p.text_width_pt(), p.width_pt())
        ratio = length / text if text else 0.0
        if not span.contains(ratio, self.rules.tolerances.rule_ratio):
            self.add(name, "rule", expected, f"{ratio:.2f}".replace(".", ",") + f" × ({_cm(length)})", p)

    # Relations between elements -------------------------------------------------

    def same_row(self, found: Found | None, other: Found | None) -> None:
        """``found`` must start level with ``other`` in the same table."""
        if found is None or other is None:
            return
        label = self.rules.label(other.element)
        expected = f"ngang hàng với {label}"
        if found.table is None or found.table is not other.table or found.top_pt is None or other.top_pt is None:
            self.add(found.element, "same_row_as", expected, "không cùng bảng", found.paragraph)
            return
        offset = found.top_pt - other.top_pt
        if abs(offset) > self.rules.tolerances.same_row_pt:
            where = "thấp hơn" if offset > 0 else "cao hơn"
            self.add(found.element, "same_row_as", expected, f"{where} {_pt(abs(offset))}", found.paragraph)

    def gap(self, found: Found | None, above: Found | None) -> None:
        """The space between ``above`` (e.g. "Số") and ``found`` (the V/v line)."""
        if found is None or above is None:
            return
        gap = self.rules.element(found.element).gap_after  # type: ignore[arg-type]
        if gap is None:
            return
        expected = f"cách {self.rules.label(gap.element)} {gap.min:g}–{gap.max:g} pt"
        if found.top_pt is None or above.top_pt is None or found.table is not above.table:
            self.add(found.element, "gap_after", expected, "không đặt dưới số ký hiệu", found.paragraph)
            return
        q = above.paragraph
        bottom = above.top_pt + q.line_count() * q.line_height_pt()
        distance = found.top_pt - bottom
        if not (gap.min - 0.5 <= distance <= gap.max + 0.5):
            self.add(found.element, "gap_after", expected, _pt(distance), found.paragraph)

    def spacing(self, sequence: list[Found]) -> None:
        """At least the rule's space between consecutive paragraphs of the body."""
        for current, following in zip(sequence, sequence[1:], strict=False):
            rule = self.rules.element(current.element)  # type: ignore[arg-type]
            if rule.space_between_pt is None:
                continue
            a, b = current.paragraph, following.paragraph
            between = a.geometry.after + b.geometry.before
            if a.style_id == b.style_id and (a.geometry.contextual or b.geometry.contextual):
                between = 0.0
            if not rule.space_between_pt.contains(between):
                self.add(current.element, "space_between", rule.space_between_pt.describe("pt"), _pt(between), a)

    def punctuation(self, element: str, items: list[Paragraph], rule: ElementRule) -> None:
        marks = rule.list_punctuation
        if marks is None or not items:
            return
        for index, p in enumerate(items):
            wanted = marks.last if index == len(items) - 1 else marks.item
            text = p.text.rstrip()
            if not text.endswith(wanted):
                where = "dòng cuối" if index == len(items) - 1 else "mỗi dòng"
                self.add(element, "list_punctuation", f"{where} kết thúc bằng “{wanted}”",
                         f"kết thúc bằng “{text[-1:]}”", p)

    def recipients(self, located: Located) -> None:
        label = located.first("recipients")
        if label is None:
            return
        rule = self.rules.element("recipients")
        p = label.paragraph
        items = [f.paragraph for f in located.recipients_items]
        for q in [p, *items]:
            self.paragraph_checks("recipients", q, size=rule.size, bold=rule.bold, italic=rule.italic)
        head, _, rest = p.text.partition(":")
        rest = rest.strip()
        if not items:
            if not rest:
                self.add("recipients", "present", "tên nơi nhận sau “Kính gửi:”", "trống", p)
            return
        if len(items) == 1 and not rest:
            self.add("recipients", "list_layout", "một nơi nhận: viết cùng dòng với “Kính gửi:”",
                     "xuống dòng với gạch đầu dòng", p)
        if rest:
            self.add("recipients", "list_layout", "nhiều nơi nhận: xuống dòng, mỗi nơi một dòng",
                     "nơi nhận đầu tiên viết cùng dòng “Kính gửi:”", p)
        self.punctuation("recipients_item", items, rule)
        colon = self._colon_x(p, head)
        tolerance = self.rules.tolerances.dash_alignment_cm * PT_PER_CM
        for q in items:
            start = q.geometry.left + q.geometry.first_line
            if abs(start - colon) > tolerance:
                self.add("recipients_item", "alignment", "gạch đầu dòng thẳng dưới dấu hai chấm",
                         f"lệch {_cm(abs(start - colon))}", q)

    @staticmethod
    def _colon_x(p: Paragraph, head: str) -> float:
        """Distance from the left margin to the colon after "Kính gửi"."""
        style = p.main_style()
        prefix = text_width_pt(head, style.size, bold=style.bold, italic=style.italic)
        g = p.geometry
        start = g.left + g.first_line
        if g.align in ("center", "right"):
            free = p.width_pt() - p.text_width_pt()
            start = g.left + (free / 2 if g.align == "center" else free)
        return start + prefix

    def cc(self, located: Located) -> None:
        rule = self.rules.element("cc_item")
        items = [f.paragraph for f in located.found.get("cc_item", [])]
        if not items:
            if located.first("cc_label") is not None:
                self.add("cc_item", "present", "danh sách nơi nhận", "trống")
            return
        self.punctuation("cc_item", items, rule)
        last = rule.regex("last_pattern")
        if last is not None and not last.search(items[-1].text):
            self.add("cc_item", "last_item", rule.last_hint or "", items[-1].text[:EXCERPT], items[-1])
        wanted = rule.first_when_recipients
        if wanted and located.first("recipients") is not None and items[0].text != wanted:
            self.add("cc_item", "first_item", wanted, items[0].text[:EXCERPT], items[0])

    def header_table(self, located: Located) -> None:
        for table, name in ((located.header_table, "header_table"), (located.signature_table, "signature_table")):
            if table is not None and table.bordered_sides:
                self.add(name, "borderless", "không kẻ viền", "có viền: " + ", ".join(table.bordered_sides))


def lint_document(document: ReadDocument, rules: LayoutRules | None = None) -> list[Violation]:
    """Check an already read document (see :func:`generate.docxread.read_docx`)."""
    rules = rules or get_rules()
    located = locate(document, rules)
    check = Checker(document, rules)
    for problem in located.problems:
        check.add(problem.element, problem.rule, problem.expected, problem.found)
    check.page()
    check.fonts()
    check.page_numbers()
    check.header_table(located)
    for name, items in located.found.items():
        if name in CHECKED_APART:
            continue
        for found in items:
            check.element_checks(found)
    for name, rule in rules.elements.items():
        if rule.same_row_as:
            check.same_row(located.first(name), located.first(rule.same_row_as))
        if rule.gap_after:
            check.gap(located.first(name), located.first(rule.gap_after.element))
    grounds = located.found.get("grounds", [])
    check.punctuation("grounds", [f.paragraph for f in grounds], rules.element("grounds"))
    check.spacing(grounds)
    for found in located.body:
        check.element_checks(found)
    check.spacing(located.body)
    check.recipients(located)
    check.cc(located)
    return check.result()


def lint_docx(path: str | Path | IO[bytes], *, rules: LayoutRules | None = None) -> list[Violation]:
    """Check a .docx against Nghị định 30/2020/NĐ-CP, Phụ lục I.

    Args:
        path: a .docx file (anyone's) or a binary stream.
        rules: layout rules; the packaged Nghị định 30 rules when omitted.

    Returns:
        The violations, empty when the document follows every rule.

    Raises:
        DocumentReadError: the file cannot be read as a .docx.

    Example:
        >>> [v.rule for v in lint_docx("cv.docx") if v.element == "national_name"]
        ['size']
    """
    return lint_document(read_docx(path), rules)
