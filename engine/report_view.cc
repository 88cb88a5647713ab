#include "report_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "poise/explain.h"
#include "report_writers.h"
#include "text.h"

namespace poise {
namespace {

// A level descriptor up to its first " — " (the short name: "Partial"), or the whole text.
std::string ShortDescriptor(const std::string& descriptor) {
  const size_t dash = descriptor.find(" — ");
  return dash == std::string::npos ? descriptor : descriptor.substr(0, dash);
}

std::string RatingText(const Criterion& criterion, double rating) {
  const Scale& scale = criterion.scale;
  if (scale.type == ScaleType::kRange) {
    return fmt::format("{} (goalposts {}–{})", FormatNumber(rating), FormatNumber(scale.min),
                       FormatNumber(scale.max));
  }
  std::string text = fmt::format("{} of {}", FormatNumber(rating), FormatNumber(scale.max));
  if (auto it = scale.levels.find(static_cast<int>(rating)); it != scale.levels.end())
    text += " — " + it->second;
  return text;
}

// How the overall score is made, for a sentence: "the weighted mean of Security layers".
std::string AggregateText(Aggregate aggregate, const std::string& group) {
  switch (aggregate) {
    case Aggregate::kArithmetic:
      return "the weighted mean of " + group;
    case Aggregate::kGeometric:
      return "the weighted geometric mean of " + group;
    case Aggregate::kMin:
      return "the lowest of " + group;
    case Aggregate::kAmpi:
      break;
  }
  return "the adjusted Mazziotta–Pareto index (AMPI) of " + group + ", which penalises imbalance";
}

// Where the overall score sits on the rubric's default scale, in the scale's own words.
std::string ScaleReading(const Rubric& rubric, double overall) {
  const Scale& scale = rubric.scale;
  // The default scale names the result only when every criterion is rated on it.
  const bool shared =
      std::all_of(rubric.criteria.begin(), rubric.criteria.end(), [&](const Criterion& c) {
        return c.scale.type == ScaleType::kLevels && c.scale.min == scale.min &&
               c.scale.max == scale.max;
      });
  if (scale.type == ScaleType::kRange || !shared) {
    return fmt::format("{:.0f}% of the way from the worst to the best end of the criteria's scales",
                       100 * overall);
  }
  const double value = scale.min + overall * (scale.max - scale.min);
  const auto low = static_cast<int>(std::floor(value + 1e-9));
  const auto high = static_cast<int>(std::ceil(value - 1e-9));
  auto name = [&](int level) {
    auto it = scale.levels.find(level);
    return it == scale.levels.end() ? fmt::format("level {}", level)
                                    : fmt::format("“{}”", ShortDescriptor(it->second));
  };
  std::string reading = fmt::format("{} on the rubric's {}–{} scale: ", FormatFixed(value, 1),
                                    FormatNumber(scale.min), FormatNumber(scale.max));
  if (low >= high) return reading + "at " + name(low);
  return reading + "between " + name(low) + " and " + name(high);
}

std::string Meaning(const ReportEntry& entry, const ScenarioView& view) {
  const Rubric& rubric = *entry.model->rubric;
  const Assessment& a = *entry.assessment;
  const auto overall_group = static_cast<size_t>(rubric.overall.group);
  const Group& group = rubric.groups[overall_group];
  std::string text;
  if (!a.overall) {
    std::vector<std::string> missing;
    for (size_t m = 0; m < group.members.size(); ++m) {
      if (!a.groups[overall_group].scores[m]) missing.push_back(group.members[m].title);
    }
    text = fmt::format(
        "No overall score: {} {} too little rated evidence (coverage below {:.0f}% of the "
        "weight). Rate more criteria, or say why they cannot be rated.",
        Join(missing, ", "), missing.size() == 1 ? "has" : "have", 100 * rubric.min_coverage);
  } else {
    text = fmt::format("The overall score is {} of 1: {}. That is {}.", FormatFixed(*a.overall, 2),
                       AggregateText(rubric.overall.aggregate, group.title),
                       ScaleReading(rubric, *a.overall));
    if (rubric.overall.aggregate == Aggregate::kAmpi) {
      double mean = 0;
      for (size_t m = 0; m < group.members.size(); ++m)
        mean += entry.model->overall_weights[static_cast<Eigen::Index>(m)] *
                a.groups[overall_group].scores[m].value_or(0);
      text += fmt::format(" The plain weighted mean is {}; imbalance costs {}.",
                          FormatFixed(mean, 2), FormatFixed(mean - *a.overall, 2));
    }
  }
  if (const auto& b = a.groups[overall_group].balance) {
    const auto& members = view.groups[overall_group].members;
    const auto weak = static_cast<size_t>(b->weakest), strong = static_cast<size_t>(b->strongest);
    text += fmt::format(" Weakest: {} ({}); strongest: {} ({}); gap {}.", members[weak].title,
                        ScoreText(members[weak].score), members[strong].title,
                        ScoreText(members[strong].score), FormatFixed(b->gap, 2));
  }
  text += a.flags.empty() ? " No flag is raised."
                          : fmt::format(" {} flag{} raised (see below).", a.flags.size(),
                                        a.flags.size() == 1 ? " is" : "s are");
  return text;
}

}  // namespace

ScenarioView BuildScenarioView(const ReportEntry& entry) {
  ScenarioView view;
  view.file = entry.file;
  if (!entry.scored()) {
    for (const Diagnostic& d : entry.errors) view.errors.push_back(FormatDiagnostic(d));
    if (view.errors.empty()) view.errors.push_back(entry.file + ": error: could not be scored");
    return view;
  }
  const Rubric& rubric = *entry.model->rubric;
  const Model& model = *entry.model;
  const Scenario& s = *entry.scenario;
  const Assessment& a = *entry.assessment;
  view.id = s.id;
  view.title = s.title;
  view.description = s.description;
  view.rubric = rubric.id + " " + rubric.version;
  view.overall = a.overall;
  view.ampi = a.ampi;
  view.flag_summary = FlagSummary(a);

  for (const Flag& flag : a.flags)
    view.flags.push_back({flag.code, flag.group, flag.member, FlagMeaning(flag, rubric)});
  auto flagged = [&](const char* code, const std::string& group, const std::string& member) {
    return std::any_of(a.flags.begin(), a.flags.end(), [&](const Flag& f) {
      return f.code == code && f.group == group && (member.empty() || f.member == member);
    });
  };
  for (size_t g = 0; g < rubric.groups.size(); ++g) {
    const Group& group = rubric.groups[g];
    GroupView gv;
    gv.id = group.id;
    gv.title = group.title;
    gv.overall = static_cast<int>(g) == rubric.overall.group;
    gv.balance = a.groups[g].balance;
    if (group.balance) {
      gv.floor = group.balance->floor;
      gv.max_gap = group.balance->max_gap;
    }
    gv.imbalanced = flagged("imbalanced", group.id, "");
    for (size_t m = 0; m < group.members.size(); ++m) {
      gv.members.push_back({group.members[m].id, group.members[m].title, a.groups[g].scores[m],
                            a.groups[g].coverage[m],
                            flagged("neglected", group.id, group.members[m].id)});
    }
    view.groups.push_back(std::move(gv));
  }

  const Group& overall_group = rubric.groups[static_cast<size_t>(rubric.overall.group)];
  double weight_total = 0;
  for (const Criterion& c : rubric.criteria) weight_total += c.weight;
  for (size_t c = 0; c < rubric.criteria.size(); ++c) {
    const Criterion& criterion = rubric.criteria[c];
    CriterionView cv;
    cv.id = criterion.id;
    cv.title = criterion.title;
    cv.rating = s.ratings[c];
    cv.normalized = a.normalized[c];
    cv.note = s.notes[c];
    cv.weight_share = weight_total > 0 ? criterion.weight / weight_total : 0;
    std::vector<std::string> on;
    for (const Load& load : criterion.loads) {
      if (load.group == rubric.overall.group)
        on.push_back(overall_group.members[static_cast<size_t>(load.member)].title);
    }
    cv.loads_on = Join(on, ", ");
    if (cv.rating) {
      cv.rating_text = RatingText(criterion, *cv.rating);
      if (const auto& range = s.ranges[c]) {
        const double lo = Normalize(criterion.scale, range->first);
        const double hi = Normalize(criterion.scale, range->second);
        cv.range_normalized = std::make_pair(std::min(lo, hi), std::max(lo, hi));
        cv.range_text =
            fmt::format("{}–{}", FormatNumber(range->first), FormatNumber(range->second));
      }
    } else {
      cv.rating_text = "not assessed";
    }
    view.criteria.push_back(std::move(cv));
  }
  // Weakest first; ties and the unassessed (last) keep rubric order.
  std::stable_sort(view.criteria.begin(), view.criteria.end(),
                   [](const CriterionView& x, const CriterionView& y) {
                     if (x.normalized.has_value() != y.normalized.has_value())
                       return x.normalized.has_value();
                     return x.normalized && *x.normalized < *y.normalized;
                   });

  if (rubric.crosstab && !a.crosstab.empty()) {
    const Group& rows = rubric.groups[static_cast<size_t>(rubric.crosstab->first)];
    const Group& cols = rubric.groups[static_cast<size_t>(rubric.crosstab->second)];
    CrosstabView ct;
    ct.rows_title = rows.title;
    ct.cols_title = cols.title;
    for (const Member& m : rows.members) ct.rows.push_back(m.title);
    for (const Member& m : cols.members) ct.cols.push_back(m.title);
    for (size_t i = 0; i < rows.members.size(); ++i) {
      std::vector<CellView> row;
      for (size_t k = 0; k < cols.members.size(); ++k) {
        const size_t cell = i * cols.members.size() + k;
        row.push_back({a.crosstab[cell], model.blind_spot[cell] != 0});
        if (model.blind_spot[cell])
          ct.blind_spots.push_back(rows.members[i].title + " × " + cols.members[k].title);
      }
      ct.cells.push_back(std::move(row));
    }
    view.crosstab = std::move(ct);
  }

  const std::vector<RatingGain> gains = RatingGains(model, s);
  for (size_t i = 0; i < gains.size() && i < 3; ++i) {
    const Criterion& c = rubric.criteria[static_cast<size_t>(gains[i].criterion)];
    if (gains[i].gain <= 0) break;
    view.gains.push_back(
        {c.title, FormatNumber(gains[i].from), RatingText(c, gains[i].to), gains[i].gain});
  }
  view.meaning = Meaning(entry, view);
  return view;
}

std::vector<std::vector<RankedView>> Rankings(const std::vector<ScenarioView>& views) {
  std::vector<std::string> rubrics;
  for (const ScenarioView& v : views) {
    if (v.scored() && std::find(rubrics.begin(), rubrics.end(), v.rubric) == rubrics.end())
      rubrics.push_back(v.rubric);
  }
  std::vector<std::vector<RankedView>> rankings;
  for (const std::string& rubric : rubrics) {
    std::vector<size_t> members;
    std::vector<std::optional<double>> overall;
    for (size_t i = 0; i < views.size(); ++i) {
      if (views[i].scored() && views[i].rubric == rubric) {
        members.push_back(i);
        overall.push_back(views[i].overall);
      }
    }
    if (members.size() < 2) continue;
    const std::vector<std::optional<int>> ranks = CompetitionRanks(overall, true);
    std::vector<RankedView> ranked;
    for (size_t k = 0; k < members.size(); ++k)
      ranked.push_back({members[k], ranks[k].value_or(0)});
    std::stable_sort(ranked.begin(), ranked.end(), [](const RankedView& a, const RankedView& b) {
      return a.rank != 0 && (b.rank == 0 || a.rank < b.rank);
    });
    rankings.push_back(std::move(ranked));
  }
  return rankings;
}

const GroupView& OverallGroupOf(const ScenarioView& view) {
  for (const GroupView& g : view.groups) {
    if (g.overall) return g;
  }
  return view.groups.front();  // unreachable for a scored view: a rubric has an overall group
}

std::string OverallText(const ScenarioView& view) {
  return view.overall ? FormatFixed(*view.overall, 2) : "no score";
}

}  // namespace poise
