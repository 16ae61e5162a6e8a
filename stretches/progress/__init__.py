"""A person's course over time: check-ins, the rules that read them, charts, reminders, reports."""
