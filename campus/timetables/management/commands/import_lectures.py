import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from campus.accounts.models import School
from campus.core.db import analyze
from campus.timetables.models import Course, Lecture, LectureTime, Semester, Term
from campus.timetables.services.catalog import REQUIRED_COLUMNS, decode_csv, lectures_import, read_rows


class Command(BaseCommand):
    help = (
        "Import a school's lecture catalog for one semester from CSV "
        f"(required columns: {', '.join(REQUIRED_COLUMNS)}; see campus/timetables/services/catalog.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--school", required=True, help="the school's exact name, e.g. 홍익대학교")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--term", required=True, choices=Term.values)

    def handle(self, *args, file: Path, school: str, year: int, term: str, **options):
        started = time.monotonic()
        school_obj = School.objects.filter(name=school).first()
        if school_obj is None:
            raise CommandError(f"no school named {school!r}")
        if not 1950 <= year <= 2100:
            raise CommandError("--year must be between 1950 and 2100")
        try:
            text = decode_csv(file.read_bytes())
            _, rows = read_rows(text)
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        rows = list(rows)
        semester, _ = Semester.objects.get_or_create(year=year, term=term)
        with tqdm(
            total=len(rows), desc="lectures", unit="row", disable=options["verbosity"] == 0
        ) as progress:
            report = lectures_import(school=school_obj, semester=semester, rows=rows, progress=progress)
        analyze(Course, Lecture, LectureTime)
        for line, reason in report.skipped:
            self.stdout.write(self.style.WARNING(f"line {line}: skipped — {reason}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"{school_obj.name} {semester.name}: {report.created} imported, {report.updated} updated, "
                f"{report.unchanged} unchanged, {len(report.skipped)} skipped "
                f"({time.monotonic() - started:.1f}s)"
            )
        )
