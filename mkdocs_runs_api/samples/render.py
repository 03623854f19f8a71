"""Render an operation's code samples: the spec's own first, then one generated per language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import jinja2

from ..model.memo import SharedWork
from ..model.types import Operation
from . import quoting
from .request import SampleRequest, build_sample_request


@dataclass(frozen=True)
class Language:
    key: str
    label: str
    fence: str
    aliases: tuple[str, ...] = ()


LANGUAGES = {
    lang.key: lang
    for lang in (
        Language("curl", "cURL", "bash", ("shell", "sh", "bash", "curl", "http")),
        Language("python", "Python", "python", ("py", "python3")),
        Language("javascript", "JavaScript", "javascript", ("js", "fetch")),
        Language("typescript", "TypeScript", "typescript", ("ts",)),
        Language("node", "Node.js", "javascript", ("nodejs", "node.js")),
        Language("go", "Go", "go", ("golang",)),
        Language("ruby", "Ruby", "ruby", ("rb",)),
        Language("php", "PHP", "php", ()),
        Language("java", "Java", "java", ()),
        Language("csharp", "C#", "csharp", ("c#", "cs", "dotnet")),
    )
}


@dataclass(frozen=True)
class SampleOptions:
    languages: tuple[str, ...] = tuple(LANGUAGES)
    """Generated languages, in tab order (empty: none)."""
    base_url: str | None = None
    """Overrides the spec's first server URL in generated samples."""
    env_vars: dict[str, str] = field(default_factory=dict)
    """Security scheme name -> environment variable the samples read the secret from."""
    default_env: str = "API_TOKEN"
    optional_parameters: int = 3
    """How many optional parameters with an example a sample sends (required ones always)."""
    skip_languages_the_spec_has: bool = False
    """Leave out a generated sample where `x-codeSamples` has one for that language."""


@dataclass(frozen=True)
class CodeSample:
    label: str
    fence: str
    code: str
    language: str
    """Our language key, or the spec's `lang` when we do not know it."""
    generated: bool
    shortened: bool = False
    """Generated with a body the size budget shortened (`SampleBody.shortened`)."""


def language_key(lang: str) -> str:
    """`TypeScript` -> `typescript`, `shell` -> `curl`; unknown names come back lower-cased."""
    name = lang.strip().lower()
    for language in LANGUAGES.values():
        if name == language.key or name in language.aliases or name == language.label.lower():
            return language.key
    return name


def install_filters(env: jinja2.Environment) -> None:
    env.filters.update(
        sh=quoting.sh,
        json_string=quoting.json_string,
        python=quoting.python,
        single_quoted=quoting.single_quoted,
        java=quoting.java,
        go_raw=quoting.go_raw,
    )


def sample_request(operation: Operation, memo: SharedWork, options: SampleOptions) -> SampleRequest:
    """The one request every generated sample of `operation` makes (and its try-it console
    starts from)."""
    return build_sample_request(
        operation,
        memo,
        base_url=options.base_url,
        env_vars=options.env_vars,
        default_env=options.default_env,
        optional_parameters=options.optional_parameters,
    )


def operation_samples(
    operation: Operation,
    memo: SharedWork,
    env: jinja2.Environment,
    options: SampleOptions,
    request: SampleRequest | None = None,
) -> list[CodeSample]:
    """The spec's `x-codeSamples` in its order, then the generated ones in configured order
    (made from `request`, or the operation's `sample_request`)."""
    samples = []
    for raw in (
        operation.extensions.get("x-codeSamples")
        or operation.extensions.get("x-code-samples")
        or []
    ):
        if not isinstance(raw, dict) or "source" not in raw:
            continue
        key = language_key(str(raw.get("lang") or ""))
        known = LANGUAGES.get(key)
        label = str(raw.get("label") or (known.label if known else raw.get("lang") or "Example"))
        fence = known.fence if known else re.sub(r"[^\w+-]", "", key)
        samples.append(CodeSample(label, fence, str(raw["source"]), key, False))
    spec_languages = {s.language for s in samples}
    for key in () if operation.is_webhook else options.languages:  # the API calls a webhook
        if options.skip_languages_the_spec_has and key in spec_languages:
            continue
        request = request or sample_request(operation, memo, options)
        code = env.get_template(f"samples/{key}.jinja").render(req=request, operation=operation)
        while "\n\n\n" in code:  # at most one blank line in a row (str search: bodies are big)
            code = code.replace("\n\n\n", "\n\n")
        code = code.strip("\n") + "\n"
        language = LANGUAGES[key]
        shortened = request.body is not None and request.body.shortened
        samples.append(CodeSample(language.label, language.fence, code, key, True, shortened))
    return _unique_labels(samples)


def _unique_labels(samples: list[CodeSample]) -> list[CodeSample]:
    seen: dict[str, int] = {}
    result = []
    for sample in samples:
        label = " ".join(sample.label.replace('"', "'").split()) or "Example"
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label} ({seen[label]})"
        result.append(replace(sample, label=label))
    return result
