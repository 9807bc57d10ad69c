"""test_bench.py — the benchmark harness measures what it claims: under -icount the guest's
clock counts instructions (checked against a loop of known length), every figure the
README reports is produced, and two runs give identical figures; `bench net` runs,
reports every figure (its bulk stream checked byte for byte, no call waiting for a
timer), repeats to within 0.1% and prints its table."""
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
    second = {f.name: f.value for f in run_net_bench()}
    for name, value in values.items():  # the timer's phase follows when the host typed the command
        assert abs(second[name] - value) <= max(2, value // 1000), f"{name}: {value} then {second[name]}"
    table = net_bench.render(first)
    assert table.splitlines()[0].split()[:3] == ["benchmark", "value", "unit"], table
    assert "bulk TCP per KiB" in table and "ping round trip" in table, table
