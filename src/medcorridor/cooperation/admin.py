from django.contrib import admin

from .models import (
    Agreement,
    AgreementDocument,
    Donation,
    JointProject,
    Meeting,
    Milestone,
    Mission,
    Official,
    OrganisationAlias,
    Participant,
    Position,
    TrainingProgramme,
)


class RecordAdmin(admin.ModelAdmin):
    list_filter = ("is_published", "countries")
    search_fields = ("search_text",)
    filter_horizontal = ("countries",)
    readonly_fields = ("public_id", "origin", "search_text", "created_at", "updated_at")


class DocumentInline(admin.TabularInline):
    model = AgreementDocument
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    raw_id_fields = ("organisation",)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ("official", "position")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin):
    list_display = ("title", "kind", "status", "signed_on", "is_published")
    list_filter = ("kind", "status", *RecordAdmin.list_filter)
    filter_horizontal = ("countries", "parties", "facilities")
    inlines = [DocumentInline]


@admin.register(Meeting)
class MeetingAdmin(RecordAdmin):
    list_display = ("title", "kind", "held_on", "place", "is_published")
    filter_horizontal = ("countries", "organisations", "agreements")
    inlines = [ParticipantInline]


@admin.register(Official)
class OfficialAdmin(RecordAdmin):
    list_display = ("name", "name_latin", "country", "appearances")
    inlines = [PositionInline]


@admin.register(JointProject)
class JointProjectAdmin(RecordAdmin):
    list_display = ("title", "kind", "status", "started_on")
    filter_horizontal = ("countries", "organisations")
    inlines = [MilestoneInline]


admin.site.register(TrainingProgramme, RecordAdmin)
admin.site.register(Mission, RecordAdmin)
admin.site.register(Donation, RecordAdmin)


@admin.register(OrganisationAlias)
class OrganisationAliasAdmin(admin.ModelAdmin):
    list_display = ("alias", "organisation", "key")
    search_fields = ("alias", "key")
    raw_id_fields = ("organisation",)
