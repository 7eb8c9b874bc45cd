"""Django's own messages that its Vietnamese catalogue does not translate yet (new in Django 6.1).

Marking them here keeps them in our catalogue (locale/vi), which Django reads before its own.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (gettext_noop("- Select an option -"),)
