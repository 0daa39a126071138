from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "silkroutes.core"
    label = "core"
    verbose_name = "Core: sources and provenance"

    def ready(self) -> None:
        from .pagecache import connect_invalidation

        connect_invalidation(
            {
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
        )
