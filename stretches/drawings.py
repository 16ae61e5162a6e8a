"""The step drawings, as data: one figure, a few props and an arrow, in one visual language.

`manage.py draw_step_pictures` writes them to static/stretches/steps/; a test checks the files match,
so a drawing is changed here and redrawn, never edited by hand. Every drawing is a side view on a
240 by 180 canvas: the near limbs dark, the far limbs grey, props thin and grey, and an orange arrow
for the direction of movement (none where the step is to stay still).
"""

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 240, 180
FLOOR_Y = 165
INK, FAR_INK, PROP_INK, ARROW_INK = "#1f2933", "#8a949e", "#6b7280", "#c2410c"


@dataclass(frozen=True)
class Figure:
    """Joints of a person seen from the side; `far_*` are the limbs on the other side."""

    head: tuple
    shoulder: tuple
    hip: tuple
    elbow: tuple
    hand: tuple
    knee: tuple
    foot: tuple
    far_elbow: tuple
    far_hand: tuple
    far_knee: tuple
    far_foot: tuple


@dataclass(frozen=True)
class Arrow:
    """A curve from `start` through the pull of `bend` to `end`, headed at the end (or both)."""

    start: tuple
    bend: tuple
    end: tuple
    both_ends: bool = False


@dataclass(frozen=True)
class Drawing:
    figure: Figure
    props: tuple = ()
    arrows: tuple = ()
    mirrored: bool = False  # the other side: the same drawing seen as in a mirror


# Poses used by more than one drawing.
SITTING_LEGS_OUT = Figure(
    head=(78, 78), shoulder=(80, 96), hip=(82, 150), elbow=(88, 122), hand=(96, 148),
    knee=(132, 150), foot=(186, 150), far_elbow=(76, 122), far_hand=(70, 148),
    far_knee=(132, 147), far_foot=(184, 147),
)  # fmt: skip
FLOOR_TWIST = Figure(
    head=(84, 78), shoulder=(82, 96), hip=(82, 150), elbow=(104, 118), hand=(128, 144),
    knee=(132, 150), foot=(186, 150), far_elbow=(66, 120), far_hand=(50, 150),
    far_knee=(132, 147), far_foot=(184, 147),
)  # fmt: skip
ON_CHAIR = Figure(
    head=(92, 44), shoulder=(90, 62), hip=(88, 116), elbow=(100, 90), hand=(116, 110),
    knee=(138, 116), foot=(140, 163), far_elbow=(96, 90), far_hand=(112, 112),
    far_knee=(136, 113), far_foot=(134, 163),
)  # fmt: skip
CROSSED_ON_CHAIR = Figure(
    head=(92, 44), shoulder=(90, 62), hip=(88, 116), elbow=(100, 90), hand=(116, 106),
    knee=(140, 98), foot=(122, 112), far_elbow=(96, 90), far_hand=(112, 112),
    far_knee=(136, 113), far_foot=(134, 163),
)  # fmt: skip
CHAIR_TWIST = Figure(
    head=(96, 44), shoulder=(92, 62), hip=(88, 116), elbow=(116, 84), hand=(138, 96),
    knee=(140, 98), foot=(122, 112), far_elbow=(76, 78), far_hand=(66, 66),
    far_knee=(136, 113), far_foot=(134, 163),
)  # fmt: skip
STANDING = Figure(
    head=(120, 24), shoulder=(120, 44), hip=(120, 100), elbow=(122, 72), hand=(124, 98),
    knee=(122, 132), foot=(124, 163), far_elbow=(118, 72), far_hand=(116, 98),
    far_knee=(118, 132), far_foot=(116, 163),
)  # fmt: skip
HANDS_ON_LOWER_BACK = Figure(
    head=(120, 24), shoulder=(120, 44), hip=(120, 100), elbow=(100, 74), hand=(112, 96),
    knee=(122, 132), foot=(124, 163), far_elbow=(104, 72), far_hand=(114, 92),
    far_knee=(118, 132), far_foot=(116, 163),
)  # fmt: skip
LEANING_BACK = Figure(
    head=(94, 34), shoulder=(102, 51), hip=(128, 102), elbow=(88, 84), hand=(112, 98),
    knee=(130, 134), foot=(124, 163), far_elbow=(92, 80), far_hand=(114, 94),
    far_knee=(126, 134), far_foot=(116, 163),
)  # fmt: skip
HANDS_ON_MID_BACK = Figure(
    head=(120, 24), shoulder=(120, 44), hip=(120, 100), elbow=(102, 62), hand=(114, 72),
    knee=(122, 132), foot=(124, 163), far_elbow=(104, 60), far_hand=(115, 68),
    far_knee=(118, 132), far_foot=(116, 163),
)  # fmt: skip
LEANING_BACK_MID = Figure(
    head=(96, 32), shoulder=(104, 50), hip=(128, 102), elbow=(90, 70), hand=(106, 76),
    knee=(130, 134), foot=(124, 163), far_elbow=(92, 66), far_hand=(107, 72),
    far_knee=(126, 134), far_foot=(116, 163),
)  # fmt: skip
LYING_KNEES_UP = Figure(
    head=(40, 128), shoulder=(58, 130), hip=(112, 134), elbow=(78, 150), hand=(98, 152),
    knee=(146, 104), foot=(172, 160), far_elbow=(74, 148), far_hand=(94, 150),
    far_knee=(142, 106), far_foot=(166, 160),
)  # fmt: skip
HANDS_ON_FOREHEAD = Figure(
    head=(92, 44), shoulder=(90, 62), hip=(88, 116), elbow=(112, 60), hand=(104, 40),
    knee=(138, 116), foot=(140, 163), far_elbow=(110, 56), far_hand=(102, 38),
    far_knee=(136, 113), far_foot=(134, 163),
)  # fmt: skip
SINKING_BEHIND_CHAIR = Figure(
    head=(52, 52), shoulder=(66, 64), hip=(88, 116), elbow=(76, 38), hand=(56, 42),
    knee=(138, 116), foot=(140, 163), far_elbow=(74, 36), far_hand=(54, 40),
    far_knee=(136, 113), far_foot=(134, 163),
)  # fmt: skip
HANDS_BEHIND_HEAD = Figure(
    head=(122, 24), shoulder=(120, 44), hip=(120, 100), elbow=(136, 30), hand=(112, 20),
    knee=(122, 132), foot=(124, 163), far_elbow=(134, 28), far_hand=(110, 18),
    far_knee=(118, 132), far_foot=(116, 163),
)  # fmt: skip
CHIN_TO_CHEST = Figure(
    head=(132, 34), shoulder=(120, 44), hip=(120, 100), elbow=(142, 42), hand=(124, 24),
    knee=(122, 132), foot=(124, 163), far_elbow=(140, 40), far_hand=(122, 22),
    far_knee=(118, 132), far_foot=(116, 163),
)  # fmt: skip
KNEE_UP_ARM_ACROSS = Figure(
    head=(80, 78), shoulder=(80, 96), hip=(82, 150), elbow=(104, 116), hand=(126, 122),
    knee=(124, 112), foot=(124, 150), far_elbow=(70, 122), far_hand=(62, 148),
    far_knee=(132, 147), far_foot=(184, 147),
)  # fmt: skip
KNEE_UP_TWISTED = Figure(
    head=(74, 78), shoulder=(78, 96), hip=(82, 150), elbow=(104, 116), hand=(126, 120),
    knee=(124, 112), foot=(124, 150), far_elbow=(60, 118), far_hand=(46, 148),
    far_knee=(132, 147), far_foot=(184, 147),
)  # fmt: skip

FLOOR = ("floor",)
CHAIR = ("chair",)
ROLLER = ("roller", (80, 147), 13)
BALL = ("ball", (80, 143), 9)

TWIST_ARROW = Arrow(start=(56, 92), bend=(82, 116), end=(108, 90))
CHAIR_TWIST_ARROW = Arrow(start=(64, 56), bend=(92, 82), end=(120, 56))
OTHER_SIDE_ARROW = Arrow(start=(46, 30), bend=(120, 4), end=(194, 30), both_ends=True)

DRAWINGS = {
    "seated-floor-twist-1": Drawing(SITTING_LEGS_OUT, (FLOOR,)),
    "seated-floor-twist-2": Drawing(FLOOR_TWIST, (FLOOR,), (TWIST_ARROW,)),
    "seated-floor-twist-3": Drawing(
        FLOOR_TWIST, (FLOOR,), (Arrow(start=(50, 90), bend=(82, 126), end=(116, 86)),)
    ),
    "seated-floor-twist-4": Drawing(SITTING_LEGS_OUT, (FLOOR,), (OTHER_SIDE_ARROW,)),
    "chair-twist-1": Drawing(ON_CHAIR, (FLOOR, CHAIR)),
    "chair-twist-2": Drawing(
        CROSSED_ON_CHAIR,
        (FLOOR, CHAIR),
        (Arrow(start=(150, 150), bend=(160, 120), end=(132, 104)),),
    ),
    "chair-twist-3": Drawing(CHAIR_TWIST, (FLOOR, CHAIR)),
    "chair-twist-4": Drawing(CHAIR_TWIST, (FLOOR, CHAIR), (CHAIR_TWIST_ARROW,)),
    "chair-twist-5": Drawing(ON_CHAIR, (FLOOR, CHAIR), (OTHER_SIDE_ARROW,)),
    "standing-back-bend-1": Drawing(
        STANDING,
        (FLOOR,),
        (Arrow(start=(104, 172), bend=(120, 172), end=(136, 172), both_ends=True),),
    ),
    "standing-back-bend-2": Drawing(HANDS_ON_LOWER_BACK, (FLOOR,)),
    "standing-back-bend-3": Drawing(
        LEANING_BACK,
        (FLOOR,),
        (
            Arrow(start=(126, 18), bend=(104, 8), end=(84, 20)),
            Arrow(start=(138, 104), bend=(146, 102), end=(154, 100)),
        ),
    ),
    "standing-back-bend-4": Drawing(
        STANDING, (FLOOR,), (Arrow(start=(92, 20), bend=(104, 6), end=(128, 8)),)
    ),
    "foam-roller-or-massage-ball-1": Drawing(LYING_KNEES_UP, (FLOOR, ROLLER)),
    "foam-roller-or-massage-ball-2": Drawing(
        LYING_KNEES_UP,
        (FLOOR, ROLLER),
        (Arrow(start=(40, 100), bend=(80, 96), end=(120, 100), both_ends=True),),
    ),
    "foam-roller-or-massage-ball-3": Drawing(LYING_KNEES_UP, (FLOOR, ROLLER)),
    "chair-back-bend-1": Drawing(ON_CHAIR, (FLOOR, CHAIR)),
    "chair-back-bend-2": Drawing(
        HANDS_ON_FOREHEAD, (FLOOR, CHAIR), (Arrow(start=(130, 80), bend=(124, 60), end=(112, 46)),)
    ),
    "chair-back-bend-3": Drawing(
        SINKING_BEHIND_CHAIR, (FLOOR, CHAIR), (Arrow(start=(84, 22), bend=(56, 14), end=(36, 40)),)
    ),
    "standing-lean-hands-on-spine-1": Drawing(HANDS_ON_MID_BACK, (FLOOR,)),
    "standing-lean-hands-on-spine-2": Drawing(
        LEANING_BACK_MID,
        (FLOOR,),
        (
            Arrow(start=(128, 16), bend=(106, 6), end=(86, 18)),
            Arrow(start=(86, 76), bend=(92, 76), end=(100, 76)),
        ),
    ),
    "standing-lean-hands-on-spine-3": Drawing(
        LEANING_BACK_MID, (FLOOR,), (Arrow(start=(112, 14), bend=(100, 10), end=(88, 18)),)
    ),
    "seated-twist-arm-against-knee-1": Drawing(SITTING_LEGS_OUT, (FLOOR,)),
    "seated-twist-arm-against-knee-2": Drawing(
        KNEE_UP_ARM_ACROSS, (FLOOR,), (Arrow(start=(92, 136), bend=(108, 136), end=(120, 126)),)
    ),
    "seated-twist-arm-against-knee-3": Drawing(KNEE_UP_TWISTED, (FLOOR,), (TWIST_ARROW,)),
    "seated-twist-arm-against-knee-4": Drawing(
        KNEE_UP_ARM_ACROSS, (FLOOR,), (Arrow(start=(56, 80), bend=(66, 70), end=(80, 66)),)
    ),
    "seated-twist-arm-against-knee-5": Drawing(
        KNEE_UP_TWISTED, (FLOOR,), (TWIST_ARROW,), mirrored=True
    ),
    "lying-on-a-ball-1": Drawing(LYING_KNEES_UP, (FLOOR, BALL)),
    "lying-on-a-ball-2": Drawing(LYING_KNEES_UP, (FLOOR, BALL)),
    "lying-on-a-ball-3": Drawing(LYING_KNEES_UP, (FLOOR, BALL)),
    "neck-flexion-1": Drawing(HANDS_BEHIND_HEAD, (FLOOR,)),
    "neck-flexion-2": Drawing(
        CHIN_TO_CHEST, (FLOOR,), (Arrow(start=(146, 14), bend=(156, 30), end=(146, 46)),)
    ),
}


def svg(drawing):
    """The drawing as a standalone SVG document: shapes only, no script, no style element."""
    body = [_prop(prop) for prop in drawing.props]
    body.append(_figure(drawing.figure))
    body.extend(_arrow(arrow) for arrow in drawing.arrows)
    content = "\n".join(body)
    if drawing.mirrored:
        content = f'<g transform="matrix(-1 0 0 1 {WIDTH} 0)">\n{content}\n</g>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>\n{content}\n</svg>\n'
    )


def _line(points, colour, width):
    coordinates = " ".join(f"{x},{y}" for x, y in points)
    return (
        f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="{width}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _figure(figure):
    far = [
        _line([figure.shoulder, figure.far_elbow, figure.far_hand], FAR_INK, 6),
        _line([figure.hip, figure.far_knee, figure.far_foot], FAR_INK, 6),
    ]
    near = [
        _line([figure.shoulder, figure.hip], INK, 7),
        _line([figure.hip, figure.knee, figure.foot], INK, 6),
        _line([figure.shoulder, figure.elbow, figure.hand], INK, 6),
        f'<circle cx="{figure.head[0]}" cy="{figure.head[1]}" r="11" fill="#ffffff" '
        f'stroke="{INK}" stroke-width="5"/>',
    ]
    return "\n".join(far + near)


def _prop(prop):
    kind = prop[0]
    if kind == "floor":
        return _line([(8, FLOOR_Y), (WIDTH - 8, FLOOR_Y)], PROP_INK, 3)
    if kind == "chair":
        return "\n".join(
            [
                _line([(70, 30), (70, 120), (126, 120)], PROP_INK, 4),
                _line([(72, 120), (72, FLOOR_Y)], PROP_INK, 4),
                _line([(124, 120), (124, FLOOR_Y)], PROP_INK, 4),
            ]
        )
    _, (x, y), radius = prop
    return (
        f'<circle cx="{x}" cy="{y}" r="{radius}" fill="#e5e7eb" stroke="{PROP_INK}" '
        'stroke-width="3"/>'
    )


def _arrow(arrow):
    (x1, y1), (cx, cy), (x2, y2) = arrow.start, arrow.bend, arrow.end
    parts = [
        f'<path d="M{x1},{y1} Q{cx},{cy} {x2},{y2}" fill="none" stroke="{ARROW_INK}" '
        'stroke-width="4" stroke-linecap="round"/>',
        _arrow_head(arrow.end, arrow.bend),
    ]
    if arrow.both_ends:
        parts.append(_arrow_head(arrow.start, arrow.bend))
    return "\n".join(parts)


def _arrow_head(tip, towards):
    """A filled triangle at `tip`, pointing away from `towards` (the curve's pull)."""
    angle = math.atan2(tip[1] - towards[1], tip[0] - towards[0])
    length, spread = 12, 0.45
    corners = [
        (tip[0] - length * math.cos(angle - spread), tip[1] - length * math.sin(angle - spread)),
        (tip[0] - length * math.cos(angle + spread), tip[1] - length * math.sin(angle + spread)),
    ]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in [tip, *corners])
    return f'<polygon points="{points}" fill="{ARROW_INK}"/>'
