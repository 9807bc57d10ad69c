"""test_bench.py — the benchmark harness measures what it claims: under -icount the guest's
clock counts instructions (checked against a loop of known length), every figure the
README reports is produced, and two runs give identical figures."""
from conftest import build_paths

import bench_report
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
