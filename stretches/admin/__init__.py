"""Limber's admin, one module per concern. Every model is registered here, in plain sight.

- `routines`: the routine list, its review queue and the change form;
- `workflow`: the editorial transitions (actions, buttons, "send back");
- `steps`: a routine's steps, inline and reorderable;
- `history`: the readable history and revert, shared by routines and contraindications;
- `contraindications`: the conditions the screening asks about;
- screening data (read-only, behind its own permission) lives with the screening, in
  `stretches.screening.admin`.
"""

from django.contrib import admin

from stretches.admin.contraindications import ContraindicationAdmin
from stretches.admin.routines import RoutineAdmin
from stretches.models import CheckIn, Contraindication, PainReport, Routine, Screening
from stretches.screening.admin import CheckInAdmin, PainReportAdmin, ScreeningAdmin

admin.site.register(Routine, RoutineAdmin)
admin.site.register(Contraindication, ContraindicationAdmin)
admin.site.register(Screening, ScreeningAdmin)
admin.site.register(PainReport, PainReportAdmin)
admin.site.register(CheckIn, CheckInAdmin)
