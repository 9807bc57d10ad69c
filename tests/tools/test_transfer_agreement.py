"""test_transfer_agreement.py — the evaluation's live-transfer checks hold the
imprecise state a transfer scanned against the pass's limits report
(eval/common/live_transfer.py): each kind the transfer names must be listed
under the report kind that says how it travels: a whole object or its tail by
its allocation site (function, allocator, line), a union by its type (or, for
one without a name, the field it fills); what the program's own rules declare
untyped is counted apart. Anything
else fails the check, naming what is missing."""
import pytest

from live_transfer import CheckError, check_agreement

SCANNED = "scanned: its bytes travel scanned"
REPORT = [
    f"header-allocation: heap GCObject from luaC_newobj in luaH_new at src/ltable.c:625: one object; {SCANNED}",
    f"byte-buffer: heap signed char from luaM_shrinkvector_ in close_func at src/lparser.c:764: raw bytes; {SCANNED}",
    f"union-with-pointer: heap Node (Node) at src/ltable.c:490: the active member is unknown; {SCANNED}",
    f"union-with-pointer: heap CallInfo.u (<anonymous>) at src/lstate.c:108: the active member is unknown; {SCANNED}",
    f"unknown-allocation-type: heap object from realloc in l_alloc at src/lauxlib.c:1018: type not inferred; {SCANNED}",
    f"union-with-pointer: registers[].value_ (Value): the active member is unknown; {SCANNED}",
    f"opaque-type: jump_buffer (struct jmp_state): no layout; {SCANNED}",
]


def stderr(*notes):
    return "".join(f"imprecise: {note}\n" for note in notes) + "transferred: 1 globals\n"


def test_every_listed_kind_agrees():
    summary = check_agreement(stderr("past the last element | luaH_new | luaC_newobj | 625 | ",
                                     "byte buffer | close_func | luaM_shrinkvector_ | 764 | ",
                                     "union whose active member is unknown | setnodevector | luaM_malloc_ | 490 | Node",
                                     "union whose active member is unknown | luaE_extendCI | luaM_malloc_ | 108 | CallInfo.u",
                                     "declared untyped | growOpArray | sqlite3DbRealloc | 82198 | ",
                                     "untyped object | l_alloc | realloc | 1018 | ",
                                     "union whose active member is unknown |  |  | 0 | Value",  # in a variable
                                     "unknown type |  |  | 0 | jmp_state"), REPORT)
    assert summary == ("7 kinds of imprecise heap state scanned, each listed in the limits report, "
                       "1 declared untyped by the program's rules")


def test_a_transfer_that_scanned_bytes_but_listed_nothing_fails_the_check():
    with pytest.raises(CheckError, match="listed none"):
        check_agreement("transferred: 1 globals, 97354 imprecise bytes scanned: 3 likely pointers kept\n", REPORT)


@pytest.mark.parametrize("note", [
    "past the last element | luaH_new | luaC_newobj | 626 | ",         # another line
    "past the last element | luaS_new | luaC_newobj | 625 | ",          # another function
    "byte buffer | luaH_new | luaC_newobj | 625 | ",                    # listed, but under another kind
    "union whose active member is unknown | setnodevector | luaM_malloc_ | 490 | TValue",  # another union
    "union whose active member is unknown | luaE_extendCI | luaM_malloc_ | 108 | CallInfo.x",  # another field
    "unknown type | luaH_new | luaC_newobj | 625 | lua_longjmp",        # a type the report never names
    "union whose active member is unknown |  |  | 0 | MemValue",      # a variable's union the report never names
])
def test_imprecision_the_report_does_not_list_fails_the_check(note):
    with pytest.raises(CheckError, match="does not list") as failure:
        check_agreement(stderr(note), REPORT)
    assert note in str(failure.value)
