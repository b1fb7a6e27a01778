// The leveling engine on generated RCPSP sets shaped like PSPLIB J30/J60/J120 (see
// rcpsp_gen.h): per set the average % above the critical-path bound at the default effort
// (the literature's usual figure), the average % above the best makespan found with that
// and with 10x the effort, and schedules per second; then the time of one serial pass,
// and of the default effort, on big layered graphs. Standalone, no Qt:
//   g++ -O2 -std=c++17 -I. bench/leveling_bench.cpp model/engine/leveling.cpp model/engine/levelingcheck.cpp -o leveling_bench
//   leveling_bench [INSTANCES_PER_CELL=2] [SETS=30,60,120,120t]   ("" = the big graphs only)
#include "bench/rcpsp_gen.h"
#include "model/engine/leveling.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace Workplan;

namespace {

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Runs and checks: a schedule the checker refuses is a bug, never a figure.
LevelingResult level(const LevelingProblem &p, int effort, double *secs, bool tree = false)
{
    LevelingOptions options{effort};
    options.treeProfile = tree;
    const auto t0 = std::chrono::steady_clock::now();
    LevelingResult r = levelResources(p, options);
    *secs = seconds(t0);
    const std::string error = checkLeveledSchedule(p, r.start);
    if (!error.empty()) {
        std::fprintf(stderr, "INVALID schedule: %s\n", error.c_str());
        std::exit(1);
    }
    return r;
}

// `tight` takes PSPLIB J120's scarcer resources (RS 0.1..0.3 instead of 0.2..0.7), for a
// figure comparable with the published J120 tables.
void runSet(int activities, bool tight, int perCell)
{
    const double nc[] = {1.5, 1.8, 2.1};
    const double rf[] = {0.25, 0.5, 0.75, 1.0};
    const double loose[] = {0.2, 0.5, 0.7}, scarce[] = {0.1, 0.2, 0.3};
    const double *rs = tight ? scarce : loose;
    int count = 0, atBound = 0, atBest = 0;
    double sumCp = 0, sumBest = 0, sumCp10 = 0, secs = 0, secs10 = 0;
    long long schedules = 0;
    for (const double c : nc)
        for (const double f : rf)
            for (int si = 0; si < 3; ++si)
                for (int k = 0; k < perCell; ++k) {
                    const std::uint64_t seed = 1000003ull * std::uint64_t(activities) + std::uint64_t(count);
                    const LevelingProblem p = RcpspGen::project({activities, 4, c, f, rs[si]}, seed);
                    const double cp = criticalPathBound(p);
                    const int effort = defaultLevelingEffort(p.nodes);
                    double t = 0, t10 = 0;
                    const LevelingResult r = level(p, effort, &t);
                    const LevelingResult r10 = level(p, 10 * effort, &t10);
                    const double best = std::min(r.makespan, r10.makespan);
                    sumCp += 100 * (r.makespan - cp) / cp;
                    sumCp10 += 100 * (r10.makespan - cp) / cp;
                    sumBest += 100 * (r.makespan - best) / best;
                    atBound += r.makespan <= r.lowerBound + 1e-9;
                    atBest += r.makespan <= best + 1e-9;
                    secs += t;
                    secs10 += t10;
                    schedules += r.schedulesTried;
                    ++count;
                }
    std::printf("J%-4d%s %4d instances  effort %5d: %6.2f %% above CP bound (10x: %6.2f %%), "
                "%5.2f %% above best found (%d/%d at best, %d proven optimal), %7.0f schedules/s, "
                "%.1f ms per instance (10x %.1f ms)\n",
                activities, tight ? " RS 0.1-0.3" : " RS 0.2-0.7", count, defaultLevelingEffort(activities + 2), sumCp / count, sumCp10 / count,
                sumBest / count, atBest, count, atBound, double(schedules) / secs, 1e3 * secs / count,
                1e3 * secs10 / count);
    std::fflush(stdout);
}

void timeBig(const char *what, const LevelingProblem &p)
{
    double one = 0, tree = 0, def = 0;
    level(p, 1, &one);
    level(p, 1, &tree, true);
    const LevelingResult r = level(p, -1, &def);
    std::printf("%-34s %7d nodes: one pass %7.1f ms (on the tree profile %7.1f ms); "
                "default effort %4d: %7.1f ms, %7.2f %% above CP bound, %5.2f %% above the lower bound\n",
                what, p.nodes, 1e3 * one, 1e3 * tree, r.schedulesTried, 1e3 * def,
                100 * (r.makespan - criticalPathBound(p)) / criticalPathBound(p),
                100 * (r.makespan - r.lowerBound) / r.lowerBound);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    const int perCell = argc > 1 ? std::atoi(argv[1]) : 2;
    const std::string sets = argc > 2 ? argv[2] : "30,60,120,120t";
    for (std::size_t at = 0; at < sets.size();) {
        const std::size_t comma = std::min(sets.find(',', at), sets.size());
        const std::string set = sets.substr(at, comma - at); // "120t": the tight variant
        runSet(std::atoi(set.c_str()), set.back() == 't', perCell);
        at = comma + 1;
    }
    timeBig("ProGen-like, 4 resources, RS 0.2", RcpspGen::project({1000, 4, 1.8, 0.5, 0.2}, 7));
    timeBig("layered, 5 resources", RcpspGen::layered(1000, 5, 11));
    timeBig("layered, 5 resources", RcpspGen::layered(10000, 5, 12));
    timeBig("layered, 5 resources", RcpspGen::layered(100000, 5, 13));
    return 0;
}
