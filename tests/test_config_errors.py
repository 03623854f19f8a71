"""Config mistakes are one-line config errors that name the option and the fix, never a
traceback, and never a build that quietly leaves the reference out."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, mkdocs_build, quick_first, write_site

SPEC = REPO / "example-site" / "openapi.yaml"

CASES = {
    "unknown_limit": (
        {"limits": {"bogus": 1}},
        "option 'limits': unknown limit 'bogus'; the limits are max_example_bytes, ",
    ),
    "limit_not_a_number": (
        {"limits": {"max_operations": "lots"}},
        "option 'limits': max_operations must be a positive whole number, got \"lots\"",
    ),
    "limit_zero": ({"limits": {"max_example_depth": 0}}, "max_example_depth must be a positive"),
    "limit_boolean": ({"limits": {"max_operations": True}}, "got true"),
    "optional_parameters_negative": (
        {"code_samples_optional_parameters": -1},
        "option 'code_samples_optional_parameters': expected a whole number, 0 or more, got -1",
    ),
    "limits_not_a_mapping": ({"limits": 5}, "option 'limits': expected a mapping of limits"),
    "prefix_outside": ({"prefix": "../escape"}, "option 'prefix': '../escape' leads outside"),
    "prefix_hidden": ({"prefix": "docs/.api"}, "does not build pages under '.api'"),
    "prefix_templates": ({"prefix": "templates"}, "does not build pages under 'templates/'"),
    "try_it_method": (
        {"try_it": {"methods": ["fetch"]}},
        "option 'try_it': methods must be a list of HTTP methods (get, post...), got [\"fetch\"]",
    ),
    "try_it_proxy": (
        {"try_it": {"proxy": "https://proxy.example.com"}},
        "option 'try_it': proxy must be a URL with {url} where the request's URL goes",
    ),
    "try_it_unknown_key": (
        {"try_it": {"method": ["get"]}},
        "option 'try_it': unknown key 'method'; try_it takes methods, proxy, storage and timeout",
    ),
    "try_it_storage": ({"try_it": {"storage": "disk"}}, "storage must be memory or session"),
    "try_it_timeout": ({"try_it": {"timeout": 0}}, "timeout must be seconds, 1 or more, got 0"),
    "try_it_word": ({"try_it": "yes"}, "option 'try_it': expected true, false or a mapping"),
    "html_unknown_mode": (
        {"html": "allow"},
        "option 'html': Expected one of: ('sanitize', 'escape', 'trust') but received: 'allow'",
    ),
}


@pytest.mark.parametrize("case", quick_first(sorted(CASES), quick=2))
def test_a_config_mistake_is_one_config_error(tmp_path, case):
    options, expected = CASES[case]
    write_site(tmp_path, SPEC, plugin_options=options)
    result = mkdocs_build(tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    assert "Plugin 'runs-api'" in errors[0] and expected in errors[0], errors[0]
    assert "Aborted with a configuration error!" in result.stdout + result.stderr


def test_limits_that_are_set_apply_and_the_others_keep_their_defaults(tmp_path):
    spec = tmp_path / "openapi.yaml"
    operation = "{responses: {'200': {description: ok}}}"
    spec.write_text(
        'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n'
        + "".join(f"  /r{n}: {{get: {operation}}}\n" for n in range(3)),
        encoding="utf-8",
    )
    write_site(tmp_path, spec, plugin_options={"limits": {"max_operations": 2}})
    result = mkdocs_build(tmp_path)
    assert result.returncode == 1
    assert "more than the limit of 2" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_cli_refuses_a_prefix_outside_the_site_in_one_line(tmp_path):
    command = [sys.executable, "-m", "mkdocs_runs_api.cli", "render", str(SPEC)]
    command += ["--out", str(tmp_path / "out"), "--prefix", "../x"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "mkdocs-runs-api: error: --prefix: '../x' leads outside the site; "
        "use a folder inside it (e.g. 'api')"
    )
    assert not (tmp_path / "out").exists()
