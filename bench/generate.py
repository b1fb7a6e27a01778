#!/usr/bin/env python3
"""Generates a large, valid Workplan interchange file (contract §1) for the benchmark.

Deterministic for a given --leaves and --seed. The shape: epics hold features, features
hold 5-20 leaves. Every leaf has 2-3 dependencies, almost all on earlier leaves, so the
graph is a DAG; some dependencies are declared on features and epics, and some name
features and epics as prerequisites. Nothing a loader refuses is produced: no dependency
between a task and its ancestor or descendant, no second (prerequisite, type) pair.

    python3 bench/generate.py --leaves 100000 --seed 1 -o bench/data/workflow-100k.json
"""

import argparse
import json
import random

DEP_TYPES = ["completion"] * 6 + ["data"] * 2 + ["approval", "prerequisite", "related", "blocks"]
LEAF_TYPES = ["specialist_task", "specialist_task", "specialist_task", "bug_fix",
              "approval_gate", "deployment", "compliance_task"]
SPECIALISTS = ["implementer", "tester", "architect", "reviewer", "designer", "devops"]
VERBS = ["Implement", "Design", "Test", "Review", "Document", "Refactor", "Deploy", "Migrate"]
NOUNS = ["login flow", "message queue", "search index", "billing export", "audit log",
         "rate limiter", "user settings", "report builder", "cache layer", "sync service"]
# Mostly work still to do, with the other statuses mixed in.
STATUSES = (["draft"] * 6 + ["pending"] * 6 + ["active"] * 4 + ["in_progress"] * 4
            + ["completed"] * 6 + ["approved"] * 2 + ["review", "blocked", "cancelled", "failed",
                                                      "archived"])
LIFECYCLE = {"draft": "draft", "pending": "planning", "active": "active",
             "in_progress": "active", "review": "review", "blocked": "blocked",
             "completed": "completed", "approved": "completed", "cancelled": "archived",
             "failed": "failed", "archived": "archived"}


def effort(rng):
    r = rng.random()
    if r < 0.30:
        return "%d days" % rng.randint(1, 10)
    if r < 0.50:
        low = rng.randint(1, 6)
        return "%d-%d hours" % (low, low + rng.randint(1, 4))
    if r < 0.65:
        return rng.choice([2, 4, 6, 8, 12, 16, 1.5])
    if r < 0.80:
        return "%sh" % rng.randint(1, 40)
    if r < 0.90:
        return "%.1f weeks" % rng.choice([0.5, 1, 1.5, 2])
    if r < 0.97:
        return "%d minutes" % rng.choice([30, 45, 90])
    return None  # no estimate: the analysis warns


def dependency(rng, prereq):
    d = {"dependency_task_id": prereq, "dependency_type": rng.choice(DEP_TYPES)}
    r = rng.random()
    if r < 0.15:
        d["lag"] = rng.choice(["2h", "1 day", "30 minutes", 4, "0.5 days"])
    elif r < 0.20:
        d["waived"] = True
    elif r < 0.25:
        d["is_mandatory"] = False
    if rng.random() < 0.3:
        d["description"] = "Needs the output of %s" % prereq
    return d


def add_deps(rng, task, candidates):
    """Appends dependencies on `candidates`, never a second (prerequisite, type) pair."""
    seen = set()
    deps = []
    for prereq in candidates:
        d = dependency(rng, prereq)
        key = (prereq, d["dependency_type"])
        if key in seen:
            continue
        seen.add(key)
        deps.append(d)
    task["dependencies"] = deps


def generate(leaves, seed):
    rng = random.Random(seed)
    tasks = []
    leaf_ids = []       # in file order
    feature_ids = []    # features already complete (all their leaves emitted)
    epic_ids = []       # epics already complete
    made = 0
    e = 0
    while made < leaves:
        epic_id = "epic_%04d" % e
        epic = {"task_id": epic_id, "task_type": "epic", "parent_task_id": None,
                "status": "active", "lifecycle_stage": "active",
                "attributes": {"title": "Epic %d: %s" % (e, rng.choice(NOUNS)),
                               "description": "Deliver the %s programme" % rng.choice(NOUNS),
                               "estimated_duration": "%d weeks" % rng.randint(4, 30),
                               "priority": rng.choice(["low", "medium", "high"])}}
        # An epic may wait for an earlier epic.
        add_deps(rng, epic, rng.sample(epic_ids, 1) if epic_ids and rng.random() < 0.5 else [])
        tasks.append(epic)
        epic_features = []
        for f in range(rng.randint(5, 15)):
            if made >= leaves:
                break
            feature_id = "%s_feat_%02d" % (epic_id, f)
            feature = {"task_id": feature_id, "task_type": "feature", "parent_task_id": epic_id,
                       "status": rng.choice(["draft", "pending", "active"]),
                       "attributes": {"title": "Feature %s" % rng.choice(NOUNS),
                                      "estimated_effort": "%d weeks" % rng.randint(1, 8)}}
            # Features wait for earlier features or epics, never their own epic.
            pre = []
            if feature_ids and rng.random() < 0.3:
                pre.append(rng.choice(feature_ids[-200:]))
            if epic_ids and rng.random() < 0.1:
                pre.append(rng.choice(epic_ids))
            add_deps(rng, feature, pre)
            feature_tasks = []
            for k in range(min(rng.randint(5, 20), leaves - made)):
                leaf_id = "%s_task_%02d" % (feature_id, k)
                status = rng.choice(STATUSES)
                attrs = {"title": "%s %s" % (rng.choice(VERBS), rng.choice(NOUNS)),
                         "specialist_type": rng.choice(SPECIALISTS),
                         "description": "Step %d of %s; see the design notes." % (k, feature_id)}
                est = effort(rng)
                if est is not None:
                    attrs["estimated_effort"] = est
                leaf = {"task_id": leaf_id, "task_type": rng.choice(LEAF_TYPES),
                        "parent_task_id": feature_id, "status": status,
                        "lifecycle_stage": LIFECYCLE[status], "attributes": attrs}
                # 2-3 prerequisites: mostly recent leaves, some far back, a few summaries.
                pre = []
                for _ in range(rng.randint(2, 3)):
                    r = rng.random()
                    if leaf_ids and r < 0.80:
                        pre.append(leaf_ids[-1 - min(int(rng.expovariate(1 / 30)), len(leaf_ids) - 1)])
                    elif leaf_ids and r < 0.92:
                        pre.append(rng.choice(leaf_ids))
                    elif feature_ids and r < 0.98:
                        pre.append(rng.choice(feature_ids[-50:]))
                    elif epic_ids:
                        pre.append(rng.choice(epic_ids))
                add_deps(rng, leaf, pre)
                feature_tasks.append(leaf)
                leaf_ids.append(leaf_id)   # siblings may wait for it: never an ancestor
                made += 1
            # Now and then the feature follows its children in the file (§1 allows it).
            if rng.random() < 0.1:
                tasks.extend(feature_tasks)
                tasks.append(feature)
            else:
                tasks.append(feature)
                tasks.extend(feature_tasks)
            epic_features.append(feature_id)
        feature_ids.extend(epic_features)
        epic_ids.append(epic_id)
        e += 1
    return {"format": "workplan", "version": 1,
            "project": {"name": "Generated workflow (%d leaves, seed %d)" % (leaves, seed),
                        "calendar": {"hours_per_day": 8, "days_per_week": 5}},
            "tasks": tasks}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leaves", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    doc = generate(args.leaves, args.seed)
    with open(args.output, "w", encoding="utf-8") as f:
        # Two-space indentation, as Workplan itself writes the format.
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
