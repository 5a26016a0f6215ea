"""The base class of every pipeline step.

A step is a small, named, picklable callable: ``Document`` in, ``Document`` out. It is
configured once through keyword arguments to its constructor, holds only plain data,
and records what it did in the document (labels with rule ids, :class:`~cleanscrape.document.Change`
entries for text edits), so its work can be audited.

Writing your own step::

    from cleanscrape.steps import Step

    class DropAllCaps(Step):
        name = "DropAllCaps"

        def apply(self, doc):
            for _, block in doc.free():
                if block.text.isupper():
                    block.mark("noise", rule="mysite.all_caps")
            return doc
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..document import Document

__all__ = ["Step"]


class Step:
    """Base class of pipeline steps.

    Subclasses set :attr:`name` and implement :meth:`apply`. Options are keyword-only
    constructor arguments stored as attributes; :meth:`options` reports them and
    :meth:`configure` returns a copy with some changed.
    """

    #: Stable name used by :class:`~cleanscrape.pipeline.Pipeline` to find the step.
    name: ClassVar[str] = "Step"

    def __init__(self, **options: Any) -> None:
        for key, value in options.items():
            if not hasattr(type(self), key) and key not in self._option_names():
                raise TypeError(f"{type(self).__name__} has no option {key!r}")
            setattr(self, key, value)

    @classmethod
    def _option_names(cls) -> tuple[str, ...]:
        return tuple(getattr(cls, "OPTIONS", ()))

    def options(self) -> dict[str, Any]:
        """The step's options as a dict (what :meth:`configure` accepts)."""
        return {k: getattr(self, k) for k in self._option_names()}

    def configure(self, **options: Any) -> "Step":
        """Return a copy of the step with ``options`` changed."""
        merged = {**self.options(), **options}
        return type(self)(**merged)

    def apply(self, doc: Document) -> Document:  # pragma: no cover - abstract
        """Do the step's work on ``doc`` and return it."""
        raise NotImplementedError

    def __call__(self, doc: Document) -> Document:
        out = self.apply(doc)
        out.steps_run.append(self.name)
        return out

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self.options().items())
        return f"{type(self).__name__}({opts})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Step) and type(self) is type(other) \
            and self.options() == other.options()

    def __hash__(self) -> int:
        return hash((type(self), tuple(sorted((k, repr(v)) for k, v in self.options().items()))))
