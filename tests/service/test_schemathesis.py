"""Schemathesis against the app's own OpenAPI schema: no generated request gets a 5xx answer.

Bounded for the suite's time budget: at most 30 examples per operation, derandomized so
that a failure is reproducible.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from service.app import create_app
from tests.service.conftest import make_settings

_ROOT = Path(tempfile.mkdtemp(prefix="congvan-schemathesis-"))
atexit.register(shutil.rmtree, _ROOT, ignore_errors=True)
APP = create_app(make_settings(_ROOT))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
