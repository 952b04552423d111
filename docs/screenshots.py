"""Take the README's screenshots from a running Clusterbridge with demo data.

    make run                                   # in one terminal (demo data on SQLite)
    .venv/bin/python docs/screenshots.py       # in another; --base-url for another server

Writes docs/screenshot-home-en.png, docs/screenshot-home-fr.png (the home page in English and
in French, chosen with the language switcher's cookie) and docs/screenshot-directory-phone.png
(the directory at 390 px). Uses Debian's chromium, as the browser tests do.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).parent
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    host = base.split("://", 1)[1].split("/", 1)[0].split(":")[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for language in ("en", "fr"):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_cookies([{"name": "django_language", "value": language,
                                  "domain": host, "path": "/"}])  # fmt: skip
            page = context.new_page()
            page.goto(f"{base}/")
            page.screenshot(path=DOCS / f"screenshot-home-{language}.png")
            context.close()
        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
        )
        page = phone.new_page()
        page.goto(f"{base}/organisations/")
        page.screenshot(path=DOCS / "screenshot-directory-phone.png")
        browser.close()


if __name__ == "__main__":
    main()
