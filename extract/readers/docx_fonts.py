"""The font of a .docx run, and whether it is a legacy Vietnamese font (``.VnTime``, ``VNI-Times``).

A run's font is set on the run, else by its character style, else by its paragraph's
style (and the styles these are based on), else by the document defaults. The
legacy fonts and their encodings are data: ``data/legacy_fonts.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from docx.oxml.ns import qn
from lxml import etree
from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.lexicon import load_model
from extract.readers.legacy_encodings import LEGACY_ENCODINGS

_FONT_ATTRIBUTES = (qn("w:hAnsi"), qn("w:ascii"), qn("w:cs"))


@dataclass(frozen=True)
class LegacyFont:
    """A font drawing a legacy encoding; ``upper`` when it draws every letter as a capital."""

    name: str
    encoding: str
    upper: bool = False


class _FontRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str
    encoding: str
    upper: bool = False

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value

    @field_validator("encoding")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in LEGACY_ENCODINGS:
            raise ValueError(f"unknown encoding {value!r} (expected one of {', '.join(LEGACY_ENCODINGS)})")
        return value


class _FontRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fonts: list[_FontRule] = Field(min_length=1)


@cache
def _rules() -> list[tuple[re.Pattern[str], _FontRule]]:
    return [(re.compile(rule.pattern, re.I), rule) for rule in load_model("legacy_fonts.yaml", _FontRules).fonts]


@cache
def legacy_font(name: str) -> LegacyFont | None:
    """The legacy encoding drawn by font ``name``, or ``None`` for a Unicode font."""
    for pattern, rule in _rules():
        if pattern.match(name.strip()):
            return LegacyFont(name, rule.encoding, rule.upper)
    return None


def _declared_font(rpr: etree._Element | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    for attribute in _FONT_ATTRIBUTES:
        value = fonts.get(attribute)
        if value:
            return value
    return None


class RunFonts:
    """Resolves the font of the runs of one document through its styles."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        self._default_paragraph: str | None = None
        self._document_default: str | None = None
        self._cache: dict[str, str | None] = {}
        if styles is None:
            return
        for style in styles.iterfind(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id:
                self._styles[style_id] = style
                if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                    self._default_paragraph = style_id
        defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self._document_default = _declared_font(defaults)

    def _style_font(self, style_id: str | None, seen: frozenset[str] = frozenset()) -> str | None:
        if not style_id or style_id in seen or style_id not in self._styles:
            return None
        if style_id in self._cache:
            return self._cache[style_id]
        style = self._styles[style_id]
        font = _declared_font(style.find(qn("w:rPr")))
        if font is None:
            based = style.find(qn("w:basedOn"))
            parent = based.get(qn("w:val")) if based is not None else None
            font = self._style_font(parent, seen | {style_id})
        self._cache[style_id] = font
        return font

    def font_of(self, run: etree._Element, paragraph: etree._Element | None) -> str | None:
        """The name of the font ``run`` is drawn in (``None`` when nothing sets one)."""
        rpr = run.find(qn("w:rPr"))
        font = _declared_font(rpr)
        if font:
            return font
        if rpr is not None:
            run_style = rpr.find(qn("w:rStyle"))
            font = self._style_font(run_style.get(qn("w:val")) if run_style is not None else None)
            if font:
                return font
        paragraph_style = None
        if paragraph is not None:
            found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            paragraph_style = found.get(qn("w:val")) if found is not None else None
        font = self._style_font(paragraph_style or self._default_paragraph)
        return font or self._document_default

    def legacy_of(self, run: etree._Element, paragraph: etree._Element | None) -> LegacyFont | None:
        """The legacy font of ``run``, or ``None`` when it is drawn in a Unicode font."""
        font = self.font_of(run, paragraph)
        return legacy_font(font) if font else None
