"""Serving an invoice PDF: the cases' attachment response, after the caller's scoped, logged fetch."""

from medcorridor.cases.files import attachment_response


def invoice_pdf_response(invoice):
    return attachment_response(
        invoice.pdf,
        stem=f"{invoice.case.reference}-{invoice.number}",
        content_type="application/pdf",
        sha256=invoice.pdf_sha256,
    )
