"""The public drafting function: :func:`render_docx`."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from generate.builder import write_document
from generate.compose import Composer, known_blocks
from generate.layout import LayoutRules, get_rules
from generate.schema import Directive
from generate.wording import wording


def render_docx(directive: Directive, target: str | Path | IO[bytes], *, rules: LayoutRules | None = None) -> None:
    """Draft ``directive`` as a Nghị định 30 .docx.

    Args:
        directive: the validated input (see :func:`generate.load_directive`).
        target: a file path, or a binary stream the document is written to.
        rules: layout rules; the packaged Nghị định 30 rules when omitted.

    Raises:
        WordingError: a wording template failed.

    Example:
        >>> render_docx(load_directive("corpus/samples/drafts/cong_van_phat_dong.yaml"), "cv.docx")
    """
    rules = rules or get_rules()
    blocks = wording(directive, known_blocks(rules))
    body = Composer(rules).compose(blocks)
    title = f"{directive.number_and_symbol.strip()} {directive.subject}"
    write_document(body, str(target) if isinstance(target, Path) else target, rules,
                   title=title, author=directive.issuer.name)
