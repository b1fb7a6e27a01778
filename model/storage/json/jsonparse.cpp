#include "jsonparse.h"

#include "../../pageadvice.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>

namespace Workplan::JsonFormat {

namespace {

// simdjson's second stage, while another core makes ready the pages it is about to write.
simdjson::error_code secondStage(simdjson::dom::parser &parser, simdjson::dom::document &doc, const std::uint8_t *bytes,
                                 std::size_t size)
{
    // Sized as document::allocate() made them.
    const std::size_t tapeSize = SIMDJSON_ROUNDUP_N(doc.capacity() + 3, 64) * sizeof(std::uint64_t);
    const std::size_t stringSize = SIMDJSON_ROUNDUP_N(5 * doc.capacity() / 3 + simdjson::SIMDJSON_PADDING, 64);
    // The first stage's index of the text's structure tells what the second will write,
    // front to back: a tape word per bracket, string and literal, two per number, none
    // per comma or colon; a string's copy its length and five bytes (at most the distance
    // to the next structural character). Read block by block, a step ahead of the second
    // stage, only the pages it is about to write are made ready: no memory the load would
    // not have used (but for the rest of the last huge page).
    const std::uint32_t *index = parser.implementation->structural_indexes.get();
    const std::size_t structurals = parser.implementation->n_structural_indexes;
    // Set when the second stage is done: it stopped early (an error, such as an integer
    // past 64 bits), and the pages past where it stopped would be made for nothing.
    std::atomic<bool> stop{false};
    std::thread helper([&doc, &stop, index, structurals, bytes, size, tapeSize, stringSize] {
        char *tape = reinterpret_cast<char *>(doc.tape.get());
        char *strings = reinterpret_cast<char *>(doc.string_buf.get());
        std::size_t tapeEnd = 2 * sizeof(std::uint64_t), stringEnd = 0, tapeDone = 0, stringDone = 0;
        constexpr std::size_t kBlock = 1 << 16;
        for (std::size_t from = 0; from < structurals && !stop.load(std::memory_order_relaxed); from += kBlock) {
            const std::size_t to = std::min(from + kBlock, structurals);
            for (std::size_t i = from; i < to; ++i) {
                switch (bytes[index[i]]) {
                case ',': case ':': break;
                case '"':
                    tapeEnd += sizeof(std::uint64_t);
                    // Quotes, length and terminator: 4 + length + 1 = the span to the next + 3.
                    stringEnd += std::min<std::size_t>(i + 1 < structurals ? index[i + 1] : size, size) - index[i] + 3;
                    break;
                case '-': case '0': case '1': case '2': case '3': case '4':
                case '5': case '6': case '7': case '8': case '9':
                    tapeEnd += 2 * sizeof(std::uint64_t);
                    break;
                default: tapeEnd += sizeof(std::uint64_t); break;
                }
            }
            tapeEnd = std::min(tapeEnd, tapeSize);   // only a broken text counts past them
            stringEnd = std::min(stringEnd, stringSize);
            populateForWriting(tape + tapeDone, tapeEnd - tapeDone);
            populateForWriting(strings + stringDone, stringEnd - stringDone);
            // Whole pages only: the partly counted last page comes with the next block.
            tapeDone = tapeEnd & ~std::size_t(4095);
            stringDone = stringEnd & ~std::size_t(4095);
        }
    });
    const auto error = parser.implementation->stage2(doc);
    stop.store(true, std::memory_order_relaxed);
    helper.join();
    return error;
}

} // namespace

simdjson::simdjson_result<simdjson::dom::element> parseDocument(simdjson::dom::parser &parser, simdjson::dom::document &doc,
                                                                const char *text, std::size_t size)
{
    if (size < kPrefaultFrom || std::thread::hardware_concurrency() < 2 || !parser.implementation
        || parser.capacity() < size)
        return parser.parse_into_document(doc, text, size, false);
    // As parse_into_document, whose capacity check for the parser is the caller's allocate().
    if (doc.capacity() < size) {
        if (const auto error = doc.allocate(size))
            return error;
    }
    // Sized as document::allocate() and the parser's set_capacity() make them.
    const std::size_t tapeSize = SIMDJSON_ROUNDUP_N(doc.capacity() + 3, 64) * sizeof(std::uint64_t);
    const std::size_t stringSize = SIMDJSON_ROUNDUP_N(5 * doc.capacity() / 3 + simdjson::SIMDJSON_PADDING, 64);
    adviseHugePages(doc.tape.get(), tapeSize);
    adviseHugePages(doc.string_buf.get(), stringSize);
    adviseHugePages(parser.implementation->structural_indexes.get(),
                    (SIMDJSON_ROUNDUP_N(parser.capacity(), 64) + 2 + 7) * sizeof(std::uint32_t));
    const auto *bytes = reinterpret_cast<const std::uint8_t *>(text);
    if (const auto error = parser.implementation->stage1(bytes, size, simdjson::stage1_mode::regular))
        return error;
    if (const auto error = secondStage(parser, doc, bytes, size))
        return error;
    return doc.root();
}

simdjson::simdjson_result<simdjson::dom::element> reparseSecondStage(simdjson::dom::parser &parser, simdjson::dom::document &doc,
                                                                     const char *text, std::size_t size)
{
    if (!parser.implementation)
        return simdjson::UNINITIALIZED;
    const auto error = size < kPrefaultFrom || std::thread::hardware_concurrency() < 2
                           ? parser.implementation->stage2(doc)
                           : secondStage(parser, doc, reinterpret_cast<const std::uint8_t *>(text), size);
    if (error)
        return error;
    return doc.root();
}

} // namespace Workplan::JsonFormat
