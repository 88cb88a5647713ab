#include <nlohmann/json.hpp>

#include "poise/report.h"

namespace poise {

using Json = nlohmann::ordered_json;

namespace {

Json Optional(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

const char* AggregateName(Aggregate aggregate) {
  switch (aggregate) {
    case Aggregate::kArithmetic:
      return "arithmetic";
    case Aggregate::kGeometric:
      return "geometric";
    case Aggregate::kMin:
      return "min";
    case Aggregate::kAmpi:
      return "ampi";
  }
  return "";
}

Json RatingJson(const Scale& scale, double rating) {
  if (scale.type == ScaleType::kLevels) return Json(static_cast<long long>(rating));
  return Json(rating);
}

Json ScoredJson(const ReportEntry& entry) {
  const Rubric& rubric = *entry.model->rubric;
  const Assessment& a = *entry.assessment;
  const Scenario& s = *entry.scenario;
  const Group& overall_group = rubric.groups[static_cast<size_t>(rubric.overall.group)];
  Json j;
  j["scenario"] = s.id;
  j["title"] = s.title;
  j["file"] = entry.file;
  j["rubric"] = {{"id", rubric.id}, {"version", rubric.version}};
  j["overall"] = {{"score", Optional(a.overall)},
                  {"aggregate", AggregateName(rubric.overall.aggregate)},
                  {"group", overall_group.id},
                  {"ampi", Optional(a.ampi)}};
  Json weights = Json::object();
  for (size_t m = 0; m < overall_group.members.size(); ++m) {
    weights[overall_group.members[m].id] =
        entry.model->overall_weights(static_cast<Eigen::Index>(m));
  }
  j["weights"] = {{overall_group.id, weights}};
  Json groups = Json::object();
  for (size_t g = 0; g < rubric.groups.size(); ++g) {
    const Group& group = rubric.groups[g];
    const GroupAssessment& ga = a.groups[g];
    Json members = Json::object();
    for (size_t m = 0; m < group.members.size(); ++m) {
      members[group.members[m].id] = {{"score", Optional(ga.scores[m])},
                                      {"coverage", ga.coverage[m]}};
    }
    Json balance = nullptr;
    if (ga.balance) {
      const BalanceStats& b = *ga.balance;
      balance = {{"min", b.min},
                 {"max", b.max},
                 {"gap", b.gap},
                 {"mean", b.mean},
                 {"cv", b.cv},
                 {"gini", b.gini},
                 {"weakest", group.members[static_cast<size_t>(b.weakest)].id},
                 {"strongest", group.members[static_cast<size_t>(b.strongest)].id}};
    }
    groups[group.id] = {{"members", members}, {"balance", balance}};
  }
  j["groups"] = groups;
  Json criteria = Json::object();
  for (size_t c = 0; c < rubric.criteria.size(); ++c) {
    const Criterion& criterion = rubric.criteria[c];
    Json item;
    item["rating"] = s.ratings[c] ? RatingJson(criterion.scale, *s.ratings[c]) : Json(nullptr);
    item["normalized"] = Optional(a.normalized[c]);
    if (s.ranges[c]) {
      item["range"] = {RatingJson(criterion.scale, s.ranges[c]->first),
                       RatingJson(criterion.scale, s.ranges[c]->second)};
    }
    if (!s.notes[c].empty()) item[s.ratings[c] ? "evidence" : "not_assessed"] = s.notes[c];
    criteria[criterion.id] = item;
  }
  j["criteria"] = criteria;
  if (rubric.crosstab) {
    const Group& rows = rubric.groups[static_cast<size_t>(rubric.crosstab->first)];
    const Group& cols = rubric.groups[static_cast<size_t>(rubric.crosstab->second)];
    Json cells = Json::array();
    Json blind = Json::array();
    for (size_t i = 0; i < rows.members.size(); ++i) {
      Json row = Json::array();
      for (size_t k = 0; k < cols.members.size(); ++k) {
        const size_t cell = i * cols.members.size() + k;
        row.push_back(Optional(a.crosstab[cell]));
        if (entry.model->blind_spot[cell])
          blind.push_back({rows.members[i].id, cols.members[k].id});
      }
      cells.push_back(row);
    }
    j["crosstab"] = {
        {"rows", rows.id}, {"columns", cols.id}, {"cells", cells}, {"blind_spots", blind}};
  } else {
    j["crosstab"] = nullptr;
  }
  Json flags = Json::array();
  for (const Flag& flag : a.flags) {
    Json f = {{"code", flag.code}, {"group", flag.group}};
    if (!flag.member.empty()) f["member"] = flag.member;
    f["message"] = flag.message;
    flags.push_back(f);
  }
  j["flags"] = flags;
  Json ahp = Json::object();
  if (entry.model->ahp) {
    ahp[overall_group.id] = {{"lambda_max", entry.model->ahp->lambda_max},
                             {"ci", entry.model->ahp->ci},
                             {"cr", entry.model->ahp->cr}};
  }
  j["ahp"] = ahp;
  return j;
}

Json FailedJson(const ReportEntry& entry) {
  Json errors = Json::array();
  for (const Diagnostic& d : entry.errors) {
    Json e;
    if (d.file != entry.file) e["file"] = d.file;
    e["line"] = d.mark.line > 0 ? d.mark.line : 1;
    e["column"] = d.mark.column > 0 ? d.mark.column : 1;
    e["message"] = d.message;
    if (!d.hint.empty()) e["hint"] = d.hint;
    errors.push_back(e);
  }
  return {{"file", entry.file}, {"errors", errors}};
}

class JsonWriter : public ReportWriter {
 public:
  JsonWriter(std::ostream& out, bool lines) : out_(out), lines_(lines) {}
  void Begin(const std::vector<const Model*>&, size_t count) override {
    array_ = !lines_ && count != 1;
    if (array_) out_ << "[";
  }
  void Write(const ReportEntry& entry) override { WriteRendered(entry, Render(entry)); }

  bool CanRender() const override { return true; }

  std::string Render(const ReportEntry& entry) const override {
    if (lines_) return EntryJson(entry, -1) + '\n';
    if (!array_) return EntryJson(entry, 2) + '\n';
    const std::string text = EntryJson(entry, 2);
    std::string indented = "  ";
    indented.reserve(text.size() + text.size() / 8);
    for (char c : text) {
      indented += c;
      if (c == '\n') indented += "  ";
    }
    return indented;
  }

  void WriteRendered(const ReportEntry&, const std::string& text) override {
    if (array_) out_ << (first_ ? "\n" : ",\n");
    out_ << text;
    first_ = false;
  }
  void End() override {
    if (array_) out_ << (first_ ? "]\n" : "\n]\n");
  }

 private:
  std::ostream& out_;
  bool lines_;
  bool array_ = true;
  bool first_ = true;
};

}  // namespace

std::string EntryJson(const ReportEntry& entry, int indent) {
  Json j = entry.scored() ? ScoredJson(entry) : FailedJson(entry);
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::unique_ptr<ReportWriter> MakeJsonWriter(std::ostream& out, bool lines) {
  return std::make_unique<JsonWriter>(out, lines);
}

}  // namespace poise
