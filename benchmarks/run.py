"""Time debatemap's commands (and Argdown on the same maps) at several sizes; print a table.

    python -m benchmarks.run                      # sizes 100, 1,000, 10,000, 50,000
    python -m benchmarks.run --quick              # 100 and 1,000, one repeat
    python -m benchmarks.run --sizes 10000 --repeat 7 --write-results

Each measurement is a whole process (as a user runs it): median and 95th percentile of the
wall time over the repeats, and the peak resident memory of the child. The app is measured
in-process with Textual's Pilot (`benchmarks/app_bench.py`). Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
ARGDOWN = ROOT / "tests" / "node" / "node_modules" / ".bin" / "argdown"
DEBATEMAP = [sys.executable, "-m", "tui"]


@dataclass
class Result:
    name: str
    size: int
    median: float | None
    p95: float | None
    peak_mib: float | None
    note: str = ""


def generated(size: int) -> dict[str, Path]:
    """Write the debates of SIZE claims from a child process; return their paths by form.

    A child's peak-memory figure starts at its parent's size (Linux carries the high-water
    mark across fork and exec), so the parent must never hold a 50,000-claim debate.
    """
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.generate", str(size)], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return {form: Path(path) for form, path in (line.split(maxsplit=1) for line in done.stdout.splitlines())}


def run_once(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB, and exit status of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 and proc.stderr is not None:
        sys.stderr.write(proc.stderr.read().decode(errors="replace")[-500:])
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def measure(name: str, size: int, argv_for: Callable[[], list[str]], repeat: int, cwd: Path) -> Result:
    times, peaks = [], []
    for _ in range(repeat):
        elapsed, peak, status = run_once(argv_for(), cwd)
        if status != (1 if name in REFUSED else 0):
            return Result(name, size, None, None, None, f"exit {status}")
        times.append(elapsed)
        peaks.append(peak)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return Result(name, size, statistics.median(times), p95, max(peaks))


def command_exists(name: str) -> bool:
    return (ROOT / "tui" / "commands" / f"{name}.py").exists()


def exporter_exists(fmt: str) -> bool:
    from export import EXPORTERS

    return fmt in EXPORTERS


REFUSED = {"check (one stakeholder's id changed)"}
"""Rows of a file with problems: the command exits 1, having listed them."""


def a_stakeholder_renamed(toml: Path, work: Path) -> Path:
    """TOML with its first stakeholder's id changed in its own record only: every stance
    of theirs (one in 50) names no stakeholder, a problem each to find the line of."""
    text = toml.read_text(encoding="utf-8")
    opening = '[[stakeholders]]\nid = "'
    at = text.index(opening) + len(opening)
    broken = work / "renamed.toml"
    broken.write_text(text[:at] + "renamed-" + text[at:], encoding="utf-8")
    return broken


def benches(paths: dict[str, Path], work: Path) -> list[tuple[str, Callable[[], list[str]] | None]]:
    toml, js = str(paths["toml"]), str(paths["json"])
    renamed = str(a_stakeholder_renamed(paths["toml"], work))

    def fmt_argv() -> list[str]:
        copy = work / "fmt.toml"
        shutil.copyfile(toml, copy)
        return [*DEBATEMAP, "fmt", str(copy)]

    def maybe(ok: bool, argv: list[str]) -> Callable[[], list[str]] | None:
        return (lambda: argv) if ok else None

    out = work / "out.txt"
    return [
        ("check (TOML)", lambda: [*DEBATEMAP, "check", toml]),
        ("check (JSON)", lambda: [*DEBATEMAP, "check", js]),
        ("check (one stakeholder's id changed)", lambda: [*DEBATEMAP, "check", renamed]),
        ("fmt (load + save)", fmt_argv),
        ("export markdown", lambda: [*DEBATEMAP, "export", toml, "-f", "markdown", "-o", str(out)]),
        ("export html", maybe(exporter_exists("html"), [*DEBATEMAP, "export", toml, "-f", "html", "-o", str(out)])),
        (
            "export argdown",
            maybe(exporter_exists("argdown"), [*DEBATEMAP, "export", toml, "-f", "argdown", "-o", str(out)]),
        ),
        ("analyze", maybe(command_exists("analyze"), [*DEBATEMAP, "analyze", toml, "--json"])),
        (
            "import kialo",
            maybe(
                command_exists("import_"),
                [
                    *DEBATEMAP,
                    "import",
                    str(paths["kialo"]),
                    "--from",
                    "kialo",
                    "-o",
                    str(work / "imported.toml"),
                    "--force",
                ],
            ),
        ),
        (
            "argdown json (Argdown CLI)",
            maybe(ARGDOWN.exists(), [str(ARGDOWN), "json", str(paths["argdown"]), str(work / "argdown-out")]),
        ),
    ]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {date.today().isoformat()}"


def table(results: list[Result], argdown: dict[int, float]) -> str:
    lines = [
        "| size | what | median s | p95 s | peak MiB | vs Argdown json | note |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if r.median is None:
            lines.append(f"| {r.size:,} | {r.name} | {r.note or 'n/a'} | | | | |")
            continue
        whole_process = "Argdown" not in r.name and not r.name.startswith(("app:", "terminal:"))
        ratio = f"{r.median / argdown[r.size]:.2f}×" if r.size in argdown and whole_process else ""
        peak = f"{r.peak_mib:.0f}" if r.peak_mib is not None else ""
        lines.append(f"| {r.size:,} | {r.name} | {r.median:.3f} | {r.p95:.3f} | {peak} | {ratio} | {r.note} |")
    return "\n".join(lines)


def rows_from_child(
    module: str, function: str, toml: Path, repeat: int
) -> list[tuple[str, float | None, float | None, str]]:
    """`benchmarks.MODULE.FUNCTION(TOML, REPEAT)`, run in a process of its own. In this one,
    the terminal rows came out slower after the in-process app rows (3.42 s against 2.97 s
    to use 100,000 claims): what those left in this process's heap (a debate and an app,
    in cycles) was walked by the collector as this process polled the screen every 5 ms."""
    program = (
        "import json, sys; from pathlib import Path; "
        f"from benchmarks.{module} import {function}; "
        f"print(json.dumps({function}(Path(sys.argv[1]), int(sys.argv[2]))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(toml), str(repeat)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    try:
        return [tuple(row) for row in json.loads(done.stdout.strip().splitlines()[-1])]
    except (ValueError, IndexError):
        return [(f"{module} (all)", None, None, f"failed: {done.stderr.strip()[-70:]}")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="sizes 100 and 1,000, one repeat")
    parser.add_argument("--no-app", action="store_true", help="skip the in-app measurements")
    parser.add_argument("--no-terminal", action="store_true", help="skip the app in a real terminal (tmux)")
    parser.add_argument("--write-results", action="store_true", help="write benchmarks/RESULTS.md")
    parser.add_argument("--room", action="store_true", help="only the room: 200 participants answering at once")
    args = parser.parse_args(argv)
    if args.room:
        from .room_bench import main as room_main

        return room_main([])
    sizes = [100, 1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    repeat = 1 if args.quick else args.repeat
    results: list[Result] = []
    argdown: dict[int, float] = {}
    for size in sizes:
        paths = generated(size)
        work = OUT / f"work-{size}"
        work.mkdir(exist_ok=True)
        for name, argv_for in benches(paths, work):
            if argv_for is None:
                result = Result(name, size, None, None, None, "n/a (not built)")
            else:
                result = measure(name, size, argv_for, repeat, ROOT)
            if "Argdown" in name and result.median is not None:
                argdown[size] = result.median
            results.append(result)
            print(
                f"  {size:>6} {name:28} {result.median if result.median is not None else result.note}", file=sys.stderr
            )
        if not args.no_app:
            rows = rows_from_child("app_bench", "app_results", paths["toml"], repeat)
            results.extend(Result(name, size, med, p95, None, note) for name, med, p95, note in rows)
        if not args.no_terminal:
            rows = rows_from_child("terminal_bench", "terminal_results", paths["toml"], min(repeat, 3))
            results.extend(Result(name, size, med, p95, None, note) for name, med, p95, note in rows)
    text = f"Machine: {machine()}\n\n{table(results, argdown)}\n"
    print(text)
    if args.write_results:
        (Path(__file__).parent / "RESULTS.md").write_text(
            "# Benchmark results\n\nMade by `python -m benchmarks.run --write-results`.\n\n" + text, encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
