#include "sqlitecodec.h"

#include "../json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Workplan::SqliteFormat {

// Compact JSON text of a value. Plain strings, the bulk of all values, skip the writer.
QString jsonText(const QJsonValue &v)
{
    if (v.isString()) {
        const QString s = v.toString();
        bool plain = true;
        for (QChar c : s) {
            // A surrogate may be a lone one (valid in JSON's \uD800 form), which the UTF-8
            // that SQLite stores would turn into '?': the writer escapes it.
            if (c.unicode() < 0x20 || c == u'"' || c == u'\\' || c.isSurrogate()) {
                plain = false;
                break;
            }
        }
        if (plain) {
            QString out;
            out.reserve(s.size() + 2);
            out += u'"';
            out += s;
            out += u'"';
            return out;
        }
    }
    return QString::fromUtf8(compactJson(v));
}

// NULL for an empty object, so the common case costs nothing to write or read.
void writeObject(RowSink &row, const QJsonObject &o)
{
    if (o.isEmpty())
        row.null();
    else
        row.takeText(QString::fromUtf8(compactJson(o)));
}

void writeOptionalText(RowSink &row, const QString &s, bool present)
{
    if (present)
        row.text(s);
    else
        row.null();
}

void writeOptionalStableText(RowSink &row, const QString &s, bool present)
{
    if (present)
        row.stableText(s);
    else
        row.null();
}

bool parseJson(QStringView text, QJsonValue *out)
{
    QByteArray wrapped;
    wrapped.reserve(text.size() + 2);
    wrapped += '[';
    wrapped += text.toUtf8();
    wrapped += ']';
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &e);
    if (e.error != QJsonParseError::NoError || doc.array().size() != 1)
        return false;
    *out = doc.array().at(0);
    return true;
}

// A string or number written by jsonText(); plain texts and integers skip the parser.
bool parseScalar(QStringView text, QJsonValue *out)
{
    if (text.size() >= 2 && text.front() == u'"' && text.back() == u'"' && !text.contains(u'\\')) {
        *out = QJsonValue(text.mid(1, text.size() - 2).toString());
        return true;
    }
    bool integral = !text.isEmpty() && text.size() < 19;
    for (QChar c : text)
        integral = integral && (c.isDigit() || c == u'-');
    if (integral) {
        bool ok = false;
        const qint64 i = text.toLongLong(&ok);
        if (ok) {
            *out = QJsonValue(i);
            return true;
        }
    }
    return parseJson(text, out);
}

// The recorded type against the first character of the compact JSON text; the parse
// that follows checks the rest.
bool startsLikeType(QStringView type, QStringView value)
{
    if (value.isEmpty())
        return false;
    const QChar c = value.front();
    if (type == u"string")
        return c == u'"';
    if (type == u"number")
        return c == u'-' || c.isDigit();
    if (type == u"bool")
        return value == u"true" || value == u"false";
    if (type == u"null")
        return value == u"null";
    if (type == u"array")
        return c == u'[';
    if (type == u"object")
        return c == u'{';
    return false;
}

void appendJsonString(QString &out, QStringView s)
{
    for (QChar c : s) {
        // A lone surrogate would not survive the UTF-8 the chunk is parsed from.
        if (c.unicode() < 0x20 || c == u'"' || c == u'\\' || c.isSurrogate()) {
            out += QString::fromUtf8(compactJson(QJsonValue(s.toString())));
            return;
        }
    }
    out += u'"';
    out += s;
    out += u'"';
}

bool parseObject(RowSource &row, int column, QJsonObject *out)
{
    if (row.isNull(column)) {
        *out = QJsonObject();
        return true;
    }
    QJsonValue v;
    if (!parseJson(row.view(column), &v) || !v.isObject())
        return false;
    *out = v.toObject();
    return true;
}

} // namespace Workplan::SqliteFormat
