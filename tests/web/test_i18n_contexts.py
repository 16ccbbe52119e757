"""Words with two meanings carry a context, so each screen gets its own translation (Django takes
a context-free message's translation from the first app that has it)."""

from django.template import Context, Template
from django.utils import translation

from medcorridor.cases.enums import RequestStatus
from medcorridor.finance.enums import InvoiceStatus
from medcorridor.transplant.enums import DonorStatus


def test_withdrawn_reads_right_for_a_request_an_invoice_and_a_donor():
    with translation.override("ru"):
        assert str(RequestStatus.WITHDRAWN.label) == "Отозван"
        assert str(InvoiceStatus.WITHDRAWN.label) == "Отозван"
        assert str(DonorStatus.WITHDRAWN.label) == "Отказался"
    with translation.override("kk"):
        assert str(DonorStatus.WITHDRAWN.label) != str(RequestStatus.WITHDRAWN.label)


def test_from_is_a_sender_in_the_inbox_and_a_start_date_in_the_registry():
    sender = Template('{% load i18n %}{% translate "From" context "sender" %}')
    start = Template('{% load i18n %}{% translate "From" context "start date" %}')
    with translation.override("ru"):
        assert (sender.render(Context()), start.render(Context())) == ("От кого", "С")
