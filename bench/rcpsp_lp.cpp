// Exact optima for the generated J30 set: writes one time-indexed MIP per instance (CPLEX
// LP format, for CBC) and, after the solver has run, checks its schedules. Used by
// bench/optimum.sh; standalone, no Qt:
//   g++ -O2 -std=c++17 -I. bench/rcpsp_lp.cpp model/engine/leveling.cpp -o rcpsp_lp
//   rcpsp_lp write DIR [PER_CELL=2] [STRIDE=1]   DIR/NNN.lp per instance + DIR/instances.tsv
//   rcpsp_lp check DIR [PER_CELL=2] [STRIDE=1]   validates DIR/NNN.sol (cbc's "solu" files)
//
// The instances are exactly leveling_bench's 30-activity set (same loops, same seeds:
// 1000003 * 30 + index); STRIDE k keeps every k-th of them (index % k == 0).
//
// The model (Pritsker et al.'s time-indexed formulation, with Christofides et al.'s
// disaggregated precedences): binary x_j_t = "activity j starts at t" for t in
// [ES_j, LS_j(T)], T = B - 1 with B the engine's best makespan (default or 10x effort): the
// MIP finds the optimum if it is below B, else it is infeasible and B is optimal (T = B when
// the engine's lower bound already proves B); the source is fixed at 0 and left out.
//   sum_t x_j_t = 1                                                   every j
//   sum_{s<=t} x_j_s <= sum_{s<=t-d_i} x_i_s                          every arc i->j, t
//   sum_j u_jr * sum_{s=t-d_j+1..t} x_j_s <= cap_r                    every r, t in [0, T)
//   minimise sum_t t * x_sink_t
#include "bench/rcpsp_gen.h"
#include "model/engine/leveling.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace Workplan;

namespace {

struct Instance
{
    int index = 0;
    std::uint64_t seed = 0;
    double nc = 0, rf = 0, rs = 0;
    LevelingProblem p;
};

// leveling_bench.cpp's runSet(30, false, perCell), loop for loop.
std::vector<Instance> instances(int perCell)
{
    const int activities = 30;
    const double nc[] = {1.5, 1.8, 2.1};
    const double rf[] = {0.25, 0.5, 0.75, 1.0};
    const double rs[] = {0.2, 0.5, 0.7};
    std::vector<Instance> out;
    int count = 0;
    for (const double c : nc)
        for (const double f : rf)
            for (int si = 0; si < 3; ++si)
                for (int k = 0; k < perCell; ++k) {
                    const std::uint64_t seed = 1000003ull * std::uint64_t(activities) + std::uint64_t(count);
                    out.push_back({count, seed, c, f, rs[si], RcpspGen::project({activities, 4, c, f, rs[si]}, seed)});
                    ++count;
                }
    return out;
}

int toInt(double v)
{
    const long r = std::lround(v);
    if (std::fabs(v - double(r)) > 1e-9) {
        std::fprintf(stderr, "non-integer value %g\n", v);
        std::exit(1);
    }
    return int(r);
}

std::string name(int j, int t) { return "x_" + std::to_string(j) + "_" + std::to_string(t); }

// Writes terms a few per line (LP-format readers limit the line length).
class Row
{
public:
    explicit Row(std::ostream &os) : m_os(os) {}
    void add(long coef, const std::string &var)
    {
        if (coef == 0)
            return;
        if (m_terms > 0 && m_terms % 8 == 0)
            m_os << "\n ";
        m_os << (coef < 0 ? " - " : (m_terms ? " + " : " "));
        if (std::labs(coef) != 1)
            m_os << std::labs(coef) << ' ';
        m_os << var;
        ++m_terms;
    }
    int terms() const { return m_terms; }

private:
    std::ostream &m_os;
    int m_terms = 0;
};

struct Windows
{
    std::vector<int> d, es, ls;
};

Windows windows(const LevelingProblem &p, int horizon)
{
    const int n = p.nodes;
    Windows w;
    w.d.resize(std::size_t(n));
    w.es.assign(std::size_t(n), 0);
    std::vector<int> tail(static_cast<std::size_t>(n)); // longest path from j's start to the sink's finish
    for (int v = 0; v < n; ++v) {
        w.d[std::size_t(v)] = toInt(p.duration[std::size_t(v)]);
        tail[std::size_t(v)] = w.d[std::size_t(v)];
    }
    for (int v = 0; v < n; ++v) // nodes are topologically numbered
        for (int e = p.inStart[std::size_t(v)]; e < p.inStart[std::size_t(v) + 1]; ++e) {
            const int u = p.pred[std::size_t(e)];
            w.es[std::size_t(v)] = std::max(w.es[std::size_t(v)], w.es[std::size_t(u)] + w.d[std::size_t(u)] + toInt(p.lag[std::size_t(e)]));
        }
    for (int v = n - 1; v >= 0; --v)
        for (int e = p.inStart[std::size_t(v)]; e < p.inStart[std::size_t(v) + 1]; ++e) {
            const int u = p.pred[std::size_t(e)];
            tail[std::size_t(u)] = std::max(tail[std::size_t(u)], w.d[std::size_t(u)] + toInt(p.lag[std::size_t(e)]) + tail[std::size_t(v)]);
        }
    w.ls.resize(std::size_t(n));
    for (int v = 0; v < n; ++v)
        w.ls[std::size_t(v)] = horizon - tail[std::size_t(v)];
    return w;
}

void writeLp(const Instance &in, int horizon, const std::string &path)
{
    const LevelingProblem &p = in.p;
    const int n = p.nodes, sink = n - 1;
    const Windows w = windows(p, horizon);
    std::ofstream os(path);
    os << "\\ generated J30 instance " << in.index << " seed " << in.seed << " horizon " << horizon << "\n";
    os << "Minimize\n obj:";
    {
        Row row(os);
        for (int t = w.es[std::size_t(sink)]; t <= w.ls[std::size_t(sink)]; ++t)
            row.add(t, name(sink, t));
    }
    os << "\nSubject To\n";
    for (int j = 1; j < n; ++j) {
        os << " one_" << j << ":";
        Row row(os);
        for (int t = w.es[std::size_t(j)]; t <= w.ls[std::size_t(j)]; ++t)
            row.add(1, name(j, t));
        os << " = 1\n";
    }
    for (int j = 1; j < n; ++j)
        for (int e = p.inStart[std::size_t(j)]; e < p.inStart[std::size_t(j) + 1]; ++e) {
            const int i = p.pred[std::size_t(e)];
            if (i == 0)
                continue; // the source sits at 0
            const int gap = w.d[std::size_t(i)] + toInt(p.lag[std::size_t(e)]);
            for (int t = w.es[std::size_t(j)]; t < w.ls[std::size_t(j)]; ++t) {
                // j started by t => i started by t - gap; trivially true once i must have.
                if (t - gap >= w.ls[std::size_t(i)])
                    break;
                os << " p_" << i << "_" << j << "_" << t << ":";
                Row row(os);
                for (int s = w.es[std::size_t(j)]; s <= t; ++s)
                    row.add(1, name(j, s));
                for (int s = w.es[std::size_t(i)]; s <= t - gap; ++s)
                    row.add(-1, name(i, s));
                os << " <= 0\n";
            }
        }
    const int resources = int(p.capacity.size());
    for (int r = 0; r < resources; ++r)
        for (int t = 0; t < horizon; ++t) {
            std::ostringstream body;
            Row row(body);
            long most = 0;
            for (int j = 1; j < n; ++j)
                for (int k = p.demandStart[std::size_t(j)]; k < p.demandStart[std::size_t(j) + 1]; ++k) {
                    if (p.demandResource[std::size_t(k)] != r)
                        continue;
                    const int u = p.demandUnits[std::size_t(k)];
                    const int lo = std::max(w.es[std::size_t(j)], t - w.d[std::size_t(j)] + 1);
                    const int hi = std::min(w.ls[std::size_t(j)], t);
                    if (lo <= hi)
                        most += u;
                    for (int s = lo; s <= hi; ++s)
                        row.add(u, name(j, s));
                }
            if (most > p.capacity[std::size_t(r)]) // else the row cannot bind
                os << " r_" << r << "_" << t << ":" << body.str() << " <= " << p.capacity[std::size_t(r)] << "\n";
        }
    os << "Binaries\n";
    for (int j = 1; j < n; ++j) {
        Row row(os);
        for (int t = w.es[std::size_t(j)]; t <= w.ls[std::size_t(j)]; ++t)
            row.add(1, name(j, t));
        os << "\n";
    }
    os << "End\n";
}

// CBC numbers the LP file's columns in order of first appearance and names them x<index>
// in its solution file; this recovers our names.
std::vector<std::string> columns(const std::string &lpPath)
{
    std::ifstream is(lpPath);
    std::vector<std::string> out;
    std::map<std::string, int> seen;
    std::string line;
    while (std::getline(is, line)) {
        if (line.empty() || line[0] == '\\')
            continue;
        std::istringstream ls(line);
        std::string tok;
        while (ls >> tok) {
            int j = 0, t = 0;
            char rest = 0;
            if (std::sscanf(tok.c_str(), "x_%d_%d%c", &j, &t, &rest) == 2 && seen.emplace(tok, int(out.size())).second)
                out.push_back(tok);
        }
    }
    return out;
}

// cbc's solution file: a status line, then "index name value reduced-cost" per nonzero
// ("**" first on an infeasible one).
bool readSolution(const std::string &path, const std::vector<std::string> &names, int nodes,
                  std::vector<double> *start, std::string *status)
{
    std::ifstream is(path);
    if (!is)
        return false;
    std::getline(is, *status);
    start->assign(std::size_t(nodes), -1.0);
    (*start)[0] = 0;
    std::string line;
    while (std::getline(is, line)) {
        std::istringstream ls(line);
        std::string idx, var;
        double value = 0;
        if (!(ls >> idx))
            continue;
        if (idx == "**" && !(ls >> idx))
            continue;
        if (!(ls >> var >> value))
            continue;
        const int column = std::atoi(idx.c_str());
        if (column >= 0 && column < int(names.size()))
            var = names[std::size_t(column)];
        int j = 0, t = 0;
        if (std::sscanf(var.c_str(), "x_%d_%d", &j, &t) == 2 && value > 0.5 && j >= 0 && j < nodes)
            (*start)[std::size_t(j)] = t;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: rcpsp_lp write|check DIR [PER_CELL=2] [STRIDE=1]\n");
        return 2;
    }
    const std::string mode = argv[1], dir = argv[2];
    const int perCell = argc > 3 ? std::atoi(argv[3]) : 2;
    const int stride = argc > 4 ? std::max(1, std::atoi(argv[4])) : 1;
    int bad = 0;
    std::FILE *tsv = nullptr;
    if (mode == "write") {
        tsv = std::fopen((dir + "/instances.tsv").c_str(), "w");
        if (!tsv) {
            std::perror("instances.tsv");
            return 1;
        }
        std::fprintf(tsv, "index\tseed\tnc\trf\trs\tcp\tlower\tdefault\tx10\thorizon\n");
    }
    for (const Instance &in : instances(perCell)) {
        if (in.index % stride != 0)
            continue;
        char file[64];
        if (mode == "write") {
            const int effort = defaultLevelingEffort(in.p.nodes);
            const LevelingResult r = levelResources(in.p, LevelingOptions{effort});
            const LevelingResult r10 = levelResources(in.p, LevelingOptions{10 * effort});
            for (const LevelingResult *x : {&r, &r10}) {
                const std::string error = checkLeveledSchedule(in.p, x->start);
                if (!error.empty()) {
                    std::fprintf(stderr, "instance %d: INVALID engine schedule: %s\n", in.index, error.c_str());
                    return 1;
                }
            }
            // Horizon best - 1: the MIP then either finds a shorter schedule (and the
            // optimum) or is infeasible, which proves the engine's best optimal. When the
            // engine's own lower bound already proves it, horizon best (CBC confirms).
            const int best = toInt(std::min(r.makespan, r10.makespan));
            const int horizon = std::ceil(r.lowerBound - 1e-9) >= best ? best : best - 1;
            std::snprintf(file, sizeof file, "/%03d.lp", in.index);
            writeLp(in, horizon, dir + file);
            std::fprintf(tsv, "%d\t%llu\t%.2f\t%.2f\t%.2f\t%d\t%g\t%d\t%d\t%d\n", in.index,
                         (unsigned long long)in.seed, in.nc, in.rf, in.rs, toInt(criticalPathBound(in.p)),
                         r.lowerBound, toInt(r.makespan), toInt(r10.makespan), horizon);
        } else if (mode == "check") {
            std::snprintf(file, sizeof file, "/%03d.lp", in.index);
            const std::vector<std::string> names = columns(dir + file);
            std::snprintf(file, sizeof file, "/%03d.sol", in.index);
            std::vector<double> start;
            std::string status;
            if (!readSolution(dir + file, names, in.p.nodes, &start, &status)) {
                std::printf("%03d no solution file\n", in.index);
                continue;
            }
            if (status.rfind("Optimal", 0) != 0 && status.rfind("Stopped on time - objective", 0) != 0) {
                std::printf("%03d no schedule  [%s]\n", in.index, status.c_str());
                continue;
            }
            double makespan = 0;
            bool complete = true;
            for (int v = 0; v < in.p.nodes; ++v) {
                complete = complete && start[std::size_t(v)] >= 0;
                makespan = std::max(makespan, start[std::size_t(v)] + in.p.duration[std::size_t(v)]);
            }
            const std::string error = complete ? checkLeveledSchedule(in.p, start) : "no start for some activity";
            std::printf("%03d %s makespan %g  [%s]\n", in.index, error.empty() ? "valid" : "INVALID", makespan,
                        error.empty() ? status.c_str() : error.c_str());
            bad += !error.empty();
        } else {
            std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
            return 2;
        }
    }
    if (tsv)
        std::fclose(tsv);
    return bad ? 1 : 0;
}
