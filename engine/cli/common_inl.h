// Template definitions for common.h.
#ifndef POISE_ENGINE_CLI_COMMON_INL_H_
#define POISE_ENGINE_CLI_COMMON_INL_H_

namespace poise::cli {

template <typename WriteFn>
ExitCode WriteOutput(Output& output, WriteFn&& write, std::ostream& err) {
  std::string error;
  if (!output.Open(&error)) {
    err << "poise: error: " << error << '\n';
    return ExitCode::kOutputError;
  }
  write(output.stream());
  if (!output.Commit(&error)) {
    err << "poise: error: " << error << '\n';
    return ExitCode::kOutputError;
  }
  return ExitCode::kOk;
}

}  // namespace poise::cli

#endif  // POISE_ENGINE_CLI_COMMON_INL_H_
