#pragma once

#include <simdjson.h>

#include <cstddef>

namespace Workplan::JsonFormat {

// simdjson's parse of `text` (`size` bytes followed by simdjson's padding) into `doc`, as
// parser.parse_into_document(doc, text, size, false) does it: the same result, the same
// errors. The difference is where the document's memory is first touched. A 60 MB file
// makes ~100 MB of tape and string copies, first written by the parse itself a page fault
// at a time: half of simdjson's time on a 100k-task file. Past kPrefaultFrom bytes, once
// the first stage has counted the structure, a second core makes the pages the second
// stage will write ready (MADV_POPULATE_WRITE) while it writes them.
simdjson::simdjson_result<simdjson::dom::element> parseDocument(simdjson::dom::parser &parser, simdjson::dom::document &doc,
                                                                const char *text, std::size_t size);

constexpr std::size_t kPrefaultFrom = std::size_t(8) << 20;

// simdjson's second stage again (with its pages made ready, as above), after the text it
// parsed was changed without moving any structural character (respellBigIntegers()): the
// first stage's index still holds.
simdjson::simdjson_result<simdjson::dom::element> reparseSecondStage(simdjson::dom::parser &parser, simdjson::dom::document &doc,
                                                                     const char *text, std::size_t size);

} // namespace Workplan::JsonFormat
