"""`changelog:`: an "API changelog" page built from the spec's git history (or a base file),
in the nav after the overview, and a badge on each operation page changed since the oldest
version, in a real `mkdocs build --strict`."""

from __future__ import annotations

import copy
import re
import subprocess

import pytest
import yaml
from conftest import assert_built, mkdocs_build, write_site
from test_check_changes import OLD

from mkdocs_runs_api.changelog import ChangelogOptions, build_changelog
from mkdocs_runs_api.spec.input import read_spec


def _git(folder, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *arguments],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def _commit(folder, spec: dict, subject: str) -> None:
    (folder / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    _git(folder, "add", "openapi.yaml")
    _git(folder, "commit", "-qm", subject)


def _history(folder) -> dict:
    """Three commits and an uncommitted change: returns the spec as it is now."""
    folder.mkdir(parents=True, exist_ok=True)
    _git(folder, "init", "-q")
    spec = copy.deepcopy(OLD)
    spec["paths"]["/runs/{runId}"]["get"]["summary"] = "Retrieve a run"
    _commit(folder, spec, "First version")
    spec["paths"]["/runs"]["get"] = {
        "operationId": "listRuns",
        "summary": "List runs",
        "responses": {"200": {"description": "ok"}},
    }
    _commit(folder, spec, "Add listing")
    spec["paths"]["/runs/{runId}"]["get"]["parameters"][1]["required"] = True
    del spec["paths"]["/runs/{runId}"]["delete"]
    _commit(folder, spec, "Require expand, drop delete")
    spec["paths"]["/runs"]["post"]["deprecated"] = True
    (folder / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return spec


def _article(path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.slow  # a real build (the quick tier keeps under a minute)
def test_git_history_makes_a_changelog_page_and_badges(tmp_path):
    _history(tmp_path)
    write_site(tmp_path, "openapi.yaml", plugin_options={"changelog": {"git": 5}})
    assert_built(mkdocs_build(tmp_path))
    site = tmp_path / "site"
    page = _article(site / "api" / "changelog" / "index.html")
    headings = [re.sub("<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page)]
    assert [re.sub(r"^\d{4}-\d\d-\d\d · ", "", h) for h in headings] == [
        "Not committed yet",
        "Require expand, drop delete",
        "Add listing",
        "First version",
    ]
    uncommitted, dropped, added, first = re.split(r"<h2", page)[1:]
    assert 'data-runs-api-change="deprecated"' in uncommitted and "POST /runs" in uncommitted
    assert re.findall(r'data-runs-api-change="(\w+)"', dropped) == ["breaking", "removed"]
    assert '<strong>breaking:</strong> query parameter "expand" became required' in dropped
    assert "<code>DELETE /runs/{runId}</code>" in dropped  # removed: no page to link
    assert re.search(r'<a href="\.\./list-runs/"><code>GET /runs</code></a>', added)
    assert "The first version of the spec, with 3 operations." in first

    def badge(operation_page):
        found = re.search(
            r'data-runs-api-change="(\w+)"><a href="([^"]+)">([^<]+)</a>',
            _article(operation_page),
        )
        return found.groups() if found else None

    pages = {p.parent.name: p for p in (site / "api").glob("*/index.html")}
    assert badge(pages["list-runs"])[0::2] == ("added", "New")
    assert badge(pages["list-runs"])[1].endswith("changelog/#commit-" + _sha(tmp_path, 1))
    assert badge(pages["get-run"])[0::2] == ("breaking", "Breaking change")
    assert badge(pages["create-run"]) == (
        "deprecated",
        "../changelog/#uncommitted",
        "Deprecated",
    )
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert nav.index("API changelog") < nav.index("List runs")


def _sha(folder, back: int) -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short=7", f"HEAD~{back}"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_a_base_file_makes_one_section(tmp_path):
    spec = _history(tmp_path / "repo")
    old = copy.deepcopy(OLD)
    (tmp_path / "repo" / "v1.yaml").write_text(yaml.safe_dump(old))
    bundle = read_spec(tmp_path / "repo" / "openapi.yaml").bundle
    options = ChangelogOptions(True, base="v1.yaml")
    changelog = build_changelog(
        tmp_path / "repo" / "openapi.yaml", bundle, options, tmp_path / "repo"
    )
    (release,) = changelog.releases
    statuses = {entry.operation: entry.status for entry in release.entries}
    assert statuses == {
        "GET /runs/{runId}": "breaking",
        "DELETE /runs/{runId}": "removed",
        "GET /runs": "added",
        "POST /runs": "deprecated",
    }
    assert set(changelog.badges) == {"GET /runs/{runId}", "GET /runs", "POST /runs"}
    assert {b.anchor for b in changelog.badges.values()} == {"since-base"}
    assert spec["paths"]["/runs"]["post"]["deprecated"] is True


def test_releases_between_commits_are_compared_once_per_process(tmp_path, monkeypatch):
    _history(tmp_path)
    bundle = read_spec(tmp_path / "openapi.yaml").bundle
    options = ChangelogOptions(True, git=5)
    first = build_changelog(tmp_path / "openapi.yaml", bundle, options, tmp_path)
    from mkdocs_runs_api.changelog import history

    compared = []
    real = history.compare_bundles
    monkeypatch.setattr(history, "compare_bundles", lambda *a: compared.append(a) or real(*a))
    again = build_changelog(tmp_path / "openapi.yaml", bundle, options, tmp_path)
    assert again.releases == first.releases
    assert len(compared) == 2  # what is not committed, and the badges' base against now


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (True, "say what to compare with"),
        ({"git": 3, "base": "old.yaml"}, "give one of git"),
        ({"git": "ten"}, 'git must be a number of commits, 1 or more, got "ten"'),
        ({"since": 3}, "unknown key 'since'; changelog takes git, base, title and badges"),
    ],
)
def test_a_bad_changelog_option_is_a_config_error(tmp_path, value, said):
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(OLD))
    write_site(tmp_path, "openapi.yaml", plugin_options={"changelog": value})
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert said in result.stderr and "changelog" in result.stderr


def test_git_history_outside_a_repository_is_one_clear_error(tmp_path):
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(OLD))
    write_site(tmp_path, "openapi.yaml", plugin_options={"changelog": {"git": 3}})
    result = mkdocs_build(tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert "git could not read it: fatal: not a git repository" in result.stderr


def test_a_shallow_clone_says_its_history_ends_there(tmp_path):
    _history(tmp_path / "repo")
    _git(tmp_path / "repo", "commit", "-qam", "Deprecate create")
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{tmp_path / 'repo'}", "clone"],
        cwd=tmp_path,
        check=True,
    )
    spec = tmp_path / "clone" / "openapi.yaml"
    options = ChangelogOptions(True, git=10)
    changelog = build_changelog(spec, read_spec(spec).bundle, options, spec.parent)
    assert [r.subject for r in changelog.releases] == [
        "Deprecate create",
        "Require expand, drop delete",
    ]
    assert changelog.releases[-1].first and changelog.releases[-1].shallow
    full = build_changelog(
        tmp_path / "repo" / "openapi.yaml",
        read_spec(tmp_path / "repo" / "openapi.yaml").bundle,
        options,
        tmp_path / "repo",
    )
    assert full.releases[-1].first and not full.releases[-1].shallow
