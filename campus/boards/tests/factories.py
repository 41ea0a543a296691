import factory

from campus.accounts.tests.factories import SchoolFactory, UserFactory
from campus.boards.models import Board, Comment, Post


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"게시판{n}")
    category = Board.Category.GENERAL
    anonymity = Board.Anonymity.OPTIONAL


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    board = factory.SubFactory(BoardFactory)
    school = factory.SelfAttribute("board.school")
    author = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..board.school"))
    title = factory.Sequence(lambda n: f"제목 {n}")
    content = "본문입니다."
    is_anonymous = False


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    author = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..post.school"))
    content = "댓글입니다."
    is_anonymous = False
