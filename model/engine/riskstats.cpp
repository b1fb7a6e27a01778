#include "riskstats.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cmath>
#include <memory>
#include <mutex>
#include <numeric>
#include <system_error>
#include <thread>

namespace Workplan {
namespace RiskDetail {

// Node v as a draw, or its fixed duration. Shared by the runs and riskDrawnDuration.
bool drawOf(const RiskProblem &p, int v, Draw &d, double &fixed)
{
    const double lo = p.low[std::size_t(v)];
    const double hi = p.high[std::size_t(v)];
    fixed = lo;
    d.node = v;
    switch (p.kind[std::size_t(v)]) {
    case RiskProblem::Kind::Fixed:
        return false;
    case RiskProblem::Kind::Uniform:
        if (!(hi > lo))
            return false;
        d.triangular = false;
        d.a = lo;
        d.b = hi - lo;
        return true;
    case RiskProblem::Kind::Triangular: {
        const double m = p.mode[std::size_t(v)];
        if (!(lo <= m && m <= hi)) {
            fixed = m;
            return false;
        }
        if (!(hi > lo))
            return false;
        d.triangular = true;
        d.a = lo;
        d.b = hi;
        d.c = (m - lo) / (hi - lo);
        d.d = (hi - lo) * (m - lo);
        d.e = (hi - lo) * (hi - m);
        return true;
    }
    }
    return false;
}

void prepareDraws(const RiskProblem &p, const std::vector<int> *pos, std::vector<double> &fixed,
                  std::vector<Draw> &draws)
{
    fixed.assign(std::size_t(p.nodes), 0.0);
    draws.clear();
    for (int v = 0; v < p.nodes; ++v) {
        Draw d;
        if (drawOf(p, v, d, fixed[std::size_t(v)])) {
            d.pos = pos ? (*pos)[std::size_t(v)] : v;
            draws.push_back(d);
        }
    }
}

bool forEach(int threads, int jobs, const std::function<void(int, int)> &job, const std::function<bool()> &poll)
{
    using Clock = std::chrono::steady_clock;
    constexpr auto every = std::chrono::milliseconds(50);
    if (threads <= 1) {
        auto last = Clock::now();
        for (int j = 0; j < jobs; ++j) {
            job(0, j);
            if (poll && j + 1 < jobs && Clock::now() - last >= every) {
                last = Clock::now();
                if (!poll())
                    return false;
            }
        }
        return true;
    }
    std::atomic<int> next{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable cv;
    int finished = 0;
    auto worker = [&](int w) {
        while (!stop.load(std::memory_order_relaxed)) {
            const int j = next.fetch_add(1, std::memory_order_relaxed);
            if (j >= jobs)
                break;
            job(w, j);
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            ++finished;
        }
        cv.notify_one();
    };
    // The workers take the jobs in turn, so however many of them start, all jobs are done;
    // when the system gives none, the calling thread does them.
    std::vector<std::thread> pool;
    pool.reserve(std::size_t(threads));
    try {
        for (int w = 0; w < threads; ++w)
            pool.emplace_back(worker, w);
    } catch (const std::system_error &) {
    }
    if (pool.empty())
        return forEach(1, jobs, job, poll);
    const int started = int(pool.size());
    bool ok = true;
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (!cv.wait_for(lock, every, [&] { return finished == started; })) {
            if (ok && poll) {
                lock.unlock();
                ok = poll();
                lock.lock();
                if (!ok)
                    stop = true;
            }
        }
    }
    for (std::thread &t : pool)
        t.join();
    return ok;
}

void makespanFigures(const std::vector<double> &makespans, double deterministicMakespan, int bins, RiskResult &r)
{
    const std::size_t runs = makespans.size();
    if (runs == 0)
        return;
    // Summed in run order, never per thread, so that the figures do not depend on how the
    // runs were split. Two passes for the variance: no cancellation when stdev << mean.
    double sum = 0;
    for (double x : makespans)
        sum += x;
    r.mean = sum / double(runs);
    double squares = 0;
    for (double x : makespans)
        squares += (x - r.mean) * (x - r.mean);
    r.stdev = std::sqrt(squares / double(runs));

    std::vector<double> sorted = makespans;
    std::sort(sorted.begin(), sorted.end());
    r.min = sorted.front();
    r.max = sorted.back();
    // Nearest rank ceil(K/100 * runs), in integers so that K * runs / 100 landing on a whole
    // number is never rounded up by a floating-point error.
    auto percentile = [&](std::size_t k) {
        const std::size_t rank = std::max<std::size_t>(1, (k * runs + 99) / 100);
        return sorted[rank - 1];
    };
    r.p10 = percentile(10);
    r.p50 = percentile(50);
    r.p80 = percentile(80);
    r.p90 = percentile(90);
    r.p95 = percentile(95);
    const double limit = deterministicMakespan + 1e-6;
    const std::size_t onTime = std::size_t(std::upper_bound(sorted.begin(), sorted.end(), limit) - sorted.begin());
    r.onTimeProbability = double(onTime) / double(runs);

    const double width = r.max - r.min;
    const int count = width > 0 ? std::max(bins, 1) : 1;
    r.histogramEdges.resize(std::size_t(count) + 1);
    for (int i = 0; i <= count; ++i)
        r.histogramEdges[std::size_t(i)] = r.min + width * i / count;
    r.histogramEdges.back() = r.max;
    r.histogramCounts.assign(std::size_t(count), 0);
    for (double x : sorted) {
        const int bin = width > 0 ? std::min(count - 1, int((x - r.min) / width * count)) : 0;
        ++r.histogramCounts[std::size_t(bin)];
    }
}

std::vector<double> centredRanks(const std::vector<double> &v)
{
    const std::size_t n = v.size();
    std::vector<int> index(n);
    std::iota(index.begin(), index.end(), 0);
    std::sort(index.begin(), index.end(), [&](int a, int b) { return v[std::size_t(a)] < v[std::size_t(b)]; });
    // Sorted places i..j-1 hold equal values: each takes the average rank (i + 1 + j) / 2,
    // centred (n + 1) / 2: (i + j - n) / 2, a half-integer, exact.
    std::vector<double> rank(n);
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && v[std::size_t(index[j])] == v[std::size_t(index[i])])
            ++j;
        const double centred = (double(i) + double(j) - double(n)) * 0.5;
        for (std::size_t k = i; k < j; ++k)
            rank[std::size_t(index[k])] = centred;
        i = j;
    }
    return rank;
}

namespace {

double correlation(double sab, double saa, double sbb)
{
    if (!(saa > 0) || !(sbb > 0))
        return 0.0;
    return std::clamp(sab / std::sqrt(saa * sbb), -1.0, 1.0);
}

// One worker's arrays for ranking a leaf's draws over all runs.
struct RankScratch
{
    std::vector<std::uint32_t> bucketStart;
    std::vector<std::uint64_t> bits;
    struct Drawn
    {
        double value;
        int run;
    };
    std::vector<Drawn> sorted;
};

// The leaf's draws over all runs, ranked in O(runs) expected: counting sort on the top bits
// of u into 2 x runs buckets (u is uniform, so few buckets hold two draws), then insertion
// sort by the drawn value, which only has to fix the order inside buckets (and the rare
// inversion rounding makes at the triangle's peak). Returns sum(a * b) and sum(a * a) over
// runs, a being the draw's centred rank and b the makespan's.
void rankDraws(const Draw &d, const std::vector<std::uint64_t> &runKeys, const std::vector<double> &b,
               RankScratch &s, double &sab, double &saa)
{
    const std::size_t runs = runKeys.size();
    const std::uint64_t k = nodeKey(d.node);
    const std::size_t buckets = 2 * runs;
    const std::uint64_t scale = buckets;
    std::uint32_t *start = s.bucketStart.data();
    std::uint64_t *bits = s.bits.data();
    std::fill_n(start, buckets + 1, 0u);
    for (std::size_t r = 0; r < runs; ++r) {
        const std::uint64_t q = mix(runKeys[r] + k) >> 11;
        bits[r] = q;
        ++start[((q >> 21) * scale >> 32) + 1];
    }
    for (std::size_t i = 1; i <= buckets; ++i)
        start[i] += start[i - 1];
    RankScratch::Drawn *sorted = s.sorted.data();
    for (std::size_t r = 0; r < runs; ++r) {
        const std::uint64_t q = bits[r];
        const std::uint32_t at = start[(q >> 21) * scale >> 32]++;
        sorted[at] = {d.at(double(q) * 0x1.0p-53), int(r)};
    }
    for (std::size_t i = 1; i < runs; ++i) {
        const RankScratch::Drawn x = sorted[i];
        std::size_t j = i;
        for (; j > 0 && x.value < sorted[j - 1].value; --j)
            sorted[j] = sorted[j - 1];
        sorted[j] = x;
    }
    // Untied, sorted place i has the centred rank i - (runs - 1) / 2, and the squares add up
    // to (runs^3 - runs) / 12; a run of t equal values takes their average rank and takes
    // (t^3 - t) / 12 off that sum. Ties are rare, so the common step is one multiply-add.
    const double centre = (double(runs) - 1) * 0.5;
    double ab = 0, tieCubes = 0;
    for (std::size_t i = 0; i < runs;) {
        if (i + 1 == runs || sorted[i + 1].value != sorted[i].value) {
            ab += (double(i) - centre) * b[std::size_t(sorted[i].run)];
            ++i;
            continue;
        }
        std::size_t j = i + 2;
        while (j < runs && sorted[j].value == sorted[i].value)
            ++j;
        const double a = (double(i) + double(j) - double(runs)) * 0.5;
        double sb = 0;
        for (std::size_t t = i; t < j; ++t)
            sb += b[std::size_t(sorted[t].run)];
        ab += a * sb;
        const double t = double(j - i);
        tieCubes += t * t * t - t;
        i = j;
    }
    const double n = double(runs);
    sab = ab;
    saa = (n * n * n - n - tieCubes) / 12;
}

} // namespace

bool sensitivities(const std::vector<Draw> &draws, const std::vector<unsigned char> &leaf,
                   const std::vector<double> &makespans, std::uint64_t seed, int threads,
                   const std::function<bool()> &poll, std::vector<double> &out)
{
    out.assign(leaf.size(), 0.0);
    const std::size_t runs = makespans.size();
    std::vector<const Draw *> leaves;
    for (const Draw &d : draws) {
        if (leaf[std::size_t(d.node)])
            leaves.push_back(&d);
    }
    const std::vector<double> b = centredRanks(makespans);
    double sbb = 0;
    for (double x : b)
        sbb += x * x;
    if (leaves.empty() || !(sbb > 0) || runs < 2)
        return true;

    std::vector<std::uint64_t> runKeys(runs);
    for (std::size_t r = 0; r < runs; ++r)
        runKeys[r] = runKey(seed, int(r));
    // Fixed chunks of leaves; each leaf's figure is its own, so neither the chunking nor the
    // thread that takes a chunk changes a result.
    constexpr int chunk = 16;
    const int jobs = int((leaves.size() + chunk - 1) / chunk);
    threads = std::max(1, std::min(threads, jobs));
    std::vector<std::unique_ptr<RankScratch>> scratch(static_cast<std::size_t>(threads));
    auto job = [&](int w, int j) {
        std::unique_ptr<RankScratch> &s = scratch[std::size_t(w)];
        if (!s) {
            s = std::make_unique<RankScratch>();
            s->bucketStart.resize(2 * runs + 1);
            s->bits.resize(runs);
            s->sorted.resize(runs);
        }
        const std::size_t end = std::min(leaves.size(), std::size_t(j + 1) * chunk);
        for (std::size_t i = std::size_t(j) * chunk; i < end; ++i) {
            double sab = 0, saa = 0;
            rankDraws(*leaves[i], runKeys, b, *s, sab, saa);
            out[std::size_t(leaves[i]->node)] = correlation(sab, saa, sbb);
        }
    };
    return forEach(threads, jobs, job, poll);
}

} // namespace RiskDetail

double spearman(const std::vector<double> &x, const std::vector<double> &y)
{
    if (x.size() != y.size() || x.size() < 2)
        return 0.0;
    const std::vector<double> a = RiskDetail::centredRanks(x);
    const std::vector<double> b = RiskDetail::centredRanks(y);
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += a[i] * b[i];
        saa += a[i] * a[i];
        sbb += b[i] * b[i];
    }
    return RiskDetail::correlation(sab, saa, sbb);
}

} // namespace Workplan
