#!/usr/bin/env python3
"""Writes the JSON load corpus of issue #21: one valid interchange file per shape.

Every file holds bench/generate.py's plan (epics > features > leaves, 2-3 dependencies
per leaf) or, for `deep`, a hierarchy of long parent chains, written in one shape:

    pretty      generate.py's own output (two-space indentation)
    compact     the same plan without whitespace
    unknown     compact, with unknown fields at every level: top level, project (one an
                object), calendar, every task and every dependency
    bigattrs    compact, each task with 30 more attributes of every JSON type
    deep        parent chains 1000 tasks deep, attributes nested 40 levels
    bigstrings  compact, 24 tasks with a 1 MB description (escapes, non-ASCII, emoji)
    bare        compact bare array of tasks (no project)
    surrogates  compact, every non-ASCII character escaped (\\u00e9), and every 1000th
                task's title with a lone surrogate escape (\\ud800), valid JSON that
                simdjson refuses until they are rewritten (jsonprepare.h)
    bigints     compact, every 1000th task with an integer past 64 bits (Qt's reader
                took it as a double; simdjson refuses it until it is respelled)

    python3 bench/json_corpus.py --leaves 100000 -o /tmp/wp-json-corpus [--shapes a,b]
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

COMPACT = {"separators": (",", ":"), "ensure_ascii": False}
SHAPES = ["pretty", "compact", "unknown", "bigattrs", "deep", "bigstrings", "bare", "surrogates", "bigints"]


def unknown(doc, rng):
    doc["x-origin"] = {"tool": "json_corpus", "run": [1, 2.5, "three", None, True]}
    doc["project"]["x-owner"] = {"name": "Planning office", "contacts": [{"mail": "a@b.c", "since": 2019}]}
    doc["project"]["x-flags"] = ["beta", 3]
    doc["project"]["calendar"]["x-note"] = "four-day weeks in August"
    for i, t in enumerate(doc["tasks"]):
        t["x-ticket"] = "JIRA-%d" % i
        t["x-meta"] = {"imported": i % 2 == 0, "score": rng.random()}
        for d in t.get("dependencies", []):
            d["x-reason"] = "review %d" % rng.randint(1, 99)
    return doc


def big_attributes(doc, rng):
    for i, t in enumerate(doc["tasks"]):
        a = t.setdefault("attributes", {})
        for k in range(30):
            kind = k % 6
            key = "field_%02d" % k
            if kind == 0:
                a[key] = rng.randint(-10**12, 10**12)
            elif kind == 1:
                a[key] = rng.random() * 1000
            elif kind == 2:
                a[key] = "value %d of task %d \u00e9" % (k, i)
            elif kind == 3:
                a[key] = [k, "x", None, rng.random() < 0.5]
            elif kind == 4:
                a[key] = {"level": k, "tags": ["a", "b"], "ok": True}
            else:
                a[key] = None if k % 12 == 5 else False
    return doc


def deep(leaves, rng):
    """Chains of 1000 tasks, each the parent of the next; the last of each chain waits for
    the last of the one before (never its own ancestor or descendant)."""
    tasks = []
    depth = 1000
    chains = max(1, leaves // depth)
    nested = {"leaf": 1}
    for level in range(40):
        nested = {"level": level, "inner": nested} if level % 2 else [level, nested]
    for c in range(chains):
        for k in range(depth):
            t = {"task_id": "c%03d_%04d" % (c, k), "task_type": "specialist_task",
                 "parent_task_id": "c%03d_%04d" % (c, k - 1) if k else None,
                 "status": "pending",
                 "attributes": {"title": "Level %d of chain %d" % (k, c),
                                "estimated_effort": "%dh" % rng.randint(1, 9), "nested": nested}}
            if k == depth - 1 and c:
                t["dependencies"] = [{"dependency_task_id": "c%03d_%04d" % (c - 1, depth - 1)}]
            tasks.append(t)
    return {"format": "workplan", "version": 1,
            "project": {"name": "Deep chains", "calendar": {"hours_per_day": 8, "days_per_week": 5}},
            "tasks": tasks}


def big_strings(doc, rng):
    piece = "Line with \"quotes\", a back\\slash, a tab\t, caf\u00e9, \u05e9\u05dc\u05d5\u05dd, \U0001F600.\n"
    text = (piece * (1_048_576 // len(piece.encode("utf-8")) + 1))
    step = max(1, len(doc["tasks"]) // 24)
    for t in doc["tasks"][::step][:24]:
        t.setdefault("attributes", {})["description"] = text
    return doc


def lone_surrogates(doc):
    for i, t in enumerate(doc["tasks"]):
        if i % 1000 == 0:
            a = t.setdefault("attributes", {})
            a["title"] = a.get("title", "") + (" \ud800" if i % 2000 == 0 else " \udc00 end")
    return doc


def big_integers(doc):
    for i, t in enumerate(doc["tasks"]):
        if i % 1000 == 0:
            t.setdefault("attributes", {})["ticket_hash"] = 123456789012345678901234567890 + i
    return doc


def write(path, doc, **kw):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, **kw)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leaves", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("-o", "--output", required=True, help="directory")
    args = ap.parse_args()
    os.makedirs(args.output, exist_ok=True)
    for shape in args.shapes.split(","):
        rng = random.Random(args.seed)
        path = os.path.join(args.output, "%s-%d.json" % (shape, args.leaves))
        if shape == "deep":
            write(path, deep(args.leaves, rng), **COMPACT)
            continue
        doc = generate.generate(args.leaves, args.seed)
        if shape == "pretty":
            write(path, doc, indent=2, ensure_ascii=False)
        elif shape == "compact":
            write(path, doc, **COMPACT)
        elif shape == "unknown":
            write(path, unknown(doc, rng), **COMPACT)
        elif shape == "bigattrs":
            write(path, big_attributes(doc, rng), **COMPACT)
        elif shape == "bigstrings":
            write(path, big_strings(doc, rng), **COMPACT)
        elif shape == "bare":
            write(path, doc["tasks"], **COMPACT)
        elif shape == "bigints":
            write(path, big_integers(doc), **COMPACT)
        elif shape == "surrogates":
            write(path, lone_surrogates(doc), separators=(",", ":"), ensure_ascii=True)
        else:
            sys.exit("unknown shape " + shape)


if __name__ == "__main__":
    main()
