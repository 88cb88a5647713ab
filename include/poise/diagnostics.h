// Diagnostics: located, human-readable problems with an input, and Result<T>, the value-or-problems
// type every fallible poise function returns. poise never throws for bad input.
#ifndef POISE_POISE_DIAGNOSTICS_H_
#define POISE_POISE_DIAGNOSTICS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace poise {

// A position in a source file. 1-based line and column; 0 means "no position" (the whole file).
struct SourceMark {
  int line = 0;
  int column = 0;
};

// One problem with an input: where it is, what is wrong, and what to do about it.
struct Diagnostic {
  std::string file;     // display name of the file, as the user gave it
  SourceMark mark;      // where in the file; {0, 0} when the problem concerns the whole file
  std::string message;  // what is wrong, one sentence without a trailing period
  std::string hint;     // what to do; may be empty
};

using Diagnostics = std::vector<Diagnostic>;

// Formats `file:line:col: error: message — hint` (the form editors jump to). A missing position
// prints as line 1, column 1 so that every line has the same shape; an empty hint is omitted.
std::string FormatDiagnostic(const Diagnostic& diagnostic);

// Either a value or the diagnostics that prevented it. Never both: a Result with diagnostics has
// no value. Cheap to move.
template <typename T>
class Result {
 public:
  // Implicit on purpose: `return value;` and `return diagnostics;` both make a Result.
  // cppcheck-suppress noExplicitConstructor
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  // cppcheck-suppress noExplicitConstructor
  Result(Diagnostics diagnostics)  // NOLINT(google-explicit-constructor)
      : diagnostics_(std::move(diagnostics)) {}
  // cppcheck-suppress noExplicitConstructor
  Result(Diagnostic diagnostic)  // NOLINT(google-explicit-constructor)
      : diagnostics_{std::move(diagnostic)} {}

  bool ok() const { return value_.has_value(); }
  // REQUIRES: ok().
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  // Empty when ok().
  const Diagnostics& diagnostics() const { return diagnostics_; }
  Diagnostics&& take_diagnostics() && { return std::move(diagnostics_); }

 private:
  std::optional<T> value_;
  Diagnostics diagnostics_;
};

}  // namespace poise

#endif  // POISE_POISE_DIAGNOSTICS_H_
