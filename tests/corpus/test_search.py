"""Search as Vietnamese users type: accent-insensitive, exact diacritics first, phrases, filters, facets."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from corpus import Archive, QueryError
from corpus.folding import fold
from corpus.location import Location
from corpus.search.index import STATE_FILE
from corpus.store.sqlite import Batch, NewDocument
from extract import extract_text
from tests.corpus.conftest import make_settings


def files(result) -> list[str]:
    """The sample file of each hit, by its two-digit prefix (``"07"``)."""
    return [Path(hit.paths[0]).name[:2] for hit in result.hits]


# -- real Vietnamese queries on corpus/samples ------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("huan chuong lao dong", {"03", "20", "21"}),
        ("HUAN CHUONG LAO DONG", {"03", "20", "21"}),
        ("chien sy thi dua", {"05", "13", "15"}),  # 05 and 15 write "Chiến sỹ", 13 "Chiến sĩ"
        ("y hoc co truyen", {"03"}),
        ("dak lak", {"17"}),
        ("quang ngai", {"13"}),
        ("co thi dua cua chinh phu", {"03", "14"}),
        ("7712/byt-tdkt", {"03"}),
        ("ky niem chuong", {"03", "20"}),
    ],
)
def test_queries_without_diacritics_find_the_written_forms(
    sample_archive: Archive, typed: str, expected: set[str]
) -> None:
    found = files(sample_archive.search(typed, limit=50, facets=False))
    assert expected <= set(found)


@pytest.mark.parametrize(
    ("plain", "marked"),
    [
        ("huan chuong lao dong", "Huân chương Lao động"),
        ("chien si thi dua", "Chiến sỹ thi đua"),
        ("thanh hoa", "Thanh Hoá"),
        ("dak lak", "Đắk Lắk"),
    ],
)
def test_with_or_without_diacritics_the_same_documents_match(
    sample_archive: Archive, plain: str, marked: str
) -> None:
    with_marks = sample_archive.search(marked, limit=50, facets=False)
    without = sample_archive.search(plain, limit=50, facets=False)
    assert with_marks.total == without.total > 0
    assert set(files(with_marks)) == set(files(without))


def test_a_place_typed_with_diacritics_ranks_its_documents_first(sample_archive: Archive) -> None:
    # "Thanh Hóa" is the issuer of sample 06; "thanh" and "hòa" (Cộng hòa) are everywhere
    assert files(sample_archive.search("Thanh Hoá", facets=False))[0] == "06"


def test_phrases_keep_words_together(sample_archive: Archive) -> None:
    loose = sample_archive.search("lao dong tien tien", limit=50, facets=False)
    phrase = sample_archive.search('"lao dong tien tien"', limit=50, facets=False)
    assert 0 < phrase.total <= loose.total
    for hit in phrase.hits:
        assert "lao dong tien tien" in " ".join(fold(hit.snippet.text).split())


def test_snippets_highlight_the_matching_words_with_their_diacritics(sample_archive: Archive) -> None:
    result = sample_archive.search("huan chuong lao dong", facets=False)
    for hit in result.hits:
        marked = [hit.snippet.text[s:e] for s, e in hit.snippet.highlights]
        assert marked and {fold(w) for w in marked} <= {"huan", "chuong", "lao", "dong"}
    top = result.hits[0].snippet.marked()
    assert "«Huân» «chương» «Lao» «động»" in top


# -- filters and facets ------------------------------------------------------------------------


def count(archive: Archive, sql: str, *params: object) -> int:
    return archive.store.query(sql, params)[0][0]


def test_kind_filter(sample_archive: Archive) -> None:
    result = sample_archive.search(kind="quyet_dinh", limit=100)
    assert result.total == count(sample_archive, "SELECT COUNT(*) FROM documents WHERE kind = 'quyet_dinh'") > 0
    assert {hit.document.kind for hit in result.hits} == {"quyet_dinh"}


def test_issuer_filter_ignores_case_and_diacritics(sample_archive: Archive) -> None:
    result = sample_archive.search(issuer="bao hiem xa hoi tinh ca mau", limit=100)
    assert result.total >= 1
    assert {hit.document.issuer for hit in result.hits} == {"BẢO HIỂM XÃ HỘI TỈNH CÀ MAU"}


@pytest.mark.parametrize(("date_from", "date_to"), [("2026", "2026"), ("2025-06", "2025-12-31"), ("1/9/2025", None)])
def test_date_range_filter(sample_archive: Archive, date_from: str, date_to: str | None) -> None:
    result = sample_archive.search(date_from=date_from, date_to=date_to, limit=100)
    low = {"2026": "2026-01-01", "2025-06": "2025-06-01", "1/9/2025": "2025-09-01"}[date_from]
    high = {"2026": "2026-12-31", "2025-12-31": "2025-12-31", None: "9999"}[date_to]
    expected = count(
        sample_archive, "SELECT COUNT(*) FROM documents WHERE issued_date >= ? AND issued_date <= ?", low, high
    )
    assert result.total == expected > 0
    assert all(low <= (hit.document.issued_date or "") <= high for hit in result.hits)
    dates = [hit.document.issued_date for hit in result.hits]
    assert dates == sorted(dates, reverse=True)  # no words: newest first


def test_award_filter(sample_archive: Archive) -> None:
    result = sample_archive.search(award="huan_chuong_lao_dong", limit=100)
    expected = count(
        sample_archive, "SELECT COUNT(DISTINCT document_id) FROM awards WHERE award = 'huan_chuong_lao_dong'"
    )
    assert result.total == expected > 0


def test_facets_count_the_matching_documents(sample_archive: Archive) -> None:
    facets = sample_archive.facets()
    kinds = {f.value: f.count for f in facets["kind"]}
    assert kinds == dict(sample_archive.store.query("SELECT kind, COUNT(*) FROM documents GROUP BY kind"))
    years = {f.value: f.count for f in facets["year"]}
    expected_years = sample_archive.store.query(
        "SELECT year, COUNT(*) FROM documents WHERE year IS NOT NULL GROUP BY year"
    )
    assert years == {str(y): n for y, n in expected_years}
    assert [f.value for f in facets["year"]] == sorted(years, reverse=True)
    issuers = {f.value: f.count for f in facets["issuer"]}
    assert issuers["BẢO HIỂM XÃ HỘI VIỆT NAM"] == count(
        sample_archive, "SELECT COUNT(*) FROM documents WHERE issuer = 'BẢO HIỂM XÃ HỘI VIỆT NAM'"
    )
    narrowed = sample_archive.search("huan chuong lao dong").facets
    assert sum(f.count for f in narrowed["kind"]) == sample_archive.search("huan chuong lao dong").total


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"kind": "nghi_dinh"}, "kind"),
        ({"date_from": "32/13/2025"}, "from"),
        ({"date_to": "hôm qua"}, "to"),
        ({"limit": 0}, "limit"),
        ({"issuer": "---"}, "issuer"),
    ],
)
def test_malformed_requests_name_the_field(sample_archive: Archive, options: dict, field: str) -> None:
    with pytest.raises(QueryError) as caught:
        sample_archive.search("thi dua", **options)
    assert caught.value.field == field and str(caught.value).startswith(f"{field}: ")


# -- ranking on documents written here ---------------------------------------------------------

FILLER = "Các đơn vị tiếp tục đẩy mạnh phong trào thi đua yêu nước, hoàn thành nhiệm vụ được giao. " * 6
VARIANTS = {
    "marked.txt": "Công nhận danh hiệu Chiến sĩ thi đua cơ sở cho 5 cá nhân. " + FILLER,
    "plain.txt": "Cong nhan danh hieu Chien si thi dua co so cho 7 ca nhan.",
    "variant.txt": "Công nhận danh hiệu Chiến sỹ thi đua cơ sở cho 9 cá nhân.",
    "apart.txt": "Chiến dịch mới; sĩ quan trẻ; thi hành án; đua thuyền; cơ quan; sở tại.",
}


@pytest.fixture
def variants(tmp_path: Path) -> Archive:
    archive = Archive(make_settings(tmp_path))
    for name, text in VARIANTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        archive.add(tmp_path / name)
    return archive


def test_a_query_with_diacritics_ranks_exact_diacritic_matches_first(variants: Archive) -> None:
    result = variants.search('"Chiến sĩ thi đua"', facets=False)
    assert result.total == 3
    assert Path(result.hits[0].paths[0]).name == "marked.txt"  # although longer than the others


def test_a_query_without_diacritics_finds_every_spelling(variants: Archive) -> None:
    result = variants.search('"chien sy thi dua co so"', facets=False)
    assert {Path(h.paths[0]).name for h in result.hits} == {"marked.txt", "plain.txt", "variant.txt"}


def test_words_standing_together_rank_above_scattered_ones(variants: Archive) -> None:
    result = variants.search("chien si thi dua co so", facets=False)
    names = [Path(h.paths[0]).name for h in result.hits]
    assert set(names) == set(VARIANTS) and names[-1] == "apart.txt"


def test_excluded_words_remove_documents(variants: Archive) -> None:
    result = variants.search('chien si -"si quan"', facets=False)
    assert {Path(h.paths[0]).name for h in result.hits} == {"marked.txt", "plain.txt", "variant.txt"}


# -- the index follows the database --------------------------------------------------------------


def test_a_missing_index_is_rebuilt_at_start(tmp_path: Path, province_folder: Path) -> None:
    settings = make_settings(tmp_path)
    with Archive(settings) as archive:
        for path in sorted(province_folder.iterdir()):
            archive.add(path)
        index_dir = archive.index_dir
    shutil.rmtree(index_dir)
    with Archive(settings) as archive:
        assert archive.stats().indexed == 3
        assert archive.search("huan chuong lao dong").total == 1


def test_an_index_behind_the_database_is_caught_up_at_start(tmp_path: Path, province_folder: Path) -> None:
    settings = make_settings(tmp_path)
    with Archive(settings) as archive:
        archive.add(province_folder / "qd_2023.txt")
        # as if the process died after its database commit, before its index commit
        text = (province_folder / "tt_2024.txt").read_text(encoding="utf-8")
        sha256 = hashlib.sha256(text.encode()).hexdigest()
        archive.store.save(
            Batch(documents=[NewDocument(extract_text(text), sha256, len(text), [Location("/elsewhere/tt.txt")])])
        )
        assert archive.search("huan chuong lao dong").total == 0
    with Archive(settings) as archive:
        assert archive.search("huan chuong lao dong").total == 1
        assert archive.stats().indexed == 2


@pytest.mark.parametrize("damage", ["rules", "files"])
def test_an_index_of_other_rules_or_damaged_is_rebuilt(tmp_path: Path, province_folder: Path, damage: str) -> None:
    settings = make_settings(tmp_path)
    with Archive(settings) as archive:
        for path in sorted(province_folder.iterdir()):
            archive.add(path)
        index_dir = archive.index_dir
    if damage == "rules":
        state = json.loads((index_dir / STATE_FILE).read_text())
        (index_dir / STATE_FILE).write_text(json.dumps({**state, "folding": "older rules"}))
    else:
        (index_dir / "meta.json").write_text("{ damaged")
    with Archive(settings) as archive:
        assert archive.search("bang khen").total == 2
        assert json.loads((index_dir / STATE_FILE).read_text())["folding"] != "older rules"


def test_reindex_rebuilds_from_the_database(tmp_path: Path, province_folder: Path) -> None:
    with Archive(make_settings(tmp_path)) as archive:
        for path in sorted(province_folder.iterdir()):
            archive.add(path)
        assert archive.reindex() == 3
        assert archive.stats().indexed == 3
        assert archive.search('"bao phu bhyt"').total == 2


def test_searching_before_the_index_is_first_built_finds_nothing_yet(tmp_path: Path, province_folder: Path) -> None:
    settings = make_settings(tmp_path)
    with Archive(settings) as writer:
        writer.add(province_folder / "qd_2023.txt")
        index_dir = writer.index_dir
        assert writer.lock.try_acquire()  # a writer is at work: readers do not rebuild
        try:
            shutil.rmtree(index_dir)
            with Archive(settings) as reader:
                result = reader.search("bang khen")
                assert (result.total, result.hits) == (0, [])
                assert reader.facets()["kind"] == []
        finally:
            writer.lock.release()
    with Archive(settings) as reader:  # the next open with the lock free rebuilds it
        assert reader.search("bang khen").total == 1
