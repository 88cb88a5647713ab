// poise rank: scenarios ranked by the overall score, a member's score or a group's gap, with
// competition ranking for ties, and every scenario's rank in every member of every group.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "report_writers.h"
#include "text.h"

namespace poise::cli {
namespace {

using Json = nlohmann::ordered_json;

struct RankOptions {
  std::string rubric;
  std::string by = "overall";
  std::string format = "table";
  std::string output;
  bool recursive = false;
  int threads = 0;
  std::vector<std::string> inputs;
};

struct Ranked {
  std::string id, file;
  std::optional<double> overall;
  std::vector<std::vector<std::optional<double>>> members;  // [group][member]
  std::vector<std::optional<double>> gaps;                  // [group]
};

std::string RankText(const std::optional<int>& r) { return r ? std::to_string(*r) : "-"; }

ExitCode RunRank(const RankOptions& options) {
  std::vector<std::string> files;
  if (!ExpandCommandInputs(options.inputs, options.recursive, &files)) return ExitCode::kUsage;
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  StreamOptions stream;
  stream.threads = ResolveThreads(options.threads);
  const Model* model = nullptr;
  std::vector<Ranked> rows;
  size_t invalid = 0;
  std::set<std::string> printed;
  ScoreStream(
      files, rubrics, stream, [](const std::vector<const Model*>&) {},
      [&](const ReportEntry& entry, const std::string&) {
        Diagnostics errors = entry.errors;
        if (entry.scored() && model == nullptr) model = entry.model;
        if (entry.scored() && entry.model != model) {
          errors.push_back({entry.file,
                            {},
                            "a ranking compares scenarios of one rubric",
                            "pass --rubric, or rank each rubric's scenarios separately"});
        }
        if (!errors.empty()) {
          ++invalid;
          PrintDistinct(errors, entry.file, printed, std::cerr);
          return;
        }
        Ranked row{entry.scenario->id, entry.file, entry.assessment->overall, {}, {}};
        for (const GroupAssessment& g : entry.assessment->groups) {
          row.members.push_back(g.scores);
          row.gaps.push_back(g.balance ? std::optional(g.balance->gap) : std::nullopt);
        }
        rows.push_back(std::move(row));
      });
  if (model == nullptr) return invalid > 0 ? ExitCode::kInvalidInput : ExitCode::kUsage;
  const Rubric& rubric = *model->rubric;

  // --by: overall, GROUP.MEMBER or GROUP.gap (a smaller gap ranks higher).
  std::function<std::optional<double>(const Ranked&)> key = [](const Ranked& r) {
    return r.overall;
  };
  bool higher_better = true;
  if (options.by != "overall") {
    const size_t dot = options.by.find('.');
    const int g = dot == std::string::npos ? -1 : rubric.FindGroup(options.by.substr(0, dot));
    const std::string member = dot == std::string::npos ? "" : options.by.substr(dot + 1);
    int m = -1;
    if (g >= 0) {
      const Group& group = rubric.groups[static_cast<size_t>(g)];
      for (size_t k = 0; k < group.members.size(); ++k) {
        if (group.members[k].id == member) m = static_cast<int>(k);
      }
    }
    if (g < 0 || (m < 0 && member != "gap")) {
      std::vector<std::string> choices = {"overall"};
      for (const Group& group : rubric.groups) {
        for (const Member& mm : group.members) choices.push_back(group.id + "." + mm.id);
        choices.push_back(group.id + ".gap");
      }
      std::cerr << "poise: error: --by '" << options.by
                << "' is not overall, GROUP.MEMBER or GROUP.gap of rubric '" << rubric.id << "' — "
                << DidYouMean(options.by, choices, "e.g. layers.human or layers.gap") << "\n";
      return ExitCode::kUsage;
    }
    if (member == "gap") {
      higher_better = false;
      key = [g](const Ranked& r) { return r.gaps[static_cast<size_t>(g)]; };
    } else {
      key = [g, m](const Ranked& r) {
        return r.members[static_cast<size_t>(g)][static_cast<size_t>(m)];
      };
    }
  }
  std::vector<std::optional<double>> values;
  values.reserve(rows.size());
  for (const Ranked& r : rows) values.push_back(key(r));
  const std::vector<std::optional<int>> rank = CompetitionRanks(values, higher_better);
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (!rank[a] || !rank[b]) return rank[a].has_value() && !rank[b].has_value();
    return *rank[a] < *rank[b];
  });
  // Ranks within every member of every group, and in the overall score.
  std::vector<std::optional<double>> overall;
  overall.reserve(rows.size());
  for (const Ranked& r : rows) overall.push_back(r.overall);
  const std::vector<std::optional<int>> overall_rank = CompetitionRanks(overall, true);
  std::vector<std::vector<std::vector<std::optional<int>>>> member_rank(rubric.groups.size());
  for (size_t g = 0; g < rubric.groups.size(); ++g) {
    for (size_t m = 0; m < rubric.groups[g].members.size(); ++m) {
      std::vector<std::optional<double>> column;
      column.reserve(rows.size());
      for (const Ranked& r : rows) column.push_back(r.members[g][m]);
      member_rank[g].push_back(CompetitionRanks(column, true));
    }
  }

  Output output(options.output);
  ExitCode written = WriteOutput(
      output,
      [&](std::ostream& out) {
        if (options.format == "json") {
          Json list = Json::array();
          for (size_t i : order) {
            Json members = Json::object();
            for (size_t g = 0; g < rubric.groups.size(); ++g) {
              Json group = Json::object();
              for (size_t m = 0; m < rubric.groups[g].members.size(); ++m) {
                const auto& s = rows[i].members[g][m];
                const auto& r = member_rank[g][m][i];
                group[rubric.groups[g].members[m].id] = {{"score", s ? Json(*s) : Json(nullptr)},
                                                         {"rank", r ? Json(*r) : Json(nullptr)}};
              }
              members[rubric.groups[g].id] = group;
            }
            list.push_back({{"rank", rank[i] ? Json(*rank[i]) : Json(nullptr)},
                            {"scenario", rows[i].id},
                            {"file", rows[i].file},
                            {"by", options.by},
                            {"value", values[i] ? Json(*values[i]) : Json(nullptr)},
                            {"overall",
                             {{"score", rows[i].overall ? Json(*rows[i].overall) : Json(nullptr)},
                              {"rank", overall_rank[i] ? Json(*overall_rank[i]) : Json(nullptr)}}},
                            {"groups", members}});
          }
          out << list.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
          return;
        }
        if (options.format == "csv") {
          std::vector<std::string> head = {"rank",  "scenario", "file",
                                           "value", "overall",  "overall.rank"};
          for (const Group& g : rubric.groups) {
            for (const Member& m : g.members) {
              head.push_back(g.id + "." + m.id);
              head.push_back(g.id + "." + m.id + ".rank");
            }
          }
          out << Join(head, ",") << '\n';
          for (size_t i : order) {
            out << RankText(rank[i]) << ',' << CsvField(rows[i].id) << ',' << CsvField(rows[i].file)
                << ',' << (values[i] ? FormatNumber(*values[i]) : "") << ','
                << (rows[i].overall ? FormatNumber(*rows[i].overall) : "") << ','
                << RankText(overall_rank[i]);
            for (size_t g = 0; g < rubric.groups.size(); ++g) {
              for (size_t m = 0; m < rubric.groups[g].members.size(); ++m) {
                const auto& s = rows[i].members[g][m];
                out << ',' << (s ? FormatNumber(*s) : "") << ',' << RankText(member_rank[g][m][i]);
              }
            }
            out << '\n';
          }
          return;
        }
        const Group& layers = rubric.groups[static_cast<size_t>(rubric.overall.group)];
        size_t name = 8;
        for (const Ranked& r : rows) name = std::max(name, DisplayWidth(r.id));
        name = std::min<size_t>(name, 32);
        out << fmt::format("ranked by {} ({}), rubric {} {}; ties share a rank\n", options.by,
                           higher_better ? "higher first" : "smaller first", rubric.id,
                           rubric.version);
        out << fmt::format("{:>4}  {}  {:>7}  {:>7}", "rank", Fit("scenario", name), "value",
                           "overall");
        for (const Member& m : layers.members) out << "  " << Fit(m.id, 11, true);
        out << '\n';
        for (size_t i : order) {
          out << fmt::format("{:>4}  {}  {:>7}  {:>7}", RankText(rank[i]), Fit(rows[i].id, name),
                             ScoreText(values[i]), ScoreText(rows[i].overall));
          for (size_t m = 0; m < layers.members.size(); ++m) {
            const size_t g = static_cast<size_t>(rubric.overall.group);
            out << "  "
                << Fit(fmt::format("{} ({})", ScoreText(rows[i].members[g][m]),
                                   RankText(member_rank[g][m][i])),
                       11, true);
          }
          out << '\n';
        }
      },
      std::cerr);
  if (written != ExitCode::kOk) return written;
  return invalid > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace

Command AddRankCommand(CLI::App& app) {
  auto options = std::make_shared<RankOptions>();
  CLI::App* cmd =
      app.add_subcommand("rank", "Rank scenarios by the overall score, a member, or a group's gap");
  AddRubricOption(cmd, &options->rubric);
  cmd->add_option("--by", options->by,
                  "overall (default), GROUP.MEMBER, or GROUP.gap (smaller first)");
  cmd->add_option("-f,--format", options->format, "table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("-o,--output", options->output, "Write to PATH atomically (default: stdout)");
  cmd->add_flag("-R,--recursive", options->recursive,
                "Descend into subdirectories of directory inputs");
  cmd->add_option("-j,--threads", options->threads, "Loading threads (default 0: all cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("inputs", options->inputs,
                  "Scenario files or directories; - reads paths from stdin")
      ->required();
  cmd->footer(
      "Ties share the better rank and the next rank is skipped (competition ranking: 1, 2, 2, 4);\n"
      "scenarios without a value come last without a rank. The table shows each layer's score "
      "with\n"
      "its rank in parentheses; csv and json give the rank in every member of every group.\n"
      "\nExamples:\n  poise rank scenarios/\n  poise rank --by layers.human -f csv scenarios/\n");
  return [options] { return RunRank(*options); };
}

}  // namespace poise::cli
