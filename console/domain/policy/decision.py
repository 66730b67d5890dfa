"""The answer of every policy rule: allowed or not, and why, in words fit to show an agent."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    @classmethod
    def yes(cls, reason: str = "") -> Decision:
        return cls(True, reason)

    @classmethod
    def no(cls, reason: str) -> Decision:
        return cls(False, reason)


ALLOWED = Decision(True, "")


def first_refusal(*decisions: Decision) -> Decision:
    """The first decision that says no, else ALLOWED."""
    for d in decisions:
        if not d.allowed:
            return d
    return ALLOWED
