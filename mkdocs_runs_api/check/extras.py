"""What an operation page shows besides its schema trees, read once, and compared with the spec
for each operation on it (the page's own and its callbacks'): parameters and response headers
(`parameter_facts`), and examples (`example_facts`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..spec.walk import OperationSite
from .example_facts import check_examples
from .misses import NodeCheck
from .page_examples import Key, ShownExample, page_examples, site_page_examples
from .page_tables import PageTables, page_tables, site_page_tables
from .parameter_facts import check_headers, check_parameters


@dataclass
class ShownExtras:
    """One page's parameter and header tables, and its examples."""

    tables: PageTables
    examples: dict[Key, list[ShownExample]]

    @classmethod
    def of_markdown(cls, markdown: str, held: list[str] | None = None) -> ShownExtras:
        return cls(page_tables(markdown, held), page_examples(markdown, held))

    @classmethod
    def of_html(cls, html: str) -> ShownExtras:
        """Of a page as `mkdocs build` wrote it."""
        return cls(site_page_tables(html), site_page_examples(html))


def check_extras(check: NodeCheck, shown: ShownExtras, site: OperationSite, callback: str) -> None:
    """Compare the parameters, headers and examples of `site` (under the heading `callback`,
    or "" for the page's own operation) with what the page shows."""
    check_parameters(check, shown.tables, site, callback)
    check_headers(check, shown.tables, site, callback)
    check_examples(check, shown.examples, site, callback)
