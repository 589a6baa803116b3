"""Quality on gold corpora, with the same matching rules as the reference scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract_file
from extract.evaluate import FIELDS, META_FIELDS, score


def _predict(path: Path) -> dict:
    return extract_file(path).model_dump(mode="json")


def _assert_quality(directory: Path) -> None:
    report = score(directory, _predict)
    assert report.documents, f"no gold cases in {directory}"
    for f in FIELDS:
        assert report.totals(f)[2] >= 0.95, (f, report.summary())
    for k in META_FIELDS:
        assert report.meta_accuracy(k) == 1.0, (k, report.summary())


@pytest.mark.parametrize("name", ["samples", "heldout"])
def test_project_corpora_meet_the_quality_bar(samples_dir: Path, name: str) -> None:
    _assert_quality(samples_dir.parent / name)


@pytest.mark.shared
def test_shared_dev_corpus_meets_the_quality_bar(shared_corpus: Path) -> None:
    _assert_quality(shared_corpus)


def test_samples_gold_items_are_verbatim_substrings(samples_dir: Path) -> None:
    import json
    import unicodedata

    cases = sorted(samples_dir.glob("*.gold.json"))
    assert len(cases) >= 20
    for gold_path in cases:
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for field in FIELDS:
            for item in gold[field]:
                assert item["text"] in text, (gold_path.name, item["text"])


@pytest.mark.shared
def test_congvan_eval_agrees_with_the_reference_scorer(shared_corpus: Path, tmp_path: Path) -> None:
    """The same predictions scored by extract.evaluate and by ../shared/eval/score.py."""
    import json
    import subprocess
    import sys

    cases = sorted(p for p in shared_corpus.glob("*.txt") if p.with_suffix(".gold.json").exists())
    predictions = {p.name: _predict(p) for p in cases}
    for pred in predictions.values():  # perturb, so that disagreement on misses would show
        pred["dates"] = pred["dates"][1:]
        pred["awards"] = pred["awards"] + pred["awards"][:1]
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps({**p, "source": name}, ensure_ascii=False) + "\n"
                                 for name, p in predictions.items()), encoding="utf-8")
    scorer = shared_corpus.parent / "eval" / "score.py"
    proc = subprocess.run([sys.executable, str(scorer), str(shared_corpus), "--pred", str(pred_file)],
                          capture_output=True, text=True, check=True)
    reference = proc.stdout.strip().splitlines()[-1]
    ours = score(shared_corpus, lambda p: predictions[p.name]).summary()
    assert ours == reference
