"""Each chart said in one or two plain sentences, for people who do not see the picture."""

from stretches.progress.course import WEEKS_SHOWN, pain_label


def short_date(day):
    return f"{day.day} {day:%b}"


def plural(count, noun):
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _series_sentence(name, points):
    """points: (day, value) with a value, in date order."""
    if not points:
        return ""
    (first_day, first), (last_day, last) = points[0], points[-1]
    if len(points) == 1:
        return f"Pain {name} stretching was {pain_label(first)} on {short_date(first_day)}."
    return (
        f"Pain {name} stretching went from {pain_label(first)} on {short_date(first_day)} "
        f"to {pain_label(last)} on {short_date(last_day)}."
    )


def pain_summary(course):
    if not course.rated_days:
        return f"No pain ratings in the last {WEEKS_SHOWN} weeks."
    before = [(day.day, day.before) for day in course.pain_days if day.before is not None]
    after = [(day.day, day.after) for day in course.pain_days if day.after is not None]
    sentences = [_series_sentence("before", before), _series_sentence("after", after)]
    return " ".join(sentence for sentence in sentences if sentence)


def sessions_summary(course):
    total = course.session_count
    if not total:
        return f"No finished routines in the last {WEEKS_SHOWN} weeks."
    busiest = max(course.weeks, key=lambda week: week.sessions)
    this_week = course.weeks[-1].sessions
    return (
        f"{plural(total, 'finished routine')} in the last {WEEKS_SHOWN} weeks, "
        f"{this_week} this week. The most in one week was {busiest.sessions}, "
        f"in the week of {short_date(busiest.starts)}."
    )


def calendar_summary(course):
    days = len(course.stretch_days)
    if not days:
        return f"No days with stretching in the last {WEEKS_SHOWN} weeks."
    return (
        f"You stretched on {days} of the last {course.days_so_far} days, "
        f"most recently on {short_date(course.stretch_days[-1].day)}."
    )
