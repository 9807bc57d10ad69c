"""cluster_script.py — what a line typed to `./neurath cluster N` means.

The same grammar serves piped input and a terminal:

    @2 arping 10.0.0.1        type `arping 10.0.0.1` into node2's shell (after its prompt)
    @node2 ps                 the same, by name
    @all uptime               type `uptime` into every running instance, node1 first
    @2                        plain lines go to node2 from now on (`@all`: to every node)
    @wait 1 netxfer: listening
                              wait until node1 prints that text (after the line last typed there)
    ps                        a plain line goes to the current target (at first: all)

Instance names are node1..nodeN. Pure parsing, no I/O: host-tested in
tests/tools/test_cluster_script.py.

Entry points:
    Type(targets, text), Wait(targets, text), Retarget(targets)  the parsed actions
    ScriptError                                                  a line that means nothing
    parse_line(line, count, current) -> action
    parse_script(lines, count) -> [action]                       every line, or ScriptError
                                                                 naming the first bad one
"""
from __future__ import annotations

from dataclasses import dataclass

ALL = "all"


class ScriptError(ValueError):
    """A line that addresses no instance or is malformed; the message says which."""


@dataclass(frozen=True)
class Type:
    targets: tuple[int, ...]  # instance numbers, 1-based
    text: str


@dataclass(frozen=True)
class Wait:
    targets: tuple[int, ...]
    text: str


@dataclass(frozen=True)
class Retarget:
    targets: tuple[int, ...]


def instance_name(number: int) -> str:
    return f"node{number}"


def parse_targets(word: str, count: int) -> tuple[int, ...]:
    """'all' | 'N' | 'nodeN' -> instance numbers; ScriptError otherwise."""
    if word == ALL:
        return tuple(range(1, count + 1))
    digits = word[len("node"):] if word.startswith("node") else word
    if digits.isdigit() and 1 <= int(digits) <= count:
        return (int(digits),)
    raise ScriptError(f"no instance {word!r}: the cluster has node1..node{count} (or 'all')")


def parse_line(line: str, count: int, current: tuple[int, ...]) -> Type | Wait | Retarget:
    if not line.startswith("@"):
        return Type(current, line)
    head, _, rest = line[1:].partition(" ")
    if head == "wait":
        word, _, text = rest.strip().partition(" ")
        if not word or not text.strip():
            raise ScriptError("@wait needs an instance and a text: @wait 1 <text>")
        return Wait(parse_targets(word, count), text.strip())
    targets = parse_targets(head, count)
    if not rest.strip():
        return Retarget(targets)
    return Type(targets, rest.strip())


def parse_script(lines: list[str], count: int) -> list[Type | Wait | Retarget]:
    """Every line parsed before anything runs, so a bad script boots nothing."""
    actions, current = [], tuple(range(1, count + 1))
    for number, line in enumerate(lines, start=1):
        try:
            action = parse_line(line, count, current)
        except ScriptError as error:
            raise ScriptError(f"input line {number}: {error}") from None
        if isinstance(action, Retarget):
            current = action.targets
        actions.append(action)
    return actions
