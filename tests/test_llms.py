"""llms.txt and the Markdown twins of operation pages (`mkdocs_runs_api.llms`).

The twins of `tests/golden/llms_twins/openapi.yaml` and its llms.txt are golden files in
`expected/`: review a change like code; regenerate with `RUNS_API_UPDATE_GOLDEN=1`."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
import yaml
from conftest import assert_built, find_shared_specs, mkdocs_build, write_site

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.layout.select import Selection
from mkdocs_runs_api.llms import SiteInfo, prepare, write_site_files
from mkdocs_runs_api.llms.text import first_sentence, plain_block
from mkdocs_runs_api.samples.render import SampleOptions
from mkdocs_runs_api.spec.limits import LoadOptions

CASE = Path(__file__).parent / "golden" / "llms_twins"
SPEC = CASE / "openapi.yaml"
EXPECTED = CASE / "expected"
UPDATE = os.environ.get("RUNS_API_UPDATE_GOLDEN") == "1"
ENTRY = re.compile(r"^- \[(?P<title>.+?)\]\((?P<url>[^)]+)\): (?P<line>.+)$", re.M)
HTML_TAG = re.compile(r"<(?=[A-Za-z/!?])")


def _prepared(prefix: str = "api", spec: Path = SPEC):
    options = ReferenceOptions(
        prefix=prefix,
        selection=Selection(exclude_tags=("internal",)),
        load=LoadOptions(display_root=spec.parent, ref_roots=(spec.parent,)),
        parallel=False,
    )
    reference = generate_reference(spec, options)
    pages = [reference.layout.overview_uri] + [p.src_uri for p in reference.layout.pages]
    html_uris = {uri: uri.removesuffix(".md") + ".html" for uri in pages}
    return prepare(reference, html_uris, prefix, SampleOptions(languages=()))


def _outside_code(markdown: str) -> str:
    """The text of `markdown` outside fenced blocks and code spans."""
    text = re.sub(r"^(`{3,}).*?^\1\s*$", "", markdown, flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def test_twins_and_llms_txt_match_the_golden_files(tmp_path):
    files = _prepared()
    site = SiteInfo(tmp_path, "Pets docs", "Pets, for people and agents.")
    assert write_site_files(files, site, build=object()) == []
    outputs = {uri: text for uri, text in files.twins.items()}
    outputs["llms.txt"] = (tmp_path / "llms.txt").read_text(encoding="utf-8")
    if UPDATE:
        for uri, text in outputs.items():
            (EXPECTED / uri).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / uri).write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(EXPECTED).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(EXPECTED.rglob("*"))
        if p.is_file()
    }
    assert sorted(outputs) == sorted(expected)
    for uri, text in outputs.items():
        assert text == expected[uri], f"{uri} differs from the golden file"


def test_twins_hold_the_spec_facts_and_no_html():
    twin = _prepared().twins["api/pets/get-pet.md"]
    assert "`GET /pets/{petId}`" in twin
    assert "- `petId` (path, string, required): The pet's id, &lt;b>never&lt;/b> reused." in twin
    assert "Constraints: `maxLength: 40`, `pattern: ^pet_`." in twin
    assert "- `kind` (string, required)\n  Allowed values: `dog`, `cat`.\n  Default: `dog`." in twin
    assert "### 404 Not Found\n\nNo such pet." in twin
    assert '```html\n<pet id="1"></pet>\n```' in twin  # code is kept as written
    assert not HTML_TAG.search(_outside_code(twin))


def test_excluded_operations_are_neither_twinned_nor_listed(tmp_path):
    files = _prepared()
    assert sorted(files.twins) == [
        "api/owners/list-owners.md",
        "api/pets/create-pet.md",
        "api/pets/get-pet.md",
        "api/webhooks/post-pet-born.md",
    ]
    write_site_files(files, SiteInfo(tmp_path, "Pets"), build=object())
    text = (tmp_path / "llms.txt").read_text(encoding="utf-8")
    assert "internal" not in text.lower()
    assert (tmp_path / "api" / "openapi.yaml").read_bytes() == SPEC.read_bytes()


def test_instances_of_one_build_share_one_llms_txt_and_a_new_build_starts_over(tmp_path):
    site, build = SiteInfo(tmp_path, "Two APIs"), object()
    write_site_files(_prepared("pets"), site, build)
    write_site_files(_prepared("more"), site, build)
    text = (tmp_path / "llms.txt").read_text(encoding="utf-8")
    assert "## Pets: pets" in text and "(more/pets/get-pet.md)" in text
    assert len(ENTRY.findall(text)) == 2 + 2 * 4  # a line per API, then each operation
    later = SiteInfo(tmp_path, "Two APIs", started=time.time() + 1)  # the old file is stale
    write_site_files(_prepared("more"), later, build=object())
    text = (tmp_path / "llms.txt").read_text(encoding="utf-8")
    assert "pets/get-pet.md" not in text.replace("more/pets", "")
    assert "## pets" in text


@pytest.mark.parametrize("own", [True, False], ids=["from docs_dir", "another plugin's"])
def test_a_site_llms_txt_is_kept_and_the_api_list_goes_under_the_prefix(tmp_path, own):
    (tmp_path / "llms.txt").write_text("# Mine\n", encoding="utf-8")
    site = SiteInfo(tmp_path, "Pets", own_llms_txt=own, started=time.time() + (1 if own else -1))
    messages = write_site_files(_prepared(), site, build=object())
    assert (tmp_path / "llms.txt").read_text(encoding="utf-8") == "# Mine\n"
    assert len(messages) == 1 and "api/llms.txt" in messages[0]
    fallback = (tmp_path / "api" / "llms.txt").read_text(encoding="utf-8")
    assert "- [Get a pet](pets/get-pet.md)" in fallback  # relative to api/
    assert "[openapi.yaml](openapi.yaml)" in fallback


def test_with_an_empty_prefix_the_kept_llms_txt_is_not_overwritten(tmp_path):
    (tmp_path / "llms.txt").write_text("# Mine\n", encoding="utf-8")
    site = SiteInfo(tmp_path, "Pets", own_llms_txt=True)
    messages = write_site_files(_prepared(""), site, build=object())
    assert (tmp_path / "llms.txt").read_text(encoding="utf-8") == "# Mine\n"
    assert "api-llms.txt" in messages[0]
    assert "- [Get a pet](pets/get-pet.md)" in (tmp_path / "api-llms.txt").read_text()


def test_links_are_absolute_under_site_url(tmp_path):
    site = SiteInfo(tmp_path, "Pets", site_url="https://example.com/docs/")
    write_site_files(_prepared(), site, build=object())
    text = (tmp_path / "llms.txt").read_text(encoding="utf-8")
    assert "(https://example.com/docs/api/pets/get-pet.md)" in text


def test_plain_block_escapes_tags_outside_code_only():
    text = "a <div>x</div> `<b>` a < b<br/>next\n\n```\n<i>\n```"
    assert plain_block(text) == "a &lt;div>x&lt;/div> `<b>` a < b  \nnext\n\n```\n<i>\n```"
    assert first_sentence("Lists runs. Then more.") == "Lists runs."
    assert first_sentence("x" * 200).endswith("…") and len(first_sentence("x" * 200)) == 160


def _check_site(site_dir: Path, operations: int) -> list[str]:
    """llms.txt lists `operations` pages once each, each link an existing `.md` file without
    HTML tags outside code; returns the linked files."""
    text = (site_dir / "llms.txt").read_text(encoding="utf-8")
    urls = [m["url"] for m in ENTRY.finditer(text) if m["url"].endswith(".md")]
    assert len(urls) == operations and len(set(urls)) == operations
    for url in urls:
        twin = site_dir / url
        assert twin.is_file(), url
        assert twin.with_suffix(".html").is_file(), f"{url} is not beside its page"
        assert not HTML_TAG.search(_outside_code(twin.read_text(encoding="utf-8"))), url
    return urls


def test_built_site_lists_every_operation_with_its_twin(tmp_path):
    write_site(tmp_path, SPEC, plugin_options={"exclude_tags": ["internal"]})
    assert_built(mkdocs_build(tmp_path))
    urls = _check_site(tmp_path / "site", 4)
    assert "api/pets/get-pet/index.md" in urls
    assert (tmp_path / "site" / "api" / "openapi.yaml").is_file()


@pytest.mark.slow  # the quick run has a sibling case
def test_llms_txt_false_writes_none_of_it(tmp_path):
    write_site(tmp_path, SPEC, plugin_options={"llms_txt": False})
    assert_built(mkdocs_build(tmp_path))
    site = tmp_path / "site"
    assert not (site / "llms.txt").exists()
    assert not list(site.rglob("*.md")) and not (site / "api" / "openapi.yaml").exists()


@pytest.mark.slow  # a site build
def test_without_directory_urls_twins_sit_beside_page_html_and_a_docs_llms_txt_is_kept(tmp_path):
    write_site(tmp_path, SPEC, extra={"use_directory_urls": False})
    (tmp_path / "docs" / "llms.txt").write_text("# Ours\n", encoding="utf-8")
    result = mkdocs_build(tmp_path)
    assert_built(result)
    assert "kept, without this API's operations" in result.stderr
    site = tmp_path / "site"
    assert (site / "llms.txt").read_text(encoding="utf-8") == "# Ours\n"
    text = (site / "api" / "llms.txt").read_text(encoding="utf-8")
    assert "(pets/get-pet.md)" in text and (site / "api" / "pets" / "get-pet.html").is_file()
    assert (site / "api" / "pets" / "get-pet.md").is_file()


@pytest.mark.slow  # Trigger.dev's spec, ~5 s
def test_trigger_v3_lists_all_66_operations(tmp_path):
    spec = find_shared_specs() / "trigger" / "docs" / "v3-openapi.yaml"
    write_site(tmp_path, spec, plugin_options={"ref_roots": [str(spec.parent)]})
    assert_built(mkdocs_build(tmp_path))
    operations = sum(
        1
        for item in yaml.safe_load(spec.read_text(encoding="utf-8"))["paths"].values()
        for method in item
        if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace")
    )
    assert operations == 66
    _check_site(tmp_path / "site", operations)
