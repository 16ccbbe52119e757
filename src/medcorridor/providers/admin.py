from django.contrib import admin

from .models import Accreditation, Contact, Department, Facility, Offer


class OfferInline(admin.TabularInline):
    model = Offer
    extra = 0
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
    readonly_fields = ["voided_at"]


class AccreditationInline(admin.TabularInline):
    model = Accreditation
    extra = 0
    fields = ["scheme", "reference", "valid_from", "valid_until"]


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
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
