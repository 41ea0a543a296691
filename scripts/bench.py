#!/usr/bin/env python
"""Throughput and scale benchmark: gunicorn on loopback, a bounded threaded load generator;
req/s, p50/p95/p99 and each endpoint's ratio to the same server's /healthz in the same run (the
framework floor: absolute req/s drift on a shared machine, ratios hold).

    .venv/bin/python scripts/bench.py                       # SQLite in a temp folder
    .venv/bin/python scripts/bench.py --database-url postgres://postgres@127.0.0.1:5432/campus_bench --posts 100000
    .venv/bin/python scripts/bench.py --database-url postgres://postgres@127.0.0.1:5432/campus_1m \
        --posts 1000000 --reuse                              # seeds once (~15 min), then reuses
    ... --redis-url redis://127.0.0.1:6379/3                 # with Redis: the school cache is on

Without --redis-url every request reads the database (the cache is off without Redis); with it,
the rows served alike to a school (feed, HOT, search, post, comments, lectures) come from the
cache after the first request, as they would on a read-mostly site between two writes.

It migrates the database, seeds the demo data plus fake content (unless --reuse finds enough
posts), starts gunicorn (config.wsgi:application, DEBUG=0) pinned to core 0 and logs in as the
first fake student (`demo000000`, verified: the demo schools require 학교 인증), then drives every
row with `wrk` pinned to core 1 (`apt-get install wrk`; a Lua script cycles through a row's
paths), so the load generator never takes the server's core — as ../shared/bench/feed.py does.
A Python load generator sharing the cores flattered slow endpoints (the feed at 0.39 of /healthz
where pinned wrk measures 0.21). The throughput section is the hot reads; the scale section
compares the feed's first page with a deep one, the school-wide lists, and a mix of searches
(one syllable to long compounds and several words, Latin, digits, words no post holds) cycled
through; the latency section runs the scale rows again with one connection per worker, so that
p95 and the slowest request are service time rather than queueing. Everything runs on 127.0.0.1
and stops by itself.
"""

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


# The first fake student of `seed_demo --users` (verified: the demo schools require 학교 인증).
BENCH_USER, BENCH_PASSWORD = "demo000000", "campus-demo-1234"
# What students type: one syllable, common and rare two-syllable words, longer words and long
# compounds (a course name), several words, Latin and numbers, and words no post holds (a typo,
# new slang, a name) — the commonest search there is, and the one that used to scan a school.
SEARCH_MIX = [
    "수", "ㅋ", "뷁", "수업", "학식", "시험", "족보", "꿀강", "과탑", "시험기간", "기숙사비", "수강신청",
    "컴퓨터공학개론", "데이터베이스설계", "경영통계학원론", "내일 시험", "학식 추천", "교수님 과제",
    "python", "A+", "2024", "19990101", "zxqv", "java 과제", "졸업요건", "없는말", "갑분싸파티",
    "수업 없는말", "김철수교수님", "ㅋㅋㅋㅋㅋㅋ",
]  # fmt: skip
LECTURE_SEARCH_MIX = [
    "자료", "구조", "김", "교수", "CSE", "경영", "데이터베이스", "없는강의", "자료구조와알고리즘", "zz",
]  # fmt: skip


def post_count(env: dict) -> int:
    code = "from campus.boards.models import Post; print(Post.objects.count())"
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def bench_login(port: int) -> str:
    """An access token of the first fake student."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    status, body = request(conn, "POST", "/api/v1/auth/login/", body={
        "username": BENCH_USER, "password": BENCH_PASSWORD,
    })  # fmt: skip
    assert status == 200, body
    return json.loads(body)["access"]


def run(*args: str, env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def request(
    conn, method: str, path: str, token: str | None = None, body: dict | None = None, *, cookie: str = ""
):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if cookie:
        headers["Cookie"] = cookie
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, data


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it does not exist yet."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    params = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "dbname": "postgres",
    }
    if config["PASSWORD"]:
        params["password"] = config["PASSWORD"]
    with psycopg.connect(**params, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            if request(conn, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


def web_session(port: int, username: str, password: str) -> str:
    """Log in through the login form (CSRF cookie and token) and return the Cookie header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/login/")
    response = conn.getresponse()
    page = response.read().decode()
    csrf = response.getheader("Set-Cookie").split("csrftoken=")[1].split(";")[0]
    form_token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": form_token, "username": username, "password": password}
    )
    conn.request("POST", "/login/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}",
        "Referer": f"http://127.0.0.1:{port}/login/",
    })  # fmt: skip
    response = conn.getresponse()
    response.read()
    session = [c for c in response.headers.get_all("Set-Cookie") if c.startswith("sessionid=")]
    assert response.status == 302 and session, (response.status, "web login failed")
    return f"csrftoken={csrf}; {session[0].split(';')[0]}"


def deep_page(port: int, path: str, token: str, pages: int) -> tuple[str, int]:
    """Follow `next` from page 1 up to `pages` pages deep; the path of the deepest page reached."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    reached = 1
    while reached < pages:
        next_url = json.loads(request(conn, "GET", path, token)[1])["next"]
        if not next_url:
            break
        path = next_url.split(f"127.0.0.1:{port}", 1)[-1] if "://" in next_url else next_url
        reached += 1
    return path, reached


WRK_SCRIPT = """
paths = {%(paths)s}
methods = {%(methods)s}
headers = {%(headers)s}
counter = 0
request = function()
  counter = counter + 1
  local i = (counter %% #paths) + 1
  return wrk.format(methods[i], paths[i], headers)
end
response = function(status, hdrs, body)
  if status >= 400 then wrk.thread:set("bad", (wrk.thread:get("bad") or 0) + 1) end
end
done = function(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + (thread:get("bad") or 0) end
  io.write(string.format("BENCH %%d %%f %%f %%f %%f %%f %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    bad + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
threads = {}
setup = function(thread) table.insert(threads, thread) end
"""


def _lua(values: list[str]) -> str:
    return ", ".join(json.dumps(value) for value in values)  # a JSON string is a Lua string here


def pinned(core: int) -> list[str]:
    """`taskset -c core` when the machine has two cores and taskset: server and load apart."""
    return ["taskset", "-c", str(core)] if (os.cpu_count() or 1) >= 2 and shutil.which("taskset") else []


def load(port: int, paths: list, token: str, seconds: float, concurrency: int, *, cookie: str = "") -> dict:
    """`wrk` on core 1 for `seconds` with `concurrency` connections, cycling through `paths` (a
    path, or a (method, path) pair for a write); req/s, latency percentiles, the slowest, errors
    (any status >= 400 counts)."""
    steps = [path if isinstance(path, tuple) else ("GET", path) for path in paths]
    headers = {"Cookie": cookie} if cookie else {"Authorization": f"Bearer {token}"}
    script = WRK_SCRIPT % {
        "paths": _lua([path for _, path in steps]),
        "methods": _lua([method for method, _ in steps]),
        "headers": ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    try:
        out = subprocess.run(
            [*pinned(1), "wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "-s", lua.name,
             f"http://127.0.0.1:{port}/"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(lua.name)
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    requests, duration_us, p50, p95, p99, slowest, errors = line.split()[1:]
    return {
        "requests": int(requests),
        "rps": int(requests) / (float(duration_us) / 1e6),
        "p50_ms": float(p50) / 1000, "p95_ms": float(p95) / 1000, "p99_ms": float(p99) / 1000,
        "max_ms": float(slowest) / 1000,
        "errors": int(errors),
    }  # fmt: skip


def endpoints(port: int, token: str, deep_pages: int) -> tuple[list, list]:
    """The throughput rows and the scale rows: (name, paths cycled through, session cookie)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    boards = json.loads(request(conn, "GET", "/api/v1/boards/", token)[1])
    board = boards[0]["id"]
    feed = json.loads(request(conn, "GET", f"/api/v1/boards/{board}/posts/", token)[1])["results"]
    post = feed[0]["id"]
    semester = json.loads(request(conn, "GET", "/api/v1/semesters/", token)[1])[0]["id"]
    cookie = web_session(port, BENCH_USER, BENCH_PASSWORD)
    feed_path = f"/api/v1/boards/{board}/posts/"
    deep_path, deep = deep_page(port, feed_path, token, deep_pages)
    search_mix = [f"/api/v1/posts/?search={urllib.parse.quote(q)}" for q in SEARCH_MIX]
    lecture_mix = [
        f"/api/v1/lectures/?semester={semester}&search={urllib.parse.quote(q)}" for q in LECTURE_SEARCH_MIX
    ]
    throughput = [
        ("/healthz", ["/healthz"], ""),
        ("GET /me/", ["/api/v1/me/"], ""),
        ("board feed (20 posts)", [feed_path], ""),
        ("post detail", [f"/api/v1/posts/{post}/"], ""),
        ("comments", [f"/api/v1/posts/{post}/comments/"], ""),
        ("HOT", ["/api/v1/posts/hot/"], ""),
        ("search 학식", [f"/api/v1/posts/?search={urllib.parse.quote('학식')}"], ""),
        ("lecture search 자료", [f"/api/v1/lectures/?semester={semester}&search=%EC%9E%90%EB%A3%8C"], ""),
        ("notifications", ["/api/v1/notifications/"], ""),
        ("web: board page", [f"/boards/{board}/"], cookie),
        ("web: post page", [f"/posts/{post}/"], cookie),
    ]
    # The feed while one request in ten is a like or an unlike of one of its posts: each of them
    # drops the cached pages it changed, so this row is the school cache under writes.
    liking = [
        step
        for row in feed
        for step in (*[feed_path] * 4, ("POST", f"/api/v1/posts/{row['id']}/like/"),
                     *[feed_path] * 4, ("DELETE", f"/api/v1/posts/{row['id']}/like/"))
    ]  # fmt: skip
    scale = [
        ("board feed, page 1", [feed_path], ""),
        ("feed, 1 in 10 a like/unlike", liking, ""),
        (f"board feed, page {deep}", [deep_path], ""),
        ("HOT", ["/api/v1/posts/hot/"], ""),
        ("BEST (week)", ["/api/v1/posts/best/?period=week"], ""),
        ("my posts", ["/api/v1/me/posts/"], ""),
        ("my scraps", ["/api/v1/me/scraps/"], ""),
        (f"search mix ({len(SEARCH_MIX)} queries)", search_mix, ""),
        (f"lecture search mix ({len(LECTURE_SEARCH_MIX)})", lecture_mix, ""),
    ]
    return throughput, scale


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="", help="Redis for the app: turns the school cache on")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--deep-page", type=int, default=1000, help="how deep the second feed row pages")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a database that already holds --posts posts (a 1M seed takes 15 min)",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="campus-bench-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use",
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "THROTTLE_SIGNUP": "1000/hour",
        "THROTTLE_LOGIN": "100000/hour",
    }
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    print(f"database: {env['DATABASE_URL']}")
    if env["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(env["DATABASE_URL"])
    run("migrate", "--noinput", env=env)
    if not (args.reuse and post_count(env) >= args.posts):
        run("flush", "--noinput", env=env)
        run("seed_demo", "--users", "400", "--posts", str(args.posts), env=env)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (apt-get install wrk): the load runs on its own core")
    run("collectstatic", "--noinput", env=env)

    gunicorn = subprocess.Popen(
        [*pinned(0), str(Path(PYTHON).parent / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_until_up(args.port)
        token = bench_login(args.port)
        throughput, scale = endpoints(args.port, token, args.deep_page)
        print(f"gunicorn: {args.workers} workers x {args.threads} threads on core 0; wrk on core 1: "
              f"{args.concurrency} connections, "
              f"{args.seconds:.0f}s per endpoint; {post_count(env)} posts")  # fmt: skip
        for paths in (["/healthz"], throughput[2][1]):  # warm both workers up, unreported
            load(args.port, paths, token, 2, args.concurrency)
        floor = None
        # /healthz again at the end: far from 1.00, the machine was busy and the run says little.
        scale.append(("/healthz (again)", ["/healthz"], ""))
        for title, rows in (("throughput", throughput), ("scale", scale)):
            print(
                f"\n{title:32} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
                f" {'errors':>7}"
            )
            for name, paths, session in rows:
                result = load(args.port, paths, token, args.seconds, args.concurrency, cookie=session)
                floor = floor or result["rps"]  # /healthz first: the framework floor of this run
                print(f"{name[:32]:32} {result['rps']:8.0f} {result['rps'] / floor:6.2f} {result['p50_ms']:8.1f} "
                      f"{result['p95_ms']:8.1f} {result['p99_ms']:8.1f} {result['max_ms']:8.1f} "
                      f"{result['errors']:7d}")  # fmt: skip
        # Service time, not queueing: with 8 connections on 2 workers a request waits for others.
        print(f"\n{'latency, ' + str(args.workers) + ' connections':32} {'req/s':>8} {'':>6} {'p50 ms':>8} "
              f"{'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}")  # fmt: skip
        for name, paths, session in scale[:-1]:
            result = load(args.port, paths, token, args.seconds, args.workers, cookie=session)
            print(f"{name[:32]:32} {result['rps']:8.0f} {'':>6} {result['p50_ms']:8.1f} "
                  f"{result['p95_ms']:8.1f} {result['p99_ms']:8.1f} {result['max_ms']:8.1f} "
                  f"{result['errors']:7d}")  # fmt: skip
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)


if __name__ == "__main__":
    main()
