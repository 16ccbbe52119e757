from django.contrib import admin

from .models import Country, Currency, ExchangeRate, IcdCode, Language, Specialty


class ReferenceAdmin(admin.ModelAdmin):
    """Reference data comes from its sources (core/data/SOURCE.md): read-only here."""

    list_display = ["code", "name_en", "name_ru"]
    search_fields = ["code", "name_en", "name_ru"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (Country, Currency, Language, Specialty):
    admin.site.register(model, ReferenceAdmin)


@admin.register(IcdCode)
class IcdCodeAdmin(ReferenceAdmin):
    list_display = ["code", "kind", "title_ru", "title_en", "is_current"]
    list_filter = ["kind", "is_current"]
    search_fields = ["code", "title_ru", "title_en"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "on_date", "units_per_usd", "source"]
    list_filter = ["currency"]
