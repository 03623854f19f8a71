"""Short page names in a folder's own style: `runs/list`, `runs/retrieve-events`.

Maintainers name a page by what the operation does to the folder's resource, not by its whole
summary: `list_runs_v1` in `runs/` is `list`, `get_run_events_v1` is `retrieve-events`. So a
name is the operation's verb and the words left once the resource's words are dropped; the
resource's words are the tag's and those most of the folder's operations share (`waitpoint
token` for `create_waitpoint_token_v1`, `list_waitpoint_tokens_v1`...). The tree's own verbs
win where its pages say so (`get_*` pages named `retrieve-*`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..layout.slugs import slugify

VERSION = re.compile(r"^v\d+$")
FILLERS = frozenset({"a", "an", "the", "all", "of", "or", "and", "for", "to", "via"})
"""Words a summary needs and a file name does not (`Pause or resume a queue`)."""


def operation_words(operation_id: str | None, summary: str) -> list[str]:
    """`get_run_events_v1` -> `["get", "run", "events"]`; from the summary when there is no id."""
    if operation_id:
        words = slugify(operation_id).split("-")
        return [w for w in words if w and not VERSION.match(w)]
    return [w for w in slugify(summary).split("-") if w and w not in FILLERS]


def stem(word: str) -> str:
    """A word compared without its plural: `runs` and `run` are one word."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def resource_words(tag: str, folder_operations: list[list[str]]) -> set[str]:
    """The tag's words and the (stemmed) words most of the folder's operations share.

    A word some operation starts with is a verb (`trigger` of `trigger_task`), never the
    resource, even where `batch_trigger_task` has it too.
    """
    words = {stem(w) for w in slugify(tag).split("-") if w}
    verbs = {stem(ws[0]) for ws in folder_operations if ws}
    counts = Counter(w for ws in folder_operations for w in {stem(x) for x in ws[1:]})
    shared = {w for w, n in counts.items() if n * 2 > len(folder_operations)}
    return words | (shared - verbs)


def learn_verbs(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Operation verb -> the tree's page verb, where most (and at least two) pages agree.

    `pairs` are (first word of the operation, first word of its page's name).
    """
    seen: dict[str, Counter] = defaultdict(Counter)
    for verb, page_verb in pairs:
        seen[verb][page_verb] += 1
    verbs = {}
    for verb, counts in seen.items():
        page_verb, n = counts.most_common(1)[0]
        if page_verb != verb and n >= 2 and n * 2 > sum(counts.values()):
            verbs[verb] = page_verb
    return verbs


def name_candidates(words: list[str], resource: set[str], verbs: dict[str, str]) -> list[str]:
    """Names to try in order: the short one, then the verb with every word."""
    if not words:
        return []
    verb = verbs.get(words[0], words[0])
    rest = [w for w in words[1:] if stem(w) not in resource]
    return list(dict.fromkeys(["-".join([verb, *rest]), "-".join([verb, *words[1:]])]))


__all__ = ["operation_words", "resource_words", "learn_verbs", "name_candidates", "stem"]
