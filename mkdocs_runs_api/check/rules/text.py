"""Spec text that would publish script into a site."""

from __future__ import annotations

import re

from ...json_text import shown
from ..registry import CheckContext, Hit, rule

UNSAFE_HTML = re.compile(
    r"<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:|data:text/html", re.IGNORECASE
)
TEXT_KEYS = ("description", "summary", "title")


@rule(
    "description-unsafe-html",
    "error",
    "Descriptions contain `<script>`, event handlers or `javascript:` URLs.",
)
def description_unsafe_html(ctx: CheckContext):
    for file, document in ctx.bundle.documents.items():
        stack = [(document, ())]
        while stack:
            node, parts = stack.pop()
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in TEXT_KEYS and isinstance(value, str) and UNSAFE_HTML.search(value):
                        match = UNSAFE_HTML.search(value).group(0).strip()
                        yield Hit(
                            file,
                            parts + (str(key),),
                            f"{key} contains unsafe HTML ({shown(match)}); it is escaped on "
                            "pages, but other tools may publish it as is",
                        )
                    elif isinstance(value, (dict, list)) and key not in ("example", "examples"):
                        stack.append((value, parts + (str(key),)))
            elif isinstance(node, list):
                stack.extend((child, parts + (str(i),)) for i, child in enumerate(node))
