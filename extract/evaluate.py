"""Scoring the extractor against gold annotations (``NAME.txt`` + ``NAME.gold.json``).

The matching rules are those of the project's reference scorer, so that figures
measured here and there agree:

* dates: multisets of ``value`` (a predicted ``end_value`` counts too); predicted
  items of granularity ``year`` are ignored;
* targets: ``(value, unit)``, values equal within 1e-6 relative;
* awards: ``(award, collectives, individuals, mixed, status)``;
* meta: ``kind``, ``number``, ``issued_date`` exact, as accuracy.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("dates", "targets", "awards")
META_FIELDS = ("kind", "number", "issued_date")
_UNIT_ALIASES = {"vnd": "đồng", "đ": "đồng", "dong": "đồng", "percent": "%"}


def _num(x: Any) -> float | None:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _unit(u: str | None) -> str:
    u = (u or "").strip().lower()
    return _UNIT_ALIASES.get(u, u)


def keys(field_name: str, items: Iterable[dict] | None, *, predicted: bool) -> list:
    """The comparable keys of a list of items (gold or predicted)."""
    out: list = []
    for it in items or []:
        if field_name == "dates":
            if predicted and it.get("granularity") == "year":
                continue
            for k in ("value", "end_value"):
                v = it.get(k)
                if v and (k == "value" or predicted):
                    out.append(str(v))
        elif field_name == "targets":
            out.append((_num(it.get("value")), _unit(it.get("unit"))))
        elif field_name == "awards":
            out.append((it.get("award"), it.get("collectives"), it.get("individuals"),
                        it.get("mixed"), it.get("status") or "awarded"))
    return out


def _same(field_name: str, a: Any, b: Any) -> bool:
    if field_name != "targets":
        return a == b
    (va, ua), (vb, ub) = a, b
    if ua != ub or va is None or vb is None:
        return False
    return math.isclose(va, vb, rel_tol=1e-6, abs_tol=1e-9)


def match(field_name: str, gold: list, pred: list) -> tuple[int, list, list]:
    """Greedy one-to-one matching → (true positives, missed gold, false hits)."""
    left = list(pred)
    missed = []
    tp = 0
    for g in gold:
        for i, p in enumerate(left):
            if _same(field_name, g, p):
                tp += 1
                del left[i]
                break
        else:
            missed.append(g)
    return tp, missed, left


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1), with the conventions of the reference scorer for empty sets."""
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class DocumentScore:
    """Scores of one document."""

    name: str
    cells: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # tp, gold, pred
    missed: dict[str, list] = field(default_factory=dict)
    extra: dict[str, list] = field(default_factory=dict)
    meta_wrong: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class Report:
    """Scores of a whole directory."""

    documents: list[DocumentScore]

    def totals(self, field_name: str) -> tuple[float, float, float]:
        tp = sum(d.cells[field_name][0] for d in self.documents)
        gold = sum(d.cells[field_name][1] for d in self.documents)
        pred = sum(d.cells[field_name][2] for d in self.documents)
        return f1(tp, pred, gold)

    def meta_accuracy(self, key: str) -> float:
        if not self.documents:
            return 0.0
        return sum(key not in d.meta_wrong for d in self.documents) / len(self.documents)

    def summary(self) -> str:
        parts = [f"{f} F1={self.totals(f)[2]:.3f}" for f in FIELDS]
        parts.append("meta acc=" + "/".join(f"{self.meta_accuracy(k):.2f}" for k in META_FIELDS))
        return "SUMMARY " + " ".join(parts)


def gold_cases(directory: Path) -> list[Path]:
    """The ``NAME.txt`` files of ``directory`` that have a ``NAME.gold.json`` beside them."""
    return sorted(p for p in directory.glob("*.txt") if p.with_suffix(".gold.json").exists())


def score(directory: Path, predict: Callable[[Path], dict]) -> Report:
    """Score ``predict`` (a path → extraction as a dict) on every gold case of ``directory``."""
    docs: list[DocumentScore] = []
    for case in gold_cases(directory):
        gold = json.loads(case.with_suffix(".gold.json").read_text(encoding="utf-8"))
        pred = predict(case)
        ds = DocumentScore(case.name)
        for f in FIELDS:
            g, p = keys(f, gold.get(f), predicted=False), keys(f, pred.get(f), predicted=True)
            tp, missed, extra = match(f, g, p)
            ds.cells[f] = (tp, len(g), len(p))
            ds.missed[f], ds.extra[f] = missed, extra
        for k in META_FIELDS:
            if pred.get(k) != gold.get(k):
                ds.meta_wrong[k] = (gold.get(k), pred.get(k))
        docs.append(ds)
    return Report(docs)
