from django import template

register = template.Library()


@register.filter
def dict_get(mapping: dict, key):
    """`{{ mapping|dict_get:key }}`: a dict's value for a key held in a variable (or nothing)."""
    return mapping.get(key, ()) if mapping else ()
