"""Under `mkdocs serve`, a spec that cannot be read gives the reference one page that says why,
so the browser shows the error (and the rest of the site) instead of waiting for a build that
will not come; the next good save brings the reference back."""

from __future__ import annotations

import json

from ..render.markdown import ESCAPE, md_block

ERROR_TITLE = "API reference: the spec has an error"


def error_page_markdown(message: str) -> str:
    """The page shown in place of the reference: the located error (as text, wrapped), and
    what happens next."""
    quoted = "\n".join(f"> {line}" for line in md_block(message, ESCAPE).split("\n"))
    return (
        f"---\ntitle: {json.dumps(ERROR_TITLE)}\nsearch:\n  exclude: true\n---\n\n"
        f"# {ERROR_TITLE}\n\n"
        "The reference could not be built from the spec. Fix the spec and save it: this page\n"
        "is replaced by the reference on the next rebuild (the terminal shows the same error).\n\n"
        f"{quoted}\n"
    )
