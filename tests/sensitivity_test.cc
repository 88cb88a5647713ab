// Sensitivity analysis (docs/methods.md) against distributions and indices derived by hand.
#include "poise/sensitivity.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "lane_scorer.h"
#include "poise/random.h"
#include "poise/score.h"
#include "test_util.h"

namespace poise {
namespace {

using Json = nlohmann::json;

// Two layers, one criterion each on a 0..1 range scale, equal weights, arithmetic overall:
// overall Y = (x1 + x2) / 2 where x_i is the rating itself.
const char* kAdditiveRubric = R"(poise: rubric/1
id: additive
version: "1"
title: Additive
scale: {type: range, min: 0, max: 1}
groups:
  - id: layers
    aggregate: arithmetic
    balance: {floor: 0.2, max_gap: 0.5}
    members: [{id: a}, {id: b}]
criteria:
  - {id: x1, title: X1, question: Q, loads: {layers: {a: 1}}}
  - {id: x2, title: X2, question: Q, loads: {layers: {b: 1}}}
overall: {group: layers, aggregate: arithmetic}
)";

// x1 ~ U(0, 1), x2 ~ U(0, 0.5).
const char* kAdditiveScenario = R"(poise: scenario/1
id: additive
title: Additive
rubric: additive
ratings:
  x1: {score: 0.5, range: [0, 1]}
  x2: {score: 0.25, range: [0, 0.5]}
)";

struct Loaded {
  std::unique_ptr<Model> model;
  std::vector<Scenario> scenarios;
  std::vector<const Scenario*> pointers() const {
    std::vector<const Scenario*> p;
    for (const Scenario& s : scenarios) p.push_back(&s);
    return p;
  }
};

Loaded Load(const std::string& rubric, const std::vector<std::string>& scenarios) {
  Loaded loaded;
  loaded.model = testing::CompileText(rubric);
  for (const std::string& text : scenarios) {
    Result<Scenario> s = LoadScenario("s.yaml", text, *loaded.model->rubric);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : FormatDiagnostic(s.diagnostics().front()));
    if (s.ok()) loaded.scenarios.push_back(std::move(s).value());
  }
  return loaded;
}

// A rubric for every pair of group aggregates and every overall aggregate: levels criteria with a
// zero weight, a log range scale, a lower-is-better range scale that does not clamp, and
// min_coverage 0.6, so that coverage, zero ratings and missing ratings all matter.
std::string MixRubric(const std::string& g1, const std::string& g2, const std::string& overall,
                      const std::string& weights) {
  return R"(poise: rubric/1
id: mix
version: "1"
title: Mix
min_coverage: 0.6
groups:
  - id: g1
    aggregate: )" +
         g1 + R"(
    balance: {floor: 0.4, max_gap: 0.3}
    members: [{id: p}, {id: q}, {id: r}]
  - id: g2
    aggregate: )" +
         g2 + R"(
    members: [{id: u}, {id: v}]
criteria:
  - {id: a, title: A, question: Q, weight: 2, loads: {g1: {p: 1}, g2: {u: 1}}}
  - {id: b, title: B, question: Q, weight: 1.5, loads: {g1: {p: 0.4, q: 0.6}, g2: {v: 0.5}}}
  - {id: c, title: C, question: Q, scale: {type: range, min: 1, max: 1000, transform: log}, loads: {g1: {q: 1}, g2: {u: 0.3, v: 1}}}
  - {id: d, title: D, question: Q, scale: {type: range, min: 0, max: 100, clamp: false, direction: lower_is_better}, loads: {g1: {r: 1}}}
  - {id: e, title: E, question: Q, weight: 0.5, loads: {g1: {r: 0.5, p: 0.5}, g2: {u: 1}}}
  - {id: f, title: F, question: Q, weight: 0, loads: {g1: {r: 1}}}
overall: {group: g1, aggregate: )" +
         overall + weights + "}\n";
}

bool SameDouble(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) ||
         std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
}

// The Monte Carlo's scorer against ScoreBatch, to the last bit, with a different weight draw and
// different ratings in every lane: every aggregate, AHP and direct overall weights, missing
// ratings, zero ratings and weights.
TEST(LaneScorer, MatchesScoreBatchBitForBit) {
  const std::vector<std::string> weightings = {
      "", ", weights: {p: 2, q: 1, r: 0}", R"(, weights: {ahp: {p: {q: 3, r: "1/2"}, q: {r: 2}}})"};
  Random random(2026);
  int compared = 0;
  for (const std::string g1 : {"arithmetic", "geometric", "min"}) {
    for (const std::string g2 : {"arithmetic", "geometric", "min"}) {
      for (const std::string overall : {"arithmetic", "geometric", "min", "ampi"}) {
        for (const std::string& weights : weightings) {
          const std::unique_ptr<Model> model =
              testing::CompileText(MixRubric(g1, g2, overall, weights));
          ASSERT_TRUE(model) << g1 << " " << g2 << " " << overall << weights;
          const LaneScorer scorer(*model);
          const Eigen::Index c_count = model->criteria_count();
          for (int scenario = 0; scenario < 6; ++scenario) {
            // One scenario's mask (each criterion missing with probability 1/5), a rating per
            // lane, and a weight draw per lane.
            std::vector<unsigned char> assessed(static_cast<size_t>(c_count));
            for (unsigned char& a : assessed) a = random.Below(5) == 0 ? 0 : 1;
            Eigen::MatrixXd ratings(kLanes, c_count);
            for (int l = 0; l < kLanes; ++l) {
              for (Eigen::Index c = 0; c < c_count; ++c) {
                const double level = static_cast<double>(random.Below(5));  // 0 … 4
                ratings(l, c) = !assessed[static_cast<size_t>(c)] ? std::nan("")
                                : c == 2                          ? 1 + random.Uniform() * 999
                                : c == 3                          ? random.Uniform() * 100
                                                                  : level;
              }
            }
            const Scores normalized = ScoreBatch(*model, ratings);
            std::vector<double> x(static_cast<size_t>(c_count) * kLanes);
            for (Eigen::Index c = 0; c < c_count; ++c) {
              for (int l = 0; l < kLanes; ++l)
                x[static_cast<size_t>(c) * kLanes + static_cast<size_t>(l)] =
                    normalized.normalized(l, c);
            }
            std::vector<Model> sampled;
            LaneWeights lanes = scorer.MakeWeights(*model);
            for (int l = 0; l < kLanes; ++l) {
              sampled.push_back(DrawWeights(*model, 3, random));
              scorer.SetLane(sampled.back(), l, &lanes);
            }
            std::vector<double> scratch(scorer.scratch_size()),
                values(scorer.quantities() * kLanes);
            scorer.Score(x.data(), assessed.data(), lanes, scratch.data(), values.data());
            for (int l = 0; l < kLanes; ++l) {
              const Scores expected = ScoreBatch(sampled[static_cast<size_t>(l)], ratings.row(l));
              const double overall_value =
                  expected.has_overall(0, 0) ? expected.overall(0) : std::nan("");
              EXPECT_TRUE(SameDouble(values[static_cast<size_t>(l)], overall_value))
                  << g1 << " " << g2 << " " << overall << weights << " lane " << l << ": "
                  << values[static_cast<size_t>(l)] << " vs " << overall_value;
              size_t q = 1;
              for (const GroupScores& group : expected.groups) {
                for (Eigen::Index m = 0; m < group.score.cols(); ++m, ++q) {
                  const double member = group.has_score(0, m) ? group.score(0, m) : std::nan("");
                  EXPECT_TRUE(SameDouble(values[q * kLanes + static_cast<size_t>(l)], member))
                      << g1 << " " << g2 << " " << overall << weights << " quantity " << q;
                  ++compared;
                }
              }
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(compared, 3 * 3 * 4 * 3 * 6 * kLanes * 5);
}

TEST(Sensitivity, NoRangesAndFixedWeightsGiveTheNominalScoreExactly) {
  // Without ranges and with K = 0 every sample is the nominal case: all percentiles and the mean
  // equal the nominal score bit for bit, and every flag has probability 0 or 1.
  auto model = testing::CompileText(
      testing::ReadFile(POISE_SOURCE_DIR "/rubrics/balanced-coexistence.yaml"));
  ASSERT_TRUE(model);
  std::string text = testing::ReadFile(POISE_SOURCE_DIR "/scenarios/deterrence-only.yaml");
  // Drop every `range: [...]` line.
  std::string stripped;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("range:") == std::string::npos) stripped += line + "\n";
  }
  Result<Scenario> scenario = LoadScenario("s.yaml", stripped, *model->rubric);
  ASSERT_TRUE(scenario.ok());
  SensitivityOptions options;
  options.samples = 300;
  options.threads = 2;
  auto results = AnalyzeSensitivity(*model, {&scenario.value()}, options);
  ASSERT_EQ(results.size(), 1u);
  auto exact = [](const Distribution& d) {
    ASSERT_TRUE(d.nominal);
    EXPECT_EQ(*d.mean, *d.nominal);
    EXPECT_EQ(*d.p5, *d.nominal);
    EXPECT_EQ(*d.p50, *d.nominal);
    EXPECT_EQ(*d.p95, *d.nominal);
  };
  exact(results[0].overall);
  for (const auto& group : results[0].members) {
    for (const Distribution& d : group) exact(d);
  }
  const Assessment nominal = testing::AssessText(*model, stripped);
  ASSERT_EQ(results[0].flags.size(), nominal.flags.size());
  for (size_t i = 0; i < nominal.flags.size(); ++i) {
    EXPECT_EQ(results[0].flags[i].code, nominal.flags[i].code);
    EXPECT_EQ(results[0].flags[i].member, nominal.flags[i].member);
    EXPECT_EQ(results[0].flags[i].probability, 1.0);
  }
}

TEST(Sensitivity, AdditiveModelMatchesItsDistributionAndSobolIndices) {
  // Y = (U1 + U2) / 2, U1 ~ U(0, 1), U2 ~ U(0, 0.5).
  // Mean: (0.5 + 0.25) / 2 = 0.375; the density of U1 + U2 is symmetric about 0.75, so the
  // median is 0.375. For z <= 0.5, P(U1 + U2 <= z) = z² / (2 · 1 · 0.5) = z², so the 5th
  // percentile of U1 + U2 is √0.05 = 0.2236068 and of Y 0.1118034; by symmetry the 95th is
  // 0.75 − 0.1118034 = 0.6381966.
  // Sobol: V1 = Var(U1 / 2) = 1/48, V2 = Var(U2 / 2) = 0.25/48; additive, so S_i = ST_i =
  // V_i / (V1 + V2): S_a = 0.8, S_b = 0.2.
  Loaded loaded = Load(kAdditiveRubric, {kAdditiveScenario});
  SensitivityOptions options;
  options.samples = 20000;
  options.seed = 11;
  options.sobol = true;
  options.bootstrap = 100;
  options.threads = 2;
  auto results = AnalyzeSensitivity(*loaded.model, loaded.pointers(), options);
  const ScenarioSensitivity& r = results[0];
  EXPECT_DOUBLE_EQ(*r.overall.nominal, 0.375);
  // Sampling error of the mean: sd(Y) = √(V1 + V2) = 0.1614; / √20000 = 0.0011.
  EXPECT_NEAR(*r.overall.mean, 0.375, 0.005);
  // Quantiles: sampling sd about 0.002 plus the sketch's 1/1024.
  EXPECT_NEAR(*r.overall.p50, 0.375, 0.01);
  EXPECT_NEAR(*r.overall.p5, 0.1118034, 0.01);
  EXPECT_NEAR(*r.overall.p95, 0.6381966, 0.01);
  // Member a is x1 alone: U(0, 1), p5 = 0.05, p95 = 0.95.
  EXPECT_NEAR(*r.members[0][0].p5, 0.05, 0.01);
  EXPECT_NEAR(*r.members[0][0].p95, 0.95, 0.01);
  ASSERT_EQ(r.sobol.size(), 2u);  // no weights factor with K = 0
  EXPECT_EQ(r.sobol[0].factor, "ratings:a");
  EXPECT_EQ(r.sobol[1].factor, "ratings:b");
  EXPECT_NEAR(*r.sobol[0].first, 0.8, 0.03);
  EXPECT_NEAR(*r.sobol[0].total, 0.8, 0.03);
  EXPECT_NEAR(*r.sobol[1].first, 0.2, 0.03);
  EXPECT_NEAR(*r.sobol[1].total, 0.2, 0.03);
  // The bootstrap intervals hold the estimate and are narrow at this sample size.
  EXPECT_LE(*r.sobol[0].first_low, *r.sobol[0].first);
  EXPECT_GE(*r.sobol[0].first_high, *r.sobol[0].first);
  EXPECT_LT(*r.sobol[0].first_high - *r.sobol[0].first_low, 0.1);
  // Tornado: x1 over [0, 1] moves Y from 0.125 to 0.625 (swing 0.5); x2 over [0, 0.5] from 0.25
  // to 0.5 (swing 0.25); sorted by swing.
  ASSERT_EQ(r.tornado.size(), 2u);
  EXPECT_EQ(r.tornado[0].criterion, 0);
  EXPECT_DOUBLE_EQ(r.tornado[0].low, 0.125);
  EXPECT_DOUBLE_EQ(r.tornado[0].high, 0.625);
  EXPECT_DOUBLE_EQ(r.tornado[0].swing, 0.5);
  EXPECT_DOUBLE_EQ(r.tornado[1].swing, 0.25);
}

TEST(Sensitivity, LevelsAreDrawnUniformlyAndFlagsCounted) {
  // One criterion per layer on the default 0..4 levels scale. x1 rated 2 with range [0, 4]:
  // each level 1/5 likely, so layer a = level / 4 has mean 0.5 and is below the floor 0.4 when
  // the level is 0 or 1: neglected with probability 2/5. Layer b is fixed at 3/4.
  const char* rubric = R"(poise: rubric/1
id: levels
version: "1"
title: Levels
groups:
  - id: layers
    aggregate: arithmetic
    balance: {floor: 0.4}
    members: [{id: a}, {id: b}]
criteria:
  - {id: x1, title: X1, question: Q, loads: {layers: {a: 1}}}
  - {id: x2, title: X2, question: Q, loads: {layers: {b: 1}}}
overall: {group: layers, aggregate: arithmetic}
)";
  const char* scenario = R"(poise: scenario/1
id: s
title: S
rubric: levels
ratings:
  x1: {score: 2, range: [0, 4]}
  x2: 3
)";
  Loaded loaded = Load(rubric, {scenario});
  SensitivityOptions options;
  options.samples = 10000;
  auto r = AnalyzeSensitivity(*loaded.model, loaded.pointers(), options)[0];
  // sd of the level mean: √2 / 4 / √10000 = 0.0035.
  EXPECT_NEAR(*r.members[0][0].mean, 0.5, 0.015);
  EXPECT_EQ(*r.members[0][1].p5, 0.75);  // fixed: exact
  ASSERT_EQ(r.flags.size(), 1u);
  EXPECT_EQ(r.flags[0].code, "neglected");
  EXPECT_EQ(r.flags[0].member, "a");
  EXPECT_NEAR(r.flags[0].probability, 0.4, 0.02);  // sd √(0.24 / 10000) = 0.005
  // Tornado, overall = (x1 / 4 + x2 / 4) / 2. x1 over its range [0, 4] with x2 = 3: from
  // (0 + 0.75) / 2 = 0.375 to (1 + 0.75) / 2 = 0.875, swing 0.5. x2 has no range: one level
  // either way, 2 and 4, with x1 = 2: from (0.5 + 0.5) / 2 = 0.5 to (0.5 + 1) / 2 = 0.75.
  ASSERT_EQ(r.tornado.size(), 2u);
  EXPECT_DOUBLE_EQ(r.tornado[0].swing, 0.5);
  EXPECT_DOUBLE_EQ(r.tornado[1].rating_low, 2);
  EXPECT_DOUBLE_EQ(r.tornado[1].rating_high, 4);
  EXPECT_DOUBLE_EQ(r.tornado[1].low, 0.5);
  EXPECT_DOUBLE_EQ(r.tornado[1].high, 0.75);
}

TEST(Sensitivity, RanksOfADominantScenario) {
  // "high" is better than "low" in every sample (its range lies above): rank 1 always.
  const std::string high = std::string(kAdditiveScenario);
  std::string low = high;
  low.replace(low.find("id: additive"), 12, "id: lower");
  low.replace(low.find("x2: {score: 0.25, range: [0, 0.5]}"), 34, "x2: {score: 0, range: [0, 0]}");
  low.replace(low.find("x1: {score: 0.5, range: [0, 1]}"), 31, "x1: {score: 0, range: [0, 0]}");
  std::string top = high;
  top.replace(top.find("x1: {score: 0.5, range: [0, 1]}"), 31, "x1: {score: 1, range: [1, 1]}");
  Loaded loaded = Load(kAdditiveRubric, {low, top});
  SensitivityOptions options;
  options.samples = 500;
  auto results = AnalyzeSensitivity(*loaded.model, loaded.pointers(), options);
  ASSERT_TRUE(results[0].rank && results[1].rank);
  EXPECT_EQ(results[0].rank->p_first, 0.0);
  EXPECT_EQ(results[0].rank->median, 2);
  EXPECT_EQ(results[1].rank->p_first, 1.0);
  EXPECT_EQ(results[1].rank->p5, 1);
  EXPECT_EQ(results[1].rank->p95, 1);
}

TEST(Sensitivity, TiedScenariosShareTheirRank) {
  // Fixed ratings (no ranges, K = 0): two scenarios at 0.5 and 0.5 (overall 0.5) tie for first in
  // every sample, one at 0.25 (overall 0.25) is third — competition ranking 1, 1, 3 — and the
  // order of the inputs does not matter.
  auto fixed = [](const std::string& id, const std::string& x1, const std::string& x2) {
    return "poise: scenario/1\nid: " + id + "\ntitle: T\nrubric: additive\nratings:\n  x1: " + x1 +
           "\n  x2: " + x2 + "\n";
  };
  Loaded loaded = Load(kAdditiveRubric, {fixed("low", "0.25", "0.25"), fixed("one", "0.5", "0.5"),
                                         fixed("two", "1", "0")});
  SensitivityOptions options;
  options.samples = 40;
  options.threads = 2;
  auto results = AnalyzeSensitivity(*loaded.model, loaded.pointers(), options);
  ASSERT_EQ(results.size(), 3u);
  for (size_t s : {1u, 2u}) {
    ASSERT_TRUE(results[s].rank);
    EXPECT_EQ(results[s].rank->p_first, 1.0) << s;
    EXPECT_EQ(results[s].rank->p5, 1) << s;
    EXPECT_EQ(results[s].rank->p95, 1) << s;
  }
  ASSERT_TRUE(results[0].rank);
  EXPECT_EQ(results[0].rank->p_first, 0.0);
  EXPECT_EQ(results[0].rank->median, 3);
  EXPECT_EQ(results[0].rank->p5, 3);
}

TEST(Random, GammaAndDirichletHaveTheirMoments) {
  // Gamma(a, 1): mean a, variance a. Dirichlet(k · m): mean m_i, variance m_i (1 − m_i) / (k + 1).
  for (double shape : {0.5, 3.0}) {
    Random random(5);
    double sum = 0, squares = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
      const double x = random.Gamma(shape);
      sum += x;
      squares += x * x;
    }
    const double mean = sum / n, variance = squares / n - mean * mean;
    EXPECT_NEAR(mean, shape, 0.02 * shape + 0.01) << shape;
    EXPECT_NEAR(variance, shape, 0.05 * shape + 0.01) << shape;
  }
  Random random(9);
  const std::vector<double> centre = {0.2, 0.3, 0.5, 0};
  const double k = 10;
  std::vector<double> sum(4, 0), squares(4, 0);
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const std::vector<double> x = Dirichlet(random, centre, k);
    for (size_t c = 0; c < 4; ++c) {
      sum[c] += x[c];
      squares[c] += x[c] * x[c];
    }
  }
  for (size_t c = 0; c < 3; ++c) {
    const double mean = sum[c] / n, variance = squares[c] / n - mean * mean;
    EXPECT_NEAR(mean, centre[c], 0.003) << c;
    // 0.2 · 0.8 / 11 = 0.014545; 0.3 · 0.7 / 11 = 0.019091; 0.5 · 0.5 / 11 = 0.022727
    EXPECT_NEAR(variance, centre[c] * (1 - centre[c]) / (k + 1), 0.0008) << c;
  }
  EXPECT_EQ(sum[3], 0.0);  // a zero weight stays zero
}

TEST(Sensitivity, AhpJudgementsMoveOneSaatyStep) {
  // One judgement a:b = 3. A draw moves it to 2, keeps 3 or moves it to 4, each 1/3 likely, so
  // the weight of a is 2/3, 3/4 or 4/5.
  const std::string rubric =
      std::string(kAdditiveRubric)
          .replace(
              std::string(kAdditiveRubric).find("overall: {group: layers, aggregate: arithmetic}"),
              47, "overall: {group: layers, aggregate: arithmetic, weights: {ahp: {a: {b: 3}}}}");
  auto model = testing::CompileText(rubric);
  ASSERT_TRUE(model);
  Random random(3);
  std::map<double, int> seen;
  for (int i = 0; i < 3000; ++i) {
    const Model sampled = DrawWeights(*model, 100, random);
    const double wa = sampled.overall_weights(0);
    double nearest = 2.0 / 3;
    for (double v : {3.0 / 4, 4.0 / 5}) {
      if (std::abs(wa - v) < std::abs(wa - nearest)) nearest = v;
    }
    EXPECT_NEAR(wa, nearest, 1e-9);
    ++seen[nearest];
  }
  ASSERT_EQ(seen.size(), 3u);
  for (const auto& [w, n] : seen) EXPECT_NEAR(n, 1000, 100) << w;  // sd √(3000 · 2/9) = 26
}

TEST(SensitivityCli, SameSeedSameBytesOnAnyThreadCount) {
  const std::string args =
      "sensitivity -f json -n 300 -k 30 --sobol --bootstrap 50 -s 4 scenarios/";
  auto one = testing::RunPoise(args + " -j 1");
  auto three = testing::RunPoise(args + " -j 3");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, three.out);
  const Json j = Json::parse(one.out);
  ASSERT_EQ(j.size(), 8u);
  EXPECT_EQ(j[0]["seed"], 4);
  EXPECT_EQ(j[0]["samples"], 300);
  for (const char* key : {"nominal", "mean", "p5", "p50", "p95"}) {
    EXPECT_TRUE(j[0]["overall"].contains(key)) << key;
    EXPECT_TRUE(j[0]["members"]["layers"]["human"].contains(key)) << key;
  }
  EXPECT_TRUE(j[0]["rank"].contains("p_first"));
  EXPECT_EQ(j[0]["sobol"]["factors"][0]["factor"], "weights");
  // Another seed, other numbers.
  EXPECT_NE(
      testing::RunPoise("sensitivity -f json -n 300 -k 30 -s 5 scenarios/deterrence-only.yaml").out,
      testing::RunPoise("sensitivity -f json -n 300 -k 30 -s 4 scenarios/deterrence-only.yaml")
          .out);
}

TEST(SensitivityCli, ConcentrationMustBeAFiniteNumber) {
  // NaN passes every range comparison; it must be refused, not loop in the Gamma sampler.
  for (const char* k : {"nan", "inf", "-1", "1e10"}) {
    auto run =
        testing::RunPoise(std::string("sensitivity -n 5 -k ") + k + " scenarios/open-doors.yaml");
    EXPECT_EQ(run.exit_code, 1) << k;
    EXPECT_NE(run.err.find("--weight-concentration: K must be a number from 0 to 1e9"),
              std::string::npos)
        << run.err;
  }
}

TEST(SensitivityCli, BadInputIsReportedAndTheRestAnalysed) {
  auto run = testing::RunPoise(
      "sensitivity -f ndjson -n 50 scenarios/open-doors.yaml tests/data/bad/scenario-badutf.yaml");
  EXPECT_EQ(run.exit_code, 2);
  std::istringstream lines(run.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(Json::parse(first)["scenario"], "open-doors");
  EXPECT_TRUE(Json::parse(second).contains("errors"));
  EXPECT_NE(run.err.find("scenario-badutf.yaml:6:15: error:"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace poise
