// The concrete report writers behind MakeReportWriter, and helpers they share.
#ifndef POISE_ENGINE_REPORT_WRITERS_H_
#define POISE_ENGINE_REPORT_WRITERS_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "poise/report.h"

namespace poise {

std::unique_ptr<ReportWriter> MakeJsonWriter(std::ostream& out, bool lines);
std::unique_ptr<ReportWriter> MakeCsvWriter(std::ostream& out);
std::unique_ptr<ReportWriter> MakeTableWriter(std::ostream& out);
std::unique_ptr<ReportWriter> MakeMarkdownWriter(std::ostream& out);
std::unique_ptr<ReportWriter> MakeHtmlWriter(std::ostream& out);

// Number of terminal columns of UTF-8 text (one per code point).
size_t DisplayWidth(std::string_view text);

// `text` cut to `width` columns (ending in "…" when cut) and padded with spaces to exactly
// `width`; right-aligned when `right`.
std::string Fit(std::string_view text, size_t width, bool right = false);

// `text` word-wrapped to lines of at most `width` columns: the first line starts with `first`, the
// others with `rest`; newlines in `text` count as spaces. Ends with a newline.
std::string WrapText(const std::string& text, size_t width, const std::string& first,
                     const std::string& rest);

// A CSV field, quoted as RFC 4180 requires (only when it holds a comma, a quote or a line break).
std::string CsvField(std::string_view field);

// A score for people: two decimals, or "-" for no score.
std::string ScoreText(const std::optional<double>& score);

}  // namespace poise

#endif  // POISE_ENGINE_REPORT_WRITERS_H_
