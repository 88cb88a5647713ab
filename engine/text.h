// Small text helpers shared by the loaders and the reports: id syntax, "did you mean", number
// parsing and printing, and checking that a file is UTF-8 text.
#ifndef POISE_ENGINE_TEXT_H_
#define POISE_ENGINE_TEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "poise/diagnostics.h"

namespace poise {

// True for ids of the form [a-z0-9][a-z0-9_-]*.
bool IsValidId(std::string_view id);

// Levenshtein distance between two strings.
int EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a likely typo, else nullopt.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

// " — did you mean 'x'?"-style hint text, or `fallback` when nothing is close.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates,
                       std::string fallback);

enum class NumberStatus { kOk, kNotANumber, kNonFinite };

// Parses a YAML 1.2 decimal number ("3", "-0.5", "1e3", ".5"); ".inf" / ".nan" and friends give
// kNonFinite, anything else kNotANumber.
NumberStatus ParseNumber(std::string_view text, double* value);

// Parses "a/b" with a and b positive decimal numbers (Saaty judgements such as "1/3").
NumberStatus ParseFraction(std::string_view text, double* value);

// Shortest text that reads back to the same double ("0.1", "3", "1e-07").
std::string FormatNumber(double value);

// Fixed-point with `decimals` digits, for tables ("0.62").
std::string FormatFixed(double value, int decimals);

// The position of the first byte that is not valid UTF-8 text (or is a control character other
// than tab, newline, carriage return), with a description in `*what`; nullopt when the text is
// fine.
std::optional<SourceMark> FindInvalidText(std::string_view text, std::string* what);

// Joins with a separator.
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

// `text` as a YAML double-quoted scalar: backslash and quote escaped, newline, tab and carriage
// return as \n \t \r, other control characters as \xNN; UTF-8 bytes as they are.
std::string YamlQuoted(std::string_view text);

// `text` as a YAML value that reads back as exactly that text: plain when it is only letters,
// digits and . _ @ / + - and starts with a letter or digit (such as `three@1.0`), otherwise
// YamlQuoted.
std::string YamlText(std::string_view text);

}  // namespace poise

#endif  // POISE_ENGINE_TEXT_H_
