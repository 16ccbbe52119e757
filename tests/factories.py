"""Test data builders shared by every domain's tests (factory_boy)."""

import factory

from medcorridor.accounts.enums import OrganisationKind, Role
from medcorridor.accounts.models import Membership, Organisation, User

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.MINISTRY
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_ru = factory.Sequence(lambda n: f"Организация {n}")
    country_id = "MN"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


def member(role: str, organisation: Organisation, **user_fields) -> User:
    """A user with one membership."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


__all__ = ["OrganisationFactory", "UserFactory", "member", "Role", "OrganisationKind", "PASSWORD"]
