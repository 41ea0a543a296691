from django import template

from campus.boards.authors import post_author

register = template.Library()


@register.filter
def dict_get(mapping: dict, key):
    """`{{ mapping|dict_get:key }}`: a dict's value for a key held in a variable (or nothing)."""
    return mapping.get(key, ()) if mapping else ()


@register.filter
def author_label(post) -> str:
    """What a page shows as a post's author: "익명" for an anonymous post, never more."""
    return post_author(post)["nickname"]
