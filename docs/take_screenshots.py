"""Screenshots of the dashboard and the report for the README, taken with Playwright and Debian's
chromium (as the browser test does), from the demo database:

    make demo && .venv/bin/python docs/take_screenshots.py [--db out/demo.duckdb] [--report out/report.html]

Writes docs/img/dashboard-overview.png, dashboard-events.png, dashboard-article.png, report.png."""
from __future__ import annotations

import argparse
import json
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from dyad.web.local_server import launch_chromium, running_server

IMG = Path(__file__).parent / "img"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="out/demo.duckdb")
    ap.add_argument("--report", default="out/report.html")
    args = ap.parse_args()
    IMG.mkdir(exist_ok=True)
    with running_server(args.db) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        page.goto(base + "/?dyad=JPN-RUS")
        page.screenshot(path=IMG / "dashboard-overview.png", full_page=False)
        page.goto(base + "/events?dyad=JPN-RUS&type=SANCTION")
        page.screenshot(path=IMG / "dashboard-events.png")
        with urllib.request.urlopen(base + "/api/events?dyad=JPN-RUS&limit=200") as r:
            events = json.load(r)["items"]
        shown = max(events, key=lambda e: (e["reports"] or 0, e["type"] == "SANCTION"))
        page.goto(f"{base}/article/{shown['article_hash']}?event={shown['idx']}")
        page.screenshot(path=IMG / "dashboard-article.png")
        report = browser.new_page(viewport={"width": 1360, "height": 900})  # its own origin: no dashboard CSP
        report.goto(Path(args.report).resolve().as_uri())
        report.screenshot(path=IMG / "report.png")
        browser.close()
    for name in sorted(IMG.glob("*.png")):
        print(name)


if __name__ == "__main__":
    main()
