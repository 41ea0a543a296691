"""Demo data: the four demo schools with their boards, the current and previous semester with
a lecture catalog each (and, with flags, fake students and posts).

Idempotent: running it twice leaves the same schools and boards. Each app contributes a
function in its own `seed.py`; this command only orders them.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from campus.accounts.models import School, User
from campus.accounts.seed import seed_schools
from campus.boards.models import Comment, Post, PostAnonymousAlias, PostLike
from campus.boards.seed import seed_boards
from campus.core.db import analyze
from campus.demo.community import LOGIN, seed_community
from campus.demo.fake import DEMO_PASSWORD, fake_posts, fake_users
from campus.timetables.models import Course, Lecture, LectureTime
from campus.timetables.seed import demo_semesters, seed_catalog

DEMO_SCHOOLS = [  # each requires 학교 인증 by its webmail (API.md, "School verification")
    ("홍익대학교", ["hongik.ac.kr", "mail.hongik.ac.kr"]),
    ("이화여자대학교", ["ewha.ac.kr", "ewhain.net"]),
    ("서강대학교", ["sogang.ac.kr"]),
    ("연세대학교", ["yonsei.ac.kr"]),
]


class Command(BaseCommand):
    help = "Create the demo schools and their boards — safe to run twice. --users/--posts add fake content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--users", type=int, default=0, help="also create N fake students (password below)"
        )
        parser.add_argument(
            "--posts", type=int, default=0, help="also create N fake posts with comments and likes"
        )
        parser.add_argument("--seed", type=int, default=0, help="random seed for the fake content")
        parser.add_argument(
            "--community",
            action="store_true",
            help=f"also a small community at {DEMO_SCHOOLS[0][0]} with a demo login (once; `make run`)",
        )

    def handle(self, *args, users: int, posts: int, seed: int, community: bool, **options):
        if users < 0 or posts < 0:
            raise CommandError("--users and --posts must not be negative")
        started = time.monotonic()
        with transaction.atomic():
            schools = seed_schools(DEMO_SCHOOLS)
            boards = seed_boards(schools)
            semesters = demo_semesters()
            lectures = sum(seed_catalog(school=s, semester=sem) for s in schools for sem in semesters)
        analyze(Lecture, LectureTime, Course)
        self.stdout.write(f"schools: {', '.join(s.name for s in schools)}; boards: {len(boards)}")
        self.stdout.write(f"semesters: {', '.join(s.name for s in semesters)}; new lectures: {lectures}")
        if users:
            fake_users(schools=schools, count=users, seed=seed)
            analyze(User)
            self.stdout.write(f"users: {users} (password: {DEMO_PASSWORD})")
        if posts:
            if not School.objects.filter(users__isnull=False).exists():
                raise CommandError("--posts needs students: add --users N")
            made = fake_posts(count=posts, seed=seed)
            analyze(User, Post, PostLike, Comment, PostAnonymousAlias)
            self.stdout.write(f"posts: {made}")
        if community:
            self._community(schools[0], seed)
        self.stdout.write(self.style.SUCCESS(f"seed_demo done in {time.monotonic() - started:.1f}s"))

    def _community(self, school: School, seed: int) -> None:
        made = seed_community(school=school, seed=seed)
        if made is None:
            self.stdout.write(f"community: already there (log in as {LOGIN} / {DEMO_PASSWORD})")
            return
        self.stdout.write(f"community: {made.posts} posts at {made.school}")
        self.stdout.write(
            self.style.SUCCESS(f"demo login → 아이디 {made.username} / 비밀번호 {made.password}")
        )
