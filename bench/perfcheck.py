#!/usr/bin/env python3
"""The performance regression check (issue #21 point 5): runs every scale benchmark in one go
and prints ONE table: what was measured, the figure, its ratio to a baseline measured in the
same run where one exists, the target, PASS/FAIL.

    python3 bench/perfcheck.py              # everything (about 3-5 minutes on 2 cores)
    python3 bench/perfcheck.py --quick      # without the 1M-task file
    python3 bench/perfcheck.py --build other-build   # time another build

Not part of CI (its time budget); run it by hand before a change lands and copy the table
into the README. Generated inputs go to bench/data/ (gitignored) and are reused.

Baselines, run beside the figures they judge:
  * Qt ms - Qt's own QJsonDocument parse + walk of the same bytes (json_bench), the speed
    of this machine at reading JSON, which Workplan's load is held to (<= 0.4x);
Times that have no natural baseline (whole analyze, .workplan, window, canvas) are judged
against the issue's absolute targets; the JSON rows' Qt ms let a reader scale them for a
slower machine.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")


def sh(cmd, env=None, timeout=900):
    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    if env:
        e.update(env)
    p = subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def ensure(path, make):
    if not os.path.exists(path):
        print(f"generating {os.path.relpath(path, ROOT)}", file=sys.stderr)
        make(path)
    return path


def workflow(leaves):
    return ensure(os.path.join(DATA, f"workflow-{leaves // 1000}k-seed1.json"),
                  lambda p: sh([sys.executable, os.path.join(HERE, "generate.py"),
                                "--leaves", str(leaves), "--seed", "1", "-o", p]))


def hostile(tasks):
    return ensure(os.path.join(DATA, f"hostile-{tasks}.json"),
                  lambda p: sh([sys.executable, os.path.join(HERE, "gen_hostile.py"), p, str(tasks)]))


class Table:
    def __init__(self):
        self.rows = []

    def add(self, what, figure, unit, target, ok, ratio=None, note=""):
        self.rows.append((what, figure, unit, ratio, target, ok, note))

    def print(self):
        print("| what | figure | ratio to baseline | target | result |")
        print("|---|---:|---:|---|---|")
        for what, figure, unit, ratio, target, ok, note in self.rows:
            fig = "-" if figure is None else f"{figure:,.0f} {unit}" if figure >= 100 else f"{figure:.1f} {unit}"
            r = "-" if ratio is None else f"{ratio:.2f}x"
            res = "n/a" if ok is None else ("PASS" if ok else "**FAIL**")
            print(f"| {what}{' (' + note + ')' if note else ''} | {fig} | {r} | {target} | {res} |")
        failed = sum(1 for r in self.rows if r[5] is False)
        print(f"\n{len(self.rows)} rows, {failed} failed")
        return failed


def analyze_timings(binary, path, runs):
    """Median whole wall ms and load_ms of `workplan analyze FILE --json --timings > FILE`.

    The report goes to a file, as a user's `> report.json` sends it: read through a pipe by
    this script (tens of megabytes decoded as text) it cost 60-150 ms of the two cores the
    command itself runs on, and that was this script's time, not Workplan's."""
    walls, loads = [], []
    out_path = os.path.join(DATA, "perfcheck-report.json")
    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    for _ in range(runs):
        with open(out_path, "wb") as out:
            t0 = time.perf_counter()
            p = subprocess.run([binary, "analyze", path, "--json", "--timings"], stdout=out,
                               stderr=subprocess.PIPE, text=True, env=e, timeout=900)
            walls.append((time.perf_counter() - t0) * 1000)
        rc, err = p.returncode, p.stderr
        m = re.search(r'"load_ms":\s*([0-9.]+)', err)
        if rc > 1 or not m:
            raise RuntimeError(f"analyze {path} failed ({rc}): {err[-300:]}")
        loads.append(float(m.group(1)))
    return statistics.median(walls), statistics.median(loads)


def json_rows(bin_dir, files, runs):
    """json_bench's rows: file -> (load ms, Qt parse+walk ms, ratio, spread, PASS)."""
    rc, out, err = sh([os.path.join(bin_dir, "json_bench"), "--runs", str(runs)] + files, timeout=3600)
    rows = {}
    for line in out.splitlines():
        c = line.split()
        if len(c) >= 10 and c[-1] in ("PASS", "FAIL"):
            rows[c[0]] = (float(c[3]), float(c[4]), float(c[6].rstrip("x")), float(c[8].rstrip("x")), c[-1] == "PASS")
    return rows


def corpus(leaves):
    """bench/json_corpus.py's shapes at `leaves`, generated once into bench/data."""
    d = os.path.join(DATA, "json-corpus")
    shapes = ["pretty", "compact", "unknown", "bigattrs", "deep", "bigstrings", "bare", "surrogates", "bigints"]
    files = [os.path.join(d, f"{s}-{leaves}.json") for s in shapes]
    missing = [s for s, f in zip(shapes, files) if not os.path.exists(f)]
    if missing:
        print("generating the JSON corpus: " + ", ".join(missing), file=sys.stderr)
        sh([sys.executable, os.path.join(HERE, "json_corpus.py"), "--leaves", str(leaves), "-o", d,
            "--shapes", ",".join(missing)])
    return files


def peak(binary, args):
    """(wall s, peak RSS MB) of one process under /usr/bin/time -v."""
    rc, _, err = sh(["/usr/bin/time", "-v", binary] + args, timeout=1800)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)", err)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    if not wall or not rss:
        raise RuntimeError(err[-300:])
    seconds = float(wall.group(2)) + 60 * float(wall.group(1) or 0)
    return seconds, int(rss.group(1)) / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--quick", action="store_true", help="skip the 1M-task file")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    bin_dir = os.path.join(a.build, "bin")
    wp = os.path.join(bin_dir, "workplan")
    os.makedirs(DATA, exist_ok=True)
    t = Table()

    f10k, f100k = workflow(10000), workflow(100000)

    # 1. JSON load against Qt's own parser (json_bench, the same bytes in the same run):
    #    every shape of the corpus; then the whole `analyze --json` of the 100k files.
    files = corpus(100000)
    for name, (load, qt, ratio, spread, ok) in json_rows(bin_dir, files, 3).items():
        t.add(f"JSON load, {name}", load, "ms", "<= 0.4x Qt parse+walk, <= 1.2x the compact file's ratio",
              ok, ratio, f"Qt {qt:.0f} ms, {spread:.2f}x usual")
    for f in [f100k] + files:
        wall, load = analyze_timings(wp, f, 3)
        t.add(f"whole `analyze --json`, {os.path.basename(f)}", wall, "ms", "<= 600 ms", wall <= 600)

    # 3. .workplan save and open, 100k tasks, fresh processes (storage_bench).
    rc, out, err = sh([os.path.join(bin_dir, "storage_bench"), "--fresh", "100000", str(a.runs)])
    for kind, target in (("save", 400), ("open", 350)):
        m = re.search(rf"^{kind}\s+([0-9.]+)", out, re.M)
        if m:
            v = float(m.group(1))
            t.add(f".workplan {kind}, 100k, fresh process", v, "ms", f"<= {target} ms", v <= target)

    # 4. 1M tasks: time and peak memory of one analyze.
    if not a.quick:
        seconds, mb = peak(wp, ["analyze", hostile(1000000), "--json"])
        t.add("analyze 1M tasks: wall", seconds * 1000, "ms", "<= 4 s", seconds <= 4)
        t.add("analyze 1M tasks: peak RSS", mb, "MB", "<= 1,200 MB", mb <= 1200)

    # 5. The editor: whole window open and edit -> repainted (window_bench).
    for label, f, med_target, max_target in (("10k", f10k, 16, None), ("100k", f100k, 50, 100)):
        rc, out, err = sh([os.path.join(bin_dir, "window_bench"), f, "15"], timeout=1800)
        o = re.search(r"open: ([0-9.]+) ms", out)
        e = re.search(r"median ([0-9.]+) ms, min ([0-9.]+), max ([0-9.]+)", out)
        if o and label == "100k":
            v = float(o.group(1))
            t.add("window open (load+layout+paint), 100k", v, "ms", "<= 2,000 ms", v <= 2000)
        if e:
            med, mx = float(e.group(1)), float(e.group(3))
            t.add(f"edit -> repainted median, {label}", med, "ms", f"<= {med_target} ms", med <= med_target)
            if max_target:
                t.add(f"edit -> repainted max, {label}", mx, "ms", f"<= {max_target} ms", mx <= max_target)

    # 6. Zoom and pan at every zoom level (canvas_bench on the 100k file): >= 30 fps means
    #    every step <= 33 ms.
    rc, out, err = sh([os.path.join(bin_dir, "canvas_bench"), f100k], timeout=1800)
    header = None
    for line in out.splitlines():
        cols = line.split()
        if cols and cols[0] == "plan":
            header = cols
        elif header and cols and cols[0] == os.path.basename(f100k):
            row = dict(zip(header, cols))
            for key in ("whole-zoom", "whole-pan", "zoom", "pan", "detail", "detail-pan"):
                if key in row and row[key] != "-":
                    v = float(row[key])
                    t.add(f"canvas {key} step, 100k", v, "ms", "<= 33 ms (30 fps)", v <= 33)

    sys.exit(1 if t.print() else 0)


if __name__ == "__main__":
    main()
