#pragma once

// The two resource profiles the leveling engine (leveling.cpp) places nodes in: a flat sorted
// step function, fastest when nodes come roughly in time order, and a balanced tree for any
// order. Both answer the same questions with the same results, so a pass may switch from
// one to the other without changing the schedule. Internal to the engine.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace Workplan {
namespace LevelingDetail {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTol = 1e-9;

// One resource's use over time as a sorted step function: level[i] units are in use over
// [time[i], time[i+1]). The -inf sentinel means every time lies in some step, and the last
// step is always 0. Insertions cost a memmove of the steps after them, which is short
// because the serial scheme places nodes roughly in time order, and then this is several
// times faster than the TreeProfile below. It counts the steps it moves and scans: past
// `allowance` the pass is abandoned and redone on trees, which give the same schedule.
class FlatProfile
{
public:
    void reset(long long allowance)
    {
        m_time.assign(1, -kInf);
        m_level.assign(1, 0);
        m_allowance = allowance;
    }
    bool exhausted() const { return m_allowance < 0; }
    // The earliest t' >= t such that the level stays <= limit over [t', t' + d), or once
    // `budget` jumps are spent, the earliest t' >= t after which it stays <= limit for good.
    double fit(double t, double d, int limit, int &budget) const
    {
        std::size_t i = std::size_t(std::upper_bound(m_time.begin(), m_time.end(), t) - m_time.begin()) - 1;
        for (;;) {
            if (--budget < 0)
                return std::max(t, tail(limit));
            const std::size_t from = i;
            if (m_level[i] > limit) {
                do
                    ++i;
                while (m_level[i] > limit);
                t = m_time[i];
            }
            const double end = t + d;
            std::size_t j = i + 1;
            while (j < m_time.size() && m_time[j] < end && m_level[j] <= limit)
                ++j;
            m_allowance -= (long long)(j - from);
            if (j == m_time.size() || m_time[j] >= end)
                return t;
            i = j;
        }
    }
    void add(double s, double f, int units)
    {
        std::size_t i = breakAt(s);
        const std::size_t k = breakAt(f);
        m_allowance -= (long long)(k - i);
        for (; i < k; ++i)
            m_level[i] += units;
    }

private:
    double tail(int limit) const
    {
        std::size_t i = m_time.size() - 1;
        while (i > 0 && m_level[i - 1] <= limit)
            --i;
        m_allowance -= (long long)(m_time.size() - i);
        return m_time[i];
    }
    std::size_t breakAt(double t)
    {
        const std::size_t i = std::size_t(std::upper_bound(m_time.begin(), m_time.end(), t) - m_time.begin());
        if (m_time[i - 1] == t)
            return i - 1;
        m_allowance -= (long long)(m_time.size() - i);
        m_time.insert(m_time.begin() + std::ptrdiff_t(i), t);
        m_level.insert(m_level.begin() + std::ptrdiff_t(i), m_level[i - 1]);
        return i;
    }

    std::vector<double> m_time;
    std::vector<int> m_level;
    mutable long long m_allowance = 0;
};

// The same step function as a treap keyed by time, with lazy range-add and subtree
// min/max levels: fit() jumps over a whole overloaded stretch or a whole free stretch in
// O(log n), and an insertion anywhere costs O(log n), whatever order the nodes come in.
class TreeProfile
{
public:
    bool exhausted() const { return false; }
    void reset(long long)
    {
        m_node.clear();
        m_seed = 0x2545f4914f6cdd1dull; // priorities restart too: same tree on every pass
        m_root = make(-kInf, 0);
    }
    double fit(double t, double d, int limit, int &budget)
    {
        for (;;) {
            if (--budget < 0)
                return std::max(t, tail(limit));
            if (m_node[floorNode(t)].val > limit)
                t = m_node[firstAfter(m_root, t, limit, false)].key;
            const int y = firstAfter(m_root, t, limit, true);
            if (y < 0 || m_node[y].key >= t + d)
                return t;
            t = m_node[y].key;
        }
    }
    void add(double s, double f, int units)
    {
        breakAt(s);
        breakAt(f);
        int a, b, c;
        cut(m_root, s, a, b);
        cut(b, f, b, c);
        apply(b, units);
        m_root = join(a, join(b, c));
    }

private:
    struct Node
    {
        double key;
        int val, mx, mn, lazy, l, r;
        std::uint32_t pri;
    };

    int make(double key, int val)
    {
        m_seed = m_seed * 6364136223846793005ull + 1442695040888963407ull;
        m_node.push_back({key, val, val, val, 0, -1, -1, std::uint32_t(m_seed >> 33)});
        return int(m_node.size()) - 1;
    }
    void apply(int x, int u)
    {
        if (x < 0)
            return;
        Node &n = m_node[x];
        n.val += u;
        n.mx += u;
        n.mn += u;
        n.lazy += u;
    }
    void push(int x)
    {
        if (m_node[x].lazy) {
            apply(m_node[x].l, m_node[x].lazy);
            apply(m_node[x].r, m_node[x].lazy);
            m_node[x].lazy = 0;
        }
    }
    void pull(int x)
    {
        Node &n = m_node[x];
        n.mx = n.mn = n.val;
        for (const int c : {n.l, n.r}) {
            if (c >= 0) {
                n.mx = std::max(n.mx, m_node[c].mx);
                n.mn = std::min(n.mn, m_node[c].mn);
            }
        }
    }
    // The time after which the level stays <= limit: the step after the last one above it.
    double tail(int limit)
    {
        int last = -1;
        for (int x = m_root; x >= 0;) {
            push(x);
            const int r = m_node[x].r;
            if (r >= 0 && m_node[r].mx > limit) {
                x = r;
            } else if (m_node[x].val > limit) {
                last = x;
                break;
            } else {
                x = m_node[x].l;
            }
        }
        if (last < 0)
            return -kInf;
        return m_node[firstAfter(m_root, m_node[last].key, limit, false)].key;
    }
    int floorNode(double t)
    {
        int best = -1;
        for (int x = m_root; x >= 0;) {
            push(x);
            if (m_node[x].key <= t) {
                best = x;
                x = m_node[x].r;
            } else {
                x = m_node[x].l;
            }
        }
        return best;
    }
    // The first step after time t whose level is > limit (over) or <= limit (!over).
    int firstAfter(int x, double t, int limit, bool over)
    {
        if (x < 0 || (over ? m_node[x].mx <= limit : m_node[x].mn > limit))
            return -1;
        push(x);
        if (m_node[x].key <= t)
            return firstAfter(m_node[x].r, t, limit, over);
        const int left = firstAfter(m_node[x].l, t, limit, over);
        if (left >= 0)
            return left;
        if (over ? m_node[x].val > limit : m_node[x].val <= limit)
            return x;
        return firstAfter(m_node[x].r, t, limit, over);
    }
    void breakAt(double t)
    {
        const int x = floorNode(t);
        if (m_node[x].key == t)
            return;
        const int level = m_node[x].val;
        int a, b;
        cut(m_root, t, a, b);
        m_root = join(join(a, make(t, level)), b);
    }
    // a = steps before time k, b = the rest.
    void cut(int x, double k, int &a, int &b)
    {
        if (x < 0) {
            a = b = -1;
            return;
        }
        push(x);
        if (m_node[x].key < k) {
            int r;
            cut(m_node[x].r, k, r, b);
            m_node[x].r = r;
            a = x;
        } else {
            int l;
            cut(m_node[x].l, k, a, l);
            m_node[x].l = l;
            b = x;
        }
        pull(x);
    }
    int join(int a, int b)
    {
        if (a < 0 || b < 0)
            return a < 0 ? b : a;
        if (m_node[a].pri > m_node[b].pri) {
            push(a);
            m_node[a].r = join(m_node[a].r, b);
            pull(a);
            return a;
        }
        push(b);
        m_node[b].l = join(a, m_node[b].l);
        pull(b);
        return b;
    }

    std::vector<Node> m_node;
    std::uint64_t m_seed = 0;
    int m_root = -1;
};


} // namespace LevelingDetail
} // namespace Workplan
