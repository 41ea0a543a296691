import factory

from campus.accounts.models import School, User

TEST_PASSWORD = "campus-Test-pw-2026"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"테스트대학교{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"student{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    nickname = factory.Sequence(lambda n: f"닉네임{n}")
    admission_year = 2024
    school = factory.SubFactory(SchoolFactory)
    password = TEST_PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)
