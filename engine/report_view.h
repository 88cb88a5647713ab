// What the documents (markdown and HTML) say about a run, gathered once so that both formats carry
// the same content: per scenario its overall score and what it means, every group's member scores,
// the crosstab with blind spots, the criteria weakest first with evidence and ranges, the flags in
// plain words and the ratings that would help most; for several scenarios a comparison and
// ranking. Plain copies: a view outlives the entry it was built from.
#ifndef POISE_ENGINE_REPORT_VIEW_H_
#define POISE_ENGINE_REPORT_VIEW_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "poise/report.h"

namespace poise {

struct MemberView {
  std::string id, title;
  std::optional<double> score;
  double coverage = 0;
  bool neglected = false;  // a `neglected` flag was raised for it
};

struct GroupView {
  std::string id, title;
  std::vector<MemberView> members;
  std::optional<BalanceStats> balance;
  std::optional<double> floor, max_gap;
  bool imbalanced = false;
  bool overall = false;  // the group whose members make the overall score
};

struct CriterionView {
  std::string id, title;
  std::optional<double> rating;                               // raw; nullopt = not assessed
  std::optional<double> normalized;                           // x in [0, 1]
  std::optional<std::pair<double, double>> range_normalized;  // the range, normalised, low <= high
  std::string rating_text;  // "2 of 4 — Partial …", "71.3 (range 20–85)", "not assessed"
  std::string range_text;   // "1–3", or empty
  std::string note;         // evidence, or why it was not assessed
  std::string loads_on;     // the members of the overall group it loads on, by title
  double weight_share = 0;  // weight / Σ weights, in [0, 1]
};

struct CellView {
  std::optional<double> value;
  bool blind_spot = false;
};

struct CrosstabView {
  std::string rows_title, cols_title;
  std::vector<std::string> rows, cols;  // member titles
  std::vector<std::vector<CellView>> cells;
  std::vector<std::string> blind_spots;  // "national × vulnerable_groups" titles
};

struct FlagView {
  std::string code, group, member;
  std::string meaning;  // FlagMeaning: plain words
};

struct GainView {
  std::string criterion;  // title
  std::string from, to;   // the rating now, and the rating text one step up
  double gain = 0;        // overall after − before
};

struct ScenarioView {
  std::string file, id, title, description;
  std::string rubric;  // "balanced-coexistence 2026.1"
  std::optional<double> overall;
  std::optional<double> ampi;
  std::string flag_summary;  // FlagSummary: "imbalanced layers; neglected social, human"
  std::string meaning;  // one paragraph: the score on the rubric's scale, weakest and strongest
  std::vector<GroupView> groups;
  std::optional<CrosstabView> crosstab;
  std::vector<CriterionView> criteria;  // weakest first, not assessed last
  std::vector<FlagView> flags;
  std::vector<GainView> gains;      // at most three, largest first
  std::vector<std::string> errors;  // failed inputs: formatted diagnostics (nothing else is set)

  bool scored() const { return errors.empty(); }
};

// The view of one entry (scored or failed).
ScenarioView BuildScenarioView(const ReportEntry& entry);

// A place in a ranking by overall score.
struct RankedView {
  size_t index = 0;  // into the views
  int rank = 0;      // competition rank ("1224"); 0: no overall score
};

// The comparisons of a report: for each rubric with two or more scored scenarios (in order of
// first appearance), its scored views by overall score, best first — ties in input order, those
// without a score last. Scores of different rubrics are not compared.
std::vector<std::vector<RankedView>> Rankings(const std::vector<ScenarioView>& views);

// The group whose members make the overall score. REQUIRES: view.scored().
const GroupView& OverallGroupOf(const ScenarioView& view);

// A writer of a document (markdown, html): keeps the view of each entry — at most
// kMaxDocumentEntries, counting the rest — and writes the whole document at End(), which opens
// with the ranking.
class DocumentWriter : public ReportWriter {
 public:
  void Begin(const std::vector<const Model*>&, size_t) override {}
  void Write(const ReportEntry& entry) override {
    if (views_.size() < kMaxDocumentEntries) {
      views_.push_back(BuildScenarioView(entry));
    } else {
      ++omitted_;
    }
  }

 protected:
  std::vector<ScenarioView> views_;
  size_t omitted_ = 0;  // entries beyond kMaxDocumentEntries (rows of a ratings CSV)
};

// The overall score as people read it: "0.46" or "no score".
std::string OverallText(const ScenarioView& view);

}  // namespace poise

#endif  // POISE_ENGINE_REPORT_VIEW_H_
