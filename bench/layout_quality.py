#!/usr/bin/env python3
"""Layout quality: Workplan's canvas layout against Graphviz dot on the same graphs (issue #16).

For generated plans (bench/generate.py: epics hold features, features hold leaves, 2-3
dependencies per leaf, some on or from summaries) and the samples, this runs
`workplan layout FILE --json` and `dot -Tjson` on the same graph and prints one Markdown
table. The graph given to dot: one box per leaf, 190 x 66 like a canvas card, one nested
cluster per summary, one edge per dependency (prerequisite -> dependent; an end on a
summary is drawn to its cluster with compound=true lhead/ltail, as the canvas draws it to
the frame), rankdir=LR and the canvas's gaps (70 between columns, 22 between rows).

Measures, both sides alike:
  crossings  pairs of polyline segments that intersect, between two edges that share no
             end task (a pair of edges that cross twice counts 2)
  length     total length of all drawn polylines
  bends      total turning of the polylines in right angles (sum of |heading change| /
             90 deg): a straight arrow is 0, an S-curve about 1-2, a loop round a card 2+.
             It does not depend on how finely curves are flattened (dot's: 8 segments per
             cubic; Workplan's: up to 8, fewer where a curve is nearly straight)
  area       bounding box of cards, frames/clusters and edge points
  overlaps   pairs of cards (leaf boxes) whose interiors intersect; must be 0
  time       the layout alone: Workplan's layout_ms (`layout --timings`, after the file is
             read; median of 11 processes); dot's wall time less its start-up on a two-node
             graph (median of up to 11 runs while they take under 5 s in all; its file
             reading and JSON output stay in, a few ms at most)

    python3 bench/layout_quality.py                    # 200, 500, 1000, 2000 + samples
    python3 bench/layout_quality.py --sizes 200 500 --no-samples
Needs build/bin/workplan; dot from Debian's graphviz (`apt-get install graphviz`) - without
it the dot columns say so and only Workplan is measured.
"""

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate  # noqa: E402  (bench/generate.py)

CARD_W, CARD_H = 190.0, 66.0
COL_GAP, ROW_GAP = 70.0, 22.0   # CanvasGeometry: ColumnSpacing - CardWidth, RowSpacing - CardHeight
SEGMENTS = 8


# --- geometry ------------------------------------------------------------------------

def cubic(p0, c1, c2, p3, n=SEGMENTS):
    out = []
    for i in range(1, n + 1):
        t = i / n
        u = 1 - t
        out.append((u * u * u * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t * t * t * p3[0],
                    u * u * u * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t * t * t * p3[1]))
    return out


def seg_intersect(a, b, c, d):
    """Proper or touching intersection of segments ab and cd; returns the point or None."""
    r = (b[0] - a[0], b[1] - a[1])
    s = (d[0] - c[0], d[1] - c[1])
    den = r[0] * s[1] - r[1] * s[0]
    if abs(den) < 1e-12:
        return None   # parallel or collinear: overlapping runs are not counted as crossings
    qp = (c[0] - a[0], c[1] - a[1])
    t = (qp[0] * s[1] - qp[1] * s[0]) / den
    u = (qp[0] * r[1] - qp[1] * r[0]) / den
    # Half-open at the segment ends, so a crossing at a shared polyline vertex counts once.
    if 0 <= t < 1 and 0 <= u < 1:
        return (a[0] + t * r[0], a[1] + t * r[1])
    return None


def crossings(edges, cell=200.0):
    """edges: [(from, to, [points])]. Uniform grid; a crossing counts in the cell holding it."""
    segs = []
    for ei, (f, t, pts) in enumerate(edges):
        for i in range(len(pts) - 1):
            segs.append((ei, pts[i], pts[i + 1]))
    grid = {}
    for si, (ei, a, b) in enumerate(segs):
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        for gx in range(int(math.floor(x0 / cell)), int(math.floor(x1 / cell)) + 1):
            for gy in range(int(math.floor(y0 / cell)), int(math.floor(y1 / cell)) + 1):
                grid.setdefault((gx, gy), []).append(si)
    count = 0
    for (gx, gy), members in grid.items():
        for i in range(len(members)):
            ei, a, b = segs[members[i]]
            ends_i = (edges[ei][0], edges[ei][1])
            for j in range(i + 1, len(members)):
                ej, c, d = segs[members[j]]
                if ej == ei or edges[ej][0] in ends_i or edges[ej][1] in ends_i:
                    continue
                p = seg_intersect(a, b, c, d)
                if p and int(math.floor(p[0] / cell)) == gx and int(math.floor(p[1] / cell)) == gy:
                    count += 1
    return count


def length(pts):
    return sum(math.hypot(pts[i + 1][0] - pts[i][0], pts[i + 1][1] - pts[i][1]) for i in range(len(pts) - 1))


def turning(pts):
    total = 0.0
    heading = None
    for i in range(len(pts) - 1):
        dx, dy = pts[i + 1][0] - pts[i][0], pts[i + 1][1] - pts[i][1]
        if abs(dx) + abs(dy) < 1e-9:
            continue
        h = math.atan2(dy, dx)
        if heading is not None:
            d = abs(h - heading) % (2 * math.pi)
            total += min(d, 2 * math.pi - d)
        heading = h
    return total / (math.pi / 2)


def overlaps(rects):
    """Pairs of rects (x, y, w, h) whose interiors intersect, by a sweep over x."""
    order = sorted(rects, key=lambda r: r[0])
    count = 0
    active = []
    for r in order:
        active = [a for a in active if a[0] + a[2] > r[0] + 0.5]
        for a in active:
            if a[1] < r[1] + r[3] - 0.5 and r[1] < a[1] + a[3] - 0.5:
                count += 1
        active.append(r)
    return count


def measure(cards, frames, edges, seconds):
    xs, ys = [], []
    for x, y, w, h in cards + frames:
        xs += [x, x + w]
        ys += [y, y + h]
    for _, _, pts in edges:
        xs += [p[0] for p in pts]
        ys += [p[1] for p in pts]
    area = (max(xs) - min(xs)) * (max(ys) - min(ys)) if xs else 0.0
    return {"crossings": crossings(edges), "length": sum(length(p) for _, _, p in edges),
            "bends": sum(turning(p) for _, _, p in edges), "area": area,
            "overlaps": overlaps(cards), "time": seconds, "edges": len(edges)}


# --- the two layouts -----------------------------------------------------------------

def run_workplan(binary, path, runs=11):
    # The layout's own time (--timings), without process start-up and file reading: at 200
    # tasks those are ten times the layout and would hide it. The median of `runs` fresh
    # processes: a millisecond measured once is mostly the machine's noise (five were not
    # enough: one median in five came out 40 % above the others on this VM).
    times = []
    for _ in range(runs):
        p = subprocess.run([binary, "layout", path, "--json", "--timings"], check=True, capture_output=True)
        out = p.stdout
        times.append(json.loads(p.stderr.decode().strip().splitlines()[-1])["layout_ms"] / 1000)
    seconds = sorted(times)[len(times) // 2]
    doc = json.loads(out)
    box = lambda o: (o["x"], o["y"], o["w"], o["h"])  # noqa: E731
    cards = [box(c) for c in doc["cards"]]
    frames = [box(f) for f in doc["frames"]]
    edges = [(e["from"], e["to"], [tuple(p) for p in e["points"]]) for e in doc["edges"]]
    return measure(cards, frames, edges, seconds)


def to_dot(tasks, ends):
    """The DOT text; `ends` collects (prerequisite, dependent) per edge id "eN"."""
    ids = {t["task_id"] for t in tasks}
    kids = {}
    for t in tasks:
        p = t.get("parent_task_id")
        if p in ids:
            kids.setdefault(p, []).append(t["task_id"])
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731

    def a_leaf(i):   # a node inside summary i, for lhead/ltail
        while i in kids:
            i = kids[i][0]
        return i

    lines = ["digraph plan {", "  rankdir=LR; compound=true; newrank=true;",
             "  nodesep=%.4f; ranksep=%.4f;" % (ROW_GAP / 72, COL_GAP / 72),
             '  node [shape=box, fixedsize=true, width=%.4f, height=%.4f, label=""];' % (CARD_W / 72, CARD_H / 72)]

    def emit(i, indent):
        if i in kids:
            lines.append("%ssubgraph %s {" % (indent, q("cluster_" + i)))
            for c in kids[i]:
                emit(c, indent + "  ")
            lines.append(indent + "}")
        else:
            lines.append(indent + q(i) + ";")

    for t in tasks:
        if t.get("parent_task_id") not in ids:
            emit(t["task_id"], "  ")
    for t in tasks:
        for d in t.get("dependencies") or []:
            src = d.get("dependency_task_id")
            if src not in ids or src == t["task_id"]:
                continue
            attrs = []
            if src in kids:
                attrs.append("ltail=" + q("cluster_" + src))
            if t["task_id"] in kids:
                attrs.append("lhead=" + q("cluster_" + t["task_id"]))
            # The id names the task ids: with lhead/ltail the drawn ends are leaves inside.
            attrs.append("id=e%d" % len(ends))
            ends.append((src, t["task_id"]))
            lines.append("  %s -> %s [%s];" % (q(a_leaf(src)), q(a_leaf(t["task_id"])), ", ".join(attrs)))
    lines.append("}")
    return "\n".join(lines) + "\n"


def bspline_points(pos):
    """A dot edge `pos` ("e,x,y s,x,y p0 p1 p2 p3 ...") flattened, arrow tip included."""
    start_tip = end_tip = None
    pts = []
    for tok in pos.split():
        parts = tok.split(",")
        if parts[0] == "e":
            end_tip = (float(parts[1]), float(parts[2]))
        elif parts[0] == "s":
            start_tip = (float(parts[1]), float(parts[2]))
        else:
            pts.append((float(parts[0]), float(parts[1])))
    out = [start_tip] if start_tip else []
    out.append(pts[0])
    for i in range(1, len(pts) - 2, 3):
        out += cubic(out[-1], pts[i], pts[i + 1], pts[i + 2])
    if end_tip:
        out.append(end_tip)
    return out


def dot_startup(dot):
    """dot's time on a two-node graph (median of 5): its process start-up and plugin
    loading, taken off each measured run so both columns time the layout alone."""
    with tempfile.NamedTemporaryFile("w", suffix=".dot", delete=False) as f:
        f.write("digraph { a -> b }")
        path = f.name
    times = []
    try:
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([dot, "-Tjson", path], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    finally:
        os.unlink(path)
    return sorted(times)[2]


def run_dot(dot, tasks, timeout, startup=0.0):
    with tempfile.NamedTemporaryFile("w", suffix=".dot", delete=False) as f:
        ends = []
        f.write(to_dot(tasks, ends))
        path = f.name
    try:
        # Like Workplan's, the median of up to 11 runs while they are quick (under 5 s in
        # all): at 200 tasks one dot run measured 100-190 ms within ten minutes on the VM.
        times = []
        while len(times) < 11 and (not times or sum(times) < 5):
            start = time.perf_counter()
            out = subprocess.run([dot, "-Tjson", path], check=True, capture_output=True, timeout=timeout).stdout
            times.append(max(0.0, time.perf_counter() - start - startup))
        seconds = sorted(times)[len(times) // 2]
    finally:
        os.unlink(path)
    doc = json.loads(out)
    cards, frames = [], []
    for o in doc.get("objects", []):
        if "bb" in o:
            x0, y0, x1, y1 = map(float, o["bb"].split(","))
            frames.append((x0, y0, x1 - x0, y1 - y0))
        elif "pos" in o:
            x, y = map(float, o["pos"].split(","))
            w, h = float(o["width"]) * 72, float(o["height"]) * 72
            cards.append((x - w / 2, y - h / 2, w, h))
    edges = []
    for e in doc.get("edges", []):
        f, t = ends[int(e["id"][1:])]
        edges.append((f, t, bspline_points(e["pos"])))
    return measure(cards, frames, edges, seconds)


# --- the table -----------------------------------------------------------------------

def fmt(v, key):
    if v is None:
        return "-"
    if key == "time":
        return "%.2f s" % v if v >= 1 else "%.1f ms" % (v * 1e3)
    if key == "length":
        return "%.0f k" % (v / 1e3) if v >= 1e4 else "%.0f" % v
    if key == "area":
        return "%.2f M" % (v / 1e6)
    if key == "bends":
        return "%.1f" % v
    return str(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[200, 500, 1000, 2000],
                    help="generated plans of about this many tasks")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-samples", action="store_true")
    ap.add_argument("--workplan", default=os.path.join(ROOT, "build", "bin", "workplan"))
    ap.add_argument("--dot-timeout", type=float, default=60, help="seconds before dot is given up")
    args = ap.parse_args()

    dot = shutil.which("dot")
    if not dot:
        print("dot not found (apt-get install graphviz): measuring Workplan only", file=sys.stderr)
    plans = []
    tmp = tempfile.mkdtemp(prefix="layout-quality-")
    for n in args.sizes:
        # generate.py counts leaves; features and epics add about a tenth on top.
        leaves = max(5, round(n / 1.1))
        doc = generate.generate(leaves, args.seed)
        path = os.path.join(tmp, "generated-%d.json" % n)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        plans.append(("generated %d" % n, path, doc["tasks"]))
    if not args.no_samples:
        sdir = os.path.join(ROOT, "samples")
        for name in sorted(os.listdir(sdir)):
            if name.endswith(".json"):
                path = os.path.join(sdir, name)
                with open(path, encoding="utf-8") as f:
                    plans.append((name[:-5], path, json.load(f)["tasks"]))

    keys = ["crossings", "length", "bends", "area", "overlaps", "time"]
    startup = dot_startup(dot) if dot else 0.0
    head = "| plan | tasks | arrows | " + " | ".join("%s WP / dot (x)" % k for k in keys) + " |"
    print(head)
    print("|" + "---|" * (3 + len(keys)))
    for name, path, tasks in plans:
        wp = run_workplan(args.workplan, path)
        dt, note = None, ""
        if dot:
            try:
                dt = run_dot(dot, tasks, args.dot_timeout, startup)
            except subprocess.TimeoutExpired:
                note = "dot > %g s" % args.dot_timeout
            except subprocess.CalledProcessError as e:
                note = "dot failed: " + e.stderr.decode(errors="replace").strip().splitlines()[-1][:60]
        else:
            note = "no dot"
        cells = []
        for k in keys:
            if dt is None:
                cells.append("%s / %s" % (fmt(wp[k], k), note))
                continue
            if abs(dt[k]) >= (0.05 if k == "bends" else 1e-9):
                r = wp[k] / dt[k]
                ratio = "%.2f" % r if r >= 1 or k != "time" else "1/%.0f" % (1 / r)
            else:   # a ratio to (almost) nothing says nothing
                ratio = "=" if abs(wp[k] - dt[k]) < 0.05 else "dot ≈ 0"
            cells.append("%s / %s (%s)" % (fmt(wp[k], k), fmt(dt[k], k), ratio))
        arrows = str(wp["edges"]) + ("" if dt is None or dt["edges"] == wp["edges"] else " / %d" % dt["edges"])
        print("| %s | %d | %s | %s |" % (name, len(tasks), arrows, " | ".join(cells)), flush=True)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
