"""Errors the library raises. The CLI and the web layer translate them into messages.

SourcetraceError
├── ModelMissingError   a pinned offline model is not installed (names the install command)
├── InputError          an input cannot be read (names the input and how to fix it)
├── UsageError          a call or command was given arguments that cannot work
├── NotFoundError       a story, claim or article the store does not hold (names what it does hold)
└── StoreError          the store cannot be opened or a write failed (names the store, what to check)
"""

from __future__ import annotations


class SourcetraceError(Exception):
    """Base class of every error sourcetrace raises on purpose."""


class ModelMissingError(SourcetraceError):
    pass


class InputError(SourcetraceError):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UsageError(SourcetraceError):
    pass


class NotFoundError(SourcetraceError):
    pass


class StoreError(SourcetraceError):
    """The store cannot be opened, or a write to it failed (names the store and what to check)."""
