// Worksheets for `poise init`: a rubric turned into a scenario file to fill in.
#include <fmt/format.h>

#include "poise/report.h"
#include "report_writers.h"
#include "text.h"

namespace poise {
namespace {

// Text on one line, for a YAML comment or a table cell.
std::string OneLine(const std::string& text) {
  std::string line;
  for (char c : text) line += (c == '\n' || c == '\r') ? ' ' : c;
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// Word-wrapped comment lines, each starting with `prefix` (continuations aligned under it).
std::string Comment(const std::string& prefix, const std::string& text) {
  std::string rest(prefix.size(), ' ');
  rest[prefix.find('#')] = '#';
  return WrapText(text, 100, prefix, rest);
}

std::string ScaleLine(const Scale& scale) {
  if (scale.type == ScaleType::kLevels) {
    return fmt::format("levels {}..{}", FormatNumber(scale.min), FormatNumber(scale.max));
  }
  return fmt::format("range {}..{}{}{}{}", FormatNumber(scale.min), FormatNumber(scale.max),
                     scale.transform == Transform::kLog ? ", log" : "",
                     scale.direction == Direction::kLowerIsBetter ? ", lower is better" : "",
                     scale.clamp ? "" : ", no clamping");
}

// Criteria by the member of `group` they load on most (ties: first member); the rest last.
std::vector<std::vector<size_t>> ByMember(const Rubric& rubric, int group) {
  const Group& g = rubric.groups[static_cast<size_t>(group)];
  std::vector<std::vector<size_t>> sections(g.members.size() + 1);
  for (size_t c = 0; c < rubric.criteria.size(); ++c) {
    int best = -1;
    double best_share = 0;
    for (const Load& load : rubric.criteria[c].loads) {
      if (load.group == group && load.share > best_share) {
        best = load.member;
        best_share = load.share;
      }
    }
    sections[best < 0 ? g.members.size() : static_cast<size_t>(best)].push_back(c);
  }
  return sections;
}

}  // namespace

std::string WorksheetYaml(const Rubric& rubric, const std::string& scenario_id) {
  const int overall = rubric.overall.group;
  const Group& group = rubric.groups[static_cast<size_t>(overall)];
  std::string out;
  out += fmt::format("# Worksheet for the rubric {} {} — {}\n", rubric.id, OneLine(rubric.version),
                     OneLine(rubric.title));
  out +=
      "# Rate every criterion from its question and level descriptors: replace each ~ with a "
      "level.\n";
  out +=
      "# For more detail write `id: {score: 3, evidence: what you saw, range: [2, 3]}`; a "
      "criterion\n";
  out +=
      "# you cannot rate moves under `not_assessed:` with the reason. `poise validate` lists what "
      "is left.\n";
  out += "poise: scenario/1\n";
  out += fmt::format("id: {}\n", scenario_id);
  out += "title: \"My policy option\"\n";
  // The version is free text (`1.0`, but also `2025: draft`): quoted when it must be.
  out += fmt::format("rubric: {}\n", YamlText(rubric.id + "@" + rubric.version));
  out +=
      "description: >\n  Describe the policy option here: what it does, for whom, with what "
      "resources.\n";
  out += "ratings:\n";
  const std::vector<std::vector<size_t>> sections = ByMember(rubric, overall);
  for (size_t s = 0; s < sections.size(); ++s) {
    if (sections[s].empty()) continue;
    if (s < group.members.size()) {
      const Member& m = group.members[s];
      out += fmt::format("\n  # ── {}{} ──\n", OneLine(m.title),
                         m.description.empty() ? "" : " — " + OneLine(m.description));
    } else {
      out += fmt::format("\n  # ── Criteria outside {} ──\n", group.id);
    }
    for (size_t c : sections[s]) {
      const Criterion& criterion = rubric.criteria[c];
      out += "\n";
      out +=
          Comment("  # ", fmt::format("{} (weight {}; {})", OneLine(criterion.title),
                                      FormatNumber(criterion.weight), ScaleLine(criterion.scale)));
      out += Comment("  # Q: ", criterion.question);
      for (const auto& [level, descriptor] : criterion.scale.levels) {
        out += Comment(fmt::format("  #   {}  ", level), descriptor);
      }
      out += fmt::format("  {}: ~\n", criterion.id);
    }
  }
  return out;
}

std::string WorksheetMarkdown(const Rubric& rubric) {
  const int overall = rubric.overall.group;
  const Group& group = rubric.groups[static_cast<size_t>(overall)];
  std::string out = fmt::format(
      "# Worksheet: {} ({} {})\n\nScenario: ______________________\n\n"
      "Rate each criterion: circle a level, note your evidence, and how sure you are.\n",
      OneLine(rubric.title), rubric.id, OneLine(rubric.version));
  const std::vector<std::vector<size_t>> sections = ByMember(rubric, overall);
  for (size_t s = 0; s < sections.size(); ++s) {
    if (sections[s].empty()) continue;
    out += fmt::format("\n## {}\n", s < group.members.size() ? OneLine(group.members[s].title)
                                                             : "Criteria outside " + group.id);
    for (size_t c : sections[s]) {
      const Criterion& criterion = rubric.criteria[c];
      out += fmt::format("\n### {} (`{}`)\n\n{}\n\n", OneLine(criterion.title), criterion.id,
                         OneLine(criterion.question));
      if (!criterion.scale.levels.empty()) {
        out += "| level | what it looks like |\n|---:|---|\n";
        for (const auto& [level, descriptor] : criterion.scale.levels) {
          out += fmt::format("| {} | {} |\n", level, OneLine(descriptor));
        }
        out += "\n";
      } else {
        out += fmt::format("Scale: {}.\n\n", ScaleLine(criterion.scale));
      }
      out += "Rating: ____   Evidence: ________________________________   Range: ____ to ____\n";
    }
  }
  return out;
}

}  // namespace poise
