#!/usr/bin/env python
"""Search latency at scale, in-process: the post search mix and the lecture search mix of
`scripts/bench.py`, asked through Django's test client as the first fake student with the
school cache off (no `REDIS_URL`: every search reads the database), `--rounds` times each;
prints the median, p95 and slowest request of each mix and its slowest queries.

usage: DATABASE_URL=postgres://…/campus_1m .venv/bin/python scripts/search_latency.py [--rounds N]
       [--lectures N]   # first make a catalog of N lectures in a semester of its own (2030-1),
                        # as the seeder makes one (ANALYZE after), if that semester is not there

The issue's bars (docs/decisions.md → Speed): p95 at most 20 ms and no search over 100 ms at a
million posts, right after seeding and again after `VACUUM ANALYZE`.
"""

import argparse
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "search-latency-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.pop("REDIS_URL", None)

LECTURE_MIX = [
    "자료", "구조", "김", "교수", "CSE", "경영", "데이터베이스", "없는강의", "자료구조와알고리즘", "zz",
    "컴퓨터", "개론", "회계원리", "미적분학", "ENG", "1001", "박", "선형대수학개론", "없는 과목", "심리학",
]  # fmt: skip


def catalog(size: int) -> int:
    """The id of semester 2030-1, with a catalog of `size` lectures at the bench school."""
    from campus.accounts.models import User
    from campus.core.db import analyze
    from campus.timetables import seed
    from campus.timetables.models import Course, Lecture, LectureTime, Semester, Term

    school = User.objects.get(username="demo000000").school
    semester, _ = Semester.objects.get_or_create(year=2030, term=Term.FIRST)
    if not Lecture.objects.filter(school=school, semester=semester).exists():
        seed.LECTURES_PER_SEMESTER = size
        made = seed.seed_catalog(school=school, semester=semester)
        analyze(Lecture, LectureTime, Course)
        print(f"# catalog: {made} lectures in 2030-1 at {school.name}")
    return semester.pk


def measure(client, paths: list[str], rounds: int) -> list[tuple[float, str]]:
    for path in paths:  # once each first: connections, imports
        assert client.get(path).status_code == 200, path
    timings = []
    for _ in range(rounds):
        for path in paths:
            started = time.perf_counter()
            res = client.get(path)
            timings.append(((time.perf_counter() - started) * 1000, path))
            assert res.status_code == 200, path
    return timings


def report(name: str, timings: list[tuple[float, str]]) -> None:
    ms = sorted(t for t, _ in timings)
    p95 = ms[max(0, int(len(ms) * 0.95) - 1)]
    print(
        f"{name}: {len(ms)} requests, median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, slowest {ms[-1]:.1f} ms"
    )
    slowest: dict[str, float] = {}
    for t, path in timings:
        slowest[path] = max(t, slowest.get(path, 0))
    for path, t in sorted(slowest.items(), key=lambda item: -item[1])[:4]:
        print(f"    {t:6.1f} ms  {urllib.parse.unquote(path)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lectures", type=int, default=2500)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from campus.accounts.models import User
    from campus.accounts.services import tokens_for
    from campus.boards.models import Post

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench import SEARCH_MIX

    from campus.core.startup import ready_to_serve

    semester = catalog(args.lectures)
    ready_to_serve()  # as config/wsgi.py does in a server process
    user = User.objects.get(username="demo000000")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
    print(
        f"# {Post.objects.count()} posts; {len(SEARCH_MIX)} post searches, {len(LECTURE_MIX)} lecture searches"
    )
    posts = [f"/api/v1/posts/?search={urllib.parse.quote(q)}" for q in SEARCH_MIX]
    lectures = [f"/api/v1/lectures/?semester={semester}&search={urllib.parse.quote(q)}" for q in LECTURE_MIX]
    report("post search", measure(client, posts, args.rounds))
    report("lecture search", measure(client, lectures, args.rounds))


if __name__ == "__main__":
    main()
