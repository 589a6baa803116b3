"""Drafting (job 2): Nghị định 30 công văn and kế hoạch thi đua, and a checker for any .docx.

Public functions:

- :func:`load_directive` — read and validate a drafting input (YAML or JSON).
- :func:`render_docx` — draft a .docx from a :class:`Directive`.
- :func:`lint_docx` — check any .docx against the same Nghị định 30 rule data.
- :func:`to_pdf`, :func:`to_png` — PDF through LibreOffice headless, page 1 as PNG.
- :func:`prefill_directive` — this year's input from last year's extracted letter.
"""

from generate.convert import to_pdf, to_png
from generate.exceptions import (
    ConversionError,
    DirectiveError,
    DocumentReadError,
    GenerateError,
    PrefillError,
    RulesError,
    ToolMissingError,
    WordingError,
)
from generate.layout import LayoutRules, get_rules, load_rules
from generate.lint import Violation, lint_docx
from generate.prefill import prefill_directive
from generate.render import render_docx
from generate.schema import Directive, directive_from_data, dump_directive, load_directive

__all__ = [
    "ConversionError",
    "Directive",
    "DirectiveError",
    "DocumentReadError",
    "GenerateError",
    "LayoutRules",
    "PrefillError",
    "RulesError",
    "ToolMissingError",
    "Violation",
    "WordingError",
    "directive_from_data",
    "dump_directive",
    "get_rules",
    "lint_docx",
    "load_directive",
    "load_rules",
    "prefill_directive",
    "render_docx",
    "to_pdf",
    "to_png",
]
