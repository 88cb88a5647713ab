#include "cli/analysis_output.h"

#include "poise/report.h"

namespace poise::cli {

void WriteAnalysis(std::ostream& out, const std::string& format, const Batch& batch,
                   const std::function<bool(size_t)>& analysed,
                   const std::function<void(size_t, std::ostream&)>& table,
                   const std::function<Json(size_t)>& json) {
  Json all = Json::array();
  for (size_t i = 0; i < batch.files.size(); ++i) {
    if (format == "table") {
      if (i > 0) out << "\n";
      if (analysed(i)) {
        table(i, out);
      } else {
        out << batch.files[i] << "  invalid (see stderr)\n";
      }
      continue;
    }
    Json j;
    if (analysed(i)) {
      j = json(i);
    } else {
      ReportEntry entry;
      entry.file = batch.files[i];
      entry.errors = batch.errors[i];
      j = Json::parse(EntryJson(entry, -1));
    }
    if (format == "ndjson") {
      out << j.dump() << "\n";
    } else {
      all.push_back(std::move(j));
    }
  }
  if (format == "json") out << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
}

}  // namespace poise::cli
