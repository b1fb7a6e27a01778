#pragma once

// A generated plan in C++, for tests that need plans of a given size without running
// bench/generate.py. Model only.

#include "model/project.h"

#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace WorkplanTest {

using Workplan::Dependency;
using Workplan::DependencyType;
using Workplan::Project;
using Workplan::Task;

// Two rows of four columns: A0 -> A1 -> A2 -> A3 and S -> B1 -> B2 -> C, with A0 -> A3 and
// S -> C past the cards between them (at their own height): the smallest plan whose
// straight arrows would cross cards, for the routing tests.
inline Project twoRowsPlan()
{
    QList<Task> list;
    auto leaf = [&list](const char *id, QList<const char *> on) {
        Task t;
        t.id = QLatin1String(id);
        t.type = QStringLiteral("task");
        for (const char *o : on) {
            Dependency d;
            d.taskId = QLatin1String(o);
            d.type = DependencyType::Completion;
            t.dependencies << d;
        }
        list << t;
    };
    leaf("A0", {});
    leaf("A1", {"A0"});
    leaf("A2", {"A1"});
    leaf("A3", {"A2", "A0"});
    leaf("S", {});
    leaf("B1", {"S"});
    leaf("B2", {"B1"});
    leaf("C", {"B2", "S"});
    Project p;
    p.setTasks(list);
    return p;
}

// bench/generate.py's shape: epics of 5-15 features of 5-20 leaves; every leaf has 2-3
// dependencies, mostly on recent leaves, some on features and epics; features and epics
// depend on earlier ones; a mix of types, some waived or optional.
inline Project generatedPlan(int taskCount, quint32 seed)
{
    QRandomGenerator rng(seed);
    const DependencyType types[] = {DependencyType::Completion, DependencyType::Completion, DependencyType::Completion,
                                    DependencyType::Completion, DependencyType::Data,       DependencyType::Data,
                                    DependencyType::Approval,   DependencyType::Prerequisite, DependencyType::Related,
                                    DependencyType::Blocks};
    auto addDeps = [&](Task &t, const QStringList &on) {
        QSet<QPair<QString, int>> seen;
        for (const QString &p : on) {
            Dependency d;
            d.taskId = p;
            d.type = types[rng.bounded(int(std::size(types)))];
            const int r = int(rng.bounded(20));
            d.waived = r == 0;
            d.mandatory = r != 1;
            if (!seen.contains({p, int(d.type)})) {
                seen.insert({p, int(d.type)});
                t.dependencies.append(d);
            }
        }
    };
    auto pick = [&](const QStringList &from, int recent) {
        const int n = int(from.size());
        return from.at(n - 1 - int(rng.bounded(std::min(n, recent))));
    };
    QList<Task> tasks;
    QStringList leaves, features, epics;
    const int leafTarget = std::max(5, int(taskCount / 1.1));
    for (int e = 0; int(leaves.size()) < leafTarget; ++e) {
        Task epic;
        epic.id = QStringLiteral("E%1").arg(e);
        epic.type = QStringLiteral("epic");
        addDeps(epic, !epics.isEmpty() && rng.bounded(2) ? QStringList{pick(epics, 1000)} : QStringList());
        tasks.append(epic);
        QStringList done;
        const int featureCount = 5 + int(rng.bounded(11));
        for (int f = 0; f < featureCount && int(leaves.size()) < leafTarget; ++f) {
            Task feature;
            feature.id = QStringLiteral("%1F%2").arg(epic.id).arg(f);
            feature.type = QStringLiteral("feature");
            feature.parentId = epic.id;
            QStringList pre;
            if (!features.isEmpty() && rng.bounded(10) < 3)
                pre << pick(features, 200);
            if (!epics.isEmpty() && rng.bounded(10) == 0)
                pre << pick(epics, 1000);
            addDeps(feature, pre);
            tasks.append(feature);
            const int leafCount = std::min(5 + int(rng.bounded(16)), leafTarget - int(leaves.size()));
            for (int k = 0; k < leafCount; ++k) {
                Task leaf;
                leaf.id = QStringLiteral("%1L%2").arg(feature.id).arg(k);
                leaf.type = QStringLiteral("task");
                leaf.parentId = feature.id;
                QStringList on;
                const int deps = 2 + int(rng.bounded(2));
                for (int d = 0; d < deps; ++d) {
                    const int r = int(rng.bounded(100));
                    if (!leaves.isEmpty() && r < 80)
                        on << pick(leaves, 1 + int(-30 * std::log(1 - rng.generateDouble())));
                    else if (!leaves.isEmpty() && r < 92)
                        on << pick(leaves, int(leaves.size()));
                    else if (!features.isEmpty() && r < 98)
                        on << pick(features, 50);
                    else if (!epics.isEmpty())
                        on << pick(epics, 1000);
                }
                addDeps(leaf, on);
                tasks.append(leaf);
                leaves << leaf.id;
            }
            done << feature.id;
        }
        features += done;   // complete features only: never an ancestor of a later task
        epics << epic.id;
    }
    Project p;
    p.name = QStringLiteral("generated %1").arg(taskCount);
    p.setTasks(tasks);
    return p;
}

} // namespace WorkplanTest
