"""MDX pages for Mintlify: stub pages (front matter only, as people write them by hand) and full
pages rendered from `templates/mintlify/` with Mintlify components."""

from __future__ import annotations

import json
import re

from ..model.types import ApiModel, Operation
from ..render import RenderOptions, make_environment
from ..render import markdown as md

FRONT_MATTER_KEY = "openapi"


def front_matter(
    api: ApiModel, operation: Operation, spec_name: str, key: str, description: bool = True
) -> str:
    """YAML front matter: title, the operation reference, and (when asked and there is one)
    the description."""
    lines = [
        "---",
        f"title: {md.yaml_string(operation.title)}",
        f"{key}: {md.yaml_string(f'{spec_name} {operation.key}')}",
    ]
    text = " ".join(operation.description.split()) if description else ""
    if text:
        lines.append(f"description: {md.yaml_string(text)}")
    return "\n".join(lines + ["---", ""])


def render_stub_page(
    api: ApiModel, operation: Operation, spec_name: str, description: bool = False
) -> str:
    """A page like the ones Mintlify users write: Mintlify renders the operation itself, and
    reads its description from the spec, so a copy (`description=True`) can only go stale."""
    return front_matter(api, operation, spec_name, FRONT_MATTER_KEY, description)


def render_full_page(api: ApiModel, operation: Operation, spec_name: str) -> str:
    """The whole page as MDX, for sites that do not use Mintlify's OpenAPI rendering.

    The operation is named under `runs-api-operation`, not `openapi`, so Mintlify does not render
    it a second time; `check --docs` and later exports still find the page by it.
    """
    env = make_environment(None, RenderOptions())
    env.filters.update(
        mdx_block=lambda text: md.md_block(text, mdx=True),
        mdx_inline=lambda text: " ".join(md.md_block(text, mdx=True).split()),
        jsx_attr=jsx_attribute,
    )
    body = env.get_template("mintlify/operation.mdx.jinja").render(api=api, operation=operation)
    body = re.sub(r"\n{3,}", "\n\n", body).strip("\n") + "\n"
    return front_matter(api, operation, spec_name, "runs-api-operation") + "\n" + body


def jsx_attribute(value: object) -> str:
    """A JSX string attribute value: double-quoted, with `"`, `&`, `<`, `{` as references."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(str(text).split())
    for char, reference in (
        ("&", "&amp;"),
        ('"', "&quot;"),
        ("<", "&lt;"),
        ("{", "&#123;"),
        ("}", "&#125;"),
    ):
        text = text.replace(char, reference)
    return f'"{text}"'
