"""Types for API schemas (django-ninja / pydantic) that clean input the way core.forms cleans form input."""

from typing import Annotated

from pydantic import AfterValidator

from danvan.core.text import strip_bidi_controls

# A str without bidirectional control characters: use it for every text field of an input schema.
CleanStr = Annotated[str, AfterValidator(strip_bidi_controls)]
