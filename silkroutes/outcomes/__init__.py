"""Outcomes of meetings — conclusions, recommendations, decisions — as revisioned texts, and the
action points that follow from them, reviewed at the body's next meeting."""
