from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "silkroutes.core"
    label = "core"
    verbose_name = "Core: sources and provenance"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .pagecache import connect_invalidation
        from .search_index import restore_sqlite_triggers

        post_migrate.connect(restore_sqlite_triggers, sender=self)

        from django.contrib import admin

        from .admin import check_text_in_admin_forms

        ours = {
            "core",
            "actors",
            "accounts",
            "strategy",
            "programme",
            "meetings",
            "documents",
            "outcomes",
            "monitoring",
        }
        connect_invalidation(ours)
        # After the admin's autodiscovery (django.contrib.admin is installed before us).
        check_text_in_admin_forms(admin.site, ours)
