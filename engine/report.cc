#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "report_writers.h"
#include "text.h"

namespace poise {

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
  if (name == "table") return ReportFormat::kTable;
  if (name == "json") return ReportFormat::kJson;
  if (name == "ndjson") return ReportFormat::kNdjson;
  if (name == "csv") return ReportFormat::kCsv;
  if (name == "markdown" || name == "md") return ReportFormat::kMarkdown;
  if (name == "html") return ReportFormat::kHtml;
  return std::nullopt;
}

std::unique_ptr<ReportWriter> MakeReportWriter(ReportFormat format, std::ostream& out) {
  switch (format) {
    case ReportFormat::kJson:
      return MakeJsonWriter(out, false);
    case ReportFormat::kNdjson:
      return MakeJsonWriter(out, true);
    case ReportFormat::kCsv:
      return MakeCsvWriter(out);
    case ReportFormat::kMarkdown:
      return MakeMarkdownWriter(out);
    case ReportFormat::kHtml:
      return MakeHtmlWriter(out);
    case ReportFormat::kTable:
      break;
  }
  return MakeTableWriter(out);
}

std::vector<std::optional<int>> CompetitionRanks(const std::vector<std::optional<double>>& values,
                                                 bool higher_better) {
  std::vector<double> present;
  for (const auto& v : values) {
    if (v) present.push_back(*v);
  }
  std::sort(present.begin(), present.end());
  std::vector<std::optional<int>> ranks;
  for (const auto& v : values) {
    if (!v) {
      ranks.push_back(std::nullopt);
      continue;
    }
    const auto better =
        higher_better ? present.end() - std::upper_bound(present.begin(), present.end(), *v)
                      : std::lower_bound(present.begin(), present.end(), *v) - present.begin();
    ranks.push_back(static_cast<int>(better) + 1);
  }
  return ranks;
}

std::string FlagSummary(const Assessment& assessment) {
  // "imbalanced layers; neglected social, human; no evidence policies.want"
  std::vector<std::pair<std::string, std::vector<std::string>>> parts;
  auto add = [&](const std::string& label, const std::string& item) {
    for (auto& [name, items] : parts) {
      if (name == label) {
        items.push_back(item);
        return;
      }
    }
    parts.push_back({label, {item}});
  };
  for (const Flag& flag : assessment.flags) {
    if (flag.code == "imbalanced")
      add("imbalanced", flag.group);
    else if (flag.code == "neglected")
      add("neglected", flag.member);
    else if (flag.code == "insufficient_evidence")
      add("low evidence", flag.member);
    else if (flag.code == "inconsistent_judgements")
      add("inconsistent AHP", flag.group);
    else
      add(flag.code, flag.member.empty() ? flag.group : flag.member);
  }
  std::vector<std::string> texts;
  texts.reserve(parts.size());
  for (const auto& [label, items] : parts) texts.push_back(label + " " + Join(items, ", "));
  return Join(texts, "; ");
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string Fit(std::string_view text, size_t width, bool right) {
  std::string fitted;
  if (DisplayWidth(text) > width) {
    size_t columns = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const bool starts = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
      if (starts && ++columns > width - 1) break;
      fitted += text[i];
    }
    fitted += "…";
  } else {
    fitted = std::string(text);
  }
  const size_t pad = width - std::min(width, DisplayWidth(fitted));
  return right ? std::string(pad, ' ') + fitted : fitted + std::string(pad, ' ');
}

std::string WrapText(const std::string& text, size_t width, const std::string& first,
                     const std::string& rest) {
  std::string out, line = first;
  bool line_has_word = false;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (line_has_word && DisplayWidth(line) + 1 + DisplayWidth(word) > width) {
      out += line + "\n";
      line = rest;
      line_has_word = false;
    }
    if (line_has_word) line += ' ';
    line += word;
    line_has_word = true;
  }
  return out + line + "\n";
}

std::string ScoreText(const std::optional<double>& score) {
  return score ? FormatFixed(*score, 2) : "-";
}

}  // namespace poise
