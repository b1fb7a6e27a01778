#!/usr/bin/env python3
"""Writes a large generated plan in the contract's JSON form (issue #8 bench).

Usage: gen_hostile.py OUT.json [TASKS]  (default 1,000,000 tasks)
1,000 epics, each with features, each with leaves; leaves depend on earlier leaves of
their feature and now and then on a leaf of an earlier feature; features sometimes depend
on earlier features. Deterministic (fixed seed). Python standard library only.
"""
import json
import random
import sys

EFFORTS = ["2h", "4 hours", "1 day", "2-3 days", "1 week", "45-60 minutes", "0.5 weeks", 3, 12.5]
STATUSES = ["draft", "pending", "active", "in_progress", "completed", "approved", "review"]


def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(8)
    epics = max(1, total // 1000)
    features_per_epic = 9
    per_epic = total // epics
    leaves_per_feature = max(1, (per_epic - 1 - features_per_epic) // features_per_epic)
    count = 0
    leaves = []          # ids of earlier leaves, for cross-feature dependencies
    features = []
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"format":"workplan","version":1,"project":{"name":"1M tasks",'
                '"calendar":{"hours_per_day":8,"days_per_week":5}},"tasks":[\n')
        first = True

        def emit(task):
            nonlocal first, count
            if not first:
                f.write(",\n")
            first = False
            f.write(json.dumps(task, separators=(",", ":"), ensure_ascii=False))
            count += 1

        for e in range(epics):
            epic = f"E{e}"
            emit({"task_id": epic, "task_type": "epic", "status": "active",
                  "attributes": {"title": f"Epic {e}", "estimated_effort": "3 months"}})
            for fi in range(features_per_epic):
                feature = f"{epic}F{fi}"
                task = {"task_id": feature, "task_type": "feature", "parent_task_id": epic,
                        "attributes": {"title": f"Feature {e}.{fi}"}}
                if features and rng.random() < 0.2:
                    task["dependencies"] = [{"dependency_task_id": features[-1 - rng.randrange(min(20, len(features)))],
                                             "dependency_type": "completion"}]
                emit(task)
                first_leaf = len(leaves)
                for l in range(leaves_per_feature):
                    leaf = f"{feature}L{l}"
                    deps = []
                    if l > 0:
                        deps.append({"dependency_task_id": leaves[-1 - rng.randrange(min(l, 3))],
                                     "dependency_type": rng.choice(["completion", "data", "approval"])})
                    if first_leaf > 0 and rng.random() < 0.05:
                        deps.append({"dependency_task_id": leaves[rng.randrange(max(0, first_leaf - 2000), first_leaf)],
                                     "dependency_type": "related" if rng.random() < 0.5 else "blocks"})
                    task = {"task_id": leaf, "task_type": "specialist_task", "parent_task_id": feature,
                            "status": rng.choice(STATUSES), "lifecycle_stage": "active",
                            "attributes": {"title": f"Task {leaf}", "estimated_effort": rng.choice(EFFORTS)}}
                    if deps:
                        task["dependencies"] = deps
                    emit(task)
                    leaves.append(leaf)
                features.append(feature)
        # Top up to exactly `total` with independent top-level tasks.
        while count < total:
            emit({"task_id": f"X{count}", "task_type": "milestone", "attributes": {"estimated_effort": "1h"}})
        f.write("\n]}\n")
    print(f"{out}: {count} tasks", file=sys.stderr)


if __name__ == "__main__":
    main()
