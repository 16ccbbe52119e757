"""Checking uploaded medical documents: size, type by content (not by name), SHA-256, nothing executable.

Accepted: PDF, JPEG, PNG, TIFF, WebP and DICOM (Part 10 files with the ``DICM`` preamble). Anything
else — executables, archives, HTML, scripts, office files that can carry macros — is refused.
Files are stored without their extension and only ever served as attachments with ``nosniff``.
"""

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from medcorridor.core.errors import ValidationFailed

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tif",
    "image/webp": "webp",
    "application/dicom": "dcm",
}
_ACTIVE_MARKERS = (b"<html", b"<script", b"<!doctype html", b"<svg", b"<?php", b"#!/")


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str
    size: int
    name: str


def _read(upload) -> bytes:
    if hasattr(upload, "chunks"):
        return b"".join(upload.chunks())
    if hasattr(upload, "read"):
        return upload.read()
    return bytes(upload)


def check_upload(upload, *, name: str = "") -> CheckedFile:
    limit = settings.DOCUMENT_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationFailed(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}, field="file")
    content = _read(upload)
    if len(content) > limit:
        raise ValidationFailed(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}, field="file")
    if not content:
        raise ValidationFailed(_("The file is empty."), field="file")
    kind = filetype.guess(content)
    mime = kind.mime if kind else ""
    if not mime and content[128:132] == b"DICM":
        mime = "application/dicom"
    head = content[:1024].lower()
    if mime not in ALLOWED_TYPES or (mime != "application/pdf" and any(m in head for m in _ACTIVE_MARKERS)):
        raise ValidationFailed(
            _(
                "Only PDF, images (JPEG, PNG, TIFF, WebP) and DICOM files are accepted; "
                "this file's content is not one of them."
            ),
            field="file",
        )
    return CheckedFile(
        content=content,
        content_type=mime,
        extension=ALLOWED_TYPES[mime],
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        name=(name or getattr(upload, "name", "") or "document")[:255],
    )


def attachment_response(stored, *, stem: str, content_type: str, sha256: str) -> FileResponse:
    """Serve a stored document or invoice: always a download, never rendered by the browser (nosniff and a
    sandboxing CSP, in case a file slipped past the type check), not cached, with its checksum. The caller
    has already fetched it through a scoped, access-logged selector."""
    extension = ALLOWED_TYPES.get(content_type, "bin")
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{stem}.{extension}",
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Digest"] = f"sha-256={sha256}"
    return response
