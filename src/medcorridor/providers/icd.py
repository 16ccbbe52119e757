"""Expanding an offer's ICD-10 codes and ranges ("C50 C18-C20 I20-I25") into three-character categories."""

import re

from django.utils.translation import gettext as _

from medcorridor.core.errors import ValidationFailed

_CODE = re.compile(r"^[A-Z]\d{2}(\.\d{1,2})?$")


def _category_number(category: str) -> int:
    return (ord(category[0]) - ord("A")) * 100 + int(category[1:3])


def _category_name(number: int) -> str:
    return f"{chr(ord('A') + number // 100)}{number % 100:02d}"


def expand(codes: str) -> list[str]:
    """Sorted distinct categories; raises ValidationFailed naming the first bad token."""
    categories: set[str] = set()
    for token in codes.upper().replace(",", " ").split():
        start, _sep, end = token.partition("-")
        end = end or start
        if not (_CODE.match(start) and _CODE.match(end)):
            raise ValidationFailed(
                _("“%(token)s” is not an ICD-10 code or range.") % {"token": token}, field="icd_codes"
            )
        first, last = _category_number(start[:3]), _category_number(end[:3])
        if last < first:
            raise ValidationFailed(_("The range “%(token)s” runs backwards.") % {"token": token}, field="icd_codes")
        categories.update(_category_name(n) for n in range(first, last + 1))
    return sorted(categories)
