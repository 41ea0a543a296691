from campus.accounts.models import School


def seed_schools(schools: list[tuple[str, str]]) -> list[School]:
    result = []
    for name, domain in schools:
        school, _ = School.objects.update_or_create(name=name, defaults={"email_domain": domain})
        result.append(school)
    return result
