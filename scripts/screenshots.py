"""Screenshots of Campus for the README, taken by Debian's Chromium from a running server.

    make run                      # in one terminal (the demo community and its login)
    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out docs/screenshots]

Logs in as the demo login, and saves the board, a post with anonymous comments and the
timetable, each at phone (375 px) and desktop (1280 px) width.
"""

import argparse
import re
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

LOGIN, PASSWORD = "campus", "campus-demo-1234"  # what `seed_demo --community` creates
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/screenshots", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for size, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height}, locale="ko-KR")
            page.goto(f"{args.base}/login/")
            page.get_by_label("아이디").fill(LOGIN)
            page.get_by_label("비밀번호").fill(PASSWORD)
            page.get_by_role("button", name="로그인").click()
            page.wait_for_url(f"{args.base}/")
            board = page.get_by_role("link", name="자유게시판").first.get_attribute("href")
            page.goto(f"{args.base}{board}")
            page.screenshot(path=args.out / f"board-{size}.png", full_page=size == "desktop")
            # The post with the most anonymous comments: 익명1, 익명2, 익명(글쓴이).
            page.goto(f"{args.base}/search/?q=휴학")
            href = page.locator(".post-row a").first.get_attribute("href")
            assert href and re.fullmatch(r"/posts/\d+/", href), href
            page.goto(f"{args.base}{href}")
            page.screenshot(path=args.out / f"post-{size}.png", full_page=True)
            page.goto(f"{args.base}/timetable/")
            page.screenshot(path=args.out / f"timetable-{size}.png", full_page=size == "desktop")
            page.close()
        browser.close()
    print(f"saved to {args.out}/: " + ", ".join(sorted(p.name for p in args.out.glob("*.png"))))


if __name__ == "__main__":
    main()
