from campus.accounts.models import School, SchoolDomain


def seed_schools(schools: list[tuple[str, list[str]]]) -> list[School]:
    """The schools, each requiring 학교 인증 by its webmail domains (safe to run twice)."""
    result = []
    for name, domains in schools:
        school, _ = School.objects.update_or_create(
            name=name, defaults={"verification": School.Verification.REQUIRED}
        )
        for domain in domains:
            SchoolDomain.objects.update_or_create(domain=domain, defaults={"school": school})
        result.append(school)
    return result
