"""test_update_pinned.py — address-preserving transfer inside Neurath.
/test/pinned-state hides the address of a typed heap object in a heap block of
unknown type: the transfer cannot relocate that word, so it re-creates the
object at its old address, in a new version whose heap lies in the next heap
bank (sys/heap.h). Each update must commit, the new version must find the
object through the hidden word (it refuses to start otherwise, which would
roll back), and the object must keep its address across several updates
while each new heap moves to the next bank. Past the last bank the heap comes
round again but keeps off bank 0, where the kept object still lives. A hidden
address of a block freed since (old heap memory no object covers) travels as
it is; a hidden address on the old version's stack is refused."""
import re

from conftest import start_background
from update_helpers import expect_commit

INTACT = re.compile(r"pinned-state: hidden pointer intact, counter kept at (0x[0-9a-f]+), new heap bank (\d+)")


def test_an_object_imprecise_state_points_to_keeps_its_address_across_updates(neurath):
    start_background(neurath, "/test/pinned-state", "pinned-state: ready, heap bank 0")
    first = re.search(r"pinned-state: ready, heap bank 0, counter at (0x[0-9a-f]+)", neurath.output).group(1)
    banks = (1, 2, 3, 4, 5, 6, 7, 1, 2)  # after bank 7, bank 0 holds the kept object: bank 1 is next
    for generation, bank in enumerate(banks, start=1):
        output = expect_commit(neurath, "pinned-state /test/pinned-state")
        kept = INTACT.findall(neurath.output)
        assert len(kept) == generation, output
        assert kept[-1] == (first, str(bank)), kept
    assert re.search(r"\d+\s+\d+\s+receiving\s+[0-9a-f]{8}\s+\d+\s+pinned-state", neurath.run_command("ps"))


def test_an_address_on_the_stack_in_imprecise_state_is_refused_and_rolled_back(neurath):
    """The heap's free space travels as it is, but a word holding an address
    elsewhere in the old version (its stack) cannot: the update is refused,
    naming the object, the offset and why, and the old version goes on."""
    start_background(neurath, "/test/pinned-state stack", "pinned-state: ready, heap bank 0")
    output = neurath.run_command("update pinned-state /test/pinned-state", timeout=60)
    assert re.search(r"rolled back: pinned-state: heap object 0x[0-9a-f]+ \(<unknown>, allocated in pinned_state::raw_block\): "
                     r"likely pointer at offset 24 \(untyped object\), not relocatable \(not the old version's heap "
                     r"\(its image, stack or device memory\)\)", output), output
    assert re.search(r"\d+\s+\d+\s+receiving\s+[0-9a-f]{8}\s+\d+\s+pinned-state", neurath.run_command("ps"))
