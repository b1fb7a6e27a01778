// fuzz_effort: parseEffortText on the bytes as UTF-8; the answer is nullopt or a finite,
// non-negative number of hours. The first byte picks a calendar so odd calendars get hit.
#include "model/calendar.h"
#include "model/effort.h"

#include <QJsonValue>
#include <QString>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Workplan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    Calendar calendar;
    if (size > 0) {
        static const double perDay[] = {8, 24, 0.5, 1e-300, 1e300, 7.5, 1, 1e308};
        static const double perWeek[] = {5, 7, 1, 0.25, 1e300, 6, 2, 1e-300};
        calendar.hoursPerDay = perDay[data[0] & 7];
        calendar.daysPerWeek = perWeek[(data[0] >> 3) & 7];
        ++data;
        --size;
    }
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto check = [&](const std::optional<double> &h, const char *what) {
        if (h && (!std::isfinite(*h) || *h < 0)) {
            std::fprintf(stderr, "fuzz_effort: %s gave %g for '%s'\n", what, *h, text.toUtf8().constData());
            std::abort();
        }
    };
    check(parseEffortText(text, calendar), "parseEffortText");
    check(parseEffort(QJsonValue(text), calendar), "parseEffort");
    return 0;
}
