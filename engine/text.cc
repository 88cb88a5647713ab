#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

namespace poise {

bool IsValidId(std::string_view id) {
  if (id.empty()) return false;
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return lower_or_digit(c) || c == '_' || c == '-'; });
}

int EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions
  // ("titel" -> "title") each cost one edit.
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  // A typo is at most a third of the word, at least one edit, and never the whole word (a
  // one-letter id suggests nothing); a word that is a prefix of a candidate (or the reverse) is
  // also a likely intent.
  const int length = static_cast<int>(word.size());
  const int limit = std::min(std::max(1, length / 3), length - 1);
  std::optional<std::string> best;
  int best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    int distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  if (best) return best;
  if (word.size() >= 3) {
    for (const std::string& candidate : candidates) {
      if (candidate.starts_with(word) || word.starts_with(candidate)) return candidate;
    }
  }
  return std::nullopt;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates,
                       std::string fallback) {
  if (auto match = ClosestMatch(word, candidates)) return fmt::format("did you mean '{}'?", *match);
  return fallback;
}

namespace {

bool IsSpecialNonFinite(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kSpecial = {".inf",  ".Inf",  ".INF",  "+.inf",
                                                                "+.Inf", "+.INF", "-.inf", "-.Inf",
                                                                "-.INF", ".nan",  ".NaN",  ".NAN"};
  return std::find(kSpecial.begin(), kSpecial.end(), text) != kSpecial.end();
}

// YAML 1.2 core schema float/int syntax, decimal only: [-+]? ( \.[0-9]+ | [0-9]+(\.[0-9]*)? )
// ( [eE][-+]?[0-9]+ )?
bool LooksDecimal(std::string_view t) {
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  auto digits = [&] {
    size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i - start;
  };
  size_t integer_digits = digits();
  size_t fraction_digits = 0;
  if (i < t.size() && t[i] == '.') {
    ++i;
    fraction_digits = digits();
  }
  if (integer_digits == 0 && fraction_digits == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    if (digits() == 0) return false;
  }
  return i == t.size();
}

}  // namespace

NumberStatus ParseNumber(std::string_view text, double* value) {
  if (IsSpecialNonFinite(text)) return NumberStatus::kNonFinite;
  if (!LooksDecimal(text)) return NumberStatus::kNotANumber;
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  double parsed = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
  if (error == std::errc::result_out_of_range) return NumberStatus::kNonFinite;
  if (error != std::errc() || end != digits.data() + digits.size())
    return NumberStatus::kNotANumber;
  if (!std::isfinite(parsed)) return NumberStatus::kNonFinite;
  *value = parsed;
  return NumberStatus::kOk;
}

NumberStatus ParseFraction(std::string_view text, double* value) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return ParseNumber(text, value);
  double numerator = 0, denominator = 0;
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  NumberStatus a = ParseNumber(trim(text.substr(0, slash)), &numerator);
  NumberStatus b = ParseNumber(trim(text.substr(slash + 1)), &denominator);
  if (a != NumberStatus::kOk) return a;
  if (b != NumberStatus::kOk) return b;
  if (denominator == 0) return NumberStatus::kNonFinite;
  *value = numerator / denominator;
  return std::isfinite(*value) ? NumberStatus::kOk : NumberStatus::kNonFinite;
}

std::string FormatNumber(double value) {
  if (value == 0) return "0";  // also folds -0
  std::array<char, 32> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), end);
}

std::string FormatFixed(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string::npos) {
    text.erase(0, 1);  // no "-0.00"
  }
  return text;
}

std::optional<SourceMark> FindInvalidText(std::string_view text, std::string* what) {
  int line = 1, column = 1;
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    uint32_t code = 0;
    if (byte < 0x80) {
      length = 1;
      code = byte;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code = byte & 0x1Fu;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code = byte & 0x0Fu;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code = byte & 0x07u;
    } else {
      *what = fmt::format("byte 0x{:02X} is not valid UTF-8", byte);
      return SourceMark{line, column};
    }
    if (i + length > text.size()) {
      *what = "the file ends inside a UTF-8 character";
      return SourceMark{line, column};
    }
    for (size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        *what = fmt::format("byte 0x{:02X} is not valid UTF-8", byte);
        return SourceMark{line, column};
      }
      code = (code << 6) | (next & 0x3Fu);
    }
    static constexpr std::array<uint32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      *what = fmt::format("byte 0x{:02X} starts an invalid UTF-8 sequence", byte);
      return SourceMark{line, column};
    }
    if ((code < 0x20 && code != '\t' && code != '\n' && code != '\r') || code == 0x7F) {
      *what = fmt::format("control character U+{:04X} in the text", code);
      return SourceMark{line, column};
    }
    if (code == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return std::nullopt;
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += separator;
    joined += parts[i];
  }
  return joined;
}

std::string YamlQuoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;  // UTF-8 bytes pass through
    }
  }
  return out + "\"";
}

std::string YamlText(std::string_view text) {
  auto plain_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '@' ||
           c == '/' || c == '+' || c == '-';
  };
  if (!text.empty() && std::isalnum(static_cast<unsigned char>(text.front())) != 0 &&
      std::all_of(text.begin(), text.end(), plain_char)) {
    return std::string(text);
  }
  return YamlQuoted(text);
}

}  // namespace poise
