#include "poise/diagnostics.h"

#include <fmt/format.h>

namespace poise {

std::string FormatDiagnostic(const Diagnostic& diagnostic) {
  const int line = diagnostic.mark.line > 0 ? diagnostic.mark.line : 1;
  const int column = diagnostic.mark.column > 0 ? diagnostic.mark.column : 1;
  std::string text =
      fmt::format("{}:{}:{}: error: {}", diagnostic.file, line, column, diagnostic.message);
  if (!diagnostic.hint.empty()) text += fmt::format(" — {}", diagnostic.hint);
  return text;
}

}  // namespace poise
