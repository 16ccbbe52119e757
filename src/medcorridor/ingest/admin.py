from django.contrib import admin

from .models import Article, ReviewItem, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "url")
    search_fields = ("name",)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "filename", "source", "published_on", "created_at")
    search_fields = ("title", "filename", "checksum")
    readonly_fields = ("checksum", "raw_text", "text", "public_id")
    list_filter = ("source",)


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ("article", "status", "reviewed_by", "reviewed_at")
    list_filter = ("status",)
    readonly_fields = ("extracted", "spans", "public_id")
    raw_id_fields = ("article", "meeting", "reviewed_by")
    filter_horizontal = ("agreements", "officials")
