#!/usr/bin/env python3
"""Small random workflows for differential testing of the engine (bench/compare-builds.sh).

random_projects.py SEED  prints one project in the interchange format (contract §1):
2-40 tasks, a random hierarchy, every status, efforts in several forms (some missing),
dependencies of every type with lags, waived and optional ones, no dependency on oneself
or within one's own ancestry (so the file is valid), mostly pointing back in file order.
Every fifth seed lets dependencies point forward too, which makes cycles; every third
shuffles the file order.
"""
import json
import random
import sys

STATUSES = ["pending", "in_progress", "completed", "approved", "cancelled", "failed", "blocked"]
TYPES = ["completion", "data", "approval", "prerequisite", "blocks", "related"]
EFFORTS = [0, 1, 2, 3, 4, "2 hours", "1 day", "1-3 hours", 0.5]


def project(seed):
    r = random.Random(seed)
    n = r.randint(2, 40)
    ids = [f"t{i}" for i in range(n)]
    parent = {i: r.randrange(0, i) for i in range(1, n) if r.random() < 0.5}

    def ancestors(a):
        out = set()
        while a in parent:
            a = parent[a]
            out.add(a)
        return out

    tasks = []
    for i in range(n):
        t = {"task_id": ids[i], "task_type": "t"}
        if i in parent:
            t["parent_task_id"] = ids[parent[i]]
        if r.random() < 0.7:
            t["status"] = r.choice(STATUSES)
        if r.random() < 0.85:
            t["attributes"] = {"estimated_effort": r.choice(EFFORTS)}
        deps = []
        for _ in range(r.randint(0, 3)):
            j = r.randrange(n)
            if r.random() < 0.9 and j >= i and seed % 5 != 0:
                continue
            if j == i or j in ancestors(i) or i in ancestors(j):
                continue
            d = {"dependency_task_id": ids[j]}
            if r.random() < 0.6:
                d["dependency_type"] = r.choice(TYPES)
            if r.random() < 0.2:
                d["lag"] = r.choice([0, 1, 2, "1 hour"])
            if r.random() < 0.1:
                d["is_mandatory"] = False
            if r.random() < 0.1:
                d["waived"] = True
            deps.append(d)
        if deps:
            t["dependencies"] = deps
        tasks.append(t)
    if seed % 3 == 0:
        r.shuffle(tasks)
    return {"format": "workplan", "version": 1, "project": {"name": "r"}, "tasks": tasks}


if __name__ == "__main__":
    print(json.dumps(project(int(sys.argv[1]))))
