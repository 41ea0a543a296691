#!/usr/bin/env python
"""Where one page's time goes, in-process: Django's test client asks for each URL `--runs` times
(after a warm-up) as the first fake student (`seed_demo --users`), under cProfile, and prints the
mean time per request and the functions that took most of it.

usage: DATABASE_URL=postgres://… [REDIS_URL=…] .venv/bin/python scripts/profile_page.py URL… [--runs N] [--top N]
       URL is a path: /api/v1/boards/3/posts/ (sent with a JWT), /boards/3/ (sent with a session).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "profile-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--username", default="demo000000")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from campus.accounts.models import User
    from campus.accounts.services import tokens_for

    user = User.objects.get(username=args.username)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
    web = Client()
    web.force_login(user)
    for url in args.urls:
        client = api if url.startswith("/api/") else web
        for _ in range(20):  # warm-up: connections, the cache, imports
            assert client.get(url).status_code == 200, url
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for _ in range(args.runs):
            client.get(url)
        profile.disable()
        elapsed = (time.perf_counter() - started) / args.runs * 1000
        print(f"\n== {url}: {elapsed:.2f} ms a request (cProfile adds its own cost)")
        pstats.Stats(profile).sort_stats(os.environ.get("PROFILE_SORT", "tottime")).print_stats(args.top)


if __name__ == "__main__":
    main()
