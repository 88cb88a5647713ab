// Fuzzes the ratings-matrix CSV reader (--from-csv) against the bundled rubric, through both of
// its paths: rows as scenarios (Read) and rows as a matrix (ReadMatrix, the fast CSV output path).
// The two must agree on which rows are valid.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "cli/csv_ratings.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace poise;
  const Model& model = fuzz::BundledModel();
  const std::string text(reinterpret_cast<const char*>(data), size);
  Diagnostics errors;
  auto rows = cli::CsvRatings::Open("fuzz.csv", std::make_unique<std::istringstream>(text), &model,
                                    &errors);
  if (!rows) {
    fuzz::RenderErrors("fuzz.csv", errors);
    return 0;
  }
  std::vector<bool> valid;
  std::vector<cli::LoadedInput> inputs;
  std::vector<std::string> names;
  while (rows->Read(7, &inputs, &names)) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      valid.push_back(inputs[i].scenario != nullptr);
      if (inputs[i].scenario && valid.size() <= 3) {  // rendering is fuzzed by fuzz_scenario
        fuzz::ScoreAndRender(model, *inputs[i].scenario);
      } else {
        fuzz::RenderErrors(names[i], inputs[i].errors);
      }
    }
  }
  auto matrix = cli::CsvRatings::Open("fuzz.csv", std::make_unique<std::istringstream>(text),
                                      &model, &errors);
  if (!matrix) std::abort();  // the header was accepted a moment ago
  Eigen::MatrixXd ratings;
  std::vector<std::string> ids;
  std::vector<Diagnostics> row_errors;
  size_t row = 0;
  while (matrix->ReadMatrix(5, &ratings, &ids, &names, &row_errors)) {
    for (const Diagnostics& e : row_errors) {
      if (row >= valid.size() || valid[row++] != e.empty()) std::abort();
    }
  }
  if (row != valid.size()) std::abort();
  return 0;
}
