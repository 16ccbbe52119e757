"""The interop tests reuse the cases tests' world: persona clinics' facilities and a case at each step."""

from tests.cases.conftest import INTAKE, PDF, World, upload, world  # noqa: F401
