"""The exceptions cleanscrape raises.

Every error the library raises on purpose derives from :class:`CleanscrapeError`, so
``except cleanscrape.CleanscrapeError`` catches all of them and nothing else.
"""

from __future__ import annotations

__all__ = [
    "CleanscrapeError",
    "DecodeError",
    "InputError",
    "RuleFileError",
    "ValidationError",
]


class CleanscrapeError(Exception):
    """Base class of every error cleanscrape raises on purpose."""


class InputError(CleanscrapeError, ValueError):
    """The input is of a type or shape cleanscrape cannot read.

    Pass ``str`` (text or HTML), ``bytes`` (decoded for you) or a ``BeautifulSoup`` object.
    """


class DecodeError(InputError):
    """Bytes could not be decoded to text with confidence.

    Decode the bytes yourself and pass a ``str``, or pass ``encoding=`` explicitly.
    """


class RuleFileError(CleanscrapeError):
    """A rule file is missing, malformed, or holds a rule that cannot be compiled.

    The message names the file, the rule and what is wrong with it.
    """


class ValidationError(CleanscrapeError, ValueError):
    """A field of an output model holds a value that breaks the contract.

    The message names the field and the offending value.
    """
