// The yardstick for the engine (issue #2 point 8): the critical-path passes alone, on flat
// arrays, with nothing else around them. It reads a workflow file, builds the same expanded
// graph the engine schedules (a node per leaf, a start and a finish node per summary, the
// same edges), then times topological order + forward pass + backward pass, best of
// several runs. Reading and building are not timed.
//
//   workplan_baseline FILE [RUNS]   prints {"baseline_ms": ..., "nodes": ..., ...}

#include "model/calendar.h"
#include "model/effort.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Workplan;

namespace {

struct FlatGraph
{
    int nodes = 0;
    std::vector<int> start;        // CSR of out-edges, size nodes + 1
    std::vector<int> target;
    std::vector<double> lag;
    std::vector<double> duration;
    std::vector<char> isLeaf;
};

bool countsForSchedule(const QJsonObject &dep)
{
    const QString type = dep.value(QLatin1String("dependency_type")).toString(QStringLiteral("completion"));
    const bool blocking = type == QLatin1String("completion") || type == QLatin1String("data")
        || type == QLatin1String("information") || type == QLatin1String("approval")
        || type == QLatin1String("blocks");
    return blocking && dep.value(QLatin1String("is_mandatory")).toBool(true)
        && !dep.value(QLatin1String("waived")).toBool(false);
}

// Node numbering: task i is node i (a leaf, or the finish of a summary); the start of the
// k-th summary is node n + k.
bool readGraph(const QString &path, FlatGraph &g)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    const QJsonObject root = doc.object();
    const QJsonArray tasks = doc.isArray() ? doc.array() : root.value(QLatin1String("tasks")).toArray();
    Calendar cal;
    const QJsonObject c = root.value(QLatin1String("project")).toObject().value(QLatin1String("calendar")).toObject();
    cal.hoursPerDay = c.value(QLatin1String("hours_per_day")).toDouble(8);
    cal.daysPerWeek = c.value(QLatin1String("days_per_week")).toDouble(5);

    const int n = int(tasks.size());
    QHash<QString, int> index;
    index.reserve(n);
    for (int i = 0; i < n; ++i)
        index.insert(tasks.at(i).toObject().value(QLatin1String("task_id")).toString(), i);
    std::vector<int> parent(n, -1);
    for (int i = 0; i < n; ++i) {
        const QJsonValue p = tasks.at(i).toObject().value(QLatin1String("parent_task_id"));
        if (p.isString())
            parent[i] = index.value(p.toString(), -1);
    }
    std::vector<int> startNode(n, -1);
    int nodes = n;
    for (int i = 0; i < n; ++i) {
        if (parent[i] >= 0 && startNode[parent[i]] < 0)
            startNode[parent[i]] = 0;          // marks summaries
    }
    for (int i = 0; i < n; ++i) {
        if (startNode[i] == 0)
            startNode[i] = nodes++;
    }
    auto inNode = [&](int t) { return startNode[t] < 0 ? t : startNode[t]; };

    struct Edge { int from, to; double lag; };
    std::vector<Edge> edges;
    g.nodes = nodes;
    g.duration.assign(nodes, 0.0);
    g.isLeaf.assign(nodes, 0);
    for (int i = 0; i < n; ++i) {
        const QJsonObject t = tasks.at(i).toObject();
        if (startNode[i] < 0) {
            g.isLeaf[i] = 1;
            const QJsonObject attrs = t.value(QLatin1String("attributes")).toObject();
            if (t.value(QLatin1String("status")).toString() != QLatin1String("cancelled"))
                g.duration[i] = parseEffort(estimateValue(attrs), cal).value_or(0.0);
        }
        if (parent[i] >= 0) {
            edges.push_back({startNode[parent[i]], inNode(i), 0.0});   // parent start -> child
            edges.push_back({i, parent[i], 0.0});                      // child -> parent finish
        }
        for (const QJsonValue &dv : t.value(QLatin1String("dependencies")).toArray()) {
            const QJsonObject d = dv.toObject();
            if (!countsForSchedule(d))
                continue;
            const int p = index.value(d.value(QLatin1String("dependency_task_id")).toString(), -1);
            const QJsonValue lag = d.value(QLatin1String("lag"));
            const double hours = lag.isUndefined() || lag.isNull() ? 0.0 : parseEffort(lag, cal).value_or(0.0);
            edges.push_back({p, inNode(i), hours});
        }
    }
    g.start.assign(nodes + 1, 0);
    for (const Edge &e : edges)
        ++g.start[e.from + 1];
    for (int v = 0; v < nodes; ++v)
        g.start[v + 1] += g.start[v];
    g.target.resize(edges.size());
    g.lag.resize(edges.size());
    std::vector<int> fill(g.start.begin(), g.start.end() - 1);
    for (const Edge &e : edges) {
        const int k = fill[e.from]++;
        g.target[k] = e.to;
        g.lag[k] = e.lag;
    }
    return true;
}

struct Result { double makespan; int ordered; };

// The timed part: Kahn, forward pass, backward pass.
Result criticalPathPasses(const FlatGraph &g, std::vector<double> &es, std::vector<double> &ls)
{
    const int nodes = g.nodes;
    std::vector<int> indegree(nodes, 0);
    for (int v : g.target)
        ++indegree[v];
    std::vector<int> order;
    order.reserve(nodes);
    for (int v = 0; v < nodes; ++v) {
        if (indegree[v] == 0)
            order.push_back(v);
    }
    for (std::size_t head = 0; head < order.size(); ++head) {
        const int u = order[head];
        for (int e = g.start[u]; e < g.start[u + 1]; ++e) {
            if (--indegree[g.target[e]] == 0)
                order.push_back(g.target[e]);
        }
    }

    es.assign(nodes, 0.0);
    double makespan = 0;
    for (int u : order) {
        const double ef = es[u] + g.duration[u];
        makespan = std::max(makespan, ef);
        for (int e = g.start[u]; e < g.start[u + 1]; ++e)
            es[g.target[e]] = std::max(es[g.target[e]], ef + g.lag[e]);
    }

    ls.assign(nodes, 0.0);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int u = *it;
        double lf = makespan;
        for (int e = g.start[u]; e < g.start[u + 1]; ++e)
            lf = std::min(lf, ls[g.target[e]] - g.lag[e]);
        ls[u] = lf - g.duration[u];
    }
    return {makespan, int(order.size())};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: workplan_baseline FILE [RUNS]\n");
        return 2;
    }
    const int runs = args.size() > 2 ? std::max(1, args.at(2).toInt()) : 7;
    FlatGraph g;
    if (!readGraph(args.at(1), g)) {
        std::fprintf(stderr, "%s: cannot read\n", qPrintable(args.at(1)));
        return 2;
    }

    std::vector<double> es, ls;
    Result r{};
    qint64 best = -1;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer clock;
        clock.start();
        r = criticalPathPasses(g, es, ls);
        const qint64 ns = clock.nsecsElapsed();
        if (best < 0 || ns < best)
            best = ns;
    }
    std::printf("{\"baseline_ms\": %.3f, \"nodes\": %d, \"edges\": %d, \"makespan_hours\": %.17g, \"cycle\": %s}\n",
                double(best) / 1e6, g.nodes, int(g.target.size()), r.makespan,
                r.ordered < g.nodes ? "true" : "false");
    return 0;
}
