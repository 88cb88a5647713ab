// Rubric loading: FORMATS.md §1, every rule a located error, all of a file's problems at once.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "load_common.h"
#include "load_scale.h"
#include "poise/load.h"
#include "text.h"

namespace poise {

int Rubric::FindGroup(const std::string& group_id) const {
  for (size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].id == group_id) return static_cast<int>(i);
  }
  return -1;
}

int Rubric::FindCriterion(const std::string& criterion_id) const {
  for (size_t i = 0; i < criteria.size(); ++i) {
    if (criteria[i].id == criterion_id) return static_cast<int>(i);
  }
  return -1;
}

namespace {

std::optional<Aggregate> ParseAggregate(std::string_view text) {
  if (text == "arithmetic") return Aggregate::kArithmetic;
  if (text == "geometric") return Aggregate::kGeometric;
  if (text == "min") return Aggregate::kMin;
  if (text == "ampi") return Aggregate::kAmpi;
  return std::nullopt;
}

class RubricLoader {
 public:
  RubricLoader(DocReader& reader, Rubric& rubric) : r_(reader), rubric_(rubric) {}

  void Load(int root_index) {
    MapFields root(r_, root_index);
    if (ReadFormatTag(r_, root, FileKind::kRubric) == FileKind::kUnknown && root.Find("poise")) {
      return;  // another kind of file: its keys would only add noise
    }
    if (root.Find("ratings") && !root.Find("criteria")) {
      r_.Error(root.Find("ratings")->key_mark,
               "this file has a scenario's `ratings:` but is tagged `poise: rubric/1`",
               "if it is a scenario, make its first line `poise: scenario/1`");
      return;
    }
    root.CheckKnown({"poise", "id", "version", "title", "description", "scale", "min_coverage",
                     "groups", "criteria", "overall", "crosstab", "interactions"},
                    "a rubric");
    if (const Field* f =
            root.Require("id", "the rubric", "add `id: my-rubric` (lowercase, digits, '-', '_')")) {
      if (auto id = r_.Id(f->value, "the rubric id")) rubric_.id = *id;
    }
    if (const Field* f = root.Require("version", "the rubric", "add `version: \"1\"`")) {
      if (auto text = r_.Text(f->value, "the rubric version")) rubric_.version = *text;
    }
    if (const Field* f = root.Require("title", "the rubric")) {
      if (auto text = r_.Text(f->value, "the rubric title")) rubric_.title = *text;
    }
    if (const Field* f = root.Find("description"))
      rubric_.description = OptionalText(f->value, "the description");
    if (const Field* f = root.Find("scale")) {
      Scale scale;
      if (ReadScale(r_, f->value, "the rubric's scale", &scale)) rubric_.scale = scale;
    }
    if (const Field* f = root.Find("min_coverage")) {
      if (auto value = r_.Number(f->value, "min_coverage")) {
        if (*value < 0 || *value > 1) {
          r_.Error(r_.node(f->value).mark,
                   fmt::format("min_coverage {} is outside [0, 1]", FormatNumber(*value)),
                   "it is the share of a member's weight that must be rated, e.g. 0.5");
        } else {
          rubric_.min_coverage = *value;
        }
      }
    }
    const Field* groups =
        root.Require("groups", "the rubric", "add `groups:` with at least one group");
    if (groups) ReadGroups(groups->value);
    const Field* criteria =
        root.Require("criteria", "the rubric", "add `criteria:` with at least one criterion");
    if (criteria) ReadCriteria(criteria->value);
    if (groups && criteria && groups_ok_) CheckMembersCovered();
    if (const Field* f = root.Require(
            "overall", "the rubric", "add `overall: {group: <group id>, aggregate: arithmetic}`")) {
      if (groups_ok_) ReadOverall(f->value);
    }
    if (const Field* f = root.Find("crosstab")) {
      if (groups_ok_) ReadCrosstab(f->value);
    }
    if (const Field* f = root.Find("interactions")) {
      rubric_.interactions_mark = f->key_mark;
      if (criteria) ReadInteractions(f->value);
    }
  }

 private:
  std::string OptionalText(int index, std::string_view what) {
    if (r_.node(index).kind == yaml::Kind::kNull) return "";
    return r_.Text(index, what).value_or("");
  }

  void ReadGroups(int index) {
    if (!r_.ExpectList(index, "groups")) return;
    const yaml::Node& list = r_.node(index);
    if (list.items.empty()) {
      r_.Error(list.mark, "groups is empty", "add at least one group with members");
      return;
    }
    if (static_cast<int>(list.items.size()) > kMaxGroups) {
      r_.Error(list.mark, fmt::format("{} groups is more than the limit of {}", list.items.size(),
                                      kMaxGroups));
      return;
    }
    const size_t before = r_.problem_count();
    for (int item : list.items) ReadGroup(item);
    groups_ok_ = r_.problem_count() == before;
  }

  void ReadGroup(int index) {
    if (!r_.ExpectMap(index, "a group")) return;
    MapFields fields(r_, index);
    fields.CheckKnown({"id", "title", "description", "aggregate", "balance", "members"}, "a group");
    Group group;
    group.mark = fields.mark();
    if (const Field* f = fields.Require("id", "a group")) {
      if (auto id = r_.Id(f->value, "the group id")) {
        if (rubric_.FindGroup(*id) >= 0) {
          r_.Error(r_.node(f->value).mark, fmt::format("duplicate group id '{}'", *id),
                   "group ids must be unique");
        }
        group.id = *id;
      }
    }
    const std::string where = fmt::format("group '{}'", group.id);
    if (const Field* f = fields.Find("title"))
      group.title = OptionalText(f->value, "the group title");
    if (group.title.empty()) group.title = group.id;
    if (const Field* f = fields.Find("description"))
      group.description = OptionalText(f->value, "the description");
    if (const Field* f = fields.Find("aggregate")) {
      if (auto text = r_.Text(f->value, "aggregate")) {
        auto aggregate = ParseAggregate(*text);
        if (!aggregate || *aggregate == Aggregate::kAmpi) {
          r_.Error(r_.node(f->value).mark,
                   aggregate
                       ? fmt::format("aggregate 'ampi' is for the overall score, not for {}", where)
                       : fmt::format("unknown aggregate '{}' in {}", *text, where),
                   DidYouMean(*text, {"arithmetic", "geometric", "min"},
                              "a group aggregates its criteria with arithmetic, geometric or min"));
        } else {
          group.aggregate = *aggregate;
        }
      }
    }
    if (const Field* f = fields.Find("balance")) group.balance = ReadBalance(f->value, where);
    if (const Field* f =
            fields.Require("members", where, "add `members:` with at least one member")) {
      ReadMembers(f->value, &group);
    }
    rubric_.groups.push_back(std::move(group));
  }

  std::optional<BalanceRule> ReadBalance(int index, const std::string& where) {
    if (!r_.ExpectMap(index, fmt::format("the balance of {}", where))) return std::nullopt;
    MapFields fields(r_, index);
    fields.CheckKnown({"floor", "max_gap"}, "a balance block");
    BalanceRule rule;
    for (const char* key : {"floor", "max_gap"}) {
      const Field* f = fields.Find(key);
      if (f == nullptr) continue;
      auto value = r_.Number(f->value, key);
      if (!value) continue;
      if (*value < 0 || *value > 1) {
        r_.Error(r_.node(f->value).mark,
                 fmt::format("{} {} is outside [0, 1]", key, FormatNumber(*value)),
                 "member scores are in [0, 1]");
        continue;
      }
      (std::string_view(key) == "floor" ? rule.floor : rule.max_gap) = *value;
    }
    return rule;
  }

  void ReadMembers(int index, Group* group) {
    if (!r_.ExpectList(index, "members")) return;
    const yaml::Node& list = r_.node(index);
    if (list.items.empty()) {
      r_.Error(list.mark, fmt::format("group '{}' has no members", group->id),
               "add at least one member");
      return;
    }
    if (static_cast<int>(list.items.size()) > kMaxMembers) {
      r_.Error(list.mark, fmt::format("{} members is more than the limit of {}", list.items.size(),
                                      kMaxMembers));
      return;
    }
    for (int item : list.items) {
      if (!r_.ExpectMap(item, "a member")) continue;
      MapFields fields(r_, item);
      fields.CheckKnown({"id", "title", "description"}, "a member");
      Member member;
      member.mark = fields.mark();
      if (const Field* f = fields.Require("id", "a member")) {
        if (auto id = r_.Id(f->value, "the member id")) {
          bool duplicate = std::any_of(group->members.begin(), group->members.end(),
                                       [&](const Member& m) { return m.id == *id; });
          if (duplicate) {
            r_.Error(r_.node(f->value).mark,
                     fmt::format("duplicate member id '{}' in group '{}'", *id, group->id),
                     "member ids must be unique within their group");
          }
          member.id = *id;
        }
      }
      if (const Field* f = fields.Find("title"))
        member.title = OptionalText(f->value, "the member title");
      if (member.title.empty()) member.title = member.id;
      if (const Field* f = fields.Find("description"))
        member.description = OptionalText(f->value, "the description");
      group->members.push_back(std::move(member));
    }
  }

  std::vector<std::string> GroupIds() const {
    std::vector<std::string> ids;
    for (const Group& g : rubric_.groups) ids.push_back(g.id);
    return ids;
  }
  static std::vector<std::string> MemberIds(const Group& group) {
    std::vector<std::string> ids;
    for (const Member& m : group.members) ids.push_back(m.id);
    return ids;
  }
  static int FindMember(const Group& group, const std::string& id) {
    for (size_t i = 0; i < group.members.size(); ++i) {
      if (group.members[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }

  void ReadCriteria(int index) {
    if (!r_.ExpectList(index, "criteria")) return;
    const yaml::Node& list = r_.node(index);
    if (list.items.empty()) {
      r_.Error(list.mark, "criteria is empty", "add at least one criterion");
      return;
    }
    if (static_cast<int>(list.items.size()) > kMaxCriteria) {
      r_.Error(list.mark, fmt::format("{} criteria is more than the limit of {}", list.items.size(),
                                      kMaxCriteria));
      return;
    }
    for (int item : list.items) ReadCriterion(item);
  }

  void ReadCriterion(int index) {
    if (!r_.ExpectMap(index, "a criterion")) return;
    MapFields fields(r_, index);
    fields.CheckKnown({"id", "title", "question", "description", "rationale", "levels", "scale",
                       "weight", "loads"},
                      "a criterion");
    Criterion criterion;
    criterion.mark = fields.mark();
    criterion.scale = rubric_.scale;
    if (const Field* f = fields.Require("id", "a criterion")) {
      if (auto id = r_.Id(f->value, "the criterion id")) {
        if (rubric_.FindCriterion(*id) >= 0) {
          r_.Error(r_.node(f->value).mark, fmt::format("duplicate criterion id '{}'", *id),
                   "criterion ids must be unique");
        }
        criterion.id = *id;
      }
    }
    const std::string where = fmt::format("criterion '{}'", criterion.id);
    if (const Field* f = fields.Require("title", where))
      criterion.title = r_.Text(f->value, "the title").value_or("");
    if (const Field* f =
            fields.Require("question", where, "add `question:` — what the rater answers")) {
      criterion.question = r_.Text(f->value, "the question").value_or("");
    }
    if (const Field* f = fields.Find("description"))
      criterion.description = OptionalText(f->value, "the description");
    if (const Field* f = fields.Find("rationale"))
      criterion.rationale = OptionalText(f->value, "the rationale");
    if (const Field* f = fields.Find("scale")) {
      Scale scale;
      if (ReadScale(r_, f->value, fmt::format("the scale of {}", where), &scale))
        criterion.scale = scale;
    }
    if (const Field* f = fields.Find("levels")) {
      if (criterion.scale.type == ScaleType::kRange) {
        r_.Error(f->key_mark, fmt::format("{} has level descriptors but a range scale", where),
                 "level descriptors belong to levels scales; remove `levels:`");
      } else {
        std::map<int, std::string> levels;
        ReadLevels(r_, f->value, criterion.scale, &levels);
        criterion.scale.levels = std::move(levels);
      }
    }
    if (const Field* f = fields.Find("weight")) {
      if (auto value = r_.Number(f->value, fmt::format("the weight of {}", where))) {
        if (*value < 0) {
          r_.Error(r_.node(f->value).mark,
                   fmt::format("the weight of {} is negative ({})", where, FormatNumber(*value)),
                   "weights are >= 0; use 0 to switch a criterion off");
        } else {
          criterion.weight = *value;
        }
      }
    }
    if (const Field* f =
            fields.Require("loads", where,
                           "add `loads: {<group>: {<member>: 1}}` — what the criterion measures")) {
      if (groups_ok_) ReadLoads(f->value, where, &criterion);
    }
    rubric_.criteria.push_back(std::move(criterion));
  }

  void ReadLoads(int index, const std::string& where, Criterion* criterion) {
    if (!r_.ExpectMap(index, fmt::format("the loads of {}", where))) return;
    MapFields groups(r_, index);
    const size_t before = r_.problem_count();
    double total = 0;
    for (const Field& gf : groups.fields()) {
      int g = rubric_.FindGroup(gf.key);
      if (g < 0) {
        r_.Error(gf.key_mark, fmt::format("{} loads on unknown group '{}'", where, gf.key),
                 DidYouMean(gf.key, GroupIds(), "the groups are: " + Join(GroupIds(), ", ")));
        continue;
      }
      const Group& group = rubric_.groups[static_cast<size_t>(g)];
      if (!r_.ExpectMap(gf.value, fmt::format("the loads of {} on group '{}'", where, gf.key)))
        continue;
      MapFields members(r_, gf.value);
      for (const Field& mf : members.fields()) {
        int m = FindMember(group, mf.key);
        if (m < 0) {
          r_.Error(mf.key_mark, fmt::format("unknown member '{}' of group '{}'", mf.key, gf.key),
                   DidYouMean(mf.key, MemberIds(group),
                              fmt::format("the members of '{}' are: {}", gf.key,
                                          Join(MemberIds(group), ", "))));
          continue;
        }
        auto share = r_.Number(mf.value, fmt::format("the load of {} on '{}'", where, mf.key));
        if (!share) continue;
        if (*share < 0) {
          r_.Error(r_.node(mf.value).mark,
                   fmt::format("the load of {} on '{}' is negative ({})", where, mf.key,
                               FormatNumber(*share)),
                   "loads are shares >= 0");
          continue;
        }
        total += *share;
        if (*share > 0) criterion->loads.push_back({g, m, *share});
      }
    }
    if (r_.problem_count() == before && total <= 0) {
      r_.Error(groups.mark(), fmt::format("{} loads on no member", where),
               "give it a positive share on at least one member");
    }
  }

  void CheckMembersCovered() {
    for (size_t g = 0; g < rubric_.groups.size(); ++g) {
      const Group& group = rubric_.groups[g];
      for (size_t m = 0; m < group.members.size(); ++m) {
        double total = 0;
        bool loaded = false;
        for (const Criterion& c : rubric_.criteria) {
          for (const poise::Load& load : c.loads) {
            if (load.group == static_cast<int>(g) && load.member == static_cast<int>(m)) {
              loaded = true;
              total += c.weight * load.share;
            }
          }
        }
        if (!loaded) {
          r_.Error(
              group.members[m].mark,
              fmt::format("no criterion loads on member '{}' of group '{}'", group.members[m].id,
                          group.id),
              fmt::format("add `{}: {{{}: 1}}` to the loads of a criterion, or remove the member",
                          group.id, group.members[m].id));
        } else if (total <= 0) {
          r_.Error(group.members[m].mark,
                   fmt::format("every criterion loading on member '{}' of group '{}' has weight 0",
                               group.members[m].id, group.id),
                   "give one of them a positive weight, or it can never be scored");
        }
      }
    }
  }

  void ReadOverall(int index) {
    if (!r_.ExpectMap(index, "overall")) return;
    MapFields fields(r_, index);
    fields.CheckKnown({"group", "aggregate", "weights"}, "overall");
    Overall& overall = rubric_.overall;
    overall.mark = fields.mark();
    const Group* group = nullptr;
    if (const Field* f = fields.Require(
            "group", "overall", "add `group: <the group whose members make the overall score>`")) {
      if (auto id = r_.Text(f->value, "overall.group")) {
        int g = rubric_.FindGroup(*id);
        if (g < 0) {
          r_.Error(r_.node(f->value).mark, fmt::format("overall.group '{}' is not a group", *id),
                   DidYouMean(*id, GroupIds(), "the groups are: " + Join(GroupIds(), ", ")));
        } else {
          overall.group = g;
          group = &rubric_.groups[static_cast<size_t>(g)];
        }
      }
    }
    if (const Field* f = fields.Require("aggregate", "overall",
                                        "add `aggregate: arithmetic` (or geometric, min, ampi)")) {
      if (auto text = r_.Text(f->value, "overall.aggregate")) {
        if (auto aggregate = ParseAggregate(*text)) {
          overall.aggregate = *aggregate;
        } else {
          r_.Error(r_.node(f->value).mark, fmt::format("unknown aggregate '{}' in overall", *text),
                   DidYouMean(*text, {"arithmetic", "geometric", "min", "ampi"},
                              "use arithmetic, geometric, min or ampi"));
        }
      }
    }
    const Field* weights = fields.Find("weights");
    if (weights == nullptr || group == nullptr) return;
    if (!r_.ExpectMap(weights->value, "overall.weights")) return;
    MapFields entries(r_, weights->value);
    if (const Field* ahp = entries.Find("ahp"); ahp && FindMember(*group, "ahp") < 0) {
      entries.CheckKnown({"ahp"}, "overall.weights (with AHP judgements)");
      ReadAhp(ahp->value, *group);
      return;
    }
    std::vector<double> values(group->members.size(), 0);
    std::vector<bool> given(group->members.size(), false);
    double total = 0;
    const size_t before = r_.problem_count();
    for (const Field& f : entries.fields()) {
      int m = FindMember(*group, f.key);
      if (m < 0) {
        r_.Error(f.key_mark,
                 fmt::format("weight for unknown member '{}' of group '{}'", f.key, group->id),
                 DidYouMean(f.key, MemberIds(*group),
                            "the members are: " + Join(MemberIds(*group), ", ")));
        continue;
      }
      auto value = r_.Number(f.value, fmt::format("the weight of '{}'", f.key));
      if (!value) continue;
      if (*value < 0) {
        r_.Error(r_.node(f.value).mark,
                 fmt::format("the weight of '{}' is negative ({})", f.key, FormatNumber(*value)),
                 "weights are >= 0");
        continue;
      }
      values[static_cast<size_t>(m)] = *value;
      given[static_cast<size_t>(m)] = true;
      total += *value;
    }
    for (size_t m = 0; m < group->members.size(); ++m) {
      if (!given[m] && r_.problem_count() == before) {
        r_.Error(entries.mark(),
                 fmt::format("overall.weights has no weight for member '{}'", group->members[m].id),
                 "give every member of the overall group a weight, or remove `weights:` for equal "
                 "weights");
      }
    }
    if (r_.problem_count() == before && total <= 0) {
      r_.Error(entries.mark(), "the overall weights sum to 0",
               "give at least one member a positive weight");
    }
    overall.weights = std::move(values);
  }

  void ReadAhp(int index, const Group& group) {
    if (!r_.ExpectMap(index, "overall.weights.ahp")) return;
    const size_t n = group.members.size();
    if (static_cast<int>(n) > kMaxAhpMembers) {
      r_.Error(r_.node(index).mark,
               fmt::format("AHP over {} members: Saaty's random index is defined up to {}", n,
                           kMaxAhpMembers),
               "use direct weights, or group the members first");
      return;
    }
    std::vector<std::vector<SourceMark>> seen(n, std::vector<SourceMark>(n));
    std::vector<std::vector<bool>> has(n, std::vector<bool>(n, false));
    MapFields rows(r_, index);
    auto member_index = [&](const Field& f) {
      int m = FindMember(group, f.key);
      if (m < 0) {
        r_.Error(
            f.key_mark,
            fmt::format("AHP judgement for unknown member '{}' of group '{}'", f.key, group.id),
            DidYouMean(f.key, MemberIds(group),
                       "the members are: " + Join(MemberIds(group), ", ")));
      }
      return m;
    };
    for (const Field& row : rows.fields()) {
      int i = member_index(row);
      if (i < 0 || !r_.ExpectMap(row.value, fmt::format("the AHP judgements of '{}'", row.key)))
        continue;
      MapFields columns(r_, row.value);
      for (const Field& column : columns.fields()) {
        int j = member_index(column);
        if (j < 0) continue;
        if (i == j) {
          r_.Error(column.key_mark, fmt::format("AHP judgement compares '{}' with itself", row.key),
                   "leave the diagonal out; it is always 1");
          continue;
        }
        const auto a = static_cast<size_t>(std::min(i, j));
        const auto b = static_cast<size_t>(std::max(i, j));
        if (has[a][b]) {
          r_.Error(column.key_mark,
                   fmt::format("AHP pair '{}' / '{}' is judged twice (first at {}:{})", row.key,
                               column.key, seen[a][b].line, seen[a][b].column),
                   "give each pair once; the reverse judgement is its reciprocal");
          continue;
        }
        const yaml::Node& value = r_.node(column.value);
        double judgement = 0;
        NumberStatus status = value.kind == yaml::Kind::kScalar
                                  ? ParseFraction(value.text, &judgement)
                                  : NumberStatus::kNotANumber;
        has[a][b] = true;  // judged, even if badly: no "missing" report for this pair
        seen[a][b] = column.key_mark;
        if (status != NumberStatus::kOk || judgement <= 0) {
          r_.Error(value.mark,
                   fmt::format(
                       "AHP judgement '{}' vs '{}' must be a positive number or fraction, not {}",
                       row.key, column.key,
                       value.kind == yaml::Kind::kScalar ? "'" + value.text + "'"
                                                         : std::string(DocReader::Describe(value))),
                   "use Saaty's scale: 1, 3, 5, 7, 9 or their reciprocals such as \"1/3\"");
          continue;
        }
        rubric_.overall.ahp.push_back({i, j, judgement, column.key_mark});
      }
    }
    for (size_t a = 0; a < n; ++a) {
      for (size_t b = a + 1; b < n; ++b) {
        if (!has[a][b]) {
          r_.Error(rows.mark(),
                   fmt::format("AHP judgement missing for the pair '{}' / '{}'",
                               group.members[a].id, group.members[b].id),
                   fmt::format("add `{}: {{{}: 1}}` (1 = equally important)", group.members[a].id,
                               group.members[b].id));
        }
      }
    }
    if (n == 1 && rubric_.overall.ahp.empty()) {
      rubric_.overall.weights = {1.0};  // a single member needs no judgement
    }
  }

  void ReadCrosstab(int index) {
    if (!r_.ExpectList(index, "crosstab")) return;
    const yaml::Node& list = r_.node(index);
    if (list.items.size() != 2) {
      r_.Error(list.mark,
               fmt::format("crosstab names {} group{}; it needs exactly 2", list.items.size(),
                           list.items.size() == 1 ? "" : "s"),
               "write `crosstab: [rows_group, columns_group]`");
      return;
    }
    int ids[2] = {-1, -1};
    for (size_t k = 0; k < 2; ++k) {
      auto id = r_.Text(list.items[k], "a crosstab group");
      if (!id) return;
      ids[k] = rubric_.FindGroup(*id);
      if (ids[k] < 0) {
        r_.Error(r_.node(list.items[k]).mark,
                 fmt::format("crosstab group '{}' is not a group", *id),
                 DidYouMean(*id, GroupIds(), "the groups are: " + Join(GroupIds(), ", ")));
        return;
      }
    }
    if (ids[0] == ids[1]) {
      r_.Error(list.mark, "crosstab names the same group twice", "cross two different groups");
      return;
    }
    rubric_.crosstab = std::make_pair(ids[0], ids[1]);
  }

  // interactions: [{from: a, to: b, strength: 0.3}, ...]
  void ReadInteractions(int index) {
    if (!r_.ExpectList(index, "interactions")) return;
    const yaml::Node& list = r_.node(index);
    if (list.items.size() > static_cast<size_t>(kMaxInteractions)) {
      r_.Error(list.mark,
               fmt::format("{} interactions, more than the limit of {}", list.items.size(),
                           kMaxInteractions),
               "keep the strongest links; the rest are second-order");
      return;
    }
    std::vector<std::string> ids;
    for (const Criterion& c : rubric_.criteria) ids.push_back(c.id);
    std::set<std::pair<int, int>> seen;
    for (int item : list.items) {
      if (!r_.ExpectMap(item, "an interaction")) continue;
      MapFields fields(r_, item);
      fields.CheckKnown({"from", "to", "strength", "note"}, "an interaction");
      Interaction link;
      link.mark = fields.mark();
      bool ok = true;
      for (const char* end : {"from", "to"}) {
        const Field* f = fields.Require(end, "an interaction",
                                        "write `{from: criterion, to: criterion, strength: 0.3}`");
        if (f == nullptr) {
          ok = false;
          continue;
        }
        auto id = r_.Text(f->value, fmt::format("the interaction's `{}`", end));
        if (!id) {
          ok = false;
          continue;
        }
        const int c = rubric_.FindCriterion(*id);
        if (c < 0) {
          r_.Error(r_.node(f->value).mark,
                   fmt::format("interaction {} '{}', which is not a criterion", end, *id),
                   DidYouMean(*id, ids, "interactions link criteria of this rubric"));
          ok = false;
        }
        (std::string_view(end) == "from" ? link.from : link.to) = c;
      }
      if (const Field* f = fields.Require("strength", "an interaction",
                                          "add `strength: 0.3` (the share passed on, in [0, 1))")) {
        if (auto s = r_.Number(f->value, "the strength")) {
          if (*s < 0 || *s >= 1) {
            r_.Error(r_.node(f->value).mark,
                     fmt::format("strength {} is outside [0, 1)", FormatNumber(*s)),
                     "the share of a change passed on: 0 (none) up to, but not including, 1");
            ok = false;
          }
          link.strength = *s;
        } else {
          ok = false;
        }
      }
      if (!ok) continue;
      if (link.from == link.to) {
        r_.Error(
            link.mark,
            fmt::format("interaction from '{}' to itself", ids[static_cast<size_t>(link.from)]),
            "interactions link two different criteria");
        continue;
      }
      if (!seen.insert({link.from, link.to}).second) {
        r_.Error(
            link.mark,
            fmt::format("a second interaction from '{}' to '{}'",
                        ids[static_cast<size_t>(link.from)], ids[static_cast<size_t>(link.to)]),
            "give each ordered pair one strength");
        continue;
      }
      rubric_.interactions.push_back(link);
    }
  }

  DocReader& r_;
  Rubric& rubric_;
  bool groups_ok_ = false;
};

}  // namespace

Result<Rubric> LoadRubric(std::string_view display_name, std::string_view text) {
  yaml::Tree tree;
  Diagnostics problems;
  int root = ParseRoot(display_name, text, &tree, &problems, FileKind::kRubric);
  if (root < 0) return problems;
  Rubric rubric;
  rubric.file = std::string(display_name);
  DocReader reader(tree, display_name, problems);
  RubricLoader(reader, rubric).Load(root);
  if (!problems.empty()) return problems;
  return rubric;
}

}  // namespace poise
