"""The words the pages use for the library's codes, and Vietnamese number formatting."""

from __future__ import annotations

from babel.numbers import format_decimal

from extract.models import AwardItem

KIND_LABELS: dict[str, str] = {
    "cong_van": "Công văn",
    "ke_hoach": "Kế hoạch",
    "quyet_dinh": "Quyết định",
    "thong_bao": "Thông báo",
    "bao_cao": "Báo cáo",
    "to_trinh": "Tờ trình",
    "tin_bai": "Tin bài",
    "khac": "Khác",
}
STATUS_LABELS = {"awarded": "đã khen thưởng", "proposed": "đề nghị"}
TARGET_KINDS = {"target": "Chỉ tiêu", "result": "Kết quả"}
GRANULARITY = {"day": "ngày", "month": "tháng", "quarter": "quý", "half": "nửa năm", "period": "giai đoạn",
               "year": "năm"}
FACET_LABELS = {"kind": "Loại văn bản", "issuer": "Cơ quan ban hành", "year": "Năm", "award": "Hình thức khen thưởng"}
JOB_STATUS = {"queued": "đang chờ", "running": "đang xử lý", "done": "xong", "failed": "thất bại"}


def kind_label(kind: str | None) -> str:
    """``quyet_dinh`` → ``Quyết định``."""
    return KIND_LABELS.get(kind or "", kind or "")


def award_status(status: str) -> str:
    """``awarded`` → ``đã khen thưởng``."""
    return STATUS_LABELS.get(status, status)


def target_kind(kind: str) -> str:
    """``target`` → ``Chỉ tiêu``, ``result`` → ``Kết quả``."""
    return TARGET_KINDS.get(kind, kind)


def format_number(value: float | int | None) -> str:
    """A number written the Vietnamese way: ``2350500000000.0`` → ``2.350.500.000.000``, ``46.5`` → ``46,5``."""
    if value is None:
        return ""
    return format_decimal(value, locale="vi_VN", decimal_quantization=False)


def award_counts(item: AwardItem) -> str:
    """``12 tập thể, 30 cá nhân`` (and the mixed count, when the text gives one)."""
    parts = [
        f"{count} {word}"
        for count, word in ((item.collectives, "tập thể"), (item.individuals, "cá nhân"), (item.mixed, "tập thể, cá nhân"))
        if count is not None
    ]
    return ", ".join(parts)
