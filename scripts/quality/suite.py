"""``make test``: the whole suite in two pytest runs, which share one folder of builds (KB_TEST_SHARED).

The tests marked ``alone`` are Lighthouse's gate. Lighthouse's simulated throttling multiplies the CPU
time it observes, so the gate needs the CPU to itself: run beside the other tests at the same priority,
five runs scored 92, 95, 100, 100 and 99 for performance, and each run took about twice as long. The gate used
to run after everything else: about 20 s at the end of every ``make test``, with one core mostly idle.

Where this process may make a Linux control group (as root, as here and in CI; cgroup v1's cpu controller
or v2's), the other tests run in a group of the lowest CPU weight while the gate runs beside them. Whenever
Lighthouse's processes want a core they get it, and the other tests use the rest. Beside the suite in
this way, five runs scored 100, 100, 100, 99 and 100 and took about as long as on an idle machine; the
suite loses only the CPU Lighthouse uses. (``nice`` would not do: Playwright and chrome-launcher start
Chromium in sessions of their own, and Linux's autogroups weigh each session alike, whatever its nice.) Once the gate is done, the group gets the normal weight back, so the
rest of the suite does not yield to the machine's other work. The gate still waits for a second of idle
CPU before each run; the background tests' CPU counts as idle there (:func:`background_cpu_seconds`).
Elsewhere the two runs go one after the other.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quality import ROOT

CGROUPS = Path("/sys/fs/cgroup")
# The file with the background group's CPU usage, for quality.lighthouse's idle wait.
BACKGROUND_USAGE = "KB_BACKGROUND_CPU_USAGE"
# The lowest weight each cgroup version allows, and its default.
LOWEST_WEIGHT = {"cpu.shares": "2", "cpu.weight": "1"}
NORMAL_WEIGHT = {"cpu.shares": "1024", "cpu.weight": "100"}


@dataclass(frozen=True)
class LowPriorityGroup:
    """A control group of the lowest CPU weight. ``folders``: where a process joins it (v1 keeps the
    cpu and cpuacct controllers in two hierarchies, or one); ``weight``: the file that sets its
    weight; ``usage``: the file that counts its CPU time (cpuacct.usage in ns, or cpu.stat)."""

    folders: tuple[Path, ...]
    weight: Path
    usage: Path

    def join(self) -> None:
        """Move the calling process into the group (in a child, before it runs its command);
        everything it starts later is in the group too, Chromium included."""
        for folder in self.folders:
            (folder / "cgroup.procs").write_text(str(os.getpid()))

    def give_normal_weight(self) -> None:
        self.weight.write_text(NORMAL_WEIGHT[self.weight.name])


def _make_group(name: str) -> LowPriorityGroup:
    """The group, made in cgroup v1's cpu controller or at the top of v2; OSError where neither can be."""
    if (CGROUPS / "cpu" / "cpu.shares").exists():
        cpu, cpuacct = CGROUPS / "cpu" / name, CGROUPS / "cpuacct" / name
        cpu.mkdir()
        cpuacct.mkdir(exist_ok=True)  # the same folder where cpu and cpuacct share a hierarchy
        group = LowPriorityGroup((cpu, cpuacct), cpu / "cpu.shares", cpuacct / "cpuacct.usage")
    elif "cpu" in (CGROUPS / "cgroup.subtree_control").read_text().split():
        folder = CGROUPS / name
        folder.mkdir()
        group = LowPriorityGroup((folder,), folder / "cpu.weight", folder / "cpu.stat")
    else:
        raise OSError("no cpu controller")
    group.weight.write_text(LOWEST_WEIGHT[group.weight.name])
    return group


@contextlib.contextmanager
def low_priority_group(name: str) -> Iterator[LowPriorityGroup | None]:
    """A new group (None where this process may not make one), removed afterwards once its
    processes have ended."""
    try:
        group = _make_group(name)
    except OSError:
        group = None
    try:
        yield group
    finally:
        for folder in dict.fromkeys(group.folders if group else ()):
            for _ in range(20):  # a process that has just ended may still be leaving the group
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.1)


def background_cpu_seconds() -> float:
    """The CPU seconds the background tests have used so far (the group that BACKGROUND_USAGE names);
    0 when there is none."""
    path = os.environ.get(BACKGROUND_USAGE)
    if not path:
        return 0.0
    text = Path(path).read_text()
    if path.endswith("cpuacct.usage"):
        return int(text) / 1e9
    return next(int(line.split()[1]) for line in text.splitlines() if line.startswith("usage_usec ")) / 1e6


def alone_test_files() -> list[str]:
    """The test files that mark any test ``alone``: the gate's run collects only these (collecting
    every file again would cost 2.5 s)."""
    return [str(path.relative_to(ROOT)) for path in sorted((ROOT / "tests").glob("test_*.py"))
            if "pytest.mark.alone" in path.read_text(encoding="utf-8")]


def run_suite() -> int:
    """Both runs; the exit status of the first that failed (0 when both passed)."""
    shared = tempfile.mkdtemp(prefix="kb-test-")
    env = dict(os.environ, KB_TEST_SHARED=shared)
    print(f"KB_TEST_SHARED={shared}", flush=True)
    rest = [sys.executable, "-m", "pytest", "-m", "not alone"]
    gate = [sys.executable, "-m", "pytest", "-m", "alone", "-n", "0", *alone_test_files()]
    try:
        with low_priority_group(f"kb-test-{os.getpid()}") as group:
            if group is None:
                print("（不能为其他测试设低 CPU 优先级：Lighthouse 在其他测试之后单独运行）", flush=True)
                return _wait(subprocess.Popen(rest, cwd=ROOT, env=env)) or _wait(subprocess.Popen(gate, cwd=ROOT, env=env))
            return _side_by_side(rest, gate, env, group)
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def _side_by_side(rest: list[str], gate: list[str], env: dict[str, str], group: LowPriorityGroup) -> int:
    """The gate's run beside the rest's, which runs in ``group``; the gate's output is shown after the rest's."""
    with tempfile.TemporaryFile() as gate_output:
        gate_run = subprocess.Popen(gate, cwd=ROOT, env={**env, BACKGROUND_USAGE: str(group.usage)},
                                    stdout=gate_output, stderr=subprocess.STDOUT)
        rest_run = subprocess.Popen(rest, cwd=ROOT, env=env, preexec_fn=group.join)
        try:
            gate_code = _wait(gate_run)
            group.give_normal_weight()
        finally:  # the group is removed once its processes have ended (on Ctrl-C too, which reaches both runs)
            rest_code = _wait(rest_run)
        gate_output.seek(0)
        print("\nLighthouse（与其他测试同时运行，优先使用 CPU）：", flush=True)
        sys.stdout.buffer.write(gate_output.read())
        sys.stdout.flush()
    return rest_code or gate_code


def _wait(process: subprocess.Popen) -> int:
    """The process's exit status. Ctrl-C reaches the process too: it is left to stop on its own, and the
    interrupt goes on once it has."""
    interrupted = False
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:
            interrupted = True
    if interrupted:
        raise KeyboardInterrupt
    return code


def main() -> int:
    try:
        return run_suite()
    except KeyboardInterrupt:
        print("已停止。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
