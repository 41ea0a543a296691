#!/usr/bin/env python
"""Throughput benchmark: gunicorn on loopback, a bounded threaded load generator; req/s, p50/p99
and each endpoint's ratio to the same server's /healthz in the same run (the framework floor:
absolute req/s drift on a shared machine, ratios hold).

    .venv/bin/python scripts/bench.py                       # SQLite in a temp folder
    .venv/bin/python scripts/bench.py --database-url postgres://postgres@127.0.0.1:5432/campus_bench

It migrates a fresh database, seeds the demo data plus fake content, starts gunicorn
(config.wsgi:application, DEBUG=0), signs up a student, then for each endpoint sends requests
from --concurrency threads for --seconds and reports what the server did. Everything runs on
127.0.0.1 and stops by itself. Note: on a 2-core machine the load generator shares the CPU
with gunicorn, so the figures are a floor, good for comparing changes on the same machine.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


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


def load(port: int, path: str, token: str, seconds: float, concurrency: int, *, cookie: str = "") -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker():
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, bad = [], 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                status, _ = request(conn, "GET", path, None if cookie else token, cookie=cookie)
            except (OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                bad += 1
                continue
            mine.append(time.perf_counter() - started)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {
        "path": path,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": pick(0.50) if latencies else 0,
        "p99_ms": pick(0.99) if latencies else 0,
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--deep-page", type=int, default=1000, help="how deep the second feed row pages")
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
    run("flush", "--noinput", env=env)
    run("seed_demo", "--users", "400", "--posts", str(args.posts), env=env)
    run("collectstatic", "--noinput", env=env)

    gunicorn = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_until_up(args.port)
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
        _, body = request(conn, "GET", "/api/v1/schools/")
        school = json.loads(body)[0]["id"]
        status, body = request(conn, "POST", "/api/v1/auth/signup/", body={
            "school": school, "username": "bench_user", "password": "bench-Pass-2026-x", "email": "bench@example.com",
            "nickname": "벤치", "admission_year": 2024,
        })  # fmt: skip
        assert status == 201, body
        token = json.loads(body)["access"]
        boards = json.loads(request(conn, "GET", "/api/v1/boards/", token)[1])
        board = boards[0]["id"]
        feed = json.loads(request(conn, "GET", f"/api/v1/boards/{board}/posts/", token)[1])["results"]
        post = feed[0]["id"]
        semester = json.loads(request(conn, "GET", "/api/v1/semesters/", token)[1])[0]["id"]
        cookie = web_session(args.port, "bench_user", "bench-Pass-2026-x")
        feed_path = f"/api/v1/boards/{board}/posts/"
        deep_path, deep = deep_page(args.port, feed_path, token, args.deep_page)
        paths = [
            ("/healthz", "/healthz", ""),
            ("GET /me/", "/api/v1/me/", ""),
            ("board feed (20 posts)", feed_path, ""),
            (f"board feed, page {deep}", deep_path, ""),
            ("post detail", f"/api/v1/posts/{post}/", ""),
            ("comments", f"/api/v1/posts/{post}/comments/", ""),
            ("HOT", "/api/v1/posts/hot/", ""),
            ("BEST (week)", "/api/v1/posts/best/?period=week", ""),
            ("my scraps", "/api/v1/me/scraps/", ""),
            ("search 학식", "/api/v1/posts/?search=%ED%95%99%EC%8B%9D", ""),
            ("lecture search 자료", f"/api/v1/lectures/?semester={semester}&search=%EC%9E%90%EB%A3%8C", ""),
            ("notifications", "/api/v1/notifications/", ""),
            ("web: board page", f"/boards/{board}/", cookie),
            ("web: post page", f"/posts/{post}/", cookie),
        ]
        print(f"gunicorn: {args.workers} workers x {args.threads} threads; load: {args.concurrency} connections, "
              f"{args.seconds:.0f}s per endpoint; {args.posts} posts")  # fmt: skip
        print(f"{'endpoint':32} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        floor = None
        for name, path, session in paths:
            result = load(args.port, path, token, args.seconds, args.concurrency, cookie=session)
            floor = floor or result["rps"]  # /healthz first: the framework floor of this run
            print(f"{name[:32]:32} {result['rps']:8.0f} {result['rps'] / floor:6.2f} {result['p50_ms']:8.1f} "
                  f"{result['p99_ms']:8.1f} {result['errors']:7d}")  # fmt: skip
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)


if __name__ == "__main__":
    main()
