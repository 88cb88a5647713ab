// Scenario loading: FORMATS.md §2. ParseScenario reads the file on its own; BindScenario checks it
// against the rubric. Together they report every problem of a file in one pass.
#include <fmt/format.h>

#include <cmath>

#include "load_common.h"
#include "poise/load.h"
#include "text.h"

namespace poise {
namespace {

class ScenarioParser {
 public:
  ScenarioParser(DocReader& reader, ScenarioDraft& draft) : r_(reader), draft_(draft) {}

  void Parse(int root_index) {
    MapFields root(r_, root_index);
    draft_.ratings_mark = root.mark();
    if (ReadFormatTag(r_, root, FileKind::kScenario) == FileKind::kUnknown && root.Find("poise")) {
      return;
    }
    if (root.Find("criteria") && !root.Find("ratings")) {
      r_.Error(root.Find("criteria")->key_mark,
               "this file has a rubric's `criteria:` but is tagged `poise: scenario/1`",
               "if it is a rubric, make its first line `poise: rubric/1`");
      return;
    }
    draft_.readable = true;
    root.CheckKnown(
        {"poise", "id", "title", "rubric", "description", "ratings", "not_assessed", "shocks"},
        "a scenario");
    if (const Field* f = root.Require("id", "the scenario", "add `id: my-scenario`")) {
      if (auto id = r_.Id(f->value, "the scenario id")) draft_.id = *id;
    }
    if (const Field* f = root.Require("title", "the scenario")) {
      draft_.title = r_.Text(f->value, "the scenario title").value_or("");
    }
    if (const Field* f = root.Find("description")) {
      if (r_.node(f->value).kind != yaml::Kind::kNull) {
        draft_.description = r_.Text(f->value, "the description").value_or("");
      }
    }
    if (const Field* f = root.Require("rubric", "the scenario",
                                      "add `rubric: <rubric id>` (or `<id>@<version>`)")) {
      ReadRubricRef(f->value);
    }
    if (const Field* f = root.Require("ratings", "the scenario",
                                      "add `ratings:` with one `criterion: rating` per line")) {
      draft_.ratings_mark = f->key_mark;
      ReadRatings(f->value);
    }
    if (const Field* f = root.Find("not_assessed")) ReadNotAssessed(f->value);
    if (const Field* f = root.Find("shocks")) ReadShocks(f->value);
  }

  // A `poise: shocks/1` file: optional rubric reference, a required `shocks:` list.
  void ParseShocksFile(int root_index) {
    MapFields root(r_, root_index);
    draft_.ratings_mark = root.mark();
    if (ReadFormatTag(r_, root, FileKind::kShocks) == FileKind::kUnknown) return;
    draft_.readable = true;
    root.CheckKnown({"poise", "rubric", "description", "shocks"}, "a shocks file");
    if (const Field* f = root.Find("rubric")) ReadRubricRef(f->value);
    if (const Field* f = root.Require("shocks", "the shocks file",
                                      "add `shocks:` with a list of {id, probability, changes}")) {
      ReadShocks(f->value);
    }
  }

 private:
  void ReadRubricRef(int index) {
    auto text = r_.Text(index, "the rubric reference");
    if (!text) return;
    draft_.rubric.mark = r_.node(index).mark;
    std::string id = *text;
    if (size_t at = id.find('@'); at != std::string::npos) {
      std::string version = id.substr(at + 1);
      id.resize(at);
      if (version.empty()) {
        r_.Error(draft_.rubric.mark, "the rubric reference ends with '@' but gives no version",
                 "write `rubric: <id>@<version>` or just `rubric: <id>`");
        return;
      }
      draft_.rubric.version = version;
    }
    if (!IsValidId(id)) {
      r_.Error(draft_.rubric.mark, fmt::format("the rubric id '{}' is not a valid id", id),
               "use lowercase letters, digits, '_' and '-'");
      return;
    }
    draft_.rubric.id = id;
  }

  void ReadRatings(int index) {
    if (r_.node(index).kind == yaml::Kind::kNull) return;  // `ratings:` with nothing under it
    if (!r_.ExpectMap(index, "ratings")) return;
    MapFields fields(r_, index);
    for (const Field& field : fields.fields()) {
      RatingDraft entry;
      entry.criterion = field.key;
      entry.mark = field.key_mark;
      const yaml::Node& value = r_.node(field.value);
      entry.score_mark = value.mark;
      if (value.kind == yaml::Kind::kNull) {
        entry.score_mark = field.key_mark;
      } else if (value.kind == yaml::Kind::kMap) {
        ReadLongForm(field.value, &entry);
      } else if (value.kind == yaml::Kind::kScalar) {
        entry.score = r_.Number(field.value, fmt::format("the rating of '{}'", field.key));
        entry.score_invalid = !entry.score;
      } else {
        r_.Error(value.mark,
                 fmt::format("the rating of '{}' must be a number or a map, not {}", field.key,
                             DocReader::Describe(value)),
                 "write `id: 3` or `id: {score: 3, evidence: ..., range: [2, 4]}`");
        entry.score_invalid = true;
      }
      draft_.entries.push_back(std::move(entry));
    }
  }

  void ReadLongForm(int index, RatingDraft* entry) {
    MapFields fields(r_, index);
    const std::string where = fmt::format("the rating of '{}'", entry->criterion);
    fields.CheckKnown({"score", "evidence", "range"}, where);
    if (const Field* f =
            fields.Require("score", where, "add `score: <rating>`, or `score: ~` while unrated")) {
      entry->score_mark = r_.node(f->value).mark;
      if (r_.node(f->value).kind != yaml::Kind::kNull) {
        entry->score = r_.Number(f->value, fmt::format("the score of '{}'", entry->criterion));
        entry->score_invalid = !entry->score;
      }
    } else {
      entry->score_invalid = true;
    }
    if (const Field* f = fields.Find("evidence")) {
      if (r_.node(f->value).kind != yaml::Kind::kNull) {
        entry->text =
            r_.Text(f->value, fmt::format("the evidence of '{}'", entry->criterion)).value_or("");
      }
    }
    if (const Field* f = fields.Find("range")) {
      entry->range_mark = r_.node(f->value).mark;
      const yaml::Node& list = r_.node(f->value);
      if (list.kind != yaml::Kind::kSequence || list.items.size() != 2) {
        r_.Error(list.mark,
                 fmt::format("the range of '{}' must be a list of two numbers [low, high]",
                             entry->criterion),
                 "write `range: [2, 4]`");
        return;
      }
      auto low = r_.Number(list.items[0], "the low end of the range");
      auto high = r_.Number(list.items[1], "the high end of the range");
      if (low && high) entry->range = std::make_pair(*low, *high);
    }
  }

  void ReadNotAssessed(int index) {
    if (r_.node(index).kind == yaml::Kind::kNull) return;
    if (!r_.ExpectMap(index, "not_assessed")) return;
    MapFields fields(r_, index);
    for (const Field& field : fields.fields()) {
      RatingDraft entry;
      entry.criterion = field.key;
      entry.mark = field.key_mark;
      entry.score_mark = field.key_mark;
      entry.assessed = false;
      const yaml::Node& value = r_.node(field.value);
      if (value.kind != yaml::Kind::kScalar || value.text.empty()) {
        r_.Error(value.kind == yaml::Kind::kNull ? field.key_mark : value.mark,
                 fmt::format("'{}' is listed under not_assessed without a reason", field.key),
                 "say why it was not rated, e.g. `no public data`");
      } else {
        entry.text = value.text;
      }
      draft_.entries.push_back(std::move(entry));
    }
  }

  void ReadShocks(int index) {
    if (!r_.ExpectList(index, "shocks")) return;
    for (int item : r_.node(index).items) {
      if (!r_.ExpectMap(item, "a shock")) continue;
      MapFields fields(r_, item);
      fields.CheckKnown({"id", "title", "description", "probability", "changes"}, "a shock");
      ShockDraft shock;
      shock.mark = fields.mark();
      if (const Field* f = fields.Require("id", "a shock")) {
        if (auto id = r_.Id(f->value, "the shock id")) shock.id = *id;
      }
      if (const Field* f = fields.Require("probability", "a shock", "add `probability: 0.1`")) {
        if (auto p = r_.Number(f->value, "the probability")) {
          if (*p < 0 || *p > 1) {
            r_.Error(r_.node(f->value).mark,
                     fmt::format("probability {} is outside [0, 1]", FormatNumber(*p)),
                     "a probability is between 0 and 1");
          } else {
            shock.probability = *p;
          }
        }
      }
      if (const Field* f = fields.Require("changes", "a shock", "add `changes: {criterion: -1}`")) {
        if (r_.ExpectMap(f->value, "changes")) {
          MapFields changes(r_, f->value);
          for (const Field& change : changes.fields()) {
            if (auto delta =
                    r_.Number(change.value, fmt::format("the change of '{}'", change.key))) {
              shock.changes.emplace_back(change.key, *delta);
              shock.change_marks.push_back(change.key_mark);
            }
          }
        }
      }
      draft_.shocks.push_back(std::move(shock));
    }
  }

  DocReader& r_;
  ScenarioDraft& draft_;
};

// "the criteria of 'x' are: a, b, c" (the first ten, then the count of the rest).
std::string CriteriaList(const Rubric& rubric) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < rubric.criteria.size() && i < 10; ++i)
    ids.push_back(rubric.criteria[i].id);
  std::string list = Join(ids, ", ");
  if (rubric.criteria.size() > 10)
    list += fmt::format(" and {} more in {}", rubric.criteria.size() - 10, rubric.file);
  return fmt::format("the criteria of '{}' are: {}", rubric.id, list);
}

std::string ScaleText(const Scale& scale) {
  return fmt::format("{}..{}", FormatNumber(scale.min), FormatNumber(scale.max));
}

enum class OnScale { kFits, kOutside, kNotALevel };

// Where one value stands on a criterion's scale (clamping range scales accept any value).
OnScale CheckOnScale(const Scale& scale, double value) {
  if (scale.type == ScaleType::kLevels) {
    if (value < scale.min || value > scale.max) return OnScale::kOutside;
    return std::floor(value) != value ? OnScale::kNotALevel : OnScale::kFits;
  }
  if (!scale.clamp && (value < scale.min || value > scale.max)) return OnScale::kOutside;
  return OnScale::kFits;
}

}  // namespace

std::optional<Diagnostic> RatingProblem(const Criterion& criterion, double rating) {
  const Scale& scale = criterion.scale;
  const OnScale trouble = CheckOnScale(scale, rating);
  if (trouble == OnScale::kOutside) {
    return Diagnostic{
        "",
        {},
        fmt::format("rating {} for '{}' is outside its scale {}", FormatNumber(rating),
                    criterion.id, ScaleText(scale)),
        scale.type == ScaleType::kLevels
            ? fmt::format("rate it from {} to {}", FormatNumber(scale.min), FormatNumber(scale.max))
            : "the scale does not clamp (clamp: false); give a value inside the goalposts"};
  }
  if (trouble == OnScale::kNotALevel) {
    return Diagnostic{"",
                      {},
                      fmt::format("rating {} for '{}' is not a whole level of its scale {}",
                                  FormatNumber(rating), criterion.id, ScaleText(scale)),
                      "pick a level; put your uncertainty in `range: [low, high]`"};
  }
  return std::nullopt;
}

namespace {

// A scenario (kScenario) or a shocks file (kShocks) read into a draft.
ScenarioDraft ParseDraft(std::string_view display_name, std::string_view text, FileKind kind) {
  ScenarioDraft draft;
  draft.file = std::string(display_name);
  yaml::Tree tree;
  int root = ParseRoot(display_name, text, &tree, &draft.problems, kind);
  if (root < 0) return draft;
  DocReader reader(tree, display_name, draft.problems);
  ScenarioParser parser(reader, draft);
  if (kind == FileKind::kShocks) {
    parser.ParseShocksFile(root);
  } else {
    parser.Parse(root);
  }
  return draft;
}

}  // namespace

ScenarioDraft ParseScenario(std::string_view display_name, std::string_view text) {
  return ParseDraft(display_name, text, FileKind::kScenario);
}

// The rubric-independent checks of the shocks of a draft, against `rubric`: every changed
// criterion exists, the probabilities sum to at most 1.
void BindShockList(const ScenarioDraft& draft, const Rubric& rubric,
                   const std::vector<std::string>& ids, std::vector<Shock>* shocks,
                   Diagnostics* problems) {
  auto error = [&](SourceMark mark, std::string message, std::string hint) {
    problems->push_back({draft.file, mark, std::move(message), std::move(hint)});
  };
  double total_probability = 0;
  for (const ShockDraft& shock : draft.shocks) {
    Shock bound;
    bound.id = shock.id;
    bound.probability = shock.probability;
    total_probability += shock.probability;
    for (size_t i = 0; i < shock.changes.size(); ++i) {
      int c = rubric.FindCriterion(shock.changes[i].first);
      if (c < 0) {
        error(shock.change_marks[i],
              fmt::format("shock '{}' changes '{}', which is not a criterion of rubric '{}'",
                          shock.id, shock.changes[i].first, rubric.id),
              DidYouMean(shock.changes[i].first, ids, CriteriaList(rubric)));
        continue;
      }
      bound.changes.emplace_back(c, shock.changes[i].second);
    }
    shocks->push_back(std::move(bound));
  }
  if (total_probability > 1 + 1e-12) {
    error(draft.shocks.front().mark,
          fmt::format("the shock probabilities sum to {}, more than 1",
                      FormatNumber(total_probability)),
          "each shock is one possible event; together they cannot be more likely than certain");
  }
}

Result<Scenario> BindScenario(const ScenarioDraft& draft, const Rubric& rubric) {
  Diagnostics problems = draft.problems;
  auto error = [&](SourceMark mark, std::string message, std::string hint) {
    problems.push_back({draft.file, mark, std::move(message), std::move(hint)});
  };
  if (!draft.rubric.id.empty() && draft.rubric.id != rubric.id) {
    error(draft.rubric.mark,
          fmt::format("the scenario is for rubric '{}', but the rubric given is '{}' ({})",
                      draft.rubric.id, rubric.id, rubric.file),
          "pass the matching --rubric, or correct `rubric:`");
  } else if (draft.rubric.version && *draft.rubric.version != rubric.version) {
    error(draft.rubric.mark,
          fmt::format("the scenario is for {}@{}, but {} is version {}", rubric.id,
                      *draft.rubric.version, rubric.file, rubric.version),
          fmt::format("re-rate against version {}, or drop `@{}` to accept any version",
                      rubric.version, *draft.rubric.version));
  }

  const size_t count = rubric.criteria.size();
  Scenario scenario;
  scenario.file = draft.file;
  scenario.id = draft.id;
  scenario.title = draft.title;
  scenario.description = draft.description;
  scenario.ratings.assign(count, std::nullopt);
  scenario.ranges.assign(count, std::nullopt);
  scenario.notes.assign(count, "");
  std::vector<const RatingDraft*> seen(count, nullptr);
  std::vector<std::string> ids;
  for (const Criterion& c : rubric.criteria) ids.push_back(c.id);

  for (const RatingDraft& entry : draft.entries) {
    int c = rubric.FindCriterion(entry.criterion);
    if (c < 0) {
      error(entry.mark,
            fmt::format("'{}' is not a criterion of rubric '{}'", entry.criterion, rubric.id),
            DidYouMean(entry.criterion, ids, CriteriaList(rubric)));
      continue;
    }
    const auto k = static_cast<size_t>(c);
    if (seen[k] != nullptr) {
      error(entry.mark,
            fmt::format("'{}' is both rated and listed under not_assessed (first at line {})",
                        entry.criterion, seen[k]->mark.line),
            "keep one of the two");
      continue;
    }
    seen[k] = &entry;
    const Scale& scale = rubric.criteria[k].scale;
    scenario.notes[k] = entry.text;
    if (!entry.assessed) continue;
    if (entry.score_invalid) continue;
    if (!entry.score) {
      error(
          entry.score_mark, fmt::format("'{}' is not yet rated", entry.criterion),
          fmt::format("give a rating on its scale {}, or list it under not_assessed with a reason",
                      ScaleText(scale)));
      continue;
    }
    const double score = *entry.score;
    if (std::optional<Diagnostic> problem = RatingProblem(rubric.criteria[k], score)) {
      // Located at the criterion's key, as in FORMATS.md §5 (`x.yaml:14:3: error: rating 7 ...`).
      error(entry.mark, std::move(problem->message), std::move(problem->hint));
      continue;
    }
    scenario.ratings[k] = score;
    if (entry.range) {
      auto [low, high] = *entry.range;
      const std::string range_text = fmt::format("[{}, {}]", FormatNumber(low), FormatNumber(high));
      if (low > high) {
        error(entry.range_mark,
              fmt::format("the range {} of '{}' is inverted", range_text, entry.criterion),
              fmt::format("write it low first: [{}, {}]", FormatNumber(high), FormatNumber(low)));
      } else if (CheckOnScale(scale, low) != OnScale::kFits ||
                 CheckOnScale(scale, high) != OnScale::kFits) {
        error(entry.range_mark,
              fmt::format("the range {} of '{}' leaves its scale {}{}", range_text, entry.criterion,
                          ScaleText(scale),
                          scale.type == ScaleType::kLevels ? " (both ends must be levels)" : ""),
              "keep both ends on the scale");
      } else if (score < low || score > high) {
        error(entry.range_mark,
              fmt::format("the range {} of '{}' does not contain its score {}", range_text,
                          entry.criterion, FormatNumber(score)),
              "the range is the plausible interval around the score: low <= score <= high");
      } else {
        scenario.ranges[k] = entry.range;
      }
    }
  }
  for (size_t k = 0; k < count; ++k) {
    if (seen[k] == nullptr) {
      error(draft.ratings_mark, fmt::format("missing rating for '{}'", rubric.criteria[k].id),
            "rate it or list it under not_assessed");
    }
  }

  BindShockList(draft, rubric, ids, &scenario.shocks, &problems);

  if (!problems.empty()) return problems;
  return scenario;
}

ScenarioDraft ParseShocks(std::string_view display_name, std::string_view text) {
  return ParseDraft(display_name, text, FileKind::kShocks);
}

Result<std::vector<Shock>> BindShocks(const ScenarioDraft& draft, const Rubric& rubric) {
  Diagnostics problems = draft.problems;
  if (!draft.rubric.id.empty() && draft.rubric.id != rubric.id) {
    problems.push_back({draft.file, draft.rubric.mark,
                        fmt::format("the shocks are for rubric '{}', but the rubric is '{}' ({})",
                                    draft.rubric.id, rubric.id, rubric.file),
                        "pass the matching --rubric, or correct `rubric:`"});
  }
  std::vector<std::string> ids;
  for (const Criterion& c : rubric.criteria) ids.push_back(c.id);
  std::vector<Shock> shocks;
  BindShockList(draft, rubric, ids, &shocks, &problems);
  if (!problems.empty()) return problems;
  return shocks;
}

Result<Scenario> LoadScenario(std::string_view display_name, std::string_view text,
                              const Rubric& rubric) {
  ScenarioDraft draft = ParseScenario(display_name, text);
  if (!draft.readable) return draft.problems;
  return BindScenario(draft, rubric);
}

}  // namespace poise
