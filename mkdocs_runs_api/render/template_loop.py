"""A template that loads itself, directly or through others, reported as a `SpecError`.

Jinja follows `{% extends %}`, `{% include %}` and `{% import %}` as it renders, and the search
path finds a site's `custom_templates` first: an `operation.md.jinja` there that extends
"operation.md.jinja" extends itself, again and again until Python runs out of stack. When a
render ends in a RecursionError, `LoopCheckingEnvironment` reads the templates on the stack: if
one loading statement is on it twice, and each template between loads the next by name, those
templates are the loop. Any other RecursionError (a spec nested too deeply) goes on as it was.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import NoReturn

import jinja2
from jinja2 import nodes

from ..errors import SpecError

VERBS = {
    nodes.Extends: "extends",
    nodes.Include: "includes",
    nodes.Import: "imports",
    nodes.FromImport: "imports",
}
"""The statements that load a template, and what each does to it."""


class LoopCheckingEnvironment(jinja2.Environment):
    """A Jinja environment whose renders report a template loop as a `SpecError`."""

    def __init__(self, *, custom_templates: Path | None = None, **options) -> None:
        super().__init__(**options)
        self.custom_templates = custom_templates
        """The site's templates folder: a loop is named by a template of it, where it can be
        fixed."""

    def handle_exception(self, source: str | None = None) -> NoReturn:
        """Called by Jinja while the render's exception is being handled."""
        error = sys.exc_info()[1]
        if isinstance(error, RecursionError):
            loop = find_template_loop(self, error.__traceback__)
            if loop is not None:
                raise loop_error(self, loop) from None
        super().handle_exception(source)


@dataclass(frozen=True)
class Load:
    """One statement of a template loop: `template` `verb` `loaded`, at `line` of `file`."""

    template: str
    file: str
    line: int
    verb: str
    loaded: str


def template_loads(tb: TracebackType | None) -> list[tuple[jinja2.Template, int, str]]:
    """`(template, line, loaded)` for each template on the stack, outermost first, that started
    rendering another: at `line` of `template`, the template named `loaded` began."""
    loads, last = [], None
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")  # set by Jinja in its code
        if template is not None:
            if tb.tb_frame.f_code.co_name == "root" and last is not None:  # a template begins
                loads.append((*last, template.name))
            last = (template, template.get_corresponding_lineno(tb.tb_lineno))
        tb = tb.tb_next
    return loads


def find_template_loop(env: jinja2.Environment, tb: TracebackType | None) -> list[Load] | None:
    """The loop of loading statements on the stack of `tb`, in the order they ran, or None."""
    loads = template_loads(tb)
    seen: dict[tuple[str, int, str], int] = {}
    for index, (template, line, loaded) in enumerate(loads):
        key = (template.name, line, loaded)
        start = seen.get(key)
        seen[key] = index
        if start is not None:
            statements = [_load_statement(env, *load) for load in loads[start:index]]
            if all(statements):
                return statements
    return None


def _load_statement(
    env: jinja2.Environment, template: jinja2.Template, line: int, loaded: str
) -> Load | None:
    """The statement of `template` that loads the template named `loaded` (preferably the one
    at `line`), or None when it has none (it was loaded some other way, or by a variable)."""
    source = env.loader.get_source(env, template.name)[0]
    found = [
        node
        for node in env.parse(source).find_all(tuple(VERBS))
        if isinstance(node.template, nodes.Const) and node.template.value == loaded
    ]
    if not found:
        return None
    node = next((node for node in found if node.lineno == line), found[0])
    file = template.filename or template.name
    return Load(template.name, file, node.lineno, VERBS[type(node)], loaded)


def loop_error(env: LoopCheckingEnvironment, loop: list[Load]) -> SpecError:
    """The error for `loop`, named by its first template in the site's `custom_templates`."""
    first = next((i for i, load in enumerate(loop) if _is_custom(env, load.file)), 0)
    loop = loop[first:] + loop[:first]
    head = loop[0]
    if len(loop) == 1 and head.loaded == head.template:
        problem = (
            f'template loop: {head.template} {head.verb} "{head.loaded}", which is this file '
            "itself (custom templates are found before the built-in ones)"
        )
        hint = (
            "A template cannot load the built-in one of its own name: copy the built-in file "
            "and edit the copy"
        )
    else:
        steps = f'{head.template} {head.verb} "{head.loaded}"'
        steps += "".join(f', which {load.verb} "{load.loaded}"' for load in loop[1:])
        problem = f"template loop: {steps} again"
        hint = "Take one of these templates out of the loop"
    base = f"_base/{head.template}"
    if _exists(env, base):
        hint = f'Extend "{base}" instead: the built-in template, whose blocks yours can replace'
    return SpecError(problem, file=head.file, line=head.line, hint=hint)


def _exists(env: jinja2.Environment, name: str) -> bool:
    try:
        env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return False
    return True


def _is_custom(env: LoopCheckingEnvironment, file: str) -> bool:
    custom = env.custom_templates
    return custom is not None and Path(file).is_relative_to(os.path.normpath(custom))
