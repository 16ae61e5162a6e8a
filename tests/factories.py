import factory

from stretches.models import Contraindication, Routine, Step


class ContraindicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contraindication

    name = factory.Sequence(lambda n: f"Condition {n}")
    slug = factory.Sequence(lambda n: f"condition-{n}")
    question = factory.LazyAttribute(lambda c: f"Do you have {c.name.lower()}?")
    explanation = "A plain-language explanation of the term."
    guidance = "Check with a physical therapist first."
    urgency = Contraindication.Urgency.CHECK_WITH_PT
    applies_to_all_routines = False


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Routine {n}")
    slug = factory.Sequence(lambda n: f"routine-{n}")
    about = "A gentle stretch."
    position = Routine.Position.CHAIR
    body_area = Routine.BodyArea.UPPER_BACK
    equipment = Routine.Equipment.CHAIR
    estimated_minutes = 3
    status = Routine.Status.PUBLISHED

    @factory.post_generation
    def contraindications(self, create, extracted, **kwargs):
        if create and extracted:
            self.contraindications.set(extracted)


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    routine = factory.SubFactory(RoutineFactory)
    position = factory.Sequence(lambda n: n + 1)
    instruction = factory.Sequence(lambda n: f"Do movement {n}.")


def routine_with_steps(step_count=3, **fields):
    routine = RoutineFactory(**fields)
    for position in range(1, step_count + 1):
        StepFactory(routine=routine, position=position)
    return routine


def seed_conditions():
    """The seeds' conditions as Limber loads them: a right-now question, a standing general red
    flag and two routine conditions."""
    return {
        "pain": ContraindicationFactory(
            name="Pain right now",
            slug="pain-right-now",
            urgency=Contraindication.Urgency.SEE_DOCTOR,
            applies_to_all_routines=True,
            right_now=True,
        ),
        "weeks": ContraindicationFactory(
            name="Back pain for weeks",
            slug="back-pain-lasting-weeks",
            urgency=Contraindication.Urgency.SEE_DOCTOR,
            applies_to_all_routines=True,
        ),
        "osteopenia": ContraindicationFactory(
            name="Osteopenia",
            slug="osteopenia",
            guidance="Avoid cracking your back at all if you have osteopenia.",
        ),
        "osteoarthritis": ContraindicationFactory(name="Osteoarthritis", slug="osteoarthritis"),
    }


PASSWORD = "a calm walk by the river at dawn"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    username = factory.LazyAttribute(lambda user: user.email)
    password = factory.django.Password(PASSWORD)
