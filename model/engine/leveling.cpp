// Resource leveling (§7) as resource-constrained project scheduling (RCPSP with minimum
// lags and release times). Every schedule comes from the serial schedule generation scheme
// (SGS) decoding an activity list: each node in list order starts at the earliest time its
// predecessors, lags and release allow and at which its units fit under every capacity for
// its whole duration. Some list decodes to an optimal schedule (active schedules dominate
// for these constraints), so the search is over lists:
//   1. the latest-finish-time (LFT) rule, from the unlimited schedule's backward pass;
//   2. forward-backward improvement (double justification): right-justify against the
//      makespan, then left-justify in that order; repeated while it gains;
//   3. a genetic algorithm over activity lists (tournament parents, two-point order
//      crossover, adjacent swap mutation, survival of the fittest), seeded by
//      regret-based biased random sampling on the LFT rule;
//      every child is justified too and its list rewritten in start order (Lamarckian).
// "effort" counts SGS passes, the literature's unit, so "5,000 schedules" compares with
// published tables. Only additions and comparisons touch the times, and every random
// choice is integer arithmetic on a fixed-seed splitmix64, so results are bit-identical
// on every machine.
#include "model/engine/leveling.h"
#include "model/engine/levelingprepared.h"
#include "model/engine/levelingprofile.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace Workplan {

namespace {

using LevelingDetail::FlatProfile;
using LevelingDetail::kInf;
using LevelingDetail::Prepared;
using LevelingDetail::Rng;
using LevelingDetail::kTol;
using LevelingDetail::TreeProfile;
constexpr int kFitBudget = 24;

// Runs the passes and keeps the best schedule; every pass counts against the effort.
class Engine
{
public:
    Engine(const Prepared &p, int resources, int effort, bool tree);
    LevelingResult run();

private:
    struct Individual
    {
        std::vector<int> list;
        double makespan;
        std::uint64_t hash;
    };

    template <class Profile>
    double pass(std::vector<Profile> &profiles, bool backward, const std::vector<int> &list,
                std::vector<double> &start);
    double pass(bool backward, const std::vector<int> &list, std::vector<double> &start)
    {
        if (!m_tree) {
            const double m = pass(m_flats, backward, list, start);
            if (!std::isnan(m))
                return m;
            m_tree = true; // for good: this graph makes the flat profile quadratic
            m_trees.resize(m_flats.size());
        }
        return pass(m_trees, backward, list, start);
    }
    double evaluate(std::vector<int> &list);
    std::vector<int> ruleList(bool sample);
    void sortBy(std::vector<int> &list, const std::vector<double> &key, bool descending, bool topoAscending) const;
    void crossover(const std::vector<int> &mother, const std::vector<int> &father, int q1, int q2,
                   std::vector<int> &child);
    void mutate(std::vector<int> &list, int per1024);
    void genetic(Individual seed);
    std::uint64_t hash(const std::vector<int> &list) const;
    bool done() const { return m_tried >= m_effort || m_bestMakespan <= m_p.lowerBound + kTol; }

    const Prepared &m_p;
    int m_effort;
    int m_tried = 0;
    bool m_tree;
    std::vector<FlatProfile> m_flats;
    std::vector<TreeProfile> m_trees;
    std::vector<double> m_start, m_back, m_key, m_best;
    std::vector<int> m_mark;
    int m_stamp = 0;
    double m_bestMakespan = kInf;
    Rng m_rng{0x57a7e1e5c0ffee01ull};
};

Engine::Engine(const Prepared &p, int resources, int effort, bool tree)
    : m_p(p), m_effort(effort), m_tree(tree)
{
    m_flats.resize(std::size_t(resources));
    m_trees.resize(tree ? std::size_t(resources) : 0);
    m_start.assign(std::size_t(p.n), 0.0);
    m_back = m_key = m_start;
    m_mark.assign(std::size_t(p.n), 0);
}

template <class Profile>
double Engine::pass(std::vector<Profile> &profiles, bool backward, const std::vector<int> &list,
                    std::vector<double> &start)
{
    // The flat profile may touch ~1,000 steps per node (about a tree pass's worth of
    // time) before the trees take over.
    for (Profile &r : profiles)
        r.reset(1024LL * m_p.n + 65536);
    const Prepared &p = m_p;
    const int *in = backward ? p.bwdStart.data() : p.fwdStart.data();
    const int *pred = backward ? p.bwdPred.data() : p.fwdPred.data();
    const double *lag = backward ? p.bwdLag.data() : p.fwdLag.data();
    double makespan = 0;
    for (const int v : list) {
        double t = backward ? 0.0 : p.release[std::size_t(v)];
        for (int e = in[v]; e < in[v + 1]; ++e) {
            const int u = pred[e];
            t = std::max(t, start[std::size_t(u)] + p.duration[std::size_t(u)] + lag[e]);
        }
        const double d = p.duration[std::size_t(v)];
        if (p.holds[std::size_t(v)]) {
            const int k0 = p.demStart[std::size_t(v)], k1 = p.demStart[std::size_t(v) + 1];
            // A later start for one resource may collide on another: repeat until all agree.
            // The budget bounds the backfilling search (gaps too short to use, far behind
            // the frontier) so that a pass stays near linear on big, tightly loaded graphs;
            // past it the node goes where every resource stays free for good.
            int budget = kFitBudget;
            for (;;) {
                const double before = t;
                for (int k = k0; k < k1; ++k)
                    t = profiles[std::size_t(p.demRes[std::size_t(k)])].fit(t, d, p.demLimit[std::size_t(k)], budget);
                if (t == before)
                    break;
            }
            for (int k = k0; k < k1; ++k) {
                Profile &r = profiles[std::size_t(p.demRes[std::size_t(k)])];
                r.add(t, t + d, p.demUnits[std::size_t(k)]);
                if (r.exhausted())
                    return std::numeric_limits<double>::quiet_NaN();
            }
        }
        start[std::size_t(v)] = t;
        makespan = std::max(makespan, t + d);
    }
    ++m_tried;
    return makespan;
}

// Ties go by topological rank, in the direction that keeps every predecessor first in the
// pass that reads the list (the times alone tie across zero durations and lags).
void Engine::sortBy(std::vector<int> &list, const std::vector<double> &key, bool descending, bool topoAscending) const
{
    const std::vector<int> &rank = m_p.topoRank;
    std::sort(list.begin(), list.end(), [&](int a, int b) {
        const double ka = key[std::size_t(a)], kb = key[std::size_t(b)];
        if (ka != kb)
            return descending ? ka > kb : ka < kb;
        return topoAscending ? rank[std::size_t(a)] < rank[std::size_t(b)] : rank[std::size_t(a)] > rank[std::size_t(b)];
    });
}

// Decodes the list, then justifies right and left while that shortens the schedule and the
// effort allows. The list comes back as the start order of the last forward schedule, so
// what the search inherits is the improved schedule, and its makespan is returned.
double Engine::evaluate(std::vector<int> &list)
{
    const std::vector<double> &dur = m_p.duration;
    double makespan = pass(false, list, m_start);
    auto offer = [&](double m) {
        if (m < m_bestMakespan - kTol) {
            m_bestMakespan = m;
            m_best = m_start;
        }
    };
    offer(makespan);
    while (m_tried + 2 <= m_effort && m_bestMakespan > m_p.lowerBound + kTol) {
        for (int v = 0; v < m_p.n; ++v)
            m_key[std::size_t(v)] = m_start[std::size_t(v)] + dur[std::size_t(v)];
        sortBy(list, m_key, true, false); // latest finish first: right-justify
        pass(true, list, m_back);
        for (int v = 0; v < m_p.n; ++v)
            m_key[std::size_t(v)] = m_back[std::size_t(v)] + dur[std::size_t(v)];
        sortBy(list, m_key, true, true); // earliest start of the right-justified schedule first
        const double next = pass(false, list, m_start);
        offer(next);
        const bool gained = next < makespan - kTol;
        makespan = next;
        if (!gained)
            break;
    }
    sortBy(list, m_start, false, true);
    return makespan;
}

// The LFT rule (sample = false), or regret-based biased random sampling on it: a ready
// node is drawn with weight 1 + its regret (how much earlier its latest finish is than
// the loosest ready node's), in mean durations, in integers so the draw is exact.
// Nodes that hold nothing go first, as soon as they are ready: they cannot delay anyone.
std::vector<int> Engine::ruleList(bool sample)
{
    const Prepared &p = m_p;
    std::vector<int> indeg(std::size_t(p.n)), list, ready, free;
    list.reserve(std::size_t(p.n));
    const auto later = [&](int a, int b) {
        const double la = p.lf[std::size_t(a)], lb = p.lf[std::size_t(b)];
        return la != lb ? la > lb : a > b;
    };
    const auto arrive = [&](int v) {
        if (!p.holds[std::size_t(v)]) {
            free.push_back(v);
        } else {
            ready.push_back(v);
            if (!sample)
                std::push_heap(ready.begin(), ready.end(), later);
        }
    };
    for (int v = 0; v < p.n; ++v) {
        indeg[std::size_t(v)] = p.fwdStart[std::size_t(v) + 1] - p.fwdStart[std::size_t(v)];
        if (!indeg[std::size_t(v)])
            arrive(v);
    }
    std::vector<std::int64_t> weight;
    for (;;) {
        int u;
        if (!free.empty()) {
            u = free.back();
            free.pop_back();
        } else if (ready.empty()) {
            break;
        } else if (!sample) {
            std::pop_heap(ready.begin(), ready.end(), later);
            u = ready.back();
            ready.pop_back();
        } else {
            double loosest = -kInf;
            for (const int v : ready)
                loosest = std::max(loosest, p.lf[std::size_t(v)]);
            weight.resize(ready.size());
            std::int64_t sum = 0;
            for (std::size_t i = 0; i < ready.size(); ++i) {
                const double regret = (loosest - p.lf[std::size_t(ready[i])]) / p.meanDuration;
                sum += std::min<std::int64_t>(std::llround(16.0 * regret), 1 << 20) + 16;
                weight[i] = sum;
            }
            const std::int64_t r = std::int64_t(m_rng.next() % std::uint64_t(sum));
            const std::size_t i = std::size_t(std::upper_bound(weight.begin(), weight.end(), r) - weight.begin());
            u = ready[i];
            ready[i] = ready.back();
            ready.pop_back();
        }
        list.push_back(u);
        for (int e = p.bwdStart[std::size_t(u)]; e < p.bwdStart[std::size_t(u) + 1]; ++e)
            if (!--indeg[std::size_t(p.bwdPred[std::size_t(e)])])
                arrive(p.bwdPred[std::size_t(e)]);
    }
    return list;
}

// Hartmann's two-point crossover: the mother's first q1 nodes, then the father's order
// up to q2, then the mother's order. Both parents are precedence-feasible, so is the child.
void Engine::crossover(const std::vector<int> &mother, const std::vector<int> &father, int q1, int q2,
                       std::vector<int> &child)
{
    ++m_stamp;
    child.clear();
    const auto take = [&](int v) {
        if (m_mark[std::size_t(v)] != m_stamp) {
            m_mark[std::size_t(v)] = m_stamp;
            child.push_back(v);
        }
    };
    for (int i = 0; i < q1; ++i)
        take(mother[std::size_t(i)]);
    for (std::size_t i = 0; i < father.size() && int(child.size()) < q2; ++i)
        take(father[i]);
    for (const int v : mother)
        take(v);
}

// Swaps neighbours with probability per1024 / 1024 unless the first precedes the second.
void Engine::mutate(std::vector<int> &list, int per1024)
{
    for (std::size_t i = 0; i + 1 < list.size(); ++i) {
        if (!m_rng.chance(per1024))
            continue;
        const int a = list[i], b = list[i + 1];
        bool bound = false;
        for (int e = m_p.fwdStart[std::size_t(b)]; e < m_p.fwdStart[std::size_t(b) + 1] && !bound; ++e)
            bound = m_p.fwdPred[std::size_t(e)] == a;
        if (!bound)
            std::swap(list[i], list[i + 1]);
    }
}

std::uint64_t Engine::hash(const std::vector<int> &list) const
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const int v : list)
        h = (h ^ std::uint64_t(v)) * 0x100000001b3ull;
    return h;
}

// Parents by binary tournament; survival of the fittest over parents and children,
// duplicates last so that the population does not collapse onto one list. Each evaluation costs about three passes,
// and a population of about the square root of the evaluations balances breadth against
// the number of generations.
void Engine::genetic(Individual seed)
{
    const int evaluations = (m_effort - m_tried) / 3;
    const int size = std::clamp(int(std::sqrt(double(std::max(evaluations, 1)))), 4, 100);
    const bool sample = m_p.n <= 2000; // the sampler scans the ready set: quadratic when wide
    std::vector<Individual> pop{std::move(seed)};
    while (int(pop.size()) < size && !done()) {
        std::vector<int> list = sample ? ruleList(true) : pop.front().list;
        if (!sample)
            mutate(list, 100);
        const double m = evaluate(list);
        pop.push_back({list, m, hash(list)});
    }
    std::vector<Individual> all;
    while (!done() && pop.size() >= 2) {
        all = pop;
        for (std::size_t pair = 0; pair < pop.size() / 2 && !done(); ++pair) {
            // Binary tournaments: the better of two drawn members is a parent.
            const auto pick = [&] {
                const int a = m_rng.below(int(pop.size())), b = m_rng.below(int(pop.size()));
                return std::size_t(pop[std::size_t(a)].makespan <= pop[std::size_t(b)].makespan ? a : b);
            };
            const std::vector<int> &mother = pop[pick()].list;
            const std::vector<int> &father = pop[pick()].list;
            int q1 = m_rng.below(m_p.n + 1), q2 = m_rng.below(m_p.n + 1);
            if (q1 > q2)
                std::swap(q1, q2);
            for (int child = 0; child < 2 && !done(); ++child) {
                Individual kid;
                crossover(child ? father : mother, child ? mother : father, q1, q2, kid.list);
                mutate(kid.list, 51);
                kid.makespan = evaluate(kid.list);
                kid.hash = hash(kid.list);
                all.push_back(std::move(kid));
            }
        }
        std::stable_sort(all.begin(), all.end(),
                         [](const Individual &a, const Individual &b) { return a.makespan < b.makespan; });
        std::vector<std::uint64_t> seen;
        std::vector<Individual> next, dups;
        for (Individual &x : all) {
            const bool dup = std::find(seen.begin(), seen.end(), x.hash) != seen.end();
            seen.push_back(x.hash);
            if (!dup && next.size() < std::size_t(size))
                next.push_back(std::move(x));
            else if (dup)
                dups.push_back(std::move(x));
        }
        for (std::size_t i = 0; next.size() < std::size_t(size) && i < dups.size(); ++i)
            next.push_back(std::move(dups[i]));
        pop = std::move(next);
    }
}

LevelingResult Engine::run()
{
    LevelingResult result;
    result.lowerBound = m_p.lowerBound;
    if (m_p.n == 0)
        return result;
    std::vector<int> list = ruleList(false);
    const double m = evaluate(list);
    if (!done())
        genetic({list, m, hash(list)});
    result.start = m_best;
    result.makespan = m_bestMakespan;
    result.schedulesTried = m_tried;
    return result;
}

} // namespace

int defaultLevelingEffort(int nodes)
{
    // About kWork node placements in all up to 10k nodes (5,000 schedules up to 120 nodes,
    // 600 for 1,000, 60 for 10k: each well under a second), then falling with the square:
    // 2 passes from 55k nodes, 1 from 78k, where one pass alone takes a good fraction of
    // a second.
    constexpr long long kWork = 600000;
    if (nodes <= 0)
        return 1;
    const long long n = nodes;
    const long long effort = n <= 10000 ? kWork / n : kWork * 10000 / (n * n);
    return int(std::clamp<long long>(effort, 1, 5000));
}

LevelingResult levelResources(const LevelingProblem &p, const LevelingOptions &o)
{
    const Prepared prepared(p);
    const int effort = o.effort < 0 ? defaultLevelingEffort(p.nodes) : std::max(o.effort, 1);
    Engine engine(prepared, int(p.capacity.size()), effort, o.treeProfile);
    return engine.run();
}

double criticalPathBound(const LevelingProblem &p)
{
    return Prepared(p).cpBound;
}

} // namespace Workplan
