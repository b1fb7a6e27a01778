#pragma once

#include "../../project.h"
#include "sqliterows.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <array>

// How the values of a Project become the columns of a .workplan file and back: JSON
// values as compact JSON text, empty objects as NULL.
namespace Workplan::SqliteFormat {

// The closed vocabularies as QStrings made once, not once per row.
template<typename Enum, int N>
const QString &cachedName(Enum e)
{
    static const auto names = [] {
        std::array<QString, N> a;
        for (int i = 0; i < N; ++i)
            a[size_t(i)] = toString(static_cast<Enum>(i));
        return a;
    }();
    return names[size_t(e)];
}

// Compact JSON text of a value. Plain strings, the bulk of all values, skip the writer.
QString jsonText(const QJsonValue &v);
// NULL for an empty object, so the common case costs nothing to write or read.
void writeObject(RowSink &row, const QJsonObject &o);
void writeOptionalText(RowSink &row, const QString &s, bool present);
// The same for a string of the saved project (RowSink::stableText()).
void writeOptionalStableText(RowSink &row, const QString &s, bool present);

bool parseJson(QStringView text, QJsonValue *out);
// A string or number written by jsonText(); plain texts and integers skip the parser.
bool parseScalar(QStringView text, QJsonValue *out);
// The recorded type against the first character of the compact JSON text (v1 to v3: an
// attribute a row, its type beside it); the parse that follows checks the rest.
bool startsLikeType(QStringView type, QStringView value);
// `s` as a JSON string literal appended to `out`.
void appendJsonString(QString &out, QStringView s);
// A column written by writeObject(): NULL is the empty object.
bool parseObject(RowSource &row, int column, QJsonObject *out);

} // namespace Workplan::SqliteFormat
