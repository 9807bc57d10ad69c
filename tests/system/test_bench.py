"""test_bench.py — the benchmark harness measures what it claims: under -icount the guest's
clock counts instructions (checked against a loop of known length), every figure the
README reports is produced, and two runs give identical figures; `bench net` runs,
reports every figure (its bulk streams checked byte for byte, no loopback call
waiting for a timer), repeats (loopback figures to within 0.1%, those with a peer
on the host to within 10%) and prints its table."""
from conftest import build_paths

import bench_report
import net_bench
from qemu_session import qemu_command


def run_bench():
    return {f.name: f.value for f in bench_report.collect(qemu_command(build_paths(), icount=True))}


def test_bench_figures_are_instruction_counts_and_repeat():
    first = run_bench()
    assert abs(first["calibration"] - 2_000_000) < 100, "guest clock is not counting instructions"
    for name in bench_report.REQUIRED_FIGURES:
        assert first[name] > 0, name
    assert first["null_syscall"] < first["ipc_roundtrip"] < first["spawn"]
    second = run_bench()
    for name in bench_report.REQUIRED_FIGURES:
        assert abs(second[name] - first[name]) <= max(1, first[name] // 100), \
            f"{name}: {first[name]} then {second[name]}"


def run_net_bench():
    return net_bench.collect(net_bench.command(build_paths()))


def test_bench_net_reports_repeatable_figures_and_prints_its_table():
    first = run_net_bench()  # raises if a figure is missing, a call stalled or a byte differed
    values = {f.name: f.value for f in first}
    assert abs(values["tcp_bulk_in_send"] + values["tcp_bulk_in_recv"] - values["tcp_bulk_loopback"]) <= 1
    assert 0 < values["ping_loopback"] < values["tcp_connect_request"]
    assert values["tcp_host_recv"] > 0 and values["tcp_host_send"] > 0  # with a peer on the host, both ways
    second = {f.name: f.value for f in run_net_bench()}
    for name, value in values.items():
        # Loopback: the timer's phase follows when the host typed the command. With
        # the host: how its segments and ACKs were batched varies a little too.
        tolerance = value // 10 if name.startswith("tcp_host_") else max(2, value // 1000)
        assert abs(second[name] - value) <= tolerance, f"{name}: {value} then {second[name]}"
    table = net_bench.render(first)
    assert table.splitlines()[0].split()[:3] == ["benchmark", "value", "unit"], table
    assert "bulk TCP per KiB" in table and "ping round trip" in table and "from the host" in table, table
