from django.contrib import admin

from . import services
from .models import Accreditation, Contact, Department, Facility, Offer


class ReadOnlyInline(admin.TabularInline):
    """Shown for reference only: offers, accreditations and departments are changed on the facility's
    own pages and API, whose services keep the search index, the USD prices and the audit current."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class OfferInline(ReadOnlyInline):
    model = Offer
    fields = [
        "specialty",
        "procedure_en",
        "procedure_ru",
        "icd_codes",
        "price_min",
        "price_max",
        "currency",
        "wait_days",
        "voided_at",
    ]


class AccreditationInline(ReadOnlyInline):
    model = Accreditation
    fields = ["scheme", "reference", "valid_from", "valid_until"]


class DepartmentInline(ReadOnlyInline):
    model = Department
    fields = ["name_en", "name_ru", "specialty"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "role", "email", "phone", "messenger"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    """Staff browse and correct the directory here; everyday edits go through the audited pages and API."""

    list_display = ["name_en", "name_ru", "country", "city", "kind", "is_demo", "voided_at"]
    list_filter = ["country", "kind", "is_demo"]
    search_fields = ["name_en", "name_ru", "name_original", "city"]
    readonly_fields = ["public_id", "created_at", "updated_at", "voided_at", "voided_by", "void_reason"]
    autocomplete_fields = ["organisation"]
    inlines = [DepartmentInline, OfferInline, AccreditationInline, ContactInline]

    def get_readonly_fields(self, request, obj=None):
        # The operating organisation decides who may edit the facility: not moved by a form field.
        return [*self.readonly_fields, "organisation"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        """Through the directory's services, so that a correction made here is audited and found by
        search like any other (a plain save would leave the search rows stale)."""
        if change:
            services.update_facility(actor=request.user, facility=obj, **_changes(obj, form.changed_data))
            obj.refresh_from_db()
            return
        # The form's languages are saved after this, by save_related.
        services.add_facility(actor=request.user, facility=obj)


def _changes(facility: Facility, changed_fields: list[str]) -> dict:
    changes = {}
    for name in changed_fields:
        attribute = f"{name}_id" if f"{name}_id" in services.FACILITY_FIELDS else name
        if attribute in services.FACILITY_FIELDS:
            changes[attribute] = getattr(facility, attribute)
    return changes
