"""The `mkdocs-runs-api` command. `render SPEC --out DIR` writes the generated Markdown pages
and the nav (as `nav.yml`) for debugging and review; `check --completeness SPEC` renders them
and compares every schema tree, parameter, header and example with the spec. Bad input exits 2
with one line."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

import yaml

from .build.pipeline import GROUP_BY_CHOICES, ReferenceOptions, generate_reference
from .check.output import FORMATTERS
from .errors import SpecError
from .layout.prefixes import prefix_problem
from .layout.select import Selection
from .render import RenderOptions
from .render.markdown import HTML_MODES, SANITIZE, TRUST
from .spec.limits import LoadOptions


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except SpecError as exc:
        print(f"mkdocs-runs-api: error: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print(
            "mkdocs-runs-api: error: the document nests too deeply (hundreds of levels); "
            "flatten it with named components ($ref)",
            file=sys.stderr,
        )
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdocs-runs-api", description="OpenAPI reference pages for MkDocs."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help="write the generated pages and nav to a folder")
    render.add_argument("spec", type=Path, help="the OpenAPI document (YAML or JSON)")
    render.add_argument("--out", type=Path, required=True, help="folder to write into")
    _add_page_options(render)
    render.set_defaults(handler=_render)

    check = commands.add_parser(
        "check",
        help="lint specs, check docs coverage and drift from recorded responses, or (with "
        "--completeness) what the pages miss of the spec",
    )
    check.add_argument("specs", nargs="+", type=Path, metavar="SPEC")
    check.add_argument("--docs", type=Path, help="a Mintlify tree (docs.json) or an MkDocs site")
    check.add_argument(
        "--responses",
        nargs="+",
        type=Path,
        default=[],
        metavar="PATH",
        help="HAR files, or folders of them",
    )
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default="error")
    check.add_argument("--rules", type=Path, help="YAML: {rules: {name: severity|off}}")
    check.add_argument(
        "--base",
        metavar="OLD",
        help="also report what changed since OLD, the spec's previous version: a file, or a git "
        "revision and path (origin/main:openapi.yaml); breaking changes are errors",
    )
    check.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="leave out the findings this file lists (CI fails only on new ones)",
    )
    check.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="write every finding into FILE as the accepted baseline, and exit 0",
    )
    check.add_argument(
        "--completeness",
        action="store_true",
        help="instead of linting: render each spec's pages (with the options below) and compare "
        "every schema tree, parameter, response header and example with the spec, keyword by "
        "keyword; exit 1 if anything is missing",
    )
    check.add_argument(
        "--site",
        type=Path,
        help="with --completeness: read the pages that `mkdocs build` wrote to this folder (the "
        "options below must be the site's), not freshly rendered Markdown",
    )
    check.add_argument(
        "--show", type=int, default=20, metavar="N", help="misses to print per spec (default: 20)"
    )
    _add_page_options(check)
    check.set_defaults(handler=_check)

    export = commands.add_parser(
        "export-mintlify", help="write missing Mintlify pages and docs.json entries from the spec"
    )
    export.add_argument("spec", type=Path, help="the OpenAPI document (YAML or JSON)")
    export.add_argument("--docs", type=Path, required=True, help="the Mintlify tree (docs.json)")
    export.add_argument("--folder", help="folder for new pages (default: where their tag's are)")
    export.add_argument("--group-by", choices=("tag", "none"), default="tag")
    export.add_argument("--mode", choices=("stub", "full"), default="stub")
    export.add_argument(
        "--copy-description",
        action="store_true",
        help="copy each operation's description into stub pages (Mintlify reads it from the spec)",
    )
    export.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print what would change and exit 1 if anything would",
    )
    export.set_defaults(handler=_export_mintlify)

    generate = commands.add_parser(
        "generate",
        help="write the reference into docs_dir (for Zensical and other generators that do not "
        "run MkDocs plugins), with the options of the runs-api plugin entry in mkdocs.yml",
    )
    generate.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    generate.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print what would change and exit 1 if the files are stale",
    )
    generate.set_defaults(handler=_generate)
    return parser


def _add_page_options(command: argparse.ArgumentParser) -> None:
    """The options that shape the generated pages (`render`, `check --completeness`)."""
    command.add_argument("--prefix", default="api", help="URL folder of the pages (default: api)")
    command.add_argument("--group-by", choices=GROUP_BY_CHOICES, default="tag")
    command.add_argument("--templates", type=Path, help="custom templates folder")
    command.add_argument("--exclude-tag", action="append", default=[], metavar="TAG")
    command.add_argument("--include-tag", action="append", default=[], metavar="TAG")
    command.add_argument(
        "--html",
        choices=HTML_MODES,
        default=SANITIZE,
        help="HTML in spec text: sanitize and render it (default), escape it, or trust it",
    )
    command.add_argument(
        "--allow-html",
        action="store_const",
        dest="html",
        const=TRUST,
        help="(deprecated) --html trust",
    )


def _page_options(args: argparse.Namespace, spec: Path, **more) -> ReferenceOptions:
    if not spec.is_file():
        raise SpecError("file not found", file=str(spec), hint="Check the path")
    problem = prefix_problem(args.prefix)
    if problem:
        raise SpecError(problem, file="--prefix")
    if args.templates is not None and not args.templates.is_dir():
        raise SpecError("templates folder not found", file=str(args.templates))
    return ReferenceOptions(
        prefix=args.prefix,
        group_by=args.group_by,
        custom_templates=args.templates,
        selection=Selection(
            include_tags=tuple(args.include_tag), exclude_tags=tuple(args.exclude_tag)
        ),
        render=RenderOptions(html=args.html),
        load=LoadOptions(display_root=spec.resolve().parent),
        **more,
    )


def _render(args: argparse.Namespace) -> int:
    options = _page_options(args, args.spec)
    reference = generate_reference(args.spec, options, one_shot=True)
    for page in reference.pages:
        target = args.out / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    nav_file = args.out / "nav.yml"
    nav_file.write_text(
        yaml.safe_dump({"nav": reference.nav}, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    for problem in reference.shape_problems:
        print(f"warning: {problem}", file=sys.stderr)
    for note in reference.notes:
        print(f"note: {note}", file=sys.stderr)
    for operation, reason in reference.omitted:
        print(f"skipped {operation.key}: {reason}", file=sys.stderr)
    print(f"wrote {len(reference.pages)} pages and {nav_file}")
    return 0


def _check(args: argparse.Namespace) -> int:
    if args.completeness:
        return _check_completeness(args)
    from .check.run import run_check

    for path in [*args.specs, *args.responses, *([args.rules] if args.rules else [])]:
        if not path.exists():
            raise SpecError("file not found", file=str(path))
    if args.docs is not None and not args.docs.is_dir():
        raise SpecError("docs folder not found", file=str(args.docs))
    if args.base is not None and len(args.specs) != 1:
        raise SpecError("--base compares one spec with its old version: pass one SPEC")
    with _base_spec(args.base) as base:
        findings = run_check(
            args.specs, docs=args.docs, responses=args.responses, rules=args.rules, base=base
        )
    if args.write_baseline is not None:
        from .check.baseline import write_baseline

        write_baseline(args.write_baseline, findings)
        print(f"wrote {len(findings)} finding(s) to {args.write_baseline}", file=sys.stderr)
        return 0
    if args.baseline is not None:
        from .check.baseline import against_baseline, read_baseline

        compared = against_baseline(findings, read_baseline(args.baseline), args.baseline.parent)
        findings = compared.new
        print(
            f"{compared.known} finding(s) left out: {args.baseline} has them"
            + (
                f"; {compared.fixed} of its finding(s) no longer occur (run --write-baseline "
                "to drop them)"
                if compared.fixed
                else ""
            ),
            file=sys.stderr,
        )
    sys.stdout.write(FORMATTERS[args.format](findings))
    from .check import at_or_above

    return 1 if at_or_above(findings, args.fail_on) else 0


def _base_spec(argument: str | None):
    if argument is None:
        return contextlib.nullcontext(None)
    from .diff.base import base_spec

    return base_spec(argument)


def _check_completeness(args: argparse.Namespace) -> int:
    from .check.build_checks import unreadable_trees
    from .check.completeness import check_completeness, format_misses
    from .check.misses import summary
    from .samples.render import SampleOptions

    if args.site is not None and not args.site.is_dir():
        raise SpecError("site folder not found", file=str(args.site))
    unreadable = unreadable_trees(
        args.templates, "check the shipped templates' pages (no --templates)"
    )
    if unreadable:
        print(unreadable, file=sys.stderr)
    missing = False
    for spec in args.specs:
        options = _page_options(args, spec, samples=SampleOptions(languages=()))
        reference = generate_reference(spec, options, one_shot=True)
        report = check_completeness(reference, args.site, trees=not unreadable)
        for line in format_misses(report.misses, args.show):
            print(line)
        print(f"{spec}: {summary(report)}")
        missing = missing or bool(report.misses)
    return 1 if missing else 0


def _export_mintlify(args: argparse.Namespace) -> int:
    from .mintlify.export import apply_export, plan_export

    if not args.spec.is_file():
        raise SpecError("file not found", file=str(args.spec))
    if not args.docs.is_dir():
        raise SpecError("docs folder not found", file=str(args.docs))
    folder = args.folder.strip("/") if args.folder else None
    plan = plan_export(
        args.spec,
        args.docs,
        folder=folder,
        group_by=args.group_by,
        mode=args.mode,
        copy_description=args.copy_description,
    )
    for line in plan.describe():
        print(("would " if args.check else "") + line)
    if args.check:
        return 1 if plan.changes else 0
    apply_export(plan)
    print(f"{len(plan.pages)} page(s) created" if plan.changes else "nothing to do")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from .generate.run import describe, generate_site

    outcome = generate_site(args.config_file, check=args.check)
    for line in describe(outcome, args.check):
        print(line)
    return 1 if args.check and outcome.changes else 0


if __name__ == "__main__":
    sys.exit(main())
