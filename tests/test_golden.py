"""Golden tests: a spec fragment in `tests/golden/<case>/spec.yaml`, the generated Markdown
pages and nav in `tests/golden/<case>/expected/`. Cases named `samples_*` include every
generated code sample language (the others none, to stay focused); `samples_*`, `params_*` and
`security_flows` also hold each page's try-it console data (`<page>.try-it.json`). Review a
changed golden file like code; regenerate them with
`RUNS_API_UPDATE_GOLDEN=1 pytest tests/test_golden.py`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.samples.render import LANGUAGES, SampleOptions
from mkdocs_runs_api.spec.limits import LoadOptions
from mkdocs_runs_api.tryit import console_uri

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "spec.yaml").is_file())
CONSOLE_CASES = ("samples_", "params_", "security_flows")
UPDATE = os.environ.get("RUNS_API_UPDATE_GOLDEN") == "1"


def _render(case: Path) -> dict[str, str]:
    languages = tuple(LANGUAGES) if case.name.startswith("samples_") else ()
    options = ReferenceOptions(
        load=LoadOptions(display_root=case), samples=SampleOptions(languages=languages)
    )
    reference = generate_reference(case / "spec.yaml", options)
    outputs = {page.src_uri: page.markdown for page in reference.pages}
    if case.name.startswith(CONSOLE_CASES):  # the try-it console's data, where it has most
        for page in reference.pages:
            if page.console is not None:
                text = json.dumps(json.loads(page.console), indent=1, ensure_ascii=False)
                outputs[console_uri(page.src_uri)] = text + "\n"
    outputs["nav.yml"] = yaml.safe_dump(reference.nav, sort_keys=False, allow_unicode=True)
    return outputs


@pytest.mark.parametrize("name", CASES)
def test_golden(name):
    case = GOLDEN / name
    expected_dir = case / "expected"
    outputs = _render(case)
    if UPDATE:
        for uri, text in outputs.items():
            target = expected_dir / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
    expected = {
        str(p.relative_to(expected_dir)): p.read_bytes().decode("utf-8")
        for p in sorted(expected_dir.rglob("*"))
        if p.is_file()
    }
    assert sorted(outputs) == sorted(expected)
    for uri, text in outputs.items():
        assert text == expected[uri], f"{name}/{uri} differs from the golden file"


def test_there_are_golden_cases():
    assert len(CASES) >= 6
