"""The web forms' fields for user text: the rules of `core.text` as Django form fields, the same
refusals with the same words as the API's (`core.api.fields`)."""

from django import forms

from campus.core.text import multi_line, single_line


class SingleLineFormField(forms.CharField):
    """The web forms' `SingleLineField`: the same rule, as a Django form field."""

    def to_python(self, value) -> str:
        return single_line(super().to_python(value) or "")


class MultiLineFormField(forms.CharField):
    def to_python(self, value) -> str:
        return multi_line(super().to_python(value) or "")
