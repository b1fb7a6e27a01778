#pragma once

namespace Workplan {

// Working-time calendar of a project (§2): every figure of the analysis is in working hours.
struct Calendar
{
    double hoursPerDay = 8.0;
    double daysPerWeek = 5.0;

    double hoursPerWeek() const { return hoursPerDay * daysPerWeek; }
    double hoursPerMonth() const { return 4.0 * hoursPerWeek(); }

    bool operator==(const Calendar &o) const
    {
        return hoursPerDay == o.hoursPerDay && daysPerWeek == o.daysPerWeek;
    }
    bool operator!=(const Calendar &o) const { return !(*this == o); }
};

} // namespace Workplan
