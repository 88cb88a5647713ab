#include "poise/model.h"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>

#include "poise/weights.h"

namespace poise {

double Normalize(const Scale& scale, double rating) {
  double value = rating;
  if (scale.type == ScaleType::kRange && scale.clamp)
    value = std::clamp(value, scale.min, scale.max);
  const bool log = scale.type == ScaleType::kRange && scale.transform == Transform::kLog;
  auto t = [&](double v) { return log ? std::log(v) : v; };
  double x = (t(value) - t(scale.min)) / (t(scale.max) - t(scale.min));
  if (scale.type == ScaleType::kRange && scale.direction == Direction::kLowerIsBetter) x = 1 - x;
  return x;
}

namespace {

size_t CrosstabCell(const Model& model, const Load& row, const Load& column) {
  return static_cast<size_t>(row.member) * static_cast<size_t>(model.crosstab_cols) +
         static_cast<size_t>(column.member);
}

// The matrices that carry criterion weights: a_c,m = w_c · load_c,m per group, their column
// totals, and (with_crosstab) the crosstab's w_c · la_c,i · lb_c,j.
void FillWeighted(const Rubric& r, const std::vector<double>& weights, bool with_crosstab,
                  Model* model) {
  const auto c_count = static_cast<Eigen::Index>(r.criteria.size());
  for (GroupModel& g : model->groups) g.weight_load.setZero(c_count, g.loaded.cols());
  with_crosstab = with_crosstab && r.crosstab.has_value();
  if (with_crosstab) {
    model->crosstab.setZero(c_count,
                            static_cast<Eigen::Index>(model->crosstab_rows) * model->crosstab_cols);
  }
  for (Eigen::Index c = 0; c < c_count; ++c) {
    const Criterion& criterion = r.criteria[static_cast<size_t>(c)];
    const double w = weights[static_cast<size_t>(c)];
    for (const Load& load : criterion.loads) {
      model->groups[static_cast<size_t>(load.group)].weight_load(c, load.member) += w * load.share;
    }
    if (!with_crosstab) continue;
    for (const Load& la : criterion.loads) {
      if (la.group != r.crosstab->first) continue;
      for (const Load& lb : criterion.loads) {
        if (lb.group != r.crosstab->second) continue;
        model->crosstab(c, static_cast<Eigen::Index>(CrosstabCell(*model, la, lb))) +=
            w * la.share * lb.share;
      }
    }
  }
  for (GroupModel& g : model->groups) g.total = g.weight_load.colwise().sum();
}

}  // namespace

Result<Model> CompileModel(std::shared_ptr<const Rubric> rubric) {
  Model model;
  const Rubric& r = *rubric;
  const auto c_count = static_cast<Eigen::Index>(r.criteria.size());
  model.low.resize(c_count);
  model.high.resize(c_count);
  model.t_low.resize(c_count);
  model.t_span.resize(c_count);
  for (Eigen::Index c = 0; c < c_count; ++c) {
    const Scale& s = r.criteria[static_cast<size_t>(c)].scale;
    const bool range = s.type == ScaleType::kRange;
    const bool log = range && s.transform == Transform::kLog;
    model.low(c) = s.min;
    model.high(c) = s.max;
    model.t_low(c) = log ? std::log(s.min) : s.min;
    model.t_span(c) = (log ? std::log(s.max) : s.max) - model.t_low(c);
    model.use_log.push_back(log ? 1 : 0);
    model.lower_is_better.push_back(range && s.direction == Direction::kLowerIsBetter ? 1 : 0);
    model.clamp.push_back(range && s.clamp ? 1 : 0);
  }

  for (const Group& group : r.groups) {
    GroupModel g;
    const auto m_count = static_cast<Eigen::Index>(group.members.size());
    g.weight_load = Eigen::MatrixXd::Zero(c_count, m_count);
    g.loaded = Eigen::MatrixXd::Zero(c_count, m_count);
    g.criteria.resize(group.members.size());
    model.groups.push_back(std::move(g));
  }
  for (Eigen::Index c = 0; c < c_count; ++c) {
    const Criterion& criterion = r.criteria[static_cast<size_t>(c)];
    for (const Load& load : criterion.loads) {
      GroupModel& g = model.groups[static_cast<size_t>(load.group)];
      g.loaded(c, load.member) = 1;
      g.criteria[static_cast<size_t>(load.member)].push_back(static_cast<int>(c));
    }
  }

  const Group& overall_group = r.groups[static_cast<size_t>(r.overall.group)];
  const auto n = static_cast<Eigen::Index>(overall_group.members.size());
  if (!r.overall.ahp.empty()) {
    Eigen::MatrixXd pairwise = Eigen::MatrixXd::Ones(n, n);
    for (const AhpJudgement& j : r.overall.ahp) {
      pairwise(j.row, j.column) = j.value;
      pairwise(j.column, j.row) = 1 / j.value;
    }
    std::optional<AhpResult> ahp = AhpPriorities(pairwise);
    if (!ahp) {
      return Diagnostic{r.file, r.overall.mark,
                        "the AHP judgements have no positive principal eigenvector",
                        "check the judgements for extreme values"};
    }
    model.overall_raw_weights = ahp->weights;
    model.ahp = AhpSummary{ahp->lambda_max, ahp->ci, ahp->cr, ahp->cr > 0.1};
  } else if (!r.overall.weights.empty()) {
    model.overall_raw_weights = Eigen::Map<const Eigen::VectorXd>(r.overall.weights.data(), n);
  } else {
    model.overall_raw_weights = Eigen::VectorXd::Ones(n);
  }
  model.overall_weight_sum = model.overall_raw_weights.sum();
  model.overall_weights = model.overall_raw_weights / model.overall_weight_sum;

  if (r.crosstab) {
    const auto [rows_group, cols_group] = *r.crosstab;
    const Group& a = r.groups[static_cast<size_t>(rows_group)];
    const Group& b = r.groups[static_cast<size_t>(cols_group)];
    model.crosstab_rows = static_cast<int>(a.members.size());
    model.crosstab_cols = static_cast<int>(b.members.size());
    const Eigen::Index cells = static_cast<Eigen::Index>(model.crosstab_rows) * model.crosstab_cols;
    std::vector<unsigned char> touched(static_cast<size_t>(cells), 0);
    for (const Criterion& criterion : r.criteria) {
      for (const Load& la : criterion.loads) {
        if (la.group != rows_group) continue;
        for (const Load& lb : criterion.loads) {
          if (lb.group == cols_group) touched[CrosstabCell(model, la, lb)] = 1;
        }
      }
    }
    for (unsigned char t : touched) model.blind_spot.push_back(t ? 0 : 1);
  }
  if (!r.interactions.empty()) {
    std::vector<int>& involved = model.interaction_criteria;
    for (const Interaction& link : r.interactions) {
      involved.push_back(link.from);
      involved.push_back(link.to);
    }
    std::sort(involved.begin(), involved.end());
    involved.erase(std::unique(involved.begin(), involved.end()), involved.end());
    auto position = [&](int c) {
      return static_cast<Eigen::Index>(std::lower_bound(involved.begin(), involved.end(), c) -
                                       involved.begin());
    };
    const auto k = static_cast<Eigen::Index>(involved.size());
    Eigen::MatrixXd strengths = Eigen::MatrixXd::Zero(k, k);
    for (const Interaction& link : r.interactions)
      strengths(position(link.from), position(link.to)) = link.strength;
    // Criteria outside `involved` have zero rows and columns in N: they add only zero eigenvalues.
    const Eigen::VectorXcd eigenvalues =
        Eigen::EigenSolver<Eigen::MatrixXd>(strengths, false).eigenvalues();
    model.spectral_radius = eigenvalues.cwiseAbs().maxCoeff();
    if (!(model.spectral_radius < 1 - 1e-9)) {
      return Diagnostic{r.file, r.interactions_mark,
                        fmt::format("the interactions amplify without bound: the spectral radius "
                                    "of their strengths is {:.4f}, not below 1",
                                    model.spectral_radius),
                        "weaken the links that form loops (a → b → a): around every loop the "
                        "product of the strengths must stay well below 1"};
    }
    model.total_relation = (Eigen::MatrixXd::Identity(k, k) - strengths).inverse();
  }
  std::vector<double> weights;
  for (const Criterion& criterion : r.criteria) weights.push_back(criterion.weight);
  FillWeighted(r, weights, true, &model);
  model.rubric = std::move(rubric);
  return model;
}

Model Reweight(const Model& model, const std::vector<double>& criterion_weights,
               const Eigen::VectorXd& overall_raw_weights) {
  Model m = model;
  FillWeighted(*model.rubric, criterion_weights, m.crosstab.size() > 0, &m);
  m.overall_raw_weights = overall_raw_weights;
  m.overall_weight_sum = overall_raw_weights.sum();
  m.overall_weights = overall_raw_weights / m.overall_weight_sum;
  return m;
}

}  // namespace poise
