"""A griffe extension that prepares cleanscrape's docstrings for the API reference.

The docstrings follow the Google style, with a few habits from reStructuredText that
Markdown does not share. Before mkdocstrings renders them, this extension:

* turns cross-reference roles (``:class:`~cleanscrape.document.Document```, ``:func:`clean```)
  into links to the documented object, or into code where the object has no page;
* turns a paragraph ending in ``::`` (the literal-block marker) into one ending in ``:``;
* turns underlined section titles (``Styles`` over ``======``) into bold lines, so they do
  not become page-level headings;
* reads an ``Example:`` section as ``Examples:``;
* gives each pydantic field the ``description=`` of its ``Field(...)`` as its docstring, so
  the models' fields are listed.

Only objects of the ``cleanscrape`` package are touched, and only their text: signatures,
members and source stay as they are.
"""

from __future__ import annotations

import ast
import html
import re
from typing import Any

from griffe import Extension, Object

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|mod|data|obj|exc):`(?P<target>[^`]+)`")
_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_LITERAL_MARK = re.compile(r"(?<=\S)::[ \t]*$", re.MULTILINE)
_EXAMPLE = re.compile(r"^(?P<indent>[ \t]*)Example:[ \t]*$", re.MULTILINE)


def _link(target: str, obj: Object) -> str:
    """The Markdown/HTML for one role's target, resolved from ``obj``'s scope."""
    text = target.strip()
    explicit = re.fullmatch(r"(?P<title>.+?)\s*<(?P<path>[^>]+)>", text)
    if explicit:
        title, path = explicit["title"], explicit["path"]
    else:
        path = text.lstrip("~!")
        title = path.rsplit(".", 1)[-1] if text.startswith("~") else path
    identifier = _resolve(path.lstrip("~!"), obj)
    code = f"<code>{html.escape(title)}</code>"
    if identifier is None:
        return code
    return f'<autoref identifier="{html.escape(identifier)}" optional>{code}</autoref>'


def _resolve(path: str, obj: Object) -> str | None:
    path = path.removesuffix("()")
    head, _, rest = path.partition(".")
    scopes: list[Any] = [obj]
    parent = obj.parent
    while parent is not None:
        scopes.append(parent)
        parent = parent.parent
    for scope in scopes:
        resolved = _resolve_in(scope, head)
        if resolved:
            return f"{resolved}.{rest}" if rest else resolved
    return path if path.startswith("cleanscrape.") else None


def _resolve_in(scope: Any, name: str) -> str | None:
    try:
        return str(scope.resolve(name))
    except Exception:  # noqa: BLE001 - griffe raises several kinds of lookup errors
        return None


def _underlines_to_bold(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (line.strip() and _UNDERLINE.match(nxt)
                and len(nxt.strip()) >= max(3, len(line.strip()) - 1)):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}**{line.strip()}**")
            i += 2
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _field_description(value: str) -> str | None:
    """``Field(None, description="The headline.")`` -> ``"The headline."``."""
    try:
        node = ast.parse(value, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Call) or getattr(node.func, "id", None) != "Field":
        return None
    for keyword in node.keywords:
        if keyword.arg == "description" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return None


class CleanscrapeDocstrings(Extension):
    """Rewrite the package's docstrings into the Markdown mkdocstrings expects."""

    def on_package(self, *, pkg: Object, **kwargs: Any) -> None:
        if pkg.path != "cleanscrape":
            return
        seen: set[int] = set()
        self._walk(pkg, seen)

    def _walk(self, obj: Object, seen: set[int]) -> None:
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if obj.is_alias:
            return
        self._fix(obj)
        for member in list(obj.members.values()):
            if not member.is_alias:
                self._walk(member, seen)

    def _fix(self, obj: Object) -> None:
        from griffe import Docstring

        if obj.is_attribute and obj.docstring is None and obj.value is not None:
            description = _field_description(str(obj.value))
            if description:
                obj.docstring = Docstring(description, parent=obj)
        if obj.docstring is None:
            return
        text = obj.docstring.value
        text = _ROLE.sub(lambda m: _link(m["target"], obj), text)
        text = _LITERAL_MARK.sub(":", text)
        text = re.sub(r"^[ \t]*::[ \t]*$", "", text, flags=re.MULTILINE)
        text = _underlines_to_bold(text)
        text = _EXAMPLE.sub(lambda m: f"{m['indent']}Examples:", text)
        obj.docstring.value = text
