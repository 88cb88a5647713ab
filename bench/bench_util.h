// Shared set-up for the benchmarks: the 40-criterion benchmark rubric, compiled.
#ifndef POISE_BENCH_BENCH_UTIL_H_
#define POISE_BENCH_BENCH_UTIL_H_

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "poise/load.h"
#include "poise/model.h"

namespace poise::bench {

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline const Model& Bench40() {
  static const Model* model = [] {
    Result<Rubric> rubric =
        LoadRubric("bench-40.yaml", ReadAll(POISE_SOURCE_DIR "/bench/bench-40.yaml"));
    if (!rubric.ok()) throw std::runtime_error("bench-40.yaml is invalid");
    Result<Model> compiled =
        CompileModel(std::make_shared<const Rubric>(std::move(rubric).value()));
    return new Model(std::move(compiled).value());
  }();
  return *model;
}

}  // namespace poise::bench

#endif  // POISE_BENCH_BENCH_UTIL_H_
