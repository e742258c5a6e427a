"""Value types shared by nodes, facts and lifecycles: ISO dates, country codes, shares, tonnes."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated

from pydantic import BeforeValidator, Field

from .countries import ISO_3166_ALPHA2

ID_PATTERN = re.compile(r"^([a-z]+):([A-Za-z0-9][A-Za-z0-9._-]*)$")
_ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _iso_date(value: object) -> object:
    """Accept YAML dates and plain years as ISO 8601 strings (``2025``, ``2025-02``, ``2025-02-28``)."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError(f"not an ISO 8601 date or year: {value!r}")
    return value


def _country_code(value: object) -> object:
    if isinstance(value, str) and value not in ISO_3166_ALPHA2:
        raise ValueError(f"not an ISO 3166-1 alpha-2 country code: {value!r}")
    return value


IsoDate = Annotated[str, BeforeValidator(_iso_date)]
"""An ISO 8601 date, year-month or year."""

CountryCode = Annotated[str, BeforeValidator(_country_code)]
"""An ISO 3166-1 alpha-2 code such as ``CN``."""

Share = Annotated[float, Field(ge=0.0, le=1.0)]
"""A fraction between 0 and 1."""

Tonnes = Annotated[float, Field(ge=0.0)]
"""A non-negative quantity in metric tonnes."""
