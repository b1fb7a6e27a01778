#include "jsonformat.h"

#include "jsondom.h"
#include "jsondomreader.h"
#include "jsonparse.h"
#include "jsonprepare.h"

#include "../../validation.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>

#include <sys/mman.h>
#include <unistd.h>

namespace Workplan::JsonFormat {

namespace {

// Qt's reader, which Workplan used to read with, refuses documents nested deeper than this;
// simdjson is told the same limit, so the same files load.
constexpr std::size_t kNestingLimit = 1024;

// Reads [p, p + n), which may be followed by kJsonPadding readable bytes (`padded`).
// `mapping`: the file's mapping that holds the text, if it is one. `writable`: the text
// may be changed in place for the parse (a private mapping), and put back before any
// message reads it.
std::optional<Project> readText(const char *p, qsizetype n, bool padded, const QString &fileName, QString *error,
                                std::pair<void *, std::size_t> mapping = {}, bool writable = false)
{
    auto refuse = [&](const QString &taskId, const QString &problem) -> std::optional<Project> {
        if (error)
            *error = ValidationError{taskId, problem}.message(fileName);
        return std::nullopt;
    };
    if (n >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    const QByteArray source = QByteArray::fromRawData(p, n);   // the text messages point into

    // simdjson refuses lone surrogate escapes (valid JSON, read by Qt's reader as lone
    // UTF-16 units): they are spelled as private-use characters DomValues turns back.
    char32_t markerBase = 0;
    QByteArray owned;
    if (hasSurrogateEscape(p, n)) {
        markerBase = freeMarkerBlock(p, n);
        if (!markerBase)
            return refuse(QString(), QStringLiteral("lone surrogate escapes next to private-use characters of every block"));
        owned = rewriteForSimdjson(p, n, markerBase, false);
    } else if (!padded) {
        owned.reserve(n + kJsonPadding);
        owned.append(p, n);
        owned.append(kJsonPadding, '\0');
        owned.resize(n);
    }
    const char *text = owned.isNull() ? p : owned.constData();
    qsizetype size = owned.isNull() ? n : owned.size();

    // write() puts a bare array's tasks one level deeper, under {"tasks": [...]}: a bare
    // array at the limit would load but its saved file would not.
    const char *first = std::find_if(p, p + n, [](char c) { return c != ' ' && c != '\n' && c != '\r' && c != '\t'; });
    const bool bare = first < p + n && *first == '[';
    // The document is ours, apart from the parser: once parsed, the parser's index of the
    // text's structure (four bytes per bracket, comma and value: a third of the memory a
    // million-task file took) can go while the document is read.
    simdjson::dom::document doc;
    auto parser = std::make_unique<simdjson::dom::parser>();
    if (parser->allocate(std::size_t(std::max<qsizetype>(size, 64)), bare ? kNestingLimit - 1 : kNestingLimit))
        return refuse(QString(), QStringLiteral("too large to read (%1 bytes)").arg(n));
    auto parsed = parseDocument(*parser, doc, text, std::size_t(size));
    // Integers past 64 bits: spelled in place as doubles of the same length where the text
    // is ours to change, so that only simdjson's second stage runs again; otherwise (or
    // when one has no such spelling) a copy of the text with fractions, parsed whole.
    std::vector<Respelled> respelled;
    char *changeable = !owned.isNull() ? owned.data() : writable ? const_cast<char *>(p) : nullptr;
    if (parsed.error() == simdjson::NUMBER_ERROR && changeable && parser->implementation
        && respellBigIntegers(changeable, size, parser->implementation->structural_indexes.get(),
                              parser->implementation->n_structural_indexes, &respelled)) {
        parsed = reparseSecondStage(*parser, doc, text, std::size_t(size));
        if (parsed.error()) {   // as before: the copy with fractions, and its error
            undoRespelling(changeable, respelled);
            parsed = simdjson::simdjson_result<simdjson::dom::element>(simdjson::NUMBER_ERROR);
        }
    }
    if (parsed.error() == simdjson::NUMBER_ERROR) {
        // Integers past 64 bits, which Qt's reader took as doubles; simdjson 3.0 refuses them.
        owned = rewriteForSimdjson(p, n, markerBase, true);
        text = owned.constData();
        size = owned.size();
        if (parser->allocate(std::size_t(std::max<qsizetype>(size, 64)), bare ? kNestingLimit - 1 : kNestingLimit))
            return refuse(QString(), QStringLiteral("too large to read (%1 bytes)").arg(n));
        parsed = parseDocument(*parser, doc, text, std::size_t(size));
    }
    if (parsed.error() || !(parsed.value_unsafe().is_object() || parsed.value_unsafe().is_array())) {
        // The message comes from the file as written, in the words it always had.
        if (const auto problem = syntaxError(source))
            return refuse(QString(), *problem);
        if (parsed.error() == simdjson::DEPTH_ERROR && bare)
            return refuse(QString(), QStringLiteral("too deeply nested: a bare task array may nest at most %1 levels")
                                         .arg(kNestingLimit - 1));
        return refuse(QString(), QStringLiteral("not valid JSON: %1")
                                     .arg(QString::fromUtf8(simdjson::error_message(parsed.error()))));
    }
    const simdjson::dom::element root = parsed.value_unsafe();
    parser.reset();

    // Parsed: the document holds copies of every string, so the text's pages can go too.
    // A mapped file's pages read back from the file if an error message wants them (only a
    // real file's mapping comes here: mayDropMappedPages); a copy is freed.
    if (mapping.first)
        madvise(mapping.first, mapping.second, MADV_DONTNEED);
    owned = QByteArray();

    const DomValues values(markerBase);
    DomReader reader(values);
    Project project;
    // §1: a bare array (or a file without a project name) is named after its file, less the ending.
    project.name = QFileInfo(fileName).completeBaseName();
    ResolvedIds known;   // the ids the reader saw each task by: no look-up for those
    if (!reader.read(root, project, &known))
        return refuse(reader.taskId(), reader.problem());
    auto resolved = std::make_shared<ResolvedIds>();
    if (const auto invalid = validateProject(project, resolved.get(), &known)) {
        if (error)
            *error = invalid->message(fileName);
        return std::nullopt;
    }
    project.setResolvedIds(std::move(resolved));
    return project;
}

} // namespace

std::optional<Project> read(const QByteArray &data, const QString &fileName, QString *error)
{
    // The bytes past size() up to capacity() are the array's own, so readable.
    const bool padded = data.capacity() - data.size() >= kJsonPadding;
    return readText(data.constData(), data.size(), padded, fileName, error);
}

bool mayDropMappedPages(const QString &path, const void *mapped)
{
    const long page = sysconf(_SC_PAGESIZE);
    return QFileInfo(path).isNativePath() && page > 0 && reinterpret_cast<quintptr>(mapped) % quintptr(page) == 0;
}

std::optional<Project> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // Mapped rather than copied: a large file is only scanned, never changed. The rest of
    // the last page reads as zeros, so simdjson needs no padded copy when it is long enough.
    const qint64 size = file.size();
    if (size > 0) {
        // Private: the parse may respell a number in place (respellBigIntegers()); the
        // file never changes, and the pages it changes are copies of its own.
        if (uchar *mapped = file.map(0, size, QFileDevice::MapPrivateOption)) {
#ifdef MADV_POPULATE_READ
            // One call maps every page of the file instead of a page fault per few pages
            // (a tenth of a 100k-task load); a kernel without it (before 5.14) says EINVAL.
            madvise(mapped, std::size_t(size), MADV_POPULATE_READ);
#endif
            constexpr qint64 kPage = 4096;   // the smallest page size: a safe bound for any
            const bool padded = kPage - size % kPage >= kJsonPadding && size % kPage != 0;
            const std::pair<void *, std::size_t> pages =
                mayDropMappedPages(path, mapped) ? std::pair<void *, std::size_t>(mapped, std::size_t(size))
                                                 : std::pair<void *, std::size_t>();
            const auto result = readText(reinterpret_cast<const char *>(mapped), size, padded, path, error, pages, true);
            file.unmap(mapped);
            return result;
        }
    }
    return read(file.readAll(), path, error);
}

} // namespace Workplan::JsonFormat
