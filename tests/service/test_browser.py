"""The pages in a real browser: Debian's Chromium driven by Playwright, against `congvan serve`.

The server runs as a user runs it (a subprocess on a free loopback port, with its own
data folder). Without Chromium the tests skip, except in CI where they fail.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import generate
from tests.conftest import require_tool
from tests.service.conftest import LETTER, NEWS, ROOT, SAMPLES, SCRIPT_LETTER, make_zip, served

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

SCREENSHOT = ROOT / "docs" / "screenshot-extract.png"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`congvan serve` on a free port with an empty archive; its base URL."""
    chromium = require_tool("chromium")
    assert chromium
    with served(tmp_path_factory.mktemp("served")) as (_process, base):
        yield base


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, locale="vi-VN",
                                  accept_downloads=True)
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}") or dialog.dismiss())
    yield opened
    context.close()
    assert errors == [], errors


def test_an_uploaded_letter_shows_highlights_tips_and_the_targets_table(page: Page) -> None:
    page.goto("/trich-xuat")
    page.set_input_files("#extract-form input[name=file]", str(NEWS))
    page.click("#extract-form button[type=submit]")
    expect(page.locator("#targets-table tbody tr")).to_have_count(13)
    text = page.locator("#doc-text")
    for kind in ("date", "target", "award"):
        assert text.locator(f"mark.hl-{kind}").count() > 0
    colours = {kind: text.locator(f"mark.hl-{kind}").first.evaluate("m => getComputedStyle(m).backgroundColor")
               for kind in ("date", "target", "award")}
    assert len(set(colours.values())) == 3, colours
    target = text.locator("mark.hl-target").nth(1)
    target.scroll_into_view_if_needed()
    target.hover()
    tip = page.locator("#tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Kết quả: 100,5 %")
    award = text.locator("mark.hl-award").first
    award.hover()
    expect(tip).to_contain_text("—")
    assert award.get_attribute("data-tip").split(" — ")[0] in tip.inner_text()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, document.querySelector('.result-head').offsetTop - 12)")
    text.locator("mark.hl-target").nth(1).hover()
    expect(tip).to_contain_text("100,5 %")
    page.screenshot(path=str(SCREENSHOT))


def test_the_draft_form_gives_a_docx_that_lints_clean(page: Page, tmp_path: Path) -> None:
    page.goto("/soan-thao")
    form = page.locator("#draft-form")
    form.locator("input[name=kind][value=cong_van]").check()
    fill = {
        "issuer_parent": "Bảo hiểm xã hội Việt Nam", "issuer_name": "Bảo hiểm xã hội tỉnh Nghệ An",
        "issuer_abbreviation": "BHXH", "unit": "VP", "number": "21", "place": "Nghệ An", "date": "2026-03-02",
        "subject": "phát động thi đua chào mừng Ngày thành lập ngành", "signer_title": "Giám đốc",
        "signer_deputy_title": "Phó Giám đốc", "signer_name": "Hoàng Thị Minh Nguyệt",
    }
    for name, value in fill.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("select[name=signer_authority]").select_option("KT.")
    form.locator("textarea[name=recipients]").fill("Trưởng các phòng nghiệp vụ\nGiám đốc Bảo hiểm xã hội cơ sở")
    form.locator("textarea[name=cc]").fill("Như trên\nLưu: VT")
    rows = form.locator("[data-rows=targets] [data-row]")
    rows.nth(0).locator("[name=target_metric]").fill("dân số tham gia bảo hiểm y tế")
    rows.nth(0).locator("[name=target_value]").fill("95,2")
    rows.nth(0).locator("[name=target_unit]").fill("%")
    form.locator("[data-add-row=targets]").click()
    form.locator("[data-add-row=targets]").click()
    expect(rows).to_have_count(3)
    rows.nth(1).locator("[name=target_metric]").fill("người tham gia bảo hiểm xã hội tự nguyện")
    rows.nth(1).locator("[name=target_value]").fill("12.500")
    rows.nth(1).locator("[name=target_unit]").fill("người")
    rows.nth(2).locator("[data-remove-row]").click()
    expect(rows).to_have_count(2)
    with page.expect_download() as download_info:
        form.locator("#download-docx").click()
    download = download_info.value
    assert download.suggested_filename == "cong_van_2026.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert generate.lint_docx(saved) == []


def test_a_zip_is_indexed_live_then_found_without_diacritics_and_opened(page: Page) -> None:
    data = make_zip({"2025/" + p.name: p.read_bytes() for p in sorted(SAMPLES.glob("*.txt"))[:12]})
    page.goto("/kho")
    page.set_input_files("#upload input[name=file]", files=[{"name": "lưu trữ 2025.zip", "mimeType": "application/zip",
                                                              "buffer": data}])
    page.click("#upload button[type=submit]")
    expect(page).to_have_url(__import__("re").compile(r"/kho/cong-viec/[0-9a-f]{16}$"))
    expect(page.locator("#job-done")).to_be_visible(timeout=90_000)
    progress = page.locator("#job-progress")
    assert progress.get_attribute("value") == progress.get_attribute("max") == "12"
    expect(page.locator("#job-status")).to_have_text("xong")
    page.goto("/kho")
    page.fill("input[name=q]", "huan chuong lao dong")
    page.press("input[name=q]", "Enter")
    first = page.locator("#results .hit h3 a").first
    expect(first).to_have_text("7712/BYT-TĐKT")
    expect(page.locator("#results .snippet mark").first).to_be_visible()
    first.click()
    expect(page.locator("h1.source")).to_have_text("7712/BYT-TĐKT")
    expect(page.locator("#awards-table tbody tr").first).to_be_visible()
    expect(page.locator("ul.paths")).to_contain_text("lưu trữ 2025.zip!/2025/03_")


def test_a_document_with_a_script_stays_inert(page: Page, server: str) -> None:
    page.goto("/trich-xuat")
    page.fill("textarea[name=text]", SCRIPT_LETTER)
    page.click("#extract-form button[type=submit]")
    expect(page.locator("#doc-text")).to_contain_text("<script>document.title='pwned';window.pwned=1</script>")
    expect(page.locator("#doc-text")).to_contain_text('<img src=x onerror="window.pwned=2">')
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.title() != "pwned"
    assert page.locator("#doc-text script, #doc-text img").count() == 0

    uploaded = httpx.post(f"{server}/api/documents", files={"file": ("x.txt", SCRIPT_LETTER.encode(), "text/plain")})
    job = uploaded.json()["job"]["id"]
    for _ in range(100):
        state = httpx.get(f"{server}/api/jobs/{job}").json()
        if state["status"] == "done":
            break
        time.sleep(0.1)
    page.goto(f"/kho/van-ban/{state['document_ids'][0]}")
    expect(page.locator("#doc-text")).to_contain_text("<script>")
    page.goto("/kho?q=pwned")
    expect(page.locator("#results .snippet").first).to_contain_text("script")
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_the_charts_draw_from_the_archive(page: Page, server: str) -> None:
    for sample in (LETTER, SAMPLES / "17_bao_cao_tong_ket_thi_dua_khen_thuong_nam.txt"):
        httpx.post(f"{server}/api/documents", files={"file": (sample.name, sample.read_bytes(), "text/plain")})
    page.goto("/kho/thong-ke?metric=bhxh+tu+nguyen")
    expect(page.locator("#awards-chart")).to_be_visible()
    assert page.evaluate("Chart.getChart(document.getElementById('awards-chart')).data.datasets.length") > 0
    assert page.evaluate("Chart.getChart(document.getElementById('targets-chart')).data.labels.length") > 0
