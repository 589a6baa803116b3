"""Fixtures of the archive tests: real SQLite files in temporary folders, real tantivy
indexes, real process pools, and documents written here or taken from corpus/samples."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus import Archive, Settings, get_settings
from extract import extract_file
from extract.models import Extraction

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "corpus" / "samples"


def sample_files() -> list[Path]:
    """The sample documents (not the gold files beside them)."""
    return sorted(SAMPLES.glob("*.txt"))


def make_settings(root: Path, **overrides: object) -> Settings:
    """Settings of an archive under ``root`` (two workers, small batches)."""
    values: dict[str, object] = {
        "database_url": f"sqlite:///{root / 'data' / 'congvan.db'}",
        "workers": 2,
        "commit_every": 8,
        "busy_timeout": 2.0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings_for() -> Callable[..., Settings]:
    return make_settings


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    """An empty archive in a temporary folder."""
    with Archive(make_settings(tmp_path)) as opened:
        yield opened


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """corpus/samples indexed once by a real pool of two processes (read-only for tests)."""
    root = tmp_path_factory.mktemp("samples")
    with Archive(make_settings(root)) as opened:
        report = opened.ingest([SAMPLES], workers=2)
        assert report.failed == 0, report.failures
        yield opened


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test reads the developer's ./data: the default database lives in the test's folder."""
    monkeypatch.setenv("CONGVAN_DATABASE_URL", f"sqlite:///{tmp_path / 'default' / 'congvan.db'}")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


# -- documents written by the tests ----------------------------------------------------------


@dataclass(frozen=True)
class Letter:
    """An official letter laid out as Nghị định 30 wants it, written to a .txt file."""

    issuer: str
    number: str
    place: str
    day: int
    month: int
    year: int
    title: str
    subject: str
    body: str
    signer: str = "Nguyễn Văn An"

    def text(self) -> str:
        return (
            f"{self.issuer}\nSố: {self.number}\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"{self.place}, ngày {self.day} tháng {self.month} năm {self.year}\n\n"
            f"{self.title}\n{self.subject}\n\n{textwrap.dedent(self.body).strip()}\n\n"
            f"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n{self.signer}\n"
        )

    def write(self, folder: Path, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(self.text(), encoding="utf-8")
        return path


LANG_SON = "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"

#: Three years of one province: awards granted and proposed, the BHYT coverage over time.
PROVINCE_LETTERS: dict[str, Letter] = {
    "qd_2023.txt": Letter(
        LANG_SON, "15/QĐ-UBND", "Lạng Sơn", 10, 3, 2023, "QUYẾT ĐỊNH",
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        """
        Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 4 tập thể và 11 cá nhân đã có thành tích xuất sắc.
        Điều 2. Công nhận danh hiệu "Chiến sĩ thi đua cấp tỉnh" cho 3 cá nhân.
        Năm 2022, tỷ lệ bao phủ BHYT so với dân số đạt 91,2%.
        """,
    ),
    "qd_2024.txt": Letter(
        LANG_SON, "27/QĐ-UBND", "Lạng Sơn", 5, 4, 2024, "QUYẾT ĐỊNH",
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        """
        Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 6 tập thể và 20 cá nhân đã có thành tích xuất sắc.
        Kết quả năm 2023: tỷ lệ bao phủ bảo hiểm y tế so với dân số đạt 93,5%.
        """,
    ),
    "tt_2024.txt": Letter(
        LANG_SON, "31/TTr-UBND", "Lạng Sơn", 20, 5, 2024, "TỜ TRÌNH",
        "Về việc đề nghị tặng Huân chương Lao động",
        """
        Kính gửi: Thủ tướng Chính phủ.
        Ủy ban nhân dân tỉnh đề nghị Chủ tịch nước tặng Huân chương Lao động hạng Ba cho 2 tập thể và 5 cá nhân.
        Chỉ tiêu năm 2024: tỷ lệ bao phủ BHYT so với dân số đạt trên 94%.
        Phấn đấu năm 2025, tỷ lệ bao phủ BHYT so với dân số đạt 95%.
        """,
    ),
}


def write_province(folder: Path) -> Path:
    """Write the three letters of PROVINCE_LETTERS into ``folder``."""
    for name, letter in PROVINCE_LETTERS.items():
        letter.write(folder, name)
    return folder


@pytest.fixture
def province_folder(tmp_path: Path) -> Path:
    """A folder with the three letters of PROVINCE_LETTERS."""
    return write_province(tmp_path / "lang_son")


@pytest.fixture(scope="session")
def province_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """The three letters indexed once by a real pool of two processes (read-only for tests)."""
    root = tmp_path_factory.mktemp("province")
    with Archive(make_settings(root)) as opened:
        report = opened.ingest([write_province(root / "lang_son")], workers=2)
        assert report.stored == 3, report.failures
        yield opened


@pytest.fixture(scope="session")
def sample_extractions() -> dict[Path, Extraction]:
    """Each sample document extracted in this process, for sums computed independently."""
    return {path: extract_file(path) for path in sample_files()}


def many_letters(folder: Path, count: int) -> Path:
    """``count`` distinct decisions of one province, one per file."""
    for i in range(1, count + 1):
        Letter(
            LANG_SON, f"{i}/QĐ-UBND", "Lạng Sơn", 1 + i % 28, 1 + i % 12, 2024, "QUYẾT ĐỊNH",
            "Về việc tặng Giấy khen",
            f"Điều 1. Tặng Giấy khen của Giám đốc Sở cho {1 + i % 9} cá nhân có thành tích số {i}.",
        ).write(folder / f"batch{i // 100}", f"qd_{i:04d}.txt")
    return folder
