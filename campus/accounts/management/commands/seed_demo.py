"""Demo data: the four demo schools, and whatever each app adds through its seeder.

Idempotent: running it twice leaves the same rows. Each app contributes a function in
its own `seed.py`; this command only orders them.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from campus.accounts.seed import seed_schools

DEMO_SCHOOLS = [
    ("홍익대학교", "hongik.ac.kr"),
    ("이화여자대학교", "ewhain.net"),
    ("서강대학교", "sogang.ac.kr"),
    ("연세대학교", "yonsei.ac.kr"),
]


class Command(BaseCommand):
    help = "Create the demo schools (and boards, semesters, lectures) — safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=0, help="also create N fake students")
        parser.add_argument("--posts", type=int, default=0, help="also create N fake posts")

    def handle(self, *args, **options):
        with transaction.atomic():
            schools = seed_schools(DEMO_SCHOOLS)
        self.stdout.write(self.style.SUCCESS(f"schools: {', '.join(s.name for s in schools)}"))
