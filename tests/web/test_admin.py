import pytest

PAGES = [
    "/admin/",
    "/admin/providers/facility/",
    "/admin/accounts/organisation/",
    "/admin/accounts/user/",
    "/admin/core/icdcode/?q=C50",
    "/admin/audit/auditevent/",
]


@pytest.mark.parametrize("url", PAGES)
def test_staff_admin_pages_open(personas, client_for, url):
    personas.admin.is_superuser = True
    personas.admin.save()
    assert client_for(personas.admin).get(url).status_code == 200


def test_non_staff_are_sent_to_the_admin_login(personas, client_for):
    response = client_for(personas.coordinator_mn).get("/admin/providers/facility/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_audit_rows_cannot_be_changed_in_the_admin(personas, client_for):
    from medcorridor.audit.services import record

    event = record(actor=None, action="create", target_type="t", target_id="1")
    personas.admin.is_superuser = True
    personas.admin.save()
    client = client_for(personas.admin)
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
