"""The try-it console's build-time half: what each operation page's console needs, as a small
JSON file beside the page (`data`), with the response schemas it checks replies against
(`schemas`). The console itself is `templates/try-it.js`, loaded only when it is opened."""

from .data import TryItOptions, console_data, console_href, console_uri

__all__ = ["TryItOptions", "console_data", "console_href", "console_uri"]
