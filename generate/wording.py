"""The wording of a directive: jinja2 templates in ``templates/`` → a list of blocks.

A template prints one block a line, ``element|text``, where ``element`` names a rule
of the layout (``agency``, ``body``, ``cc_item`` …) and ``text`` is the finished
wording. User text only ever enters as data in the context; every printed value has
its line breaks folded to spaces, so no input can start a block of its own. A missing
variable is an error (StrictUndefined), never an empty string.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from generate import vnformat
from generate.exceptions import WordingError
from generate.schema import Directive

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_OF_KIND = {"cong_van": "cong_van.j2", "ke_hoach": "ke_hoach.j2"}
#: Blocks that are not elements of the rule file but roles of the "recipients" element.
RECIPIENT_ROLES = ("recipients_line", "recipients_label", "recipients_item")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of wording and the layout element it takes."""

    element: str
    text: str


def anniversary(start: dt.date, year: int) -> dt.date:
    """The day ``start`` comes round in ``year`` (29 February falls on the 28th)."""
    try:
        return start.replace(year=year)
    except ValueError:
        return start.replace(year=year, day=28)


def capfirst(text: str) -> str:
    """Capitalize the first letter only ("phấn đấu đạt" → "Phấn đấu đạt")."""
    return text[:1].upper() + text[1:]


def _finalize(value: Any) -> Any:
    if isinstance(value, str):
        return _BREAKS.sub(" ", value)
    return value


@lru_cache(maxsize=4)
def environment(directory: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The jinja2 environment of the wording templates (built once)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(directory)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(
        quantity=vnformat.format_quantity,
        number=vnformat.format_number,
        long_date=vnformat.long_date,
        short_date=vnformat.short_date,
        roman=vnformat.roman,
        point_letter=vnformat.point_letter,
        anniversary=anniversary,
        capfirst=capfirst,
    )
    return env


def parse_blocks(text: str, known: frozenset[str]) -> list[Block]:
    """Split template output into blocks, refusing elements the layout does not know."""
    blocks = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        element, sep, body = line.partition("|")
        if not sep or element not in known:
            raise WordingError(f"template output line {number}: unknown block {line[:60]!r}")
        blocks.append(Block(element, body.strip()))
    return blocks


def wording(directive: Directive, known: frozenset[str], directory: Path = TEMPLATES_DIR) -> list[Block]:
    """Render the template of the directive's kind into blocks.

    Args:
        directive: a validated input.
        known: the element names the layout accepts.
        directory: where the templates are (tests may point elsewhere).

    Raises:
        WordingError: the template is missing, invalid, or uses an undefined variable.
    """
    name = TEMPLATE_OF_KIND[directive.kind]
    if directive.date is not None:
        date_text = vnformat.long_date(directive.date)
    else:
        date_text = vnformat.blank_long_date(directive.campaign_year)
    context = {
        "d": directive.model_dump(),
        "number_and_symbol": directive.number_and_symbol,
        "date_text": date_text,
    }
    try:
        text = environment(directory).get_template(name).render(context)
    except jinja2.TemplateError as exc:
        where = getattr(exc, "lineno", None)
        raise WordingError(f"template {name}{f' line {where}' if where else ''}: {exc}") from exc
    return parse_blocks(text, known)
