from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "silkroutes.core"
    label = "core"
    verbose_name = "Core: sources and provenance"
