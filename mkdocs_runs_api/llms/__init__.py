"""`/llms.txt` and a Markdown twin of every operation page, for LLMs and agents.

Plain functions over the pipeline's `Reference` and the model, no MkDocs inside:
`twin` writes one operation as plain Markdown (no HTML), `schema_text` a schema as an indented
list, `index` the llms.txt text, and `site` puts the files into a built site (`site_dir`),
with one llms.txt per site for every instance of the plugin.
"""

from .index import ApiSection, Entry, llms_txt
from .site import SiteFiles, SiteInfo, TwinPage, prepare, write_site_files
from .twin import operation_twin

__all__ = [
    "ApiSection",
    "Entry",
    "SiteFiles",
    "SiteInfo",
    "TwinPage",
    "llms_txt",
    "operation_twin",
    "prepare",
    "write_site_files",
]
