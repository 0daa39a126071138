from modeltranslation.translator import TranslationOptions, register

from .models import ActionItem, Area, Framework, GoalLabel, PriorityGoal


@register(Framework)
class FrameworkTranslation(TranslationOptions):
    fields = ("title",)


@register(PriorityGoal)
class PriorityGoalTranslation(TranslationOptions):
    fields = ("name",)


@register(GoalLabel)
class GoalLabelTranslation(TranslationOptions):
    fields = ("label",)


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("title",)


@register(ActionItem)
class ActionItemTranslation(TranslationOptions):
    fields = ("title", "description")
