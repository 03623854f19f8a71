"""Request bodies are sent as their media type. XML as XML (AWS EC2's `text/xml` bodies were
sent as JSON): the spec's own XML example as written, else a document made from the example
value and the schema's `xml` hints, following OpenAPI's XML object. Binary bodies (and bodies
of a type nothing can write) are read from a file; YAML is YAML; text is text. The cURL, Python
and JavaScript samples of `golden/samples_bodies` run against a recording server."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE_RUNNERS, run_generated_samples

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.model import SharedWork, build_details
from mkdocs_runs_api.samples.render import SampleOptions
from mkdocs_runs_api.samples.request import build_sample_request

PET = {
    "type": "object",
    "required": ["id", "name", "photoUrls", "tags", "aliases"],
    "xml": {"name": "pet"},
    "properties": {
        "id": {"type": "integer", "example": 7, "xml": {"attribute": True}},
        "name": {"type": "string", "example": "Rex", "xml": {"name": "petName"}},
        "photoUrls": {
            "type": "array",
            "xml": {"wrapped": True, "name": "photos"},
            "items": {"type": "string", "example": "a.png", "xml": {"name": "photo"}},
        },
        "tags": {
            "type": "array",
            "items": {"allOf": [{"$ref": "#/components/schemas/Tag"}, {"xml": {"name": "tag"}}]},
        },
        "aliases": {"type": "array", "xml": {"name": "ignored"}, "items": {"example": "R & D"}},
        "owner": {
            "type": "string",
            "example": "Ann",
            "xml": {"prefix": "o", "namespace": "https://example.com/owner"},
        },
    },
}
TAG = {"type": "object", "properties": {"label": {"type": "string", "example": "<good>"}}}


def _request(tmp_path: Path, media: dict, media_type: str = "application/xml", pet: dict = PET):
    body = {"content": {media_type: media}}
    operation = {"requestBody": body, "responses": {"200": {"description": "ok"}}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://pets.example.com"}],
        "paths": {"/pets": {"post": operation}},
        "components": {"schemas": {"Pet": pet, "Tag": TAG}},
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    options = ReferenceOptions(samples=SampleOptions(languages=()))
    reference = generate_reference(tmp_path / "spec.json", options)
    shared = SharedWork.for_bundle(reference.bundle)
    (operation,) = reference.api.operations
    build_details(operation, shared)
    return build_sample_request(operation, shared)


def test_a_synthesized_xml_body_follows_the_xml_hints(tmp_path):
    body = _request(tmp_path, {"schema": {"$ref": "#/components/schemas/Pet"}}).body
    assert body.kind == "text" and body.wire_content_type == "application/xml"
    assert body.text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<pet ')
    root = ET.fromstring(body.text.split("\n", 1)[1])
    assert root.tag == "pet" and root.get("id") == "7"
    assert root.find("petName").text == "Rex"
    assert [photo.text for photo in root.find("photos")] == ["a.png"]
    assert [tag.find("label").text for tag in root.findall("tag")] == ["<good>"]
    assert [alias.text for alias in root.findall("aliases")] == ["R & D"]
    assert root.find("ignored") is None
    assert root.find("{https://example.com/owner}owner").text == "Ann"
    assert "&lt;good&gt;" in body.text and "R &amp; D" in body.text


def test_the_root_element_is_named_by_the_component_without_an_xml_name(tmp_path):
    unnamed = {key: value for key, value in PET.items() if key != "xml"}
    body = _request(tmp_path, {"schema": {"$ref": "#/components/schemas/Pet"}}, pet=unnamed).body
    assert ET.fromstring(body.text.split("\n", 1)[1]).tag == "Pet"


def test_the_spec_s_own_xml_example_is_sent_as_written(tmp_path):
    written = '<pet id="1"><petName>Rex</petName></pet>'
    media = {"schema": {"$ref": "#/components/schemas/Pet"}, "example": written}
    body = _request(tmp_path, media, "text/xml; charset=utf-8").body
    assert body.text == written and body.wire_content_type == "text/xml; charset=utf-8"


GOLDEN_BODIES = Path(__file__).parent / "golden" / "samples_bodies" / "spec.yaml"


@pytest.mark.slow  # every body of the bodies case, sent by three languages' samples
@pytest.mark.parametrize("language", sorted(SAMPLE_RUNNERS))
def test_run_samples_send_each_body_as_its_media_type(tmp_path, recorder, language):
    uploads = {
        "upload.bin": b"\x00\x01bytes\xff",
        "upload.png": b"\x89PNG\r\n",
        "upload.xls": b"x",
        "scan.png": b"\x89PNG scan",
        "attachments.bin": b"\x00attached\r\n--not-a-boundary",
    }
    for name, content in uploads.items():
        (tmp_path / name).write_bytes(content)
    sent = {}
    for operation_id, (_, _, headers, body) in run_generated_samples(
        GOLDEN_BODIES, language, recorder, tmp_path
    ).items():
        content_type = {k.lower(): v for k, v in headers.items()}.get("content-type")
        sent[operation_id] = (content_type, body)
    assert sent["uploadFile"] == ("application/octet-stream", uploads["upload.bin"])
    assert sent["uploadAvatar"] == ("image/png", uploads["upload.png"])
    assert sent["uploadFirmware"] == ("application/vnd.acme.firmware", uploads["upload.bin"])
    assert sent["uploadSheet"] == ("application/vnd.ms-excel", uploads["upload.xls"])
    assert sent["createPlainNote"] == ("text/plain", b"Remember the milk")
    assert sent["uploadConfig"][0] == "application/x-yaml"
    assert yaml.safe_load(sent["uploadConfig"][1]) == {"debug": True, "name": "string"}
    content_type, xml_body = sent["createNote"]
    note = ET.fromstring(xml_body)
    assert content_type == "application/xml" and note.get("id") == "3"
    assert note.find("text").text == "Tom & Jerry <3"
    assert sent["getMe"] == (None, b"")
    content_type, form = sent["uploadDocument"]
    assert content_type.startswith("multipart/form-data; boundary=")
    assert _form_parts(content_type, form) == [
        ("title", None, "text/plain", b'Lease "2024"'),
        ("scan", "scan.png", "image/png", uploads["scan.png"]),
        ("attachments", "attachments.bin", "application/octet-stream", uploads["attachments.bin"]),
    ]


def _form_parts(content_type: str, body: bytes) -> list[tuple]:
    """A multipart/form-data body's parts: (name, file name, content type, bytes)."""
    message = BytesParser(policy=policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    return [
        (
            part.get_param("name", header="content-disposition"),
            part.get_filename(),
            part.get_content_type(),
            part.get_payload(decode=True),
        )
        for part in message.iter_parts()
    ]


def test_a_swagger_2_file_body_is_a_binary_upload_not_json(tmp_path):
    def operation(consumes: list | None) -> dict:
        body = {"name": "file", "in": "body", "required": True, "schema": {"type": "file"}}
        op = {"parameters": [body], "responses": {"204": {"description": "Stored"}}}
        return op if consumes is None else {**op, "consumes": consumes}

    spec = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "host": "files.example.com",
        "paths": {
            "/raw": {"put": operation(None)},
            "/photo": {"put": operation(["application/json", "image/jpeg"])},
        },
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    reference = generate_reference(tmp_path / "spec.json", ReferenceOptions())
    shared = SharedWork.for_bundle(reference.bundle)
    bodies = {}
    for operation in reference.api.operations:
        build_details(operation, shared)
        media = [m.name for m in operation.request_body.media_types]
        body = build_sample_request(operation, shared).body
        bodies[operation.path] = (media, body.kind, body.value, body.wire_content_type)
    assert bodies == {
        "/raw": (["application/octet-stream"], "file", "upload.bin", "application/octet-stream"),
        "/photo": (["image/jpeg"], "file", "upload.jpg", "image/jpeg"),
    }


def test_multipart_files_are_found_in_all_of_parts(tmp_path):
    """PeerTube's upload schemas are `allOf`s: their files were sent as text fields."""
    common = {"type": "object", "required": ["name"], "properties": {"name": {"example": "A"}}}
    upload = {
        "allOf": [
            {"$ref": "#/components/schemas/Common"},
            {
                "type": "object",
                "required": ["videofile"],
                "properties": {"videofile": {"type": "string", "format": "binary"}},
            },
        ]
    }
    media = {
        "schema": {"$ref": "#/components/schemas/Upload"},
        "encoding": {"videofile": {"contentType": "video/mp4, video/webm"}},
    }
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/videos": {
                "post": {
                    "requestBody": {"content": {"multipart/form-data": media}},
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {"schemas": {"Common": common, "Upload": upload}},
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    reference = generate_reference(
        tmp_path / "spec.json", ReferenceOptions(samples=SampleOptions(languages=()))
    )
    shared = SharedWork.for_bundle(reference.bundle)
    (operation,) = reference.api.operations
    build_details(operation, shared)
    body = build_sample_request(operation, shared).body
    assert body.fields == [("name", "A")]
    assert body.files == [("videofile", "videofile.mp4", "video/mp4")]
