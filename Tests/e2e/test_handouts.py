"""Handouts rendered to PDF in Chromium: one page per role card, nothing wider than the printed page."""
import base64
import io
import os

from pypdf import PdfReader

from conftest import ROOT, drill_path, run_gameday, scenarios_path

OVERFLOWING = """
var width = document.documentElement.clientWidth, out = [];
document.querySelectorAll('body *').forEach(function (el) {
  var r = el.getBoundingClientRect();
  if (r.right > width + 1 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible' ||
      (el.tagName === 'CODE' || el.tagName === 'TD' || el.tagName === 'TH' || el.tagName === 'P') && el.scrollWidth > el.clientWidth + 1)
    out.push(el.tagName + ': ' + el.textContent.slice(0, 60));
});
return out;
"""


def pdf_pages(driver, url):
    driver.get(url)
    result = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False})
    return len(PdfReader(io.BytesIO(base64.b64decode(result["data"]))).pages)


def overflowing(driver, url):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    # A4 less the 14 mm margins: 182 mm at 96 dpi.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 688, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    driver.get(url)
    return driver.execute_script(OVERFLOWING)


def test_handouts_print_one_card_per_role_without_overflow(workdir, browsers):
    library = os.path.join(ROOT, "drills", "malicious-image-in-registry.yaml")
    result = run_gameday(workdir, "handouts", library, "--out", "handouts")
    assert result.returncode == 0, result.stderr
    folder = os.path.join(workdir, "handouts")
    assert sorted(os.listdir(folder)) == ["index.html", "injects.html", "roles.html", "world.html"]
    driver = browsers()
    # The drill names seven roles: seven role cards, one page each.
    assert pdf_pages(driver, "file://" + os.path.join(folder, "roles.html")) == 7
    # Six injects, two or three to a page, never one split: at least two pages, at most six.
    assert 2 <= pdf_pages(driver, "file://" + os.path.join(folder, "injects.html")) <= 6
    assert pdf_pages(driver, "file://" + os.path.join(folder, "world.html")) >= 1
    for name in ("roles.html", "injects.html", "world.html", "index.html"):
        assert overflowing(driver, "file://" + os.path.join(folder, name)) == [], name
    world = open(os.path.join(folder, "world.html"), encoding="utf-8").read()
    assert "malicious: " not in world and "compromised: " not in world and "exposed: " not in world and "malicious_commits" not in world
    assert "<script" not in open(os.path.join(folder, "roles.html"), encoding="utf-8").read()


def test_handouts_escape_what_the_drill_says(workdir):
    result = run_gameday(workdir, "handouts", drill_path(), "--scenarios", scenarios_path(), "--out", "h")
    assert result.returncode == 0, result.stderr
    injects = open(os.path.join(workdir, "h", "injects.html"), encoding="utf-8").read()
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in injects and "<script>" not in injects
    assert "Room drill &lt;i&gt;for&lt;/i&gt;" in injects
    assert "silent" in injects and "attacker-move" in injects  # the facilitator's cards hold the script
