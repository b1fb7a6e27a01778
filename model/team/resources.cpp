#include "resources.h"

#include "../storage/json/jsonwriter.h"
#include "../project.h"
#include "../validation.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <limits>

namespace Workplan {

namespace {

QString shown(const QJsonValue &v)
{
    return QString::fromUtf8(compactJson(v));
}

// A whole number >= 1 ("2.0 counts as whole"), as an int.
std::optional<int> wholeUnits(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= 1) || d != std::floor(d) || d > double(std::numeric_limits<int>::max()))
        return std::nullopt;
    return int(d);
}

// The task field, null read as absent.
QJsonValue resourcesField(const Task &t)
{
    // Most tasks have no field of their own: asked of every task at each check of the team
    // (the inspector's, after every edit of a 100k-task plan).
    if (t.extra.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonValue v = t.extra.value(QLatin1String("resources"));
    return v.isNull() ? QJsonValue(QJsonValue::Undefined) : v;
}

} // namespace

std::optional<ValidationError> readResources(const Project &project, std::vector<Resource> *out)
{
    std::vector<Resource> declared;
    QHash<QString, int> byName;
    const QJsonValue list = project.projectExtra.value(QLatin1String("resources"));
    if (!list.isUndefined() && !list.isNull()) {
        if (!list.isArray())
            return ValidationError{QString(), QStringLiteral("project resources must be an array of objects, not %1").arg(shown(list))};
        int number = 0;
        for (const QJsonValue &v : list.toArray()) {
            ++number;
            if (!v.isObject())
                return ValidationError{QString(), QStringLiteral("resource #%1 must be an object with a name, not %2")
                                                      .arg(number).arg(shown(v))};
            const QJsonObject o = v.toObject();
            const QJsonValue name = o.value(QLatin1String("name"));
            if (!name.isString() || name.toString().isEmpty())
                return ValidationError{QString(), QStringLiteral("resource #%1 has no name (a non-empty string)").arg(number)};
            Resource r;
            r.name = name.toString();
            if (byName.contains(r.name))
                return ValidationError{QString(), QStringLiteral("resource \"%1\" is declared twice").arg(r.name)};
            const QJsonValue capacity = o.value(QLatin1String("capacity"));
            if (!capacity.isUndefined() && !capacity.isNull()) {   // null: the default, as absent
                const auto units = wholeUnits(capacity);
                if (!units)
                    return ValidationError{QString(), QStringLiteral("resource \"%1\": capacity %2 is not a whole number of at least 1")
                                                          .arg(r.name, shown(capacity))};
                r.capacity = *units;
            }
            byName.insert(r.name, int(declared.size()));
            declared.push_back(r);
        }
    }

    for (const Task &t : project.tasks()) {
        const QJsonValue demand = resourcesField(t);
        if (demand.isUndefined())
            continue;
        if (!demand.isObject())
            return ValidationError{t.id, QStringLiteral("resources must be an object from resource name to units, not %1")
                                             .arg(shown(demand))};
        const QJsonObject o = demand.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (!byName.contains(it.key()))
                return ValidationError{t.id, QStringLiteral("resources names \"%1\", which the project does not declare")
                                                 .arg(it.key())};
            if (!wholeUnits(it.value()))
                return ValidationError{t.id, QStringLiteral("resources asks for %1 \"%2\": units must be a whole number of at least 1")
                                                 .arg(shown(it.value()), it.key())};
        }
    }
    if (out)
        *out = std::move(declared);
    return std::nullopt;
}

Demand demandOf(const Project &project, const std::vector<Resource> &resources, int t)
{
    Demand d;
    auto indexOf = [&](const QString &name) {
        for (std::size_t r = 0; r < resources.size(); ++r) {
            if (resources[r].name == name)
                return int(r);
        }
        return -1;
    };
    // The nearest `resources` field on the path wins outright.
    for (int i = t; i >= 0; i = project.indexOf(project.task(i).parentId)) {
        const QJsonValue field = resourcesField(project.task(i));
        if (field.isUndefined())
            continue;
        const QJsonObject o = field.toObject();
        std::vector<int> units(resources.size(), 0);
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const int r = indexOf(it.key());
            if (r >= 0)
                units[std::size_t(r)] = wholeUnits(it.value()).value_or(0);
        }
        for (std::size_t r = 0; r < units.size(); ++r) {
            if (units[r] > 0)
                d.units.push_back({int(r), units[r]});
        }
        d.source = Demand::Source::Resources;
        d.from = i;
        return d;
    }
    if (resources.empty())
        return d;
    // Else one unit of each resource a role attribute names, each attribute from the
    // nearest task that has it.
    const std::pair<const char *, Demand::Source> roles[] = {
        {"specialist_type", Demand::Source::SpecialistType},
        {"assigned_team", Demand::Source::AssignedTeam},
        {"assigned_developer", Demand::Source::AssignedDeveloper}};
    std::vector<char> wanted(resources.size(), 0);
    for (const auto &[attribute, source] : roles) {
        for (int i = t; i >= 0; i = project.indexOf(project.task(i).parentId)) {
            const QJsonValue v = project.task(i).attributes.value(QLatin1String(attribute));
            if (v.isUndefined() || v.isNull())
                continue;
            const int r = v.isString() ? indexOf(v.toString()) : -1;
            if (r >= 0 && !wanted[std::size_t(r)]) {
                wanted[std::size_t(r)] = 1;
                if (d.source == Demand::Source::None) {
                    d.source = source;
                    d.from = i;
                }
            }
            break;
        }
    }
    for (std::size_t r = 0; r < wanted.size(); ++r) {
        if (wanted[r])
            d.units.push_back({int(r), 1});
    }
    return d;
}

QString toString(Demand::Source source)
{
    switch (source) {
    case Demand::Source::None: return QStringLiteral("no demand");
    case Demand::Source::Resources: return QStringLiteral("resources");
    case Demand::Source::SpecialistType: return QStringLiteral("specialist_type");
    case Demand::Source::AssignedTeam: return QStringLiteral("assigned_team");
    case Demand::Source::AssignedDeveloper: return QStringLiteral("assigned_developer");
    }
    return QString();
}

} // namespace Workplan
