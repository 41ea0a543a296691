#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Management commands on a developer's machine need no SECRET_KEY; a server sets DEBUG=0
    # (and SECRET_KEY) explicitly, and gunicorn loads config.wsgi, which has no such default.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
