"""Serving an invoice PDF: always an attachment with nosniff, after the caller's scoped, logged fetch."""

from django.http import FileResponse


def invoice_pdf_response(invoice) -> FileResponse:
    response = FileResponse(
        invoice.pdf.open("rb"),
        as_attachment=True,
        filename=f"{invoice.case.reference}-{invoice.number}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Digest"] = f"sha-256={invoice.pdf_sha256}"
    return response
