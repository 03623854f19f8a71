"""The benchmark: `python bench/run.py [--spec PATH] [--sizes N ...] [--runs 3] [--render-runs 7]`.

For each spec (synthetic ones of the given sizes, plus `--spec`, e.g. GitHub's from the npm
package @octokit/openapi) it measures, each as the median of `--runs` runs in fresh processes:

1. render only: spec file -> every page's Markdown, no MkDocs (wall time, peak RSS), over
   `--render-runs` runs (it is cheap, and the most sensitive to the machine's noise);
2. `mkdocs build` with the plugin, Material, without and with `navigation.prune` (wall, RSS);
3. the floor: the same pages pre-written as Markdown files, built by MkDocs without the plugin;
4. a serve-style rebuild after a one-operation edit: the plugin's share of it, with its cache
   warm, against the time MkDocs itself needs for the rebuild (the floor with prune);

and prints the ratios: build / floor, time(largest) / time(1,000), and the rebuild overhead.
Each `--spec` is also checked for completeness (`check --completeness`: what of the spec its
pages do not show), its miss count and first misses recorded; the goal is zero.
Ratios come from one run on one machine, and the builds they compare take turns (plugin, floor,
plugin, floor...), so machine noise and drift cancel as far as they can.

With `--compare`, real specs are also built by mkdocs-openapi 0.3.3 (installed in a venv of its
own under `--cache`, the first time), with the same theme and nav options, and rendered by
widdershins 4.0.1 (npm, under `--cache` too) against our render only; the ratios are printed,
and the sites' total HTML and `search/search_index.json` sizes beside each other.
`--render-only --compare --sizes` runs just the render-only measure of the real specs against
widdershins: a minute on GitHub's spec. `--check --spec PATH` times `mkdocs-runs-api check`
against Redocly CLI 2.77.0's `lint` (npm, under `--cache`) on each spec, and nothing else.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_synthetic  # noqa: E402

MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
EXTENSIONS = ["tables", "pymdownx.superfences", {"pymdownx.tabbed": {"alternate_style": True}}]

RENDER_ONLY = """
import sys, time
from pathlib import Path
from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
start = time.perf_counter()
reference = generate_reference(Path(sys.argv[1]), ReferenceOptions(), one_shot=True)  # as the CLI
elapsed = time.perf_counter() - start
import resource
worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
consoles = [len(page.console.encode()) for page in reference.pages if page.console]
print(elapsed, len(reference.pages), worker_mb, max(consoles, default=0), sum(consoles))
"""

MKDOCS_BUILD = """
import atexit, resource, runpy, sys
def report():
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("worker_rss_mb", worker_mb, flush=True)
atexit.register(report)
sys.argv = ["mkdocs", "build", "--quiet"]
runpy.run_module("mkdocs", run_name="__main__")
"""

REBUILD = """
import sys, time
from pathlib import Path
from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.build.serve_cache import RenderCache
spec, edited, target = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
target.write_bytes(spec.read_bytes())
cache = RenderCache()
generate_reference(target, ReferenceOptions(), cache=cache)
target.write_bytes(edited.read_bytes())  # the one-operation edit, in place, as in an editor
start = time.perf_counter()
reference = generate_reference(target, ReferenceOptions(), cache=cache)
print(time.perf_counter() - start, cache.last_rendered)
"""

COMPLETENESS = """
import json, sys
from pathlib import Path
from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.check.completeness import check_completeness, format_misses
from mkdocs_runs_api.samples.render import SampleOptions
options = ReferenceOptions(samples=SampleOptions(languages=()))  # as `check --completeness`
report = check_completeness(generate_reference(Path(sys.argv[1]), options, one_shot=True))
shown = int(sys.argv[2])
print(json.dumps([len(report.misses), report.checked, format_misses(report.misses, shown)]))
"""
FIRST_MISSES = 5
"""How many misses the results keep (and the summary prints), beside the count."""


MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
sys.stderr.write(done.stderr)
print(done.returncode, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(done.stdout, end="")
"""


def run(
    command: list[str], cwd: Path | None = None, ok: tuple[str, ...] = ("0",)
) -> tuple[float, float, str]:
    """`(wall seconds, peak RSS MB, stdout)` of `command` in a fresh process. A wrapper process
    runs it so that RUSAGE_CHILDREN is that one command's peak. An exit code not in `ok` stops
    the bench (a linter that found problems exits 1: pass `ok=("0", "1")`)."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        cwd=cwd,
        env=MKDOCS_ENV,
        capture_output=True,
        text=True,
    )
    first, _, stdout = done.stdout.partition("\n")
    code, wall, rss = first.split()
    if code not in ok:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    return float(wall), float(rss), stdout


def median_of(runs: int, command: list[str], cwd: Path | None = None) -> dict:
    return interleaved(runs, [(command, cwd)])[0]


def interleaved(
    runs: int, jobs: list[tuple[list[str], Path | None]], ok: tuple[str, ...] = ("0",)
) -> list[dict]:
    """Each job's median wall time and RSS over `runs`, the jobs taking turns (A B A B, not
    A A B B), so a machine that slows down or speeds up during the bench biases no ratio."""
    samples: list[list[tuple[float, float, str]]] = [[] for _ in jobs]
    for _ in range(runs):
        for index, (command, cwd) in enumerate(jobs):
            samples[index].append(run(command, cwd, ok))
    return [
        {
            "wall": statistics.median(s[0] for s in job),
            "rss_mb": statistics.median(s[1] for s in job),
            "stdout": job[-1][2],
            "stdouts": [s[2] for s in job],
        }
        for job in samples
    ]


def completeness(spec: Path) -> dict:
    """What of `spec` its rendered pages do not show (`check.completeness`), in a fresh
    process: how many misses, the first few, how many nodes were compared, and how long it
    took (render and check)."""
    wall, _, stdout = run([sys.executable, "-c", COMPLETENESS, str(spec), str(FIRST_MISSES)])
    misses, checked, first = json.loads(stdout.splitlines()[-1])
    return {
        "completeness_misses": misses,
        "completeness_first_misses": first,
        "completeness_checked": checked,
        "completeness_s": wall,
    }


def completeness_lines(result: dict) -> list[str]:
    """The summary of a spec's completeness check: its miss count, then its first misses
    (none for a spec that was not checked)."""
    if "completeness_misses" not in result:
        return []
    count = (
        f"{result['spec']}: completeness: {result['completeness_misses']} missing (target 0), "
        f"{result['completeness_checked']} nodes compared"
    )
    return [count, *(f"    {line}" for line in result["completeness_first_misses"])]


def _worker_rss(stdout: str) -> float:
    """The render worker's peak RSS, as `MKDOCS_BUILD` reports it (0: no worker ran)."""
    for line in stdout.splitlines():
        if line.startswith("worker_rss_mb"):
            return float(line.split()[1])
    return 0.0


def site(folder: Path, spec: Path, prune: bool, plugin: bool, nav=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Home\n")
    config = {
        "site_name": "bench",
        "theme": {"name": "material", "features": ["navigation.prune"] if prune else []},
        "markdown_extensions": EXTENSIONS,
    }
    if plugin:
        config["plugins"] = ["search", {"runs-api": {"spec": str(spec)}}]
    else:
        config["plugins"] = ["search"]
        config["nav"] = ["index.md", {"API reference": nav}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return folder


def floor_site(folder: Path, spec: Path, prune: bool) -> Path:
    """The plugin's pages written out as files: what MkDocs alone costs for the same output."""
    out = folder / "docs"
    subprocess.run(
        [sys.executable, "-m", "mkdocs_runs_api.cli", "render", str(spec), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    nav = yaml.safe_load((out / "nav.yml").read_text())["nav"]
    (out / "nav.yml").unlink()
    assets = out / "assets" / "runs-api"
    assets.mkdir(parents=True)
    from mkdocs_runs_api.render import builtin_templates_dir

    shutil.copy(builtin_templates_dir() / "runs-api.css", assets / "runs-api.css")
    built = site(folder, spec, prune, plugin=False, nav=nav)
    config = yaml.safe_load((built / "mkdocs.yml").read_text())
    config["extra_css"] = ["assets/runs-api/runs-api.css"]
    (built / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return built


def edited_copy(spec: Path, folder: Path) -> Path:
    """The spec with one operation's summary changed (what a one-line edit looks like)."""
    data = (
        json.loads(spec.read_text()) if spec.suffix == ".json" else yaml.safe_load(spec.read_text())
    )
    first_path = next(iter(data["paths"].values()))
    operation = next(
        v for k, v in first_path.items() if k in ("get", "post", "put", "delete", "patch")
    )
    operation["summary"] = str(operation.get("summary", "")) + " (edited)"
    target = folder / f"edited-{spec.stem}.json"
    target.write_text(json.dumps(data))
    return target


COMPETITOR = "mkdocs-openapi==0.3.3"


def competitor_python(cache: Path) -> Path:
    """The Python of a venv with mkdocs-openapi and Material, made on first use."""
    venv = cache / "mkdocs-openapi-0.3.3"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        install = [str(python), "-m", "pip", "install", "-q", COMPETITOR, "mkdocs-material"]
        subprocess.run(install, check=True)
    return python


RENDERER = "widdershins@4.0.1"
LINTER = "@redocly/cli@2.77.0"


def npm_tool(cache: Path, package: str, folder: str, entry: str) -> Path:
    """`entry` (a path inside the install folder) of npm `package`, installed under
    `cache/folder` on first use."""
    prefix = cache / folder
    script = prefix / entry
    if not script.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        install = ["npm", "install", "--silent", "--prefix", str(prefix), package]
        subprocess.run(install, check=True)
    return script


def redocly(cache: Path) -> list[str]:
    """The command that runs Redocly CLI 2.77.0 (installed with npm on first use)."""
    return [str(npm_tool(cache, LINTER, "redocly-cli-2.77.0", "node_modules/.bin/redocly"))]


def check_against_redocly(spec: Path, runs: int, cache: Path) -> dict:
    """`mkdocs-runs-api check` against `redocly lint` (its `recommended` rules) on `spec`:
    each one's median wall time and peak RSS, the runs taking turns."""
    ours = [sys.executable, "-m", "mkdocs_runs_api.cli", "check", str(spec), "--format", "json"]
    theirs = [*redocly(cache), "lint", str(spec), "--format", "json"]
    mine, rival = interleaved(runs, [(ours, None), (theirs, None)], ok=("0", "1"))
    return {
        "spec": spec.stem,
        "check_s": mine["wall"],
        "check_rss_mb": mine["rss_mb"],
        "check_findings": len(json.loads(mine["stdout"])),
        "redocly_lint_s": rival["wall"],
        "redocly_lint_rss_mb": rival["rss_mb"],
        "vs_redocly": mine["wall"] / rival["wall"],
    }


def competitor_node(cache: Path) -> list[str]:
    """The command that runs widdershins 4.0.1 (installed with npm on first use)."""
    entry = "node_modules/widdershins/widdershins.js"
    return ["node", str(npm_tool(cache, RENDERER, "widdershins-4.0.1", entry))]


def site_sizes(folder: Path) -> dict:
    """A built site's total HTML and its search index, in MB."""
    built = folder / "site"
    html = sum(path.stat().st_size for path in built.rglob("*.html"))
    index = built / "search" / "search_index.json"
    index_mb = index.stat().st_size / 1e6 if index.exists() else 0.0
    return {"html_mb": html / 1e6, "search_index_mb": index_mb}


def competitor_site(folder: Path, spec: Path, prune: bool) -> Path:
    """The same spec as a mkdocs-openapi site (its documented setup: the spec under `docs/`,
    named in the nav), Material with the same features and Markdown extensions as ours."""
    (folder / "docs" / "openapi").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Home\n")
    shutil.copy(spec, folder / "docs" / "openapi" / f"spec{spec.suffix}")
    config = {
        "site_name": "bench",
        "theme": {"name": "material", "features": ["navigation.prune"] if prune else []},
        "markdown_extensions": EXTENSIONS,
        "plugins": ["search", "openapi"],
        "nav": ["index.md", {"API reference": f"openapi/spec{spec.suffix}"}],
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return folder


def bench_spec(
    spec: Path,
    runs: int,
    render_runs: int,
    work: Path,
    full: bool,
    rival: Path | None = None,
    renderer: list[str] | None = None,
) -> dict:
    """All measures for one spec; `rival` is a Python with mkdocs-openapi, to build it too, and
    `renderer` the widdershins command, to render it too."""
    name = spec.stem
    result = {"spec": name}
    ours = [sys.executable, "-c", RENDER_ONLY, str(spec)]
    if renderer is None:
        render = median_of(render_runs, ours)
    else:
        out = work / f"{name}-widdershins.md"
        render, theirs = interleaved(
            render_runs, [(ours, None), ([*renderer, str(spec), "-o", str(out)], None)]
        )
        result["widdershins_s"], result["widdershins_rss_mb"] = theirs["wall"], theirs["rss_mb"]
        result["vs_widdershins"] = render["wall"] / theirs["wall"]
    result["render_s"], result["render_rss_mb"] = render["wall"], render["rss_mb"]
    result["pages"] = int(render["stdout"].split()[1])
    inner = [float(stdout.split()[0]) for stdout in render["stdouts"]]
    result["render_inner_s"] = statistics.median(inner)
    result["render_inner_range_s"] = [min(inner), max(inner)]
    result["render_worker_rss_mb"] = float(render["stdout"].split()[2])
    result["console_data_max_kb"] = int(render["stdout"].split()[3]) / 1024
    result["console_data_total_mb"] = int(render["stdout"].split()[4]) / 2**20
    if not full:
        return result
    mkdocs = [sys.executable, "-c", MKDOCS_BUILD]
    for prune in (False, True):
        tag = "prune" if prune else "full_nav"
        jobs = [
            (mkdocs, site(work / f"{name}-plugin-{tag}", spec, prune, plugin=True)),
            (mkdocs, floor_site(work / f"{name}-floor-{tag}", spec, prune)),
        ]
        if rival is not None:
            folder = competitor_site(work / f"{name}-mkdocs-openapi-{tag}", spec, prune)
            jobs.append(([str(rival), "-m", "mkdocs", "build", "--quiet"], folder))
        built, floor, *theirs = interleaved(runs, jobs)
        result[f"build_{tag}_s"], result[f"build_{tag}_rss_mb"] = built["wall"], built["rss_mb"]
        result[f"build_{tag}_worker_rss_mb"] = _worker_rss(built["stdout"])
        result[f"floor_{tag}_s"], result[f"floor_{tag}_rss_mb"] = floor["wall"], floor["rss_mb"]
        result[f"ratio_{tag}"] = built["wall"] / floor["wall"]
        for key, value in site_sizes(jobs[0][1]).items():
            result[f"build_{tag}_{key}"] = value
        if theirs:
            for key, value in site_sizes(jobs[2][1]).items():
                result[f"mkdocs_openapi_{tag}_{key}"] = value
            result[f"mkdocs_openapi_{tag}_s"] = theirs[0]["wall"]
            result[f"mkdocs_openapi_{tag}_rss_mb"] = theirs[0]["rss_mb"]
            result[f"vs_mkdocs_openapi_{tag}"] = built["wall"] / theirs[0]["wall"]
    edited = edited_copy(spec, work)
    target = work / f"served-{spec.stem}.json"
    rebuild = median_of(runs, [sys.executable, "-c", REBUILD, str(spec), str(edited), str(target)])
    result["rebuild_plugin_s"] = float(rebuild["stdout"].split()[0])
    result["rebuild_rerendered_pages"] = int(rebuild["stdout"].split()[1])
    result["rebuild_overhead"] = result["rebuild_plugin_s"] / result["floor_prune_s"]
    return result


CONSOLE_BUDGET_KB = 50
"""The try-it console's script and stylesheet together, gzipped (issue: <= 50 KB)."""


def console_asset_sizes() -> dict[str, float]:
    """The gzipped size (KB) of what a page loads for the try-it console when it is opened,
    and of the loader every page carries."""
    templates = Path(__file__).resolve().parent.parent / "templates"
    sizes = {
        name: len(gzip.compress((templates / name).read_bytes(), 9)) / 1024
        for name in ("try-it.js", "try-it.css", "runs-api.js")
    }
    sizes["console"] = sizes["try-it.js"] + sizes["try-it.css"]
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--spec",
        type=Path,
        action="append",
        default=[],
        help="a real spec too (e.g. GitHub's api.github.com.json)",
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--render-runs",
        type=int,
        default=7,
        help="runs of the render-only measure (cheap, and the noisiest: more runs than builds)",
    )
    parser.add_argument(
        "--build-sizes",
        type=int,
        nargs="*",
        default=[100, 1000],
        help="synthetic sizes that also get full builds (4,000 takes minutes)",
    )
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument(
        "--compare", action="store_true", help="also build real specs with mkdocs-openapi"
    )
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="real specs: render only (against widdershins with --compare); no builds, no "
        "completeness check (a minute on GitHub's spec, for a quiet moment of the machine)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only: time `check` of each --spec against Redocly CLI 2.77.0's `lint` (npm, under "
        "--cache), the runs taking turns",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path.home() / ".cache" / "mkdocs-runs-api-bench",
        help="where the mkdocs-openapi venv and widdershins are kept",
    )
    args = parser.parse_args()
    sizes = console_asset_sizes()
    print(
        f"try-it console: try-it.js {sizes['try-it.js']:.1f} KB + try-it.css "
        f"{sizes['try-it.css']:.1f} KB gzip = {sizes['console']:.1f} KB "
        f"(budget {CONSOLE_BUDGET_KB} KB), loaded only when opened; the loader in every page "
        f"(runs-api.js) {sizes['runs-api.js']:.1f} KB",
        flush=True,
    )
    if args.check:
        for spec in args.spec:
            r = check_against_redocly(spec.resolve(), args.runs, args.cache)
            print(json.dumps(r), flush=True)
            print(
                f"{r['spec']}: check {r['check_s']:.1f} s ({r['check_rss_mb']:.0f} MB, "
                f"{r['check_findings']:,} findings) / redocly lint {r['redocly_lint_s']:.1f} s "
                f"({r['redocly_lint_rss_mb']:.0f} MB) = {r['vs_redocly']:.2f} (target <= 1)"
            )
        return
    results = []
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        for size in args.sizes:
            spec = write_synthetic(work, size)
            results.append(
                bench_spec(spec, args.runs, args.render_runs, work, size in args.build_sizes)
            )
            print(json.dumps(results[-1]), flush=True)
        builds = args.compare and args.spec and not args.render_only
        rival = competitor_python(args.cache) if builds else None
        renderer = competitor_node(args.cache) if args.compare and args.spec else None
        for spec in args.spec:
            full = not args.render_only
            results.append(
                bench_spec(spec.resolve(), args.runs, args.render_runs, work, full, rival, renderer)
            )
            if full:
                results[-1].update(completeness(spec.resolve()))
            print(json.dumps(results[-1]), flush=True)
    by_name = {r["spec"]: r for r in results}
    if "synthetic-1000" in by_name and "synthetic-4000" in by_name:
        ratio = (
            by_name["synthetic-4000"]["render_inner_s"]
            / by_name["synthetic-1000"]["render_inner_s"]
        )
        print(f"render time(4,000)/time(1,000) = {ratio:.2f} (target <= 4.4)")
    for r in results:
        if "ratio_prune" in r:
            print(
                f"{r['spec']}: build/floor = {r['ratio_full_nav']:.3f} (full nav), "
                f"{r['ratio_prune']:.3f} (navigation.prune); "
                f"render only {r['render_inner_s']:.2f} s (median; "
                f"{r['render_inner_range_s'][0]:.2f}-{r['render_inner_range_s'][1]:.2f} s)"
                f", RSS {r['render_rss_mb']:.0f} MB (worker {r['render_worker_rss_mb']:.0f} MB); "
                f"build RSS {r['build_prune_rss_mb']:.0f} MB "
                f"(worker {r['build_prune_worker_rss_mb']:.0f} MB, "
                f"floor {r['floor_prune_rss_mb']:.0f} MB); "
                f"rebuild overhead {100 * r['rebuild_overhead']:.1f}% "
                f"({r['rebuild_rerendered_pages']} page(s) re-rendered)"
            )
        if "console_data_max_kb" in r:
            print(
                f"{r['spec']}: try-it data {r['console_data_max_kb']:.1f} KB on the largest "
                f"page, {r['console_data_total_mb']:.1f} MB in all"
            )
        if "vs_mkdocs_openapi_prune" in r:
            print(
                f"{r['spec']}: vs mkdocs-openapi 0.3.3: "
                f"{r['build_full_nav_s']:.1f} s / {r['mkdocs_openapi_full_nav_s']:.1f} s = "
                f"{r['vs_mkdocs_openapi_full_nav']:.2f} (full nav), "
                f"{r['build_prune_s']:.1f} s / {r['mkdocs_openapi_prune_s']:.1f} s = "
                f"{r['vs_mkdocs_openapi_prune']:.2f} (navigation.prune); their build RSS "
                f"{r['mkdocs_openapi_prune_rss_mb']:.0f} MB, ours {r['build_prune_rss_mb']:.0f} MB"
            )
            for tag in ("full_nav", "prune"):
                print(
                    f"{r['spec']} ({tag}): HTML {r[f'build_{tag}_html_mb']:.1f} MB, search index "
                    f"{r[f'build_{tag}_search_index_mb']:.1f} MB; mkdocs-openapi: HTML "
                    f"{r[f'mkdocs_openapi_{tag}_html_mb']:.1f} MB, search index "
                    f"{r[f'mkdocs_openapi_{tag}_search_index_mb']:.1f} MB"
                )
        for line in completeness_lines(r):
            print(line)
        if "vs_widdershins" in r:
            print(
                f"{r['spec']}: render only vs widdershins 4.0.1: {r['render_s']:.2f} s / "
                f"{r['widdershins_s']:.2f} s = {r['vs_widdershins']:.2f} (wall, whole processes)"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
